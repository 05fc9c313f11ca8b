// The cross-method agreement property (issue 18): at a point where f is finite, the exact
// methods (symbolic, forward scalar and vector, reverse interpreted and compiled) return the
// same partials, or the shared diagnosis flags the point as one float64 cannot represent.
import fc from "fast-check";
import type { Expr } from "../../src/ast/expr.js";
import { variablesOf } from "../../src/ast/walk.js";
import { prepareCompiledReverse } from "../../src/compile/reverse.js";
import { unreliability } from "../../src/diff/diagnostics.js";
import { forwardDifferentiator } from "../../src/diff/forward.js";
import { prepareReverse } from "../../src/diff/reverse/differentiator.js";
import { symbolicDifferentiator } from "../../src/diff/symbolic/index.js";
import type { GradientResult } from "../../src/diff/types.js";
import { evaluate, type Point } from "../../src/eval/evaluate.js";
import { deriveGradient } from "../../src/diff/symbolic/index.js";
import { agreeWithinRounding, jumpUnsettled, roundingErrorBound } from "../diff/symbolic-rounding.js";
import { exprArbitrary } from "./random-expr.js";

/** Values at which the rule for 0 · ∞ and float64's limits are met, and ordinary ones. */
export const specialValue: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 2, 0.5, -0.5, 3, 1e-310, 1e-160, 800, -800, 40, -40, 710),
  fc.double({ min: -5, max: 5, noNaN: true }),
);

export interface Disagreement {
  readonly text: Expr;
  readonly point: Point;
  readonly variable: string;
  readonly values: Readonly<Record<string, number>>;
}

/** Equal as results: the same number, both NaN, equal infinities, or within rounding. */
function sameResult(a: number, b: number, errorBound: number): boolean {
  if (Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b)) || a === b) return true;
  return Number.isFinite(a) && Number.isFinite(b) && agreeWithinRounding(a, b, errorBound);
}

/** The rounding bound of ∂f/∂v as reverse accumulation and as the simplified formula compute it. */
function derivativeRoundingBound(f: Expr, v: string, point: Point): number {
  const raw = deriveGradient(f, [v], { simplify: false })[v];
  const simplified = deriveGradient(f, [v])[v];
  return Math.max(roundingErrorBound(raw, point), roundingErrorBound(simplified, point));
}

/** Every exact method's gradient of f at the point, by name. */
export function exactGradients(f: Expr, point: Point, wrt: readonly string[]): Map<string, GradientResult> {
  return new Map<string, GradientResult>([
    ["symbolic", symbolicDifferentiator.gradient(f, point, wrt)],
    ["forward", forwardDifferentiator.gradient(f, point, wrt)],
    ["forward (vector)", forwardDifferentiator.gradient(f, point, wrt, { forwardMode: "vector" })],
    ["reverse", prepareReverse(f, wrt).at(point)],
    ["reverse (compiled)", prepareCompiledReverse(f, wrt).at(point)],
  ]);
}

/** The first partial on which the exact methods disagree at an unflagged point, if any. */
export function disagreement(f: Expr, point: Point): Disagreement | undefined {
  const wrt = variablesOf(f);
  // Where rounding sets the side of a jump, the simplified formula may see the other side.
  if (wrt.length === 0 || !Number.isFinite(evaluate(f, point)) || jumpUnsettled(f, point)) return undefined;
  const results = exactGradients(f, point, wrt);
  const all = [...results.values()];
  if (unreliability(all[0].diagnostics, all.flatMap((r) => Object.values(r.gradient))) !== undefined) return undefined;
  if (all.some((r) => r.notes?.some((note) => note.startsWith("unreliable")))) return undefined;
  for (const v of wrt) {
    const first = all[0].gradient[v];
    if (all.every((r) => sameResult(r.gradient[v], first, 0))) continue;
    const bound = derivativeRoundingBound(f, v, point);
    if (all.every((r) => sameResult(r.gradient[v], first, bound))) continue;
    return { text: f, point, variable: v, values: Object.fromEntries([...results].map(([m, r]) => [m, r.gradient[v]])) };
  }
  return undefined;
}

export const agreementCase = fc.tuple(exprArbitrary(), fc.record({ x: specialValue, y: specialValue, z: specialValue }));
