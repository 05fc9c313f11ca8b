// Symbolic differentiation from the op table, two ways:
//  - tree: the textbook recursion d(f(g)) = f'(g)·d(g), without memoization, so a shared
//    sub-expression is differentiated again wherever it occurs (cost grows with the tree);
//  - shared: reverse accumulation of adjoint expressions on the hash-consed DAG, one sweep
//    for the whole gradient, every sub-expression re-used (cost grows like the reverse tape;
//    Laue, "On the equivalence of automatic and symbolic differentiation").
// Both are iterative, so deep expressions do not overflow the call stack.
import type { Expr } from "../../ast/expr.js";
import { topologicalOrder } from "../../ast/walk.js";
import { isStructurallyConstant } from "../../ops/exact-zero.js";
import { getOp } from "../../ops/table.js";
import type { Algebra } from "../../ops/types.js";
import { counterFor, type DerivationBudget, type NodeCounter } from "./budget.js";
import { countingAlgebra } from "./light-algebra.js";
import { isZero } from "./numbers.js";

export type SymbolicMode = "tree" | "shared";

/** Derivative expressions per variable (null prototype: any variable name is a plain key). */
export type DerivativeExprs = Record<string, Expr>;

export interface RawGradient {
  readonly derivatives: DerivativeExprs;
  /** Algebra calls made while deriving (the work; tree mode shows swell here). */
  readonly nodesBuilt: number;
}

/**
 * ∂f/∂v for each v in wrt, unsimplified, with the number of nodes built. Throws
 * DerivationBudgetExceeded when the budget runs out.
 */
export function rawGradient(f: Expr, wrt: readonly string[], mode: SymbolicMode, budget?: DerivationBudget | NodeCounter): RawGradient {
  const counter = counterFor(budget);
  const before = counter.nodesBuilt;
  const A = countingAlgebra(counter);
  const derivatives = Object.create(null) as DerivativeExprs;
  if (mode === "shared") {
    const adjoints = sharedAdjoints(f, new Set(wrt), A);
    for (const v of wrt) derivatives[v] = adjoints.get(v) ?? A.num(0);
  } else {
    for (const v of wrt) derivatives[v] = treeDerivative(f, v, A);
  }
  return { derivatives, nodesBuilt: counter.nodesBuilt - before };
}

/** d(node)/d(arg) summed over arguments, skipping those whose derivative is literally 0. */
function chainRule(node: Expr, argDerivatives: readonly Expr[], A: Algebra<Expr>): Expr {
  if (node.kind !== "call") throw new Error("internal: chain rule on a leaf");
  if (isStructurallyConstant(node)) return A.num(0); // u − u, u / u
  const op = getOp(node.op);
  let total: Expr | undefined;
  argDerivatives.forEach((dArg, i) => {
    if (isZero(dArg)) return;
    const term = A.mul(op.partials[i](A, node.args, node), dArg);
    total = total === undefined ? term : A.add(total, term);
  });
  return total ?? A.num(0);
}

interface TreeFrame {
  readonly node: Expr;
  readonly argDerivatives: Expr[];
}

/** The textbook recursion d(node) = Σ ∂node/∂arg · d(arg), run on an explicit stack. */
function treeDerivative(f: Expr, x: string, A: Algebra<Expr>): Expr {
  const stack: TreeFrame[] = [{ node: f, argDerivatives: [] }];
  let result: Expr = A.num(0);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    const { node, argDerivatives } = frame;
    if (node.kind === "call" && argDerivatives.length < node.args.length) {
      // No memo: a sub-expression met twice is differentiated twice, as by hand.
      stack.push({ node: node.args[argDerivatives.length], argDerivatives: [] });
      continue;
    }
    stack.pop();
    const d =
      node.kind === "num" ? A.num(0)
      : node.kind === "var" ? A.num(node.name === x ? 1 : 0)
      : chainRule(node, argDerivatives, A);
    if (stack.length > 0) stack[stack.length - 1].argDerivatives.push(d);
    else result = d;
  }
  return result;
}

/**
 * Reverse accumulation: adj(f) = 1; for each node in reverse topological order,
 * adj(arg_i) += adj(node) · ∂node/∂arg_i. Only arguments that depend on a variable of `wrt`
 * get an adjoint, so ∂(x^n)/∂n is never built for a constant n. Returns adj(v) by name.
 */
function sharedAdjoints(f: Expr, wrt: ReadonlySet<string>, A: Algebra<Expr>): Map<string, Expr> {
  const order = topologicalOrder(f);
  const active = new Set<number>();
  for (const node of order) {
    const dependsOnWrt =
      node.kind === "var" ? wrt.has(node.name)
      : node.kind === "call" && !isStructurallyConstant(node) && node.args.some((a) => active.has(a.id));
    if (dependsOnWrt) active.add(node.id);
  }
  const adjoints = new Map<number, Expr>();
  if (active.has(f.id)) adjoints.set(f.id, A.num(1));
  const byName = new Map<string, Expr>();
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i];
    const adjoint = adjoints.get(node.id);
    if (adjoint === undefined || isZero(adjoint)) continue;
    if (node.kind === "var") {
      byName.set(node.name, adjoint);
      continue;
    }
    if (node.kind !== "call") continue;
    const op = getOp(node.op);
    node.args.forEach((arg, j) => {
      if (!active.has(arg.id)) return;
      const partial = op.partials[j](A, node.args, node);
      if (isZero(partial)) return;
      const contribution = A.mul(adjoint, partial);
      const previous = adjoints.get(arg.id);
      adjoints.set(arg.id, previous === undefined ? contribution : A.add(previous, contribution));
    });
  }
  return byName;
}
