// Identities that evaluate a textbook derivative without cancellation, in one place.
//
// A derivative rule is written once, in its textbook form: tanh' = 1 - tanh(x)^2,
// sigmoid' = sigmoid(x) (1 - sigmoid(x)), asin' = 1/sqrt(1 - x^2). Evaluated as written in
// float64, 1 - f^2 cancels where f is near ±1: tanh'(20) comes out 0, not 1.7e-17. The
// identities below rewrite an expression into one with the same value and no such cancellation:
//   1 - tanh(u)^2 = sech(u)^2       tanh(u)^2 - 1 = -sech(u)^2
//   1 - coth(u)^2 = -csch(u)^2      coth(u)^2 - 1 = csch(u)^2
//   1 - sin(u)^2 = cos(u)^2         1 - cos(u)^2 = sin(u)^2
//   1 - sigmoid(u) = sigmoid(-u)
//   log(sigmoid(u)) = -softplus(-u)  (so log(1 - sigmoid(u)) = -softplus(u))
//   1 - u^2 = (1 - u)(1 + u)        u^2 - 1 = (u - 1)(u + 1)
// (the product forms are exact where u is near ±1, as 1 - u is then exact).
// (log σ(u) is the log-likelihood of logistic regression; σ(u) underflows to 0 for u ≲ -745,
// where its log is -∞ but -softplus(-u) is u.)
// They serve every place that evaluates a rule:
//  - the symbolic method evaluates its derivative through accurateForms, so the derivative it
//    prints keeps its textbook look (z(1 - z), as the lecture writes it);
//  - every computing algebra (numbers, dual numbers, generated code, exact values) gets each
//    op's rule as the accurate form of its textbook form, built once per op (withAccurateRules);
//    an algebra with `textbook: true` (one that builds expressions for people) gets the rule
//    as written;
//  - check evaluates its reference derivative on the accurate form of the function itself, so a
//    student's exact answer is not judged against diffscope's own cancellation.
import { callNode, num, variable, type Expr } from "../ast/expr.js";
import { algebraOfCalls } from "./algebra-of-calls.js";
import { topologicalOrder } from "../ast/walk.js";
import type { Algebra, OpSpec, PartialRule } from "./types.js";

const isNum = (e: Expr, c: number) => e.kind === "num" && e.value === c;

/** u when e is op(u), else undefined. */
function argumentOf(e: Expr, op: string): Expr | undefined {
  return e.kind === "call" && e.op === op ? e.args[0] : undefined;
}

/** u when e is u^2, else undefined. */
function squared(e: Expr): Expr | undefined {
  return e.kind === "call" && e.op === "pow" && isNum(e.args[1], 2) ? e.args[0] : undefined;
}

const square = (e: Expr) => callNode("pow", [e, num(2)]);
const neg = (e: Expr) => callNode("neg", [e]);
/** -e, without a double negation (negation is exact, so -(-u) is u). */
const negated = (e: Expr) => argumentOf(e, "neg") ?? neg(e);

/** For f(u)^2 near 1: 1 - f(u)^2 as a form without cancellation. */
const ONE_MINUS_SQUARE: Readonly<Record<string, (u: Expr) => Expr>> = {
  tanh: (u) => square(callNode("sech", [u])),
  coth: (u) => neg(square(callNode("csch", [u]))),
  sin: (u) => square(callNode("cos", [u])),
  cos: (u) => square(callNode("sin", [u])),
};

/** 1 - w^2 by an identity of the op that made w (tanh, coth, sin, cos); undefined for others. */
function oneMinusSquareIdentity(w: Expr): Expr | undefined {
  if (w.kind !== "call" || w.args.length !== 1) return undefined;
  return ONE_MINUS_SQUARE[w.op]?.(w.args[0]);
}

/** The accurate form of one call whose arguments are already in accurate form; undefined if none. */
function rewriteCall(op: string, args: readonly Expr[]): Expr | undefined {
  if (op === "log") {
    // log(sigmoid(u)) = -softplus(-u)
    const u = argumentOf(args[0], "sigmoid");
    return u === undefined ? undefined : neg(callNode("softplus", [negated(u)]));
  }
  if (op !== "sub") return undefined;
  const [a, b] = args;
  const w = isNum(a, 1) ? squared(b) : isNum(b, 1) ? squared(a) : undefined;
  if (w !== undefined) {
    const form = oneMinusSquareIdentity(w);
    if (isNum(a, 1)) {
      // 1 - w^2
      return form ?? callNode("mul", [callNode("sub", [num(1), w]), callNode("add", [num(1), w])]);
    }
    // w^2 - 1 = -(1 - w^2)
    if (form !== undefined) return form.kind === "call" && form.op === "neg" ? form.args[0] : neg(form);
    return callNode("mul", [callNode("sub", [w, num(1)]), callNode("add", [w, num(1)])]);
  }
  // 1 - sigmoid(u)
  const u = isNum(a, 1) ? argumentOf(b, "sigmoid") : undefined;
  return u === undefined ? undefined : callNode("sigmoid", [negated(u)]);
}

/**
 * The roots rewritten by the identities above, bottom-up over their DAG (each shared
 * sub-expression once). Every node keeps its value; only where a textbook form cancels does
 * its evaluation change, to the accurate value.
 */
export function accurateForms(roots: readonly Expr[]): Expr[] {
  const rewritten = new Map<number, Expr>();
  for (const node of topologicalOrder(roots)) {
    if (node.kind !== "call") {
      rewritten.set(node.id, node);
      continue;
    }
    const args = node.args.map((a) => rewritten.get(a.id) as Expr);
    const same = args.every((a, i) => a === node.args[i]);
    rewritten.set(node.id, rewriteCall(node.op, args) ?? (same ? node : callNode(node.op, args)));
  }
  return roots.map((r) => rewritten.get(r.id) as Expr);
}

/** Builds the textbook form of a rule, node for node as written. */
const templateAlgebra: Algebra<Expr> = algebraOfCalls(num, callNode, true);

/** An op on an algebra: arithmetic by its own method (as the rule wrote it), others by call. */
function applyOp<T>(A: Algebra<T>, op: string, a: readonly T[]): T {
  switch (op) {
    case "add": return A.add(a[0], a[1]);
    case "sub": return A.sub(a[0], a[1]);
    case "mul": return A.mul(a[0], a[1]);
    case "div": return A.div(a[0], a[1]);
    case "neg": return A.neg(a[0]);
    case "pow": return A.pow(a[0], a[1]);
    default: return A.call(op, a);
  }
}

/**
 * A rule's accurate form over its argument placeholders, as a program: the distinct nodes in
 * evaluation order. Undefined when the textbook form has no cancellation to remove.
 */
function accurateTemplate(op: OpSpec, rule: PartialRule): { order: readonly Expr[]; placeholders: readonly Expr[]; out: Expr } | undefined {
  const placeholders = Array.from({ length: op.arity }, (_, i) => variable(`#${i}`));
  const out = callNode(op.name, placeholders);
  const textbook = rule(templateAlgebra, placeholders, out);
  const [accurate] = accurateForms([textbook]);
  if (accurate === textbook) return undefined;
  return { order: topologicalOrder(accurate), placeholders, out };
}

/** Runs a template on an algebra: placeholders are the arguments, the op's own call is `out`. */
function applyTemplate<T>(
  template: { order: readonly Expr[]; placeholders: readonly Expr[]; out: Expr },
  A: Algebra<T>, args: readonly T[], out: T,
): T {
  const values = new Map<number, T>();
  template.placeholders.forEach((p, i) => values.set(p.id, args[i]));
  values.set(template.out.id, out);
  let last = out;
  for (const node of template.order) {
    let value = values.get(node.id);
    if (value === undefined) {
      if (node.kind === "num") value = A.num(node.value);
      else if (node.kind === "var") throw new Error(`internal: stray placeholder ${node.name}`);
      else {
        const a = node.args.map((arg) => values.get(arg.id) as T);
        value = applyOp(A, node.op, a);
      }
      values.set(node.id, value);
    }
    last = value;
  }
  return last;
}

/**
 * The op with each partial rule that cancels replaced by one that gives computing algebras
 * the accurate form and `textbook` algebras the rule as written. Other rules are unchanged.
 */
export function withAccurateRules(op: OpSpec): OpSpec {
  let changed = false;
  const partials = op.partials.map((rule): PartialRule => {
    const template = accurateTemplate(op, rule);
    if (template === undefined) return rule;
    changed = true;
    return (A, args, out) => (A.textbook === true ? rule(A, args, out) : applyTemplate(template, A, args, out));
  });
  return changed ? { ...op, partials } : op;
}
