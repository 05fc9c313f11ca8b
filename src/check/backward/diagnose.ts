// What a wrong line's mistake is: the most specific finding that holds, each tried as an exact
// claim about functions (compared over sampled points, as answers are): the wrong sign; a
// constant multiple; a missing or extra path of the chain rule; a missing or extra factor that
// is one of the program's local derivatives, named in the program's own terms.
import type { Expr } from "../../ast/expr.js";
import { callNode, num, variable } from "../../ast/expr.js";
import { topologicalOrder } from "../../ast/walk.js";
import { evaluate } from "../../eval/evaluate.js";
import { exprAlgebra } from "../../ops/table.js";
import { printExpr } from "../../print/text.js";
import { simplify } from "../../diff/symbolic/simplify.js";
import type { BackwardPass } from "../../trace/adjoints.js";
import type { ForwardProgram } from "../../trace/program.js";
import { compareFunctions, expressionReference, type CheckOptions } from "../equivalence.js";

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

/**
 * The mistake in `answer` (the student's dJ/dq, in the program's names) against the truth, or
 * undefined when none of the known kinds fits.
 */
export function diagnose(quantity: string, answer: Expr, context: DiagnosisContext): string | undefined {
  const { program, pass } = context;
  const truth = pass.adjoints.get(quantity) as Expr;
  const adjoint = `d${program.output}/d${quantity}`;
  if (sameFunction(exprAlgebra.neg(answer), truth, context)) {
    const output = program.definitions[program.definitions.length - 1].formula;
    const logLikelihood = output.kind === "call" && output.op === "neg" && topologicalOrder(output).some((n) => n.kind === "call" && (n.op === "log" || n.op === "softplus"));
    return logLikelihood
      ? `the sign convention of cross-entropy: this is the derivative of the log-likelihood y* log y + (1 - y*) log(1 - y), which the loss negates (the notes drop the minus sign)`
      : `wrong sign: this is -(${adjoint})`;
  }
  const multiple = constantRatio(answer, truth, context);
  if (multiple !== undefined) return `a constant multiple: this is ${multiple} times ${adjoint}`;
  for (const path of pass.paths.get(quantity) ?? []) {
    const through = `the path through ${path.through} (d${program.output}/d${path.through} * d${path.through}/d${quantity})`;
    if ((pass.paths.get(quantity)?.length ?? 0) > 1 && sameFunction(exprAlgebra.add(answer, path.contribution), truth, context)) return `misses ${through}`;
    if (sameFunction(exprAlgebra.sub(answer, path.contribution), truth, context)) return `counts ${through} once too often`;
  }
  for (const { of, wrt, local } of localPartials(pass)) {
    if (isConstant(local)) continue;
    const named = `${shown(local, program)} = d${of}/d${wrt}`;
    if (sameFunction(exprAlgebra.mul(answer, local), truth, context)) return `misses the factor ${named}`;
    if (sameFunction(answer, exprAlgebra.mul(truth, local), context)) return `has an extra factor ${named}`;
  }
  return undefined;
}

/** Every local partial of the program, once each. */
function localPartials(pass: BackwardPass): { of: string; wrt: string; local: Expr }[] {
  const seen = new Set<Expr>();
  const all: { of: string; wrt: string; local: Expr }[] = [];
  for (const [wrt, paths] of pass.paths) {
    for (const { through, local } of paths) {
      if (seen.has(local)) continue;
      seen.add(local);
      all.push({ of: through, wrt, local });
    }
  }
  return all;
}

const isConstant = (expr: Expr): boolean => topologicalOrder(expr).every((n) => n.kind !== "var");

/** c when answer = c · truth for a constant c other than 1 and -1 (read off one point, then checked everywhere). */
function constantRatio(answer: Expr, truth: Expr, context: DiagnosisContext): string | undefined {
  const point = new Map(context.program.inputs.map((name, i) => [name, 0.7 + 0.31 * i]));
  const ratio = evaluate(context.toInputs(answer), point) / evaluate(context.toInputs(truth), point);
  if (!Number.isFinite(ratio) || ratio === 0) return undefined;
  const rounded = Number(ratio.toPrecision(6));
  if (Math.abs(Math.abs(rounded) - 1) < 1e-9) return undefined;
  return sameFunction(answer, exprAlgebra.mul(num(rounded), truth), context) ? String(rounded) : undefined;
}
