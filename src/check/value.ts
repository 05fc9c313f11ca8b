// Numeric homework: "what is dy/dx at x = 2, z = 3?" — a hand-rounded number against the exact
// partial (reverse tape), within a stated relative tolerance.
import type { Expr } from "../ast/expr.js";
import { PointValueError, type Point } from "../eval/evaluate.js";
import { reverseDifferentiator } from "../diff/reverse/differentiator.js";
import type { PointRecord } from "./equivalence.js";

/** Default relative tolerance: a number rounded by hand to about four significant digits. */
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
  /** ∂F/∂wrt at the point (exact up to float64 rounding). */
  readonly exact: number;
  /** |value − exact| / |exact| (Infinity when exact is 0 and value is not). */
  readonly relativeError: number;
  readonly tolerance: number;
  readonly verdict: "correct" | "incorrect" | "undecided";
  readonly notes: readonly string[];
}

function toRecord(point: Point): PointRecord {
  const out = Object.create(null) as PointRecord;
  const entries = point instanceof Map ? [...point] : Object.entries(point);
  for (const [k, v] of entries) out[k] = v;
  return out;
}

/** Checks each (wrt, value) pair at one point with one tape sweep. */
export function checkValues(
  f: Expr,
  point: Point,
  values: readonly { readonly wrt: string; readonly value: number }[],
  tolerance: number = DEFAULT_VALUE_TOLERANCE,
): ValueCheck[] {
  const problem = toleranceProblem(tolerance);
  if (problem !== undefined) throw new RangeError(`tolerance ${String(tolerance)} ${problem}; expected ${ACCEPTED_TOLERANCE}`);
  for (const { wrt, value } of values) if (typeof value !== "number") throw new PointValueError(`the answer for ${wrt}`, value, "a number");
  const result = reverseDifferentiator.gradient(f, point, values.map((v) => v.wrt));
  const notes: string[] = [];
  for (const kink of result.diagnostics.kinks) notes.push(`${kink.expression} is at a non-differentiable point; ${kink.convention}`);
  if (result.diagnostics.nonFinite !== undefined) notes.push(result.diagnostics.nonFinite.message);
  return values.map(({ wrt, value }) => {
    const exact = result.gradient[wrt];
    const difference = Math.abs(value - exact);
    const relativeError = exact === 0 ? (difference === 0 ? 0 : Infinity) : difference / Math.abs(exact);
    const verdict = !Number.isFinite(exact)
      ? "undecided"
      : difference <= tolerance * Math.abs(exact) || difference <= VALUE_ABSOLUTE_FLOOR ? "correct" : "incorrect";
    return { wrt, point: toRecord(point), value, exact, relativeError, tolerance, verdict, notes };
  });
}
