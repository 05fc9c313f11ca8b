// Numeric homework: "what is dy/dx at x = 2, z = 3?" — a hand-rounded number against the exact
// partial (reverse tape). A decimal literal is judged to the precision its digits state
// (figures.ts); a constant expression (pi/4) to the default relative tolerance; an explicit
// tolerance overrides both.
import type { Expr } from "../ast/expr.js";
import { PointValueError, type Point } from "../eval/evaluate.js";
import { reverseDifferentiator } from "../diff/reverse/differentiator.js";
import type { PointRecord } from "./equivalence.js";
import { formatSignificant } from "../util/significant.js";
import { figuresRuleText, roundedTo, statedPrecision, withinStatedPrecision } from "./figures.js";

/** Relative tolerance for an answer written as a constant expression (pi/4), which states no precision. */
export const DEFAULT_VALUE_TOLERANCE = 1e-3;
/** Differences below this are accepted whatever the tolerance (an exact 0 computed as 1e-17). */
export const VALUE_ABSOLUTE_FLOOR = 1e-9;

/** What a relative tolerance may be, in words (for messages). */
export const ACCEPTED_TOLERANCE = "a relative tolerance: a number greater than 0 and less than 1 (e.g. 1e-3)";

/**
 * Why `tolerance` cannot be a relative tolerance, or undefined when it can. A value is judged
 * correct when |value − exact| ≤ tolerance·|exact|; at 1 or more, 0 and −exact would pass.
 */
export function toleranceProblem(tolerance: unknown): string | undefined {
  if (typeof tolerance !== "number" || Number.isNaN(tolerance)) return "is not a number";
  if (!(tolerance > 0)) return "is not greater than 0";
  if (!(tolerance < 1)) return "is not less than 1 (at 1 or more, 0 and the exact value's negative would be judged correct)";
  return undefined;
}

export interface ValueCheck {
  readonly wrt: string;
  readonly point: PointRecord;
  readonly value: number;
  /** The answer as written (a number given without its text is read as its shortest decimal form). */
  readonly text: string;
  /** ∂F/∂wrt at the point (exact up to float64 rounding). */
  readonly exact: number;
  /** |value − exact| / |exact| (Infinity when exact is 0 and value is not). */
  readonly relativeError: number;
  /** "significant figures": the precision the digits state; "tolerance": relative, given or (an expression) the default. */
  readonly rule: "significant figures" | "tolerance";
  /** The relative tolerance when the rule is a tolerance, else null. */
  readonly tolerance: number | null;
  /** With the figures rule: figures written, judged at, half a unit there, the exact value rounded to them. */
  readonly precision: { readonly figures: number; readonly judgedAt: number; readonly halfUnit: number; readonly rounded: string } | null;
  /** The rule applied, in words ("1210 gives 3 significant figures; … : correct"). */
  readonly ruleText: string;
  readonly verdict: "correct" | "incorrect" | "undecided";
  readonly notes: readonly string[];
}

/** A numeric answer: its value and, when known, its text as written (whose digits state its precision). */
export interface WrittenValue {
  readonly wrt: string;
  readonly value: number;
  readonly text?: string;
}

type Judgement = Pick<ValueCheck, "rule" | "tolerance" | "precision" | "ruleText" | "verdict">;

function judge(written: WrittenValue, exact: number, tolerance: number | undefined): Judgement {
  const text = written.text ?? String(written.value);
  const difference = Math.abs(written.value - exact);
  const floor = difference <= VALUE_ABSOLUTE_FLOOR;
  const stated = tolerance === undefined ? statedPrecision(text) : undefined;
  if (stated !== undefined) {
    const precision = { figures: stated.figures, judgedAt: stated.judgedAt, halfUnit: stated.halfUnit, rounded: roundedTo(exact, stated.judgedAt) };
    if (!Number.isFinite(exact)) return { rule: "significant figures", tolerance: null, precision, ruleText: `the exact value is ${exact}: cannot judge`, verdict: "undecided" };
    const within = withinStatedPrecision(stated, exact);
    const correct = within || floor;
    const ruleText = figuresRuleText(stated, exact, formatSignificant(exact, 12), correct) + (correct && !within ? ` (the difference is below ${VALUE_ABSOLUTE_FLOOR}, always accepted)` : "");
    return { rule: "significant figures", tolerance: null, precision, ruleText, verdict: correct ? "correct" : "incorrect" };
  }
  const relative = tolerance ?? DEFAULT_VALUE_TOLERANCE;
  const why = tolerance !== undefined ? "the tolerance given" : `${text} is an expression, exact as written: the default tolerance`;
  if (!Number.isFinite(exact)) return { rule: "tolerance", tolerance: relative, precision: null, ruleText: `the exact value is ${exact}: cannot judge`, verdict: "undecided" };
  const correct = difference <= relative * Math.abs(exact) || floor;
  const ruleText = `within ${relative} relative (${why}; differences below ${VALUE_ABSOLUTE_FLOOR} always accepted): ${correct ? "correct" : "incorrect"}`;
  return { rule: "tolerance", tolerance: relative, precision: null, ruleText, verdict: correct ? "correct" : "incorrect" };
}

function toRecord(point: Point): PointRecord {
  const out = Object.create(null) as PointRecord;
  const entries = point instanceof Map ? [...point] : Object.entries(point);
  for (const [k, v] of entries) out[k] = v;
  return out;
}

/**
 * Checks each (wrt, value) pair at one point with one tape sweep: to the precision each value's
 * digits state, or to `tolerance` (relative) when one is given.
 */
export function checkValues(f: Expr, point: Point, values: readonly WrittenValue[], tolerance?: number): ValueCheck[] {
  const problem = tolerance === undefined ? undefined : toleranceProblem(tolerance);
  if (problem !== undefined) throw new RangeError(`tolerance ${String(tolerance)} ${problem}; expected ${ACCEPTED_TOLERANCE}`);
  for (const { wrt, value } of values) if (typeof value !== "number") throw new PointValueError(`the answer for ${wrt}`, value, "a number");
  const result = reverseDifferentiator.gradient(f, point, values.map((v) => v.wrt));
  const notes: string[] = [];
  for (const kink of result.diagnostics.kinks) notes.push(`${kink.expression} is at a non-differentiable point; ${kink.convention}`);
  if (result.diagnostics.nonFinite !== undefined) notes.push(result.diagnostics.nonFinite.message);
  return values.map((written) => {
    const { wrt, value } = written;
    const exact = result.gradient[wrt];
    const difference = Math.abs(value - exact);
    const relativeError = exact === 0 ? (difference === 0 ? 0 : Infinity) : difference / Math.abs(exact);
    return { wrt, point: toRecord(point), value, text: written.text ?? String(value), exact, relativeError, ...judge(written, exact, tolerance), notes };
  });
}
