// Matrix-form homework answers: ∂J/∂W written as one matrix expression (in the function's
// names, e.g. `((y - ystar) * y * (1 - y)) * z2`), checked entry by entry. Each entry is an
// ordinary scalar check (symbolic difference and random points) of the lowered answer against
// ∂J/∂W_ij, so the verdicts mean exactly what they mean for scalar answers.
import type { Expr } from "../ast/expr.js";
import { elementName, lower } from "../typed/lower.js";
import type { TypedProgram } from "../typed/program.js";
import { colsOf, describeShape, rowsOf, sameShape, transposeShape, type Shape } from "../typed/shape.js";
import type { TExpr } from "../typed/texpr.js";
import { matrixGradient } from "../typed/derivative.js";
import { MatrixFormError } from "../typed/vjp.js";
import { checkDerivative, type CheckOptions, type DerivativeCheck } from "./equivalence.js";
import { lowerScalar } from "../typed/lower.js";
import { isScalar } from "../typed/shape.js";
import { typedVariablesOf } from "../typed/texpr.js";
import { overall, pairWithVariables, ProblemError, type ProblemSpec, type Verdict } from "./problem.js";

export interface EntryCheck {
  /** 0-based row and column of the entry. */
  readonly row: number;
  readonly col: number;
  /** The scalar variable of the entry, e.g. W_2_1. */
  readonly element: string;
  readonly check: DerivativeCheck;
}

export interface TypedAnswerCheck {
  readonly wrt: string;
  readonly shape: Shape;
  readonly answer: TExpr;
  /** One correct answer in matrix form (matrix-calculus rules), when it could be derived. */
  readonly correct?: TExpr;
  readonly verdict: Verdict;
  /** Why the answer cannot be right whatever its entries: its shape is not the variable's. */
  readonly shapeMismatch?: string;
  readonly entries: readonly EntryCheck[];
  readonly agreeing: number;
  /** The first entry (row-major) that is wrong, or undecided when none is wrong. */
  readonly firstDiffering?: EntryCheck;
}

/** Checks a matrix-form answer for ∂f/∂wrt, where f is the program's scalar result lowered. */
export function checkTypedAnswer(program: TypedProgram, f: Expr, wrt: string, answer: TExpr, options: CheckOptions = {}): TypedAnswerCheck {
  const shape = program.shapes.get(wrt) as Shape;
  const correct = correctForm(program, wrt);
  if (!sameShape(shape, answer.shape)) {
    const transposed = sameShape(transposeShape(shape), answer.shape);
    const shapeMismatch =
      `∂f/∂${wrt} has the shape of ${wrt}, ${describeShape(shape)}; the answer is ${describeShape(answer.shape)}` +
      (transposed ? " — its transpose fits: was it written in numerator layout? diffscope uses denominator layout (the variable's shape)" : "");
    return { wrt, shape, answer, correct, verdict: "incorrect", shapeMismatch, entries: [], agreeing: 0 };
  }
  const elements = lower(answer).elements;
  const entries: EntryCheck[] = [];
  const cols = colsOf(shape);
  for (let row = 0; row < rowsOf(shape); row++) {
    for (let col = 0; col < cols; col++) {
      const element = elementName(wrt, shape, row, col);
      entries.push({ row, col, element, check: checkDerivative(f, element, elements[row * cols + col], options) });
    }
  }
  const agreeing = entries.filter((e) => e.check.verdict === "correct").length;
  const wrong = entries.find((e) => e.check.verdict === "incorrect");
  const undecided = entries.find((e) => e.check.verdict === "undecided");
  const verdict: Verdict = wrong ? "incorrect" : undecided ? "undecided" : "correct";
  return { wrt, shape, answer, correct, verdict, entries, agreeing, firstDiffering: wrong ?? undecided };
}

/** ∂f/∂wrt by matrix-calculus rules; undefined where matrix form does not apply (a literal holding variables). */
function correctForm(program: TypedProgram, wrt: string): TExpr | undefined {
  try {
    return matrixGradient(program.result, [wrt], program.shapes).get(wrt);
  } catch (error) {
    if (error instanceof MatrixFormError) return undefined;
    throw error;
  }
}

export interface TypedProblemReport {
  readonly kind: "typed";
  readonly name?: string;
  readonly program: TypedProgram;
  readonly verdict: Verdict;
  readonly checks: readonly TypedAnswerCheck[];
}

/** How the caller reads typed text (so its errors carry a caret); `context` puts F's names in scope. */
export interface TypedProblemReader {
  program(text: string, what: string, shapes: string | undefined, context?: TypedProgram): TypedProgram;
}

/** A problem whose expression has vectors or matrices: matrix-form answers, checked entry by entry. */
export function runTypedProblem(spec: ProblemSpec, read: TypedProblemReader, options: CheckOptions = {}): TypedProblemReport {
  if ((spec.values ?? []).length > 0 || spec.at !== undefined || spec.tolerance !== undefined) {
    throw new ProblemError("with vectors and matrices, give the answer as an expression; numeric answers (at, value) are for scalar expressions");
  }
  const program = read.program(spec.expression, "expression", spec.shapes);
  if (!isScalar(program.result.shape)) {
    throw new ProblemError(`the expression is ${describeShape(program.result.shape)}; a gradient needs a scalar`, "reduce it to a scalar, e.g. sum(…) or norm2(…)^2");
  }
  const answers = spec.answers ?? [];
  if (answers.length === 0) throw new ProblemError("nothing to check: give an answer", 'e.g. --wrt W --answer "…"');
  const pairs = pairWithVariables(answers, spec.wrt, [...typedVariablesOf(program.result).keys()], "answer");
  for (const { wrt } of pairs) {
    if (!program.shapes.has(wrt)) throw new ProblemError(`${wrt} is not a variable of the expression`, `variables: ${[...program.shapes.keys()].join(", ")}`);
  }
  const f = lowerScalar(program.result);
  const single = pairs.length === 1;
  // Answers are read in the expression's context: its shapes and its named quantities (z, y).
  const checks = pairs.map((p) => checkTypedAnswer(program, f, p.wrt, read.program(p.item, single ? "answer" : `answer for ${p.wrt}`, undefined, program).result, options));
  return { kind: "typed", name: spec.name, program, verdict: overall(checks.map((c) => c.verdict)), checks };
}
