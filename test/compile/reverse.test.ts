// The compiled tape equals the interpreted tape (prepareReverse) bit for bit — value and every
// partial, Object.is — over the random-expression corpus, at points inside the domains and
// anywhere (NaN and infinities included), for any subset of variables, in any chunk size;
// and it reproduces the lecture's Quiz 1 gradient.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileGradientKernel, prepareCompiledReverse } from "../../src/compile/reverse.js";
import { Tape } from "../../src/diff/reverse/tape.js";
import { prepareReverse } from "../../src/diff/reverse/differentiator.js";
import type { GradientResult } from "../../src/diff/types.js";
import type { Expr } from "../../src/ast/expr.js";
import { parse } from "../../src/parse/parse.js";
import { exprArbitrary, exprAtPointArbitrary } from "../support/random-expr.js";

const VARIABLES = ["x", "y", "z"];
const anyPoint = fc.record({ x: fc.double(), y: fc.double(), z: fc.double() });
const wrtArbitrary = fc.subarray(["x", "y", "z", "w"]);

function sameResult(a: GradientResult, b: GradientResult, wrt: readonly string[]): boolean {
  return Object.is(a.value, b.value) && wrt.every((v) => Object.is(a.gradient[v], b.gradient[v]));
}

/** Compiled (and checked to be: not the interpreter fallback). */
function compiledAt(f: Expr, wrt: readonly string[], point: Record<string, number>, statementsPerChunk?: number): GradientResult {
  const prepared = prepareCompiledReverse(f, wrt, { statementsPerChunk });
  if (prepared.path !== "compiled") throw new Error(`not compiled: ${prepared.fallbackReason}`);
  return prepared.at(point);
}

describe("compiled reverse mode", () => {
  it("equals the interpreted tape at points inside the domain (2,000 random expressions)", () => {
    fc.assert(
      fc.property(exprAtPointArbitrary(), ({ expr, point }) =>
        sameResult(compiledAt(expr, VARIABLES, point), prepareReverse(expr, VARIABLES).at(point), VARIABLES),
      ),
      { numRuns: 2_000 },
    );
  });

  it("equals the interpreted tape anywhere, for any variable subset and chunk size (2,000 runs)", () => {
    fc.assert(
      fc.property(exprArbitrary(), anyPoint, wrtArbitrary, fc.integer({ min: 1, max: 6 }), (expr, point, wrt, perChunk) =>
        sameResult(compiledAt(expr, wrt, point, perChunk), prepareReverse(expr, wrt).at(point), wrt),
      ),
      { numRuns: 2_000 },
    );
  });

  it("counts the same operations as the interpreted tape", () => {
    fc.assert(
      fc.property(exprAtPointArbitrary(), ({ expr, point }) =>
        compiledAt(expr, ["x", "z"], point).cost.operations === prepareReverse(expr, ["x", "z"]).at(point).cost.operations,
      ),
      { numRuns: 500 },
    );
  });

  it("gives Quiz 1's dy/dx = 1208.36656055419 and dy/dz = 809.739809413939 (lecture) at x=2, z=3", () => {
    const f = parse("exp(x*z) + x*z/log(x) + sin(log(x))/exp(x*z)");
    const prepared = prepareCompiledReverse(f, ["x", "z"]);
    expect(prepared.path).toBe("compiled");
    const { gradient } = prepared.at({ x: 2, z: 3 });
    expect(Math.abs(gradient.x / 1208.36656055419 - 1)).toBeLessThan(1e-12);
    expect(Math.abs(gradient.z / 809.739809413939 - 1)).toBeLessThan(1e-12);
  });

  it("is compiled once per expression and variable list (cached)", () => {
    const f = parse("x * sin(y)");
    expect(prepareCompiledReverse(f, ["x", "y"])).toBe(prepareCompiledReverse(f, ["x", "y"]));
    expect(prepareCompiledReverse(f, ["x"])).not.toBe(prepareCompiledReverse(f, ["x", "y"]));
  });

  it("falls back to the interpreted tape past the statement limit and says so", () => {
    const f = parse("x * sin(y) + y^3");
    const prepared = prepareCompiledReverse(f, ["x", "y"], { maxStatements: 2 });
    expect(prepared.path).toBe("interpreted");
    expect(prepared.fallbackReason).toMatch(/compile limit/);
    expect(sameResult(prepared.at({ x: 2, y: 0.5 }), prepareReverse(f, ["x", "y"]).at({ x: 2, y: 0.5 }), ["x", "y"])).toBe(true);
  });

  it("writes every result slot in every run (no stale values from the previous point)", () => {
    const f = parse("x*y + relu(x - 1) * z");
    const kernel = compileGradientKernel(Tape.record(f, ["x", "y", "z"]), f);
    if ("reason" in kernel) throw new Error(kernel.reason);
    const results = new Float64Array(4).fill(NaN);
    kernel.kernel.run(new Float64Array([2, 3, 5]), results);
    expect([...results]).toEqual([6 + 5, 3 + 5, 2, 1]);
  });

  it("equals the interpreted tape where 0 · ∞ and 0 · NaN are skipped: points of zeros and infinities (2,000 runs)", () => {
    const special = fc.constantFrom(0, -0, Infinity, -Infinity, NaN, 1, -1, 2, 0.5);
    const specialPoint = fc.record({ x: special, y: special, z: special });
    fc.assert(
      fc.property(exprArbitrary(), specialPoint, wrtArbitrary, fc.integer({ min: 1, max: 6 }), (expr, point, wrt, perChunk) =>
        sameResult(compiledAt(expr, wrt, point, perChunk), prepareReverse(expr, wrt).at(point), wrt),
      ),
      { numRuns: 2_000 },
    );
  });

  it("0 · ∞ cases by name: sqrt(0*x), 0*sqrt(x), sqrt(x*y) at y = ±0 give 0, compiled as interpreted", () => {
    const cases: [string, Record<string, number>, string][] = [
      ["sqrt(0*x)", { x: 1 }, "x"], ["0*sqrt(x)", { x: 0 }, "x"], ["sqrt(x*y)", { x: 1, y: 0 }, "x"], ["sqrt(x*y)", { x: 1, y: -0 }, "x"],
    ];
    for (const [text, point, v] of cases) {
      const f = parse(text);
      const compiled = compiledAt(f, Object.keys(point), point);
      expect(compiled.gradient[v], text).toBe(0);
      expect(sameResult(compiled, prepareReverse(f, Object.keys(point)).at(point), Object.keys(point)), text).toBe(true);
    }
  });
});
