// Compiled symbolic gradients equal the interpreted symbolic method (the same derivative
// expressions evaluated by evaluateAll) bit for bit, over the random-expression corpus.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { prepareCompiledSymbolic } from "../../src/compile/symbolic.js";
import { symbolicDifferentiator } from "../../src/diff/symbolic/index.js";
import { parse } from "../../src/parse/parse.js";
import { exprAtPointArbitrary } from "../support/random-expr.js";

const VARIABLES = ["x", "y", "z"];

describe("compiled symbolic gradients", () => {
  it("equal the interpreted symbolic method at points inside the domain (1,000 random expressions)", () => {
    fc.assert(
      fc.property(exprAtPointArbitrary({ maxDepth: 4 }), ({ expr, point }) => {
        const compiled = prepareCompiledSymbolic(expr, VARIABLES).at(point);
        const interpreted = symbolicDifferentiator.prepare(expr, VARIABLES).at(point);
        return Object.is(compiled.value, interpreted.value) && VARIABLES.every((v) => Object.is(compiled.gradient[v], interpreted.gradient[v]));
      }),
      { numRuns: 1_000 },
    );
  });

  it("gives Quiz 1's dy/dx = 1208.36656055419 and dy/dz = 809.739809413939 (lecture) at x=2, z=3", () => {
    const prepared = prepareCompiledSymbolic(parse("exp(x*z) + x*z/log(x) + sin(log(x))/exp(x*z)"), ["x", "z"]);
    expect(prepared.path).toBe("compiled");
    const { gradient } = prepared.at({ x: 2, z: 3 });
    expect(Math.abs(gradient.x / 1208.36656055419 - 1)).toBeLessThan(1e-12);
    expect(Math.abs(gradient.z / 809.739809413939 - 1)).toBeLessThan(1e-12);
  });

  it("reports the derivative DAG's size as its set-up cost, like the interpreted method", () => {
    const f = parse("sin(x*y) * exp(x*y)");
    expect(prepareCompiledSymbolic(f, ["x", "y"]).setupCost).toEqual(symbolicDifferentiator.prepare(f, ["x", "y"]).setupCost);
  });
});
