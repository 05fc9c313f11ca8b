// Is a hand-derived answer equal to ∂F/∂x as a function? Two independent judgements:
//  - symbolic: simplify(answer − derivative) reaching 0 is a proof;
//  - numeric: both evaluated at deterministic random points (several scales, both signs)
//    inside the domain of F and of the answer, compared with a tolerance float64 can meet.
// Equal at every sampled point where both are defined → correct. Otherwise a counterexample,
// and, when the answer holds on part of the domain only, a description of where.
import type { ReadAs } from "./reading.js";
import type { Expr } from "../ast/expr.js";
import { variable } from "../ast/expr.js";
import { evaluate } from "../eval/evaluate.js";
import { accurateForms } from "../ops/accurate.js";
import { exprAlgebra, numberAlgebra } from "../ops/table.js";
import { Tape } from "../diff/reverse/tape.js";
import { DerivationBudgetExceeded, derive, simplify } from "../diff/symbolic/index.js";
import { roundingSensitivity } from "./conditioning.js";
import { describeRegion, type Comparison } from "./region.js";
import { DEFAULT_SCALES, samplePoints, domainStatus, valuesModerate, variablesOfAll } from "./sampling.js";

export interface CheckOptions {
  readonly seed?: number;
  /** Relative tolerance between answer and derivative at a point (default 1e-9). */
  readonly relativeTolerance?: number;
  readonly pointsPerScale?: number;
  readonly scales?: readonly number[];
}

export const DEFAULT_RELATIVE_TOLERANCE = 1e-9;
/** Multiple of the first-order rounding bound (Σ|v|·|adjoint|) always allowed (≈ 450 eps). */
export const ROUNDING_ALLOWANCE = 1e-13;
/** An agreement counts only if the rounding allowance is below this fraction of the values. */
export const INFORMATIVE = 1e-3;
/** Below this, float64 has lost relative precision (subnormals): equal enough. */
export const ABSOLUTE_FLOOR = 1e-300;
/** Derivations larger than this are left to the numeric check. */
const SYMBOLIC_BUDGET = { maxNodesBuilt: 200_000, timeLimitMs: 2_000 };

export type PointRecord = Record<string, number>;

export interface Counterexample {
  readonly point: PointRecord;
  readonly answer: number;
  readonly derivative: number;
}

export interface DerivativeCheck {
  readonly wrt: string;
  readonly answer: Expr;
  /** How the answer was read, when it was written in LaTeX, Unicode or a lecture spelling, or a reading rule fired. */
  readonly readAs?: ReadAs;
  /** One correct form of ∂F/∂wrt (simplified), or undefined if deriving it was too large. */
  readonly derivative: Expr | undefined;
  /** "undecided" only when no sampled point lies inside the expression's domain. */
  readonly verdict: "correct" | "incorrect" | "undecided";
  /** How the verdict was reached. */
  readonly decidedBy: "symbolic" | "numeric";
  /** simplify(answer − derivative); num(0) is a proof of equality. */
  readonly symbolicDifference: Expr | undefined;
  readonly numeric: {
    /** Points inside F's domain where the answer was compared. */
    readonly compared: number;
    readonly agreeing: number;
    /** Points inside F's domain where the answer is undefined (outside its own domain). */
    readonly answerUndefined: number;
    /** Points where both agree only within rounding larger than the values (not counted). */
    readonly inconclusive: number;
    readonly scales: readonly number[];
  };
  readonly counterexample?: Counterexample;
  /** Where the answer holds, when it holds on part of the sampled domain only. */
  readonly region?: string;
  readonly notes: readonly string[];
}

const NICE_VALUES = [1, 2, -1, 0.5, -2, 3, -0.5, 1.5];

/** Simple points first (a counterexample at x = 2 reads better than at x = 0.0731). */
function nicePoints(variables: readonly string[]): Map<string, number>[] {
  if (variables.length === 0) return [new Map()];
  return NICE_VALUES.map((_v, i) => new Map(variables.map((name, j) => [name, NICE_VALUES[(i + j) % NICE_VALUES.length]])));
}

function record(point: ReadonlyMap<string, number>): PointRecord {
  const out = Object.create(null) as PointRecord;
  for (const [k, v] of point) out[k] = v;
  return out;
}

function symbolicForms(f: Expr, wrt: string): { simplified?: Expr; raw?: Expr } {
  try {
    // Tree mode: the derivative as a student writes it (shared mode re-uses adjoints and reads worse).
    const raw = derive(f, wrt, { mode: "tree", simplify: false, budget: SYMBOLIC_BUDGET });
    return { raw, simplified: simplify(raw) };
  } catch (error) {
    if (error instanceof DerivationBudgetExceeded) return {};
    throw error;
  }
}

/** ∂f/∂wrt at a point by the reverse tape (values exact up to rounding). */
function derivativeOnTape(tape: Tape, point: ReadonlyMap<string, number>): number {
  const sweep = tape.forwardAt(point, numberAlgebra);
  const { adjoints } = tape.backward(numberAlgebra, sweep, 0, 1);
  const index = tape.wrtIndex.values().next().value as number;
  return index < 0 ? 0 : adjoints[index];
}

/**
 * A function an answer is compared with: `f` bounds where comparing makes sense (points outside
 * its domain are skipped), `value` is the reference's value at a point, `rounding` its
 * first-order rounding bound there, and `moderate` the expressions whose values must stay moderate.
 */
export interface Reference {
  readonly f: Expr;
  value(point: ReadonlyMap<string, number>): number;
  rounding(point: ReadonlyMap<string, number>): number;
  readonly moderate: readonly Expr[];
}

/** The numeric judgement of an answer against a reference, as functions over sampled points. */
export interface FunctionComparison {
  readonly verdict: "correct" | "incorrect" | "undecided";
  readonly numeric: DerivativeCheck["numeric"];
  readonly counterexample?: Counterexample;
  readonly region?: string;
  readonly notes: readonly string[];
  /** Why nothing decided the verdict (no point compared), when that is so. */
  readonly verdictNote?: string;
}

/**
 * Compares `answer` with `reference` at nice points, then at random ones over `variables`:
 * equal wherever both are defined → correct; else a counterexample and, when the answer holds on
 * part of the domain only, where it holds.
 */
export function compareFunctions(answer: Expr, reference: Reference, variables: readonly string[], options: CheckOptions = {}): FunctionComparison {
  const notes: string[] = [];
  const relTol = options.relativeTolerance ?? DEFAULT_RELATIVE_TOLERANCE;
  const scales = options.scales ?? DEFAULT_SCALES;
  /** Compares at one point: undefined outside F's domain, "undefined" where only the answer is. */
  const judge = (point: Map<string, number>): Comparison | "answer undefined" | "inconclusive" | undefined => {
    if (domainStatus(reference.f, point) !== "inside") return undefined;
    const derivative = reference.value(point);
    if (!Number.isFinite(derivative)) return undefined;
    const answerStatus = domainStatus(answer, point);
    if (answerStatus === "overflow") return undefined;
    if (answerStatus === "outside") return "answer undefined";
    if (!valuesModerate([...reference.moderate, answer], point)) return undefined;
    const answerValue = evaluate(answer, point);
    const rounding = roundingSensitivity(answer, point) + reference.rounding(point);
    const size = Math.max(Math.abs(answerValue), Math.abs(derivative));
    const roundingPart = ROUNDING_ALLOWANCE * rounding;
    const agrees = Math.abs(answerValue - derivative) <= relTol * size + roundingPart + ABSOLUTE_FLOOR;
    // Agreement within a rounding allowance that dwarfs the values themselves says nothing
    // (σ(wx)(1 − σ(wx)) at wx = 40: 1 − σ is all rounding); such points are not counted.
    if (agrees && roundingPart > INFORMATIVE * size) return "inconclusive";
    return { point, answer: answerValue, derivative, agrees };
  };
  const comparisons: Comparison[] = [];
  let answerUndefined = 0;
  let inconclusive = 0;
  let firstUndefined: ReadonlyMap<string, number> | undefined;
  const compareAt = (point: Map<string, number>): boolean => {
    const result = judge(point);
    if (result === undefined) return false;
    if (result === "answer undefined") {
      answerUndefined++;
      firstUndefined ??= point;
    } else if (result === "inconclusive") inconclusive++;
    else comparisons.push(result);
    return true;
  };
  for (const point of nicePoints(variables)) compareAt(point);
  samplePoints(variables, compareAt, { seed: options.seed, scales, pointsPerScale: options.pointsPerScale });

  const agreeing = comparisons.filter((c) => c.agrees).length;
  const numeric = { compared: comparisons.length, agreeing, answerUndefined, inconclusive, scales };
  const firstDiffering = comparisons.find((c) => !c.agrees);
  const counterexample = firstDiffering && {
    point: record(firstDiffering.point),
    answer: firstDiffering.answer,
    derivative: firstDiffering.derivative,
  };
  if (answerUndefined > 0 && firstUndefined !== undefined) {
    const where = [...firstUndefined].map(([k, v]) => `${k} = ${v}`).join(", ");
    notes.push(`the answer is undefined at ${answerUndefined} sampled point(s) where the expression is differentiable (e.g. ${where})`);
  }
  const base = { numeric, counterexample, notes };
  if (comparisons.length === 0 && answerUndefined > 0) {
    return { ...base, verdict: "incorrect", verdictNote: "the answer is undefined at every sampled point where the expression is differentiable" };
  }
  if (comparisons.length === 0) {
    const verdictNote =
      inconclusive > 0
        ? "at every sampled point float64 rounding is larger than the values, so nothing could be compared"
        : "no sampled point lies inside the expression's domain (where it is defined and differentiable), so nothing could be compared";
    return { ...base, verdict: "undecided", verdictNote };
  }
  if (counterexample === undefined) return { ...base, verdict: "correct" };
  const region =
    agreeing > 0
      ? describeRegion(comparisons, variables, (point) => {
          const result = judge(point);
          return typeof result === "object" ? result.agrees : undefined;
        })
      : undefined;
  return { ...base, region, verdict: "incorrect" };
}

/** A reference given as an expression (written out in the variables), evaluated on its accurate form. */
export function expressionReference(expr: Expr, domain: Expr): Reference {
  const [accurate] = accurateForms([expr]);
  return {
    f: domain,
    value: (point) => evaluate(accurate, point),
    rounding: (point) => roundingSensitivity(accurate, point),
    moderate: [domain, expr],
  };
}

export function checkDerivative(f: Expr, wrt: string, answer: Expr, options: CheckOptions = {}): DerivativeCheck {
  const { simplified, raw } = symbolicForms(f, wrt);
  const symbolicDifference =
    simplified === undefined ? undefined : simplify(exprAlgebra.sub(answer, simplified));
  const provedEqual = symbolicDifference !== undefined && symbolicDifference.kind === "num" && symbolicDifference.value === 0;

  const variables = variablesOfAll([f, answer, variable(wrt)]);
  const fVariables = new Set(variablesOfAll([f]));
  const extra = variablesOfAll([answer]).filter((v) => !fVariables.has(v));

  // The reference ∂F/∂wrt is computed on F's accurate form (src/ops/accurate.ts: 1 − σ(a) as
  // σ(−a), log σ(a) as −softplus(−a)), the same function without cancellation: evaluated as
  // written, 1 − σ(a) loses about a/2.3 of its 16 digits (its derivative's value at a = 20 is
  // off by 1e-7 relative), and an exact answer such as −σ(a) would be judged against that error.
  // Its rounding allowance is that of the derivative as this tape computes it (accurate forms
  // of the textbook rules), not of the textbook form, whose cancellation it does not suffer.
  const [accurate] = accurateForms([f]);
  const [referenceDerivative] = raw === undefined ? [undefined] : accurateForms([raw]);
  const tape = Tape.record(accurate, [wrt]);
  const reference: Reference = {
    f,
    value: (point) => derivativeOnTape(tape, point),
    rounding: (point) => (referenceDerivative === undefined ? Math.abs(derivativeOnTape(tape, point)) : roundingSensitivity(referenceDerivative, point)),
    moderate: raw === undefined ? [f] : [f, raw],
  };
  const comparison = compareFunctions(answer, reference, variables, options);
  const notes = [...(extra.length > 0 ? [`the answer uses ${extra.join(", ")}, which the expression does not contain`] : []), ...comparison.notes];
  const base = { wrt, answer, derivative: simplified, symbolicDifference, numeric: comparison.numeric, counterexample: comparison.counterexample, notes };
  if (provedEqual) {
    if (comparison.counterexample !== undefined) notes.push("numeric comparison disagreed at some points although the difference simplifies to 0");
    return { ...base, verdict: "correct", decidedBy: "symbolic" };
  }
  if (comparison.verdictNote !== undefined) notes.push(comparison.verdictNote);
  return { ...base, ...(comparison.region !== undefined && { region: comparison.region }), verdict: comparison.verdict, decidedBy: "numeric" };
}
