// What a wrong line's mistake is: the most specific finding that holds, in the order the issue
// gives: the wrong sign (or, for a negated log-likelihood, the notes' sign convention); a missing
// or extra factor (a local derivative, a quantity, or 1 - a quantity, named in the program's own
// terms); a missing path of the chain rule; a constant multiple; a path counted twice. Each is an exact
// claim about functions, tested on one sampling of the line (src/check/backward/sampled-line.ts).
import type { Expr } from "../../ast/expr.js";
import { callNode, num, variable } from "../../ast/expr.js";
import { topologicalOrder, variablesOf } from "../../ast/walk.js";
import { ALL_OPS, exprAlgebra, getOp } from "../../ops/table.js";
import { printExpr } from "../../print/text.js";
import { simplify } from "../../diff/symbolic/simplify.js";
import type { BackwardPass } from "../../trace/adjoints.js";
import type { ForwardProgram } from "../../trace/program.js";
import { compareFunctions, expressionReference, type CheckOptions } from "../equivalence.js";
import { rounded, sampleLine, type Relation } from "./sampled-line.js";

/** Everything a diagnosis needs about the program, written out in its inputs by `toInputs`. */
export interface DiagnosisContext {
  readonly program: ForwardProgram;
  readonly pass: BackwardPass;
  readonly toInputs: (expr: Expr) => Expr;
  /** The output written out in the inputs: where comparing makes sense. */
  readonly domain: Expr;
  readonly options?: CheckOptions;
}

/** Whether a (in the program's names) equals b (in its names) as functions of the inputs. */
export function sameFunction(a: Expr, b: Expr, context: DiagnosisContext): boolean {
  const reference = expressionReference(context.toInputs(b), context.domain);
  return compareFunctions(context.toInputs(a), reference, context.program.inputs, { ...context.options, pointsPerScale: 6 }).verdict === "correct";
}

/** `expr` with every sub-expression that is a quantity's formula written as the quantity (sigmoid(a) → z). */
export function inProgramTerms(expr: Expr, program: ForwardProgram): Expr {
  const names = new Map(program.definitions.map((d) => [d.formula, d.name]));
  const done = new Map<Expr, Expr>();
  for (const node of topologicalOrder(expr)) {
    const rebuilt = node.kind === "call" ? callNode(node.op, node.args.map((a) => done.get(a) as Expr)) : node;
    const name = names.get(rebuilt);
    done.set(node, name === undefined ? rebuilt : variable(name));
  }
  return done.get(expr) as Expr;
}

const shown = (expr: Expr, program: ForwardProgram): string => printExpr(inProgramTerms(simplify(expr), program));

/** A mistake found in a line: its kind, the factor when it is one (in the program's names), and how the report says it. */
export interface Mistake {
  readonly kind: "wrong sign" | "cross-entropy sign" | "missing factor" | "extra factor" | "missing path" | "doubled path" | "constant multiple";
  readonly factor?: Expr;
  readonly text: string;
}

/**
 * The mistake in `answer` (the student's dJ/dq, in the program's names) against the truth, or
 * undefined when none of the known kinds fits.
 */
export function diagnose(quantity: string, answer: Expr, context: DiagnosisContext): string | undefined {
  return findMistake(quantity, answer, context)?.text;
}

/** A candidate factor: what it is in the program's names, and how it is named (lazily: naming an op's derivative samples). */
interface Factor {
  readonly factor: Expr;
  name(): string;
}

export function findMistake(quantity: string, answer: Expr, context: DiagnosisContext): Mistake | undefined {
  const { program, pass, toInputs } = context;
  const truth = pass.adjoints.get(quantity) as Expr;
  const adjoint = `d${program.output}/d${quantity}`;
  const paths = pass.paths.get(quantity) ?? [];
  const factors = candidateFactors(quantity, program, pass);
  const line = sampleLine(toInputs(answer), toInputs(truth), [...paths.map((p) => toInputs(p.contribution)), ...factors.map((f) => toInputs(f.factor))], context.domain, program.inputs, context.options);
  const factorAt = (k: number): number => paths.length + k;

  if (line.holds((a, t) => [rounded.neg(a), t])) {
    return negatedLogLikelihood(program)
      ? { kind: "cross-entropy sign", text: `the sign convention of cross-entropy: this is the derivative of the log-likelihood y* log y + (1 - y*) log(1 - y), which the loss negates (the notes drop the minus sign)` }
      : { kind: "wrong sign", text: `wrong sign: this is -(${adjoint})` };
  }

  const missing: Relation = (a, t, g) => [rounded.mul(a, g), t];
  const extra: Relation = (a, t, g) => [a, rounded.mul(t, g)];
  // An extra factor the line writes as one (dJ/db * beta_2 * z_2) is named first; the same
  // relation without it there reads as a factor missing from a denominator ((y - y*)/y).
  const written = writtenFactors(answer);
  const extraWritten = factors.findIndex((f, k) => written.numerator.has(f.factor) && line.holds(extra, factorAt(k)));
  if (extraWritten >= 0) return { kind: "extra factor", factor: factors[extraWritten].factor, text: `has an extra factor ${factors[extraWritten].name()}` };
  const missed = factors.findIndex((_f, k) => line.holds(missing, factorAt(k)));
  if (missed >= 0) {
    const { factor, name } = factors[missed];
    if (!written.denominator.has(factor)) return { kind: "missing factor", factor, text: `misses the factor ${name()}` };
    // (y - y*)/(1 - y) for y - y*: the 1 - y it divides by is the mistake.
    return { kind: "extra factor", factor: exprAlgebra.div(num(1), factor), text: `has an extra factor: it divides by ${name()}` };
  }
  const inverse = factors.findIndex((_f, k) => line.holds(extra, factorAt(k)));
  if (inverse >= 0) {
    const { factor, name } = factors[inverse];
    const head = name().split(" = ")[0];
    return { kind: "missing factor", factor: exprAlgebra.div(num(1), factor), text: `misses the factor 1/${/^[\w*]+$/.test(head) ? head : `(${head})`} (a ${name()} in a denominator)` };
  }

  const through = (path: (typeof paths)[number]) => `the path through ${path.through} (d${program.output}/d${path.through} * d${path.through}/d${quantity})`;
  const missedPath = paths.length > 1 ? paths.findIndex((_p, k) => line.holds((a, t, p) => [rounded.add(a, p), t], k)) : -1;
  if (missedPath >= 0) return { kind: "missing path", text: `misses ${through(paths[missedPath])}` };

  const multiple = constantRatio(line.firstRatio);
  if (multiple !== undefined && line.holds((a, t) => [a, rounded.mul(rounded.constant(multiple), t)])) {
    return { kind: "constant multiple", text: `a constant multiple: this is ${multiple} times ${adjoint}` };
  }
  // After the constant multiple: with one path, counting it twice is twice the adjoint.
  const doubled = paths.findIndex((_p, k) => line.holds((a, t, p) => [rounded.sub(a, p), t], k));
  if (doubled >= 0) return { kind: "doubled path", text: `counts ${through(paths[doubled])} once too often` };
  return undefined;
}

/** Whether the loss is the negated log-likelihood (cross-entropy), whose sign the notes drop. */
function negatedLogLikelihood(program: ForwardProgram): boolean {
  const output = program.definitions[program.definitions.length - 1].formula;
  return output.kind === "call" && output.op === "neg" && topologicalOrder(output).some((n) => n.kind === "call" && (n.op === "log" || n.op === "softplus"));
}

/** c when the ratio is a constant other than 1 and -1 (read off one point, checked everywhere by the caller). */
function constantRatio(ratio: number | undefined): number | undefined {
  if (ratio === undefined || !Number.isFinite(ratio) || ratio === 0) return undefined;
  const rounded6 = Number(ratio.toPrecision(6));
  return Math.abs(Math.abs(rounded6) - 1) < 1e-9 ? undefined : rounded6;
}

/**
 * The factors a line for dJ/dq may miss or have too many of, each named once, by its first
 * reading here: q's own chain factors (z_1(1 - z_1) = σ′(a_1) = dz_1/da_1), then each quantity
 * (x_2, not da/dtheta_2, on a line where that local derivative plays no part), then the other
 * local derivatives, then 1 - q for each quantity. Constants are left out: those are a constant multiple.
 */
function candidateFactors(quantity: string, program: ForwardProgram, pass: BackwardPass): Factor[] {
  const factors: Factor[] = [];
  const seen = new Set<Expr>();
  const add = (factor: Expr, name: () => string): void => {
    if (seen.has(factor) || isConstant(factor)) return;
    seen.add(factor);
    factors.push({ factor, name });
  };
  const addLocal = (wrt: string, { through, local }: { through: string; local: Expr }): void =>
    add(local, () => `${localDerivativeForm(program, through, wrt) ?? shown(local, program)} = d${through}/d${wrt}`);
  for (const path of pass.paths.get(quantity) ?? []) addLocal(quantity, path);
  const quantities = [...program.inputs, ...program.definitions.map((d) => d.name).filter((name) => name !== program.output)];
  for (const q of quantities) add(variable(q), () => q);
  for (const [wrt, paths] of pass.paths) for (const path of paths) addLocal(wrt, path);
  for (const q of quantities) add(exprAlgebra.sub(num(1), variable(q)), () => `1 - ${q}`);
  return factors;
}

const isConstant = (expr: Expr): boolean => topologicalOrder(expr).every((n) => n.kind !== "var");

/** The lecture's name for an op's derivative: σ′ for the sigmoid, sin′ for sin. */
const PRIME_NAMES: Readonly<Record<string, string>> = { sigmoid: "σ" };

/**
 * dv/dq as the op table's rule writes it, when v is a one-argument function of q alone (v = 1/(1 + exp(-q))
 * is sigmoid(q), recognised by its values): "z_1*(1 - z_1) = σ′(a_1)", "1 - z^2 = tanh′(a)".
 */
function localDerivativeForm(program: ForwardProgram, v: string, q: string): string | undefined {
  const formula = program.definitions.find((d) => d.name === v)?.formula;
  if (formula === undefined || variablesOf(formula).join() !== q) return undefined;
  const argument = variable(q);
  const op = ALL_OPS.find((spec) => spec.arity === 1 && spec.print.kind === "function" && isOp(formula, spec.name, argument));
  if (op === undefined) return undefined;
  const textbook = getOp(op.name).partials[0](exprAlgebra, [argument], variable(v));
  // Written as a student writes it: z_1(1 - z_1), not z_1*(1 - z_1) (which reads as z_1* in the lecture's y*).
  return `${printExpr(textbook).replace(/([A-Za-z0-9_])\*\(/g, "$1(")} = ${PRIME_NAMES[op.name] ?? op.name}′(${q})`;
}

/** Whether `formula` (of `argument` alone) is op(argument) as a function. */
function isOp(formula: Expr, op: string, argument: Expr): boolean {
  const call = callNode(op, [argument]);
  if (formula === call) return true;
  const line = sampleLine(formula, call, [], formula, [(argument as { name: string }).name]);
  return line.holds((a, t) => [a, t]);
}

/** The factors an expression is written as a product of, over and under its division bars: a*b/(c*d) → a, b over c, d (and the products themselves). */
function writtenFactors(expr: Expr): { numerator: Set<Expr>; denominator: Set<Expr> } {
  const numerator = new Set<Expr>();
  const denominator = new Set<Expr>();
  const visit = (node: Expr, over: boolean): void => {
    (over ? numerator : denominator).add(node);
    if (node.kind !== "call") return;
    if (node.op === "mul") node.args.forEach((a) => visit(a, over));
    else if (node.op === "neg") visit(node.args[0], over);
    else if (node.op === "div") {
      visit(node.args[0], over);
      visit(node.args[1], !over);
    }
  };
  visit(expr, true);
  return { numerator, denominator };
}
