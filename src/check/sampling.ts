// Deterministic sample points for comparing two functions: several scales, both signs, and
// only points where every sub-expression of every given expression is inside its op's domain.
import type { Expr } from "../ast/expr.js";
import { topologicalOrder, variablesOf } from "../ast/walk.js";
import { evaluateAll, type Point } from "../eval/evaluate.js";
import { getOp } from "../ops/table.js";
import { mulberry32 } from "../util/prng.js";

/**
 * Where `point` lies for `expr`: "inside" when every call's arguments are inside its op's
 * domain and every value is finite; "outside" when some argument leaves a domain (the
 * expression is undefined or not differentiable there); "overflow" when all arguments are
 * in their domains but a value is not finite (e.g. exp(800)): a limit of float64, not of math.
 */
export type DomainStatus = "inside" | "outside" | "overflow";

export function domainStatus(expr: Expr, point: Point): DomainStatus {
  const values = evaluateAll(expr, point);
  let overflow = false;
  for (const node of topologicalOrder(expr)) {
    if (node.kind === "call") {
      const args = node.args.map((a) => values.get(a.id) as number);
      const domain = getOp(node.op).domain;
      if (args.every(Number.isFinite) && domain !== undefined && !domain(args)) return "outside";
    }
    if (!Number.isFinite(values.get(node.id) as number)) overflow = true;
  }
  return overflow ? "overflow" : "inside";
}

/** Largest magnitude, and smallest nonzero magnitude, a sample point may produce anywhere. */
export const MODERATE_MAGNITUDE = 1e100;

/**
 * Whether every value of `exprs` at `point` is moderate (0, or within 1e-100..1e100) and no
 * value underflowed to 0: far from float64's overflow and underflow, where a correct formula
 * can come out as 0 or ∞ by accident (1/(1+exp(681))^2 is 0 in float64; sigmoid(-5000) is 0).
 */
export function valuesModerate(exprs: readonly Expr[], point: Point): boolean {
  const values = evaluateAll(exprs, point);
  for (const node of topologicalOrder(exprs)) {
    const value = values.get(node.id) as number;
    const size = Math.abs(value);
    if (size > MODERATE_MAGNITUDE || (size !== 0 && size < 1 / MODERATE_MAGNITUDE)) return false;
    if (value === 0 && node.kind === "call" && underflowed(node.op, node.args.map((a) => values.get(a.id) as number))) return false;
  }
  return true;
}

/**
 * An exact 0 from nonzero arguments: underflow, unless the op is a sum (x - x is exactly 0) or
 * piecewise (relu and heaviside are 0 on a half-line; these are the ops with kinks).
 */
function underflowed(op: string, args: readonly number[]): boolean {
  if (op === "add" || op === "sub" || getOp(op).nonDifferentiableAt !== undefined) return false;
  return args.length > 0 && args.every((a) => a !== 0);
}

export interface SamplingOptions {
  readonly seed?: number;
  /** Magnitudes are drawn log-uniformly in [scale/10, scale] for each scale. */
  readonly scales?: readonly number[];
  /** Points wanted per scale (where the filter accepts them). */
  readonly pointsPerScale?: number;
  /** Draws tried per scale before giving up on that scale. */
  readonly attemptsPerScale?: number;
}

export const DEFAULT_SCALES: readonly number[] = [0.1, 1, 10, 100, 1000];

/**
 * Random points over `variables` (each of either sign, log-uniform magnitude at each scale)
 * that `accept` keeps. Deterministic for a given seed.
 */
export function samplePoints(
  variables: readonly string[],
  accept: (point: Map<string, number>) => boolean,
  options: SamplingOptions = {},
): Map<string, number>[] {
  const random = mulberry32(options.seed ?? 20240917);
  const perScale = options.pointsPerScale ?? 12;
  const attempts = options.attemptsPerScale ?? 80;
  const points: Map<string, number>[] = [];
  if (variables.length === 0) {
    const only = new Map<string, number>();
    return accept(only) ? [only] : [];
  }
  for (const scale of options.scales ?? DEFAULT_SCALES) {
    let found = 0;
    for (let tries = 0; tries < attempts && found < perScale; tries++) {
      const point = new Map<string, number>();
      for (const name of variables) {
        // Three significant digits: a counterexample prints exactly and can be typed back in.
        const magnitude = Number((scale * Math.pow(10, -random())).toPrecision(3));
        point.set(name, random() < 0.5 ? -magnitude : magnitude);
      }
      if (accept(point)) {
        points.push(point);
        found++;
      }
    }
  }
  return points;
}

/** Variables of several expressions, in first-seen order, without repeats. */
export function variablesOfAll(exprs: readonly Expr[]): string[] {
  return [...new Set(exprs.flatMap((e) => variablesOf(e)))];
}
