// diagnose(f, point) reports a non-finite local partial only where a chain rule would use it:
// with respect to an argument that moves with a variable, as every method skips the others.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diagnose } from "../../src/diff/diagnostics.js";
import { DIFFERENTIATORS } from "../../src/diff/registry.js";
import { METHOD_NAMES } from "../../src/diff/types.js";
import { parse } from "../../src/parse/parse.js";

describe("diagnose: non-finite partials", () => {
  it("x^(1+1) is x^2: at x <= 0 its exponent's partial x^2·log(x) is never used, so nothing is reported", () => {
    fc.assert(
      fc.property(fc.integer({ min: -50, max: 0 }).map((k) => k / 10), (x) => {
        for (const text of ["x^(1+1)", "x^(2*pi/pi)", "x^2"]) {
          expect(diagnose(parse(text), { x }).nonFinite, `${text} at ${x}`).toBeUndefined();
          // and indeed every method's derivative is finite there: 2x
          for (const method of METHOD_NAMES) {
            const g = DIFFERENTIATORS[method].gradient(parse(text), { x }, ["x"]).gradient.x;
            expect(Math.abs(g - 2 * x), `${method} d/dx ${text} at ${x}`).toBeLessThan(1e-6);
          }
        }
      }),
      { numRuns: 20 },
    );
  });

  it("a variable exponent's partial is still reported: x^y at x = -1, y = 2 has ∂/∂y = x^y·log(x) = NaN", () => {
    const report = diagnose(parse("x^y"), { x: -1, y: 2 }).nonFinite;
    expect(report?.kind).toBe("derivative");
    expect(report?.message).toContain("argument 2");
  });
});
