// Compiled evaluation equals the interpreter (evaluateAll) bit for bit (Object.is), over the
// random-expression corpus at points inside the domains and at arbitrary points where values
// go NaN or infinite; and it still does when split into tiny chunks.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileExprs } from "../../src/compile/expr.js";
import { evaluate, evaluateAll, MissingVariableError } from "../../src/eval/evaluate.js";
import { parse } from "../../src/parse/parse.js";
import { exprArbitrary, exprAtPointArbitrary } from "../support/random-expr.js";

const anyPoint = fc.record({ x: fc.double(), y: fc.double(), z: fc.double() });

describe("compileExprs", () => {
  it("equals evaluate at points inside the domain (2,000 random expressions)", () => {
    fc.assert(
      fc.property(exprAtPointArbitrary(), ({ expr, point }) => Object.is(compileExprs(expr).evaluate(point)[0], evaluate(expr, point))),
      { numRuns: 2_000 },
    );
  });

  it("equals evaluate anywhere, NaN and ±Infinity included (2,000 random expressions and points)", () => {
    fc.assert(
      fc.property(exprArbitrary(), anyPoint, (expr, point) => Object.is(compileExprs(expr).evaluate(point)[0], evaluate(expr, point))),
      { numRuns: 2_000 },
    );
  });

  it("evaluates several roots sharing sub-expressions, split into chunks of 1 to 5 statements", () => {
    fc.assert(
      fc.property(fc.array(exprArbitrary(), { minLength: 1, maxLength: 4 }), anyPoint, fc.integer({ min: 1, max: 5 }), (roots, point, perChunk) => {
        const compiled = compileExprs(roots, { statementsPerChunk: perChunk });
        const values = evaluateAll(roots, point);
        const got = compiled.evaluate(point);
        return compiled.path === "compiled" && roots.every((r, k) => Object.is(got[k], values.get(r.id)));
      }),
      { numRuns: 1_000 },
    );
  });

  it("gives the lecture's Quiz 1 value at x=2, z=3: the interpreter's value, and the closed form e^6 + 6/ln 2 + sin(ln 2)/e^6", () => {
    const f = parse("exp(x*z) + x*z/log(x) + sin(log(x))/exp(x*z)");
    const point = { x: 2, z: 3 };
    expect(compileExprs(f).evaluate(point)[0]).toBe(evaluate(f, point));
    const closedForm = Math.exp(6) + 6 / Math.log(2) + Math.sin(Math.log(2)) / Math.exp(6);
    expect(Math.abs(compileExprs(f).evaluate(point)[0] / closedForm - 1)).toBeLessThan(1e-15);
  });

  it("compiles a 60,000-node sum into many chunks and matches the interpreter", () => {
    const f = parse(Array.from({ length: 20_000 }, (_, i) => `x*${i + 1}`).join(" + "));
    const compiled = compileExprs(f);
    expect(compiled.path).toBe("compiled");
    expect(compiled.chunks).toBeGreaterThan(10);
    expect(compiled.evaluate({ x: 0.37 })[0]).toBe(evaluate(f, { x: 0.37 }));
  });

  it("falls back to the interpreter past the statement limit, says why, and still agrees", () => {
    const f = parse("sin(x) * y + 2");
    const compiled = compileExprs(f, { maxStatements: 1 });
    expect(compiled.path).toBe("interpreted");
    expect(compiled.fallbackReason).toMatch(/exceed the compile limit of 1/);
    expect(compiled.evaluate({ x: 1, y: 2 })[0]).toBe(evaluate(f, { x: 1, y: 2 }));
  });

  it("reports a missing variable like the interpreter", () => {
    expect(() => compileExprs(parse("x + y")).evaluate({ x: 1 })).toThrow(MissingVariableError);
  });
});
