// Matrix-form homework answers: ∂J/∂W written as one matrix expression (in the function's
// names, e.g. `((y - ystar) * y * (1 - y)) * z2`), checked entry by entry. Each entry is an
// ordinary scalar check (symbolic difference and random points) of the lowered answer against
// ∂J/∂W_ij, so the verdicts mean exactly what they mean for scalar answers.
import { readAs, type ReadAs } from "./reading.js";
import type { Expr } from "../ast/expr.js";
import { dagSize } from "../ast/walk.js";
import { Progress, requireWithin } from "../util/budget.js";
import { matrixGradient } from "../typed/derivative.js";
import { shapesWithValues } from "../typed/implied.js";
import { elementName, elementNames, lower, lowerScalar } from "../typed/lower.js";
import type { TypedProgram } from "../typed/program.js";
import { colsOf, describeShape, isScalar, rowsOf, sameShape, transposeShape, type Shape } from "../typed/shape.js";
import { typedVariablesOf, type TExpr } from "../typed/texpr.js";
import { entriesOf, flattenPoint, reshape, ValueShapeError, type TypedValue } from "../typed/values.js";
import { MatrixFormError } from "../typed/vjp.js";
import { checkDerivative, type CheckOptions, type DerivativeCheck } from "./equivalence.js";
import { isWrittenNumber, overall, pairWithVariables, ProblemError, writtenValue, type AnswerValue, type NamedTexts, type ProblemSpec, type Verdict } from "./problem.js";
import { checkValues, type ValueCheck } from "./value.js";

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
  /** How the answer was read, when it was written in LaTeX, Unicode or a lecture spelling, or a reading rule fired. */
  readonly readAs?: ReadAs;
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

/**
 * Most entries × nodes of f one answer's check may take: each entry is a symbolic check against
 * f (a derivative, a simplification, random points), measured at ~0.2 ms per pair on this
 * project's 2-core machine (x: R^100; sum(sigmoid(x)) takes ~6 s), so this is about 20 s.
 */
export const MAX_ENTRY_CHECK_WORK = 100_000;

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
  const count = rowsOf(shape) * colsOf(shape);
  requireWithin(`checking ∂f/∂${wrt} entry by entry (${count} entries, each against f's ${dagSize(f)} scalar nodes)`, count * dagSize(f), MAX_ENTRY_CHECK_WORK, "entry × node pairs", "check fewer entries: smaller vectors and matrices, or numbers at a point with --value");
  const progress = new Progress(`checking ∂f/∂${wrt} (entries)`, count, 1);
  const elements = lower(answer).elements;
  const entries: EntryCheck[] = [];
  const cols = colsOf(shape);
  for (let row = 0; row < rowsOf(shape); row++) {
    for (let col = 0; col < cols; col++) {
      const element = elementName(wrt, shape, row, col);
      entries.push({ row, col, element, check: checkDerivative(f, element, elements[row * cols + col], options) });
      progress.tick(entries.length);
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

/** A numeric answer for a vector or matrix variable at a point, entry by entry. */
export interface TypedValueCheck {
  readonly wrt: string;
  readonly shape: Shape;
  readonly value: TypedValue;
  /** ∂f/∂wrt at the point, shaped like the variable. */
  readonly exact: TypedValue;
  /** The relative tolerance given, or null: each entry to the precision its digits state. */
  readonly tolerance: number | null;
  readonly verdict: Verdict;
  readonly entries: readonly ValueCheck[];
  readonly agreeing: number;
  readonly firstDiffering?: ValueCheck;
  readonly notes: readonly string[];
}

export interface TypedProblemReport {
  readonly kind: "typed";
  readonly name?: string;
  readonly program: TypedProgram;
  readonly verdict: Verdict;
  readonly checks: readonly TypedAnswerCheck[];
  /** Numeric answers (instead of expressions), with the point they are at. */
  readonly valueChecks?: readonly TypedValueCheck[];
  readonly at?: ReadonlyMap<string, TypedValue>;
}

/** How the caller reads typed text (so its errors carry a caret); `context` puts F's names in scope. */
export interface TypedProblemReader {
  program(text: string, what: string, shapes: ReadonlyMap<string, Shape>, context?: TypedProgram): TypedProgram;
  /** "x=3,W=2x3" (or none) as shapes. */
  shapes(text: string | NamedTexts | undefined): Map<string, Shape>;
  /** "x=[1,2,3],W=[1,2;3,4]" as values. */
  point(at: string | NamedTexts): ReadonlyMap<string, TypedValue>;
  /** The numeric answer for `wrt` written as a constant expression (pi/4): its value (without it, only decimal literals are read). */
  number?(text: string, wrt: string): number;
}

/** A numeric answer that cannot be ∂f/∂wrt whatever its numbers: incorrect, with why. */
function shapeMismatch(wrt: string, shape: Shape, value: TypedValue, tolerance: number | null, why: string): TypedValueCheck {
  return { wrt, shape, value, exact: NaN, tolerance, verdict: "incorrect", entries: [], agreeing: 0, notes: [why] };
}

function impliedShapes(text: string, declared: Map<string, Shape>, at: ReadonlyMap<string, TypedValue>): Map<string, Shape> {
  try {
    return shapesWithValues(text, declared, at);
  } catch (error) {
    if (error instanceof ValueShapeError) throw new ProblemError(error.message);
    throw error;
  }
}

/**
 * Numeric answers for typed variables at one point: each entry to the precision its digits state
 * (a vector's or matrix's entries as their shortest decimal forms), or within `tolerance`.
 */
function checkTypedValues(program: TypedProgram, f: Expr, at: ReadonlyMap<string, TypedValue>, pairs: readonly { wrt: string; item: AnswerValue }[], tolerance: number | undefined, evaluate: TypedProblemReader["number"]): TypedValueCheck[] {
  const missing = [...typedVariablesOf(program.result).keys()].filter((name) => !at.has(name));
  if (missing.length > 0) throw new ProblemError(`the point gives no value for ${missing.join(", ")}`, "e.g. --at x=[1,2,3],W=[1,2;3,4]");
  let point: Map<string, number>;
  const shapeError = (error: unknown): never => {
    if (error instanceof ValueShapeError) throw new ProblemError(error.message);
    throw error;
  };
  try {
    point = flattenPoint(program.shapes, at);
  } catch (error) {
    return shapeError(error);
  }
  return pairs.map((pair) => {
    const { wrt } = pair;
    const written = isWrittenNumber(pair.item) ? writtenValue(wrt, pair.item, evaluate) : undefined;
    const item: TypedValue = written?.value ?? (pair.item as TypedValue);
    const shape = program.shapes.get(wrt) as Shape;
    let answer: number[];
    try {
      answer = entriesOf(item, shape, `∂f/∂${wrt}`, "the answer");
    } catch (error) {
      if (!(error instanceof ValueShapeError)) throw error;
      return shapeMismatch(wrt, shape, item, tolerance ?? null, error.message);
    }
    const entries = checkValues(f, point, elementNames(wrt, shape).map((element, k) => ({ wrt: element, value: answer[k], text: written?.text })), tolerance);
    const byElement = new Map(entries.map((e) => [e.wrt, e]));
    const wrong = entries.find((e) => e.verdict === "incorrect");
    const undecided = entries.find((e) => e.verdict === "undecided");
    return {
      wrt, shape, value: item, tolerance: tolerance ?? null, entries,
      exact: reshape(wrt, shape, (element) => (byElement.get(element) as ValueCheck).exact),
      verdict: wrong ? "incorrect" : undecided ? "undecided" : "correct",
      agreeing: entries.filter((e) => e.verdict === "correct").length,
      firstDiffering: wrong ?? undecided,
      notes: entries[0]?.notes ?? [],
    };
  });
}


/** A problem whose expression has vectors or matrices: matrix-form answers, checked entry by entry. */
export function runTypedProblem(spec: ProblemSpec, read: TypedProblemReader, options: CheckOptions = {}): TypedProblemReport {
  const at = spec.at === undefined ? undefined : read.point(spec.at);
  // Shapes: declared (--shape, a header), else implied by the values at the point.
  const shapes = impliedShapes(spec.expression, read.shapes(spec.shapes), at ?? new Map());
  const program = read.program(spec.expression, "expression", shapes);
  if (!isScalar(program.result.shape)) {
    throw new ProblemError(`the expression is ${describeShape(program.result.shape)}; a gradient needs a scalar`, "reduce it to a scalar, e.g. sum(…) or norm2(…)^2");
  }
  const answers = spec.answers ?? [];
  const values = spec.values ?? [];
  if (answers.length > 0 && values.length > 0) throw new ProblemError("give either answers (expressions) or values (numbers at a point), not both");
  if (values.length > 0) {
    if (at === undefined) throw new ProblemError("a numeric answer needs the point it is at", "e.g. --at x=[1,2,3],W=[1,2;3,4] --value W=[…]");
    const pairs = pairWithVariables(values, spec.wrt, [...typedVariablesOf(program.result).keys()], "value");
    for (const { wrt } of pairs) {
      if (!program.shapes.has(wrt)) throw new ProblemError(`${wrt} is not a variable of the expression`, `variables: ${[...program.shapes.keys()].join(", ")}`);
    }
    const valueChecks = checkTypedValues(program, lowerScalar(program.result), at, pairs, spec.tolerance, read.number);
    return { kind: "typed", name: spec.name, program, verdict: overall(valueChecks.map((c) => c.verdict)), checks: [], valueChecks, at };
  }
  if (spec.at !== undefined || spec.tolerance !== undefined) {
    throw new ProblemError("a point (at) and a tolerance go with numeric answers (values); an answer expression is checked as a function, everywhere");
  }
  if (answers.length === 0) throw new ProblemError("nothing to check: give an answer", 'e.g. --wrt W --answer "…"');
  const pairs = pairWithVariables(answers, spec.wrt, [...typedVariablesOf(program.result).keys()], "answer");
  for (const { wrt } of pairs) {
    if (!program.shapes.has(wrt)) throw new ProblemError(`${wrt} is not a variable of the expression`, `variables: ${[...program.shapes.keys()].join(", ")}`);
  }
  const f = lowerScalar(program.result);
  const single = pairs.length === 1;
  // Answers are read in the expression's context: its shapes and its named quantities (z, y).
  const checks = pairs.map((p) => {
    const answer = read.program(p.item, single ? "answer" : `answer for ${p.wrt}`, new Map(), program);
    const howRead = readAs(p.item, { notes: answer.readingNotes ?? [], usedNotation: answer.usedNotation ?? false });
    return { ...checkTypedAnswer(program, f, p.wrt, answer.result, options), ...(howRead !== undefined && { readAs: howRead }) };
  });
  return { kind: "typed", name: spec.name, program, verdict: overall(checks.map((c) => c.verdict)), checks };
}
