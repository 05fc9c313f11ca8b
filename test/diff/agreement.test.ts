// Issue 18: one rule for 0 · ∞ (src/ops/exact-zero.ts), followed by every exact method.
// Property: at random and special points where f is finite, symbolic, forward (scalar and
// vector) and reverse (interpreted and compiled) return the same partials within rounding, or
// the shared diagnosis flags the point as one float64 cannot represent. Plus the repros.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { unreliability } from "../../src/diff/diagnostics.js";
import { finiteDifferenceDifferentiator } from "../../src/diff/finite-difference.js";
import { parse } from "../../src/parse/parse.js";
import { agreementCase, disagreement, exactGradients } from "../support/agreement.js";

const gradientsOf = (text: string, point: Record<string, number>) =>
  [...exactGradients(parse(text), point, Object.keys(point))].map(([method, r]) => ({ method, r }));

describe("the exact methods follow one rule for 0 · ∞", () => {
  it("property: over 1,500 random expressions at random and special points, the exact methods agree or the point is flagged", () => {
    fc.assert(fc.property(agreementCase, ([f, point]) => disagreement(f, point) === undefined), { numRuns: 1_500 });
  });

  it.each([
    ["sqrt(sin(0)*x)", { x: 1 }, { x: 0 }, "sin of an exact 0 is an exact 0, which cuts sqrt'(0) = ∞"],
    ["sqrt(x - x)", { x: 1 }, { x: 0 }, "x − x is a structural constant: no path runs through it"],
    ["x^(x/x)", { x: -0.8 }, { x: 1 }, "x / x is a structural constant (1), so f = x^1 has derivative 1"],
    ["x^y", { x: 0, y: 2 }, { x: 0, y: 0 }, "zero base: d(0^y)/dy = 0 for y > 0 (PyTorch, JAX)"],
    ["x^y", { x: 0, y: 0 }, { x: 0, y: -Infinity }, "d(x^0)/dx = 0 at x = 0 (PyTorch, JAX); d/dy at (0, 0) is the one-sided −∞ (PyTorch and JAX give 0)"],
    ["0^(x^2 + 1)", { x: 0.5 }, { x: 0 }, "0^(f(x)) with f > 0 is 0 everywhere"],
    ["x*sqrt(x)", { x: 0 }, { x: 0 }, "a point value 0 is exact and cuts sqrt'(0) = ∞"],
  ] as const)("%s at %j: every exact method gives %j (%s)", (text, point, expected, _why) => {
    for (const { method, r } of gradientsOf(text, point)) {
      // === so that a cut product's signed zero (−0 from 0 · −∞) equals 0
      for (const [v, e] of Object.entries(expected)) expect(r.gradient[v] === e, `${method} d/d${v} is ${r.gradient[v]}`).toBe(true);
    }
  });

  it("a zero that rounding made does not cut: log(1 + exp(x)) at 800 is NaN by every exact method, flagged as an overflow of exp(x)", () => {
    for (const { method, r } of gradientsOf("log(1 + exp(x))", { x: 800 })) {
      expect(r.gradient.x, method).toBeNaN();
      expect(unreliability(r.diagnostics, [r.gradient.x]), method).toMatch(/exp\(x\) overflows/);
    }
  });

  it("log2(nthRoot(x, 0.001)) at 0.49: no exact method reports 0 as if exact; the point is flagged and finite differences (2944) are not judged against them", () => {
    const point = { x: 0.49 };
    for (const { method, r } of gradientsOf("log2(nthRoot(x, 0.001))", point)) {
      const flagged = unreliability(r.diagnostics, [r.gradient.x]);
      expect(flagged, method).toMatch(/nthRoot\(x, 0.001\) .*overflows/);
    }
    const fd = finiteDifferenceDifferentiator.gradient(parse("log2(nthRoot(x, 0.001))"), point, ["x"]);
    expect(fd.gradient.x).toBeCloseTo(1000 / (0.49 * Math.LN2), 3);
  });

  it("an overflow in the chain rule's own products is flagged even when every value and local partial is finite", () => {
    const text = "exp(x)*exp(x)";
    const r = gradientsOf(text, { x: 400 }).find((g) => g.method === "reverse")?.r;
    expect(r?.gradient.x).toBe(Infinity);
    expect(unreliability(r!.diagnostics, [r!.gradient.x])).toMatch(/overflows/);
  });
});
