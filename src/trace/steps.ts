// A symbolic derivation shown rule by rule, as SymPy Gamma shows it: at each node the rule
// that applies (named after the op and after which arguments depend on x), the rule's general
// form built from the op table's own partials over placeholders (u, f, g, n), what the
// placeholders stand for, the derivations of the arguments, and the simplified result.
// The calculus is the op table's: d op(a1..an) = Σ ∂op/∂ak · d ak; only the names are chosen here.
import { callNode, num, variable, type Expr } from "../ast/expr.js";
import { variablesOf } from "../ast/walk.js";
import { exprAlgebra, getOp } from "../ops/table.js";
import { printBounded } from "../print/text.js";
import { simplify } from "../diff/symbolic/index.js";

export interface DerivationStep {
  /** The expression differentiated here. */
  readonly expression: Expr;
  /** "power rule", "chain rule", "derivative of sin", "constant rule", … */
  readonly rule: string;
  /** The rule's general form, e.g. "d/dx sin(u) = cos(u) * du/dx". */
  readonly statement: string;
  /** What the placeholders of the statement stand for, e.g. [["u", "x^2"]]. */
  readonly substitutions: readonly (readonly [string, string])[];
  /** Derivations of the arguments that depend on x (absent when already derived above). */
  readonly children: readonly DerivationStep[];
  /** The derivative of `expression`, simplified. */
  readonly result: Expr;
  /** True when this sub-expression was derived earlier (a shared sub-expression). */
  readonly derivedAbove: boolean;
}

export interface Derivation {
  readonly wrt: string;
  readonly root: DerivationStep;
  /** The whole derivative, simplified (the symbolic module's simplifier). */
  readonly result: Expr;
}

/** Rule names per op and pattern of x-dependent arguments (labels only; no calculus). */
function ruleName(op: string, varying: readonly boolean[], argumentIsX: boolean): string {
  const both = varying.every(Boolean);
  switch (op) {
    case "add": return "sum rule";
    case "sub": return "difference rule";
    case "neg": return "constant multiple rule (factor −1)";
    case "mul": return both ? "product rule" : "constant multiple rule";
    case "div": return both ? "quotient rule" : varying[0] ? "constant multiple rule (divide by a constant)" : "quotient rule (constant numerator)";
    case "pow": return both ? "general power rule (a^b = exp(b·log a))" : varying[0] ? "power rule" : "exponential rule";
  }
  const spec = getOp(op);
  if (spec.arity === 1) return argumentIsX ? `derivative of ${spec.print.kind === "function" ? spec.print.name : op}` : "chain rule";
  return `chain rule through ${spec.print.kind === "function" ? spec.print.name : op}`;
}

/** Placeholder names: x itself when the argument is x; else u (one varying), f, g (two); constants c, or a, n for powers. */
function placeholders(op: string, args: readonly Expr[], varying: readonly boolean[], x: string, taken: ReadonlySet<string>): string[] {
  const varyingCount = varying.filter(Boolean).length;
  const varyingNames = varyingCount === 1 ? ["u"] : ["f", "g", "h"];
  const constantNames = op === "pow" ? ["a", "n"] : ["c", "k"];
  let v = 0;
  return args.map((arg, i) => {
    // Varying arguments are f, g by position (x * sin(x): g = sin(x)), even when f is x itself.
    const varyingName = varying[i] ? varyingNames[v++] : undefined;
    if (arg.kind === "var" && arg.name === x) return x;
    let name = varyingName ?? constantNames[i] ?? `c${i}`;
    while (taken.has(name)) name += "_";
    return name;
  });
}

/** "coefficient * du/dx" with 1 and −1 folded, for the rule's general form. */
function term(coefficient: Expr, placeholder: string, x: string): string {
  const d = placeholder === x ? "" : `d${placeholder}/d${x}`;
  if (d === "") return printBounded(coefficient);
  if (coefficient.kind === "num" && coefficient.value === 1) return d;
  if (coefficient.kind === "num" && coefficient.value === -1) return `-${d}`;
  const text = printBounded(coefficient);
  return `${coefficient.kind === "call" && ["add", "sub"].includes(coefficient.op) ? `(${text})` : text} * ${d}`;
}

/** Operators get parentheses after d/dx (d/dx (f + g)); function calls read fine without. */
function bracketed(e: Expr): string {
  const text = printBounded(e);
  return e.kind === "call" && getOp(e.op).print.kind !== "function" ? `(${text})` : text;
}

function joinTerms(terms: readonly string[]): string {
  return terms.reduce((acc, t, i) => (i === 0 ? t : t.startsWith("-") ? `${acc} - ${t.slice(1)}` : `${acc} + ${t}`), "");
}

export function deriveSteps(f: Expr, x: string): Derivation {
  const taken = new Set(variablesOf(f));
  const memo = new Map<number, DerivationStep>();
  const dependsOnX = (e: Expr): boolean => variablesOf(e).includes(x);

  const step = (e: Expr): DerivationStep => {
    const seen = memo.get(e.id);
    if (seen !== undefined) return { ...seen, children: [], derivedAbove: true };
    let result: DerivationStep;
    if (e.kind === "var" && e.name === x) {
      result = { expression: e, rule: "d/dx x = 1", statement: `d/d${x} ${x} = 1`, substitutions: [], children: [], result: num(1), derivedAbove: false };
    } else if (e.kind !== "call" || !dependsOnX(e)) {
      result = { expression: e, rule: "constant rule", statement: `d/d${x} c = 0`, substitutions: [["c", printBounded(e)]], children: [], result: num(0), derivedAbove: false };
    } else {
      const op = getOp(e.op);
      const varying = e.args.map(dependsOnX);
      const names = placeholders(e.op, e.args, varying, x, taken);
      const phArgs = names.map((n) => variable(n));
      const phOut = callNode(e.op, phArgs);
      const statementTerms: string[] = [];
      const children: DerivationStep[] = [];
      let derivative: Expr | undefined;
      e.args.forEach((arg, k) => {
        if (!varying[k]) return;
        statementTerms.push(term(simplify(op.partials[k](exprAlgebra, phArgs, phOut)), names[k], x));
        const child = step(arg);
        if (!(arg.kind === "var" && arg.name === x)) children.push(child);
        const contribution = exprAlgebra.mul(op.partials[k](exprAlgebra, e.args, e), child.result);
        derivative = derivative === undefined ? contribution : exprAlgebra.add(derivative, contribution);
      });
      const substitutions = e.args
        .map((arg, k) => [names[k], printBounded(arg)] as const)
        .filter(([name]) => name !== x);
      result = {
        expression: e,
        rule: ruleName(e.op, varying, e.args.length === 1 && e.args[0].kind === "var" && e.args[0].name === x),
        statement: `d/d${x} ${bracketed(phOut)} = ${joinTerms(statementTerms)}`,
        substitutions,
        children,
        result: simplify(derivative ?? num(0)),
        derivedAbove: false,
      };
    }
    memo.set(e.id, result);
    return result;
  };
  const root = step(f);
  return { wrt: x, root, result: root.result };
}
