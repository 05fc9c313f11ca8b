// Facts about the op table itself: every entry is complete, its mathjs flag is true to mathjs,
// and the conventions at kinks are the documented ones (relu'(0) = 0 as PyTorch and JAX).
import fc from "fast-check";
import * as math from "mathjs";
import { describe, expect, it } from "vitest";
import { num } from "../../src/ast/expr.js";
import { ALL_OPS, call, functionsNamed, getOp, numberAlgebra } from "../../src/ops/table.js";
import type { OpSpec } from "../../src/ops/types.js";
import { printExpr } from "../../src/print/text.js";
import { opArgumentsArbitrary } from "../support/random-expr.js";

/** What mathjs makes of our printed text for op(args) (a number, or the error it raised). */
function mathjsValueOf(op: OpSpec, args: readonly number[]): unknown {
  const text = printExpr(call(op.name, args.map(num)));
  try {
    return math.evaluate(text);
  } catch (error) {
    return error;
  }
}

function closeRelative(a: number, b: number, relative: number): boolean {
  return a === b || Math.abs(a - b) <= relative * Math.max(Math.abs(a), Math.abs(b));
}

const derivativeAt = (op: OpSpec, x: number) => op.partials[0](numberAlgebra, [x], op.eval([x]));
const kinkedOps = ALL_OPS.filter((op) => op.nonDifferentiableAt !== undefined);
const nonZeroDouble = fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => x !== 0);

describe("every op-table entry is complete", () => {
  it("names are unique and getOp finds each op by its name", () => {
    expect(new Set(ALL_OPS.map((op) => op.name)).size).toBe(ALL_OPS.length);
    for (const op of ALL_OPS) expect(getOp(op.name)).toBe(op);
  });

  it("each op has a description, a print spec with a symbol or name, and LaTeX using every argument", () => {
    for (const op of ALL_OPS) {
      expect(op.description.trim().length, op.name).toBeGreaterThan(0);
      const printed = op.print.kind === "infix" || op.print.kind === "prefix" ? op.print.symbol : op.print.name;
      expect(printed.length, op.name).toBeGreaterThan(0);
      const placeholders = Array.from({ length: op.arity }, (_, i) => `ARG${i}`);
      const latex = op.latex(placeholders);
      expect(latex.length, op.name).toBeGreaterThan(0);
      for (const p of placeholders) expect(latex, op.name).toContain(p);
    }
  });

  it("a function-style op is found again by its printed name and arity (so printed text re-parses)", () => {
    for (const op of ALL_OPS) {
      if (op.print.kind === "function") expect(functionsNamed(op.print.name)?.get(op.arity), op.name).toBe(op);
    }
  });

  it("call (exported to library users) refuses an unknown op or a wrong argument count with a RangeError saying what is accepted", () => {
    expect(() => call("sine", [num(1)])).toThrow(RangeError);
    expect(() => call("sine", [num(1)])).toThrow(/the ops are .*\bsin\b/);
    expect(() => call("sin", [num(1), num(2)])).toThrow(RangeError);
    expect(() => call("sin", [num(1), num(2)])).toThrow("sin takes 1 argument(s), got 2");
    expect(() => call("sin", [num(1)])).not.toThrow();
  });

  it("an op declares a kink convention exactly when it declares non-differentiable points", () => {
    for (const op of ALL_OPS) {
      expect(op.kinkConvention !== undefined, op.name).toBe(op.nonDifferentiableAt !== undefined);
    }
  });
});

describe("the mathjs flag is true to mathjs", () => {
  for (const op of ALL_OPS.filter((o) => o.mathjs && o.arity >= 1)) {
    it(`${op.name}: mathjs evaluates our printed text to op.eval (1e-12 relative), 300 domain points`, () => {
      fc.assert(
        fc.property(opArgumentsArbitrary(op), (args) => {
          const ours = op.eval(args);
          const theirs = mathjsValueOf(op, args);
          expect(typeof theirs, `${printExpr(call(op.name, args.map(num)))} gave ${String(theirs)}`).toBe("number");
          expect(closeRelative(ours, theirs as number, 1e-12), `${op.name}(${args.join(", ")}): ${ours} vs ${String(theirs)}`).toBe(true);
        }),
        { numRuns: 300 },
      );
    });
  }

  it("pi and e are mathjs's constants", () => {
    expect(mathjsValueOf(getOp("pi"), [])).toBe(getOp("pi").eval([]));
    expect(mathjsValueOf(getOp("e"), [])).toBe(getOp("e").eval([]));
  });

  it("pow with a negative base and an integer exponent agrees with mathjs", () => {
    const pow = getOp("pow");
    fc.assert(
      fc.property(fc.integer({ min: -500, max: -1 }).map((k) => k / 100), fc.integer({ min: -5, max: 5 }), (a, n) => {
        expect(closeRelative(pow.eval([a, n]), mathjsValueOf(pow, [a, n]) as number, 1e-12)).toBe(true);
      }),
    );
  });

  it("mathjs does not know the ops flagged mathjs: false (it raises an error for them)", () => {
    const unknownToMathjs = ALL_OPS.filter((op) => !op.mathjs);
    for (const op of unknownToMathjs) {
      expect(mathjsValueOf(op, Array.from({ length: op.arity }, () => 0.5)), op.name).toBeInstanceOf(Error);
    }
  });
});

describe("NaN propagates through every op", () => {
  it("an op with a NaN argument gives NaN (relu and heaviside too, as PyTorch); only pow(NaN, 0) = 1, as IEEE 754 says", () => {
    const others = fc.oneof(fc.constantFrom(0, -0, 1, -1, 0.5), fc.double({ noNaN: true }));
    for (const op of ALL_OPS.filter((o) => o.arity >= 1)) {
      for (let i = 0; i < op.arity; i++) {
        fc.assert(
          fc.property(others, (other) => {
            const args = Array.from({ length: op.arity }, (_, k) => (k === i ? NaN : other));
            const ieeeException = op.name === "pow" && i === 0 && other === 0;
            expect(Number.isNaN(op.eval(args)), `${op.name}(${args.join(", ")})`).toBe(!ieeeException);
          }),
          { numRuns: 50, examples: [[Infinity], [-Infinity]] },
        );
      }
    }
  });
});

describe("kinks: conventional derivatives where an op is not differentiable", () => {
  it("relu'(0) = 0, abs'(0) = 0, sign'(0) = 0, heaviside'(0) = 0 (as PyTorch and JAX), also at -0", () => {
    for (const name of ["relu", "abs", "sign", "heaviside"]) {
      for (const zero of [0, -0]) expect(derivativeAt(getOp(name), zero) === 0, `${name}'(${Object.is(zero, -0) ? "-0" : "0"})`).toBe(true);
    }
  });

  it("sqrt'(0) = +Infinity and cbrt'(0) = +Infinity (the vertical tangent)", () => {
    expect(derivativeAt(getOp("sqrt"), 0)).toBe(Infinity);
    expect(derivativeAt(getOp("cbrt"), 0)).toBe(Infinity);
  });

  it("relu' is heaviside at every point, 0 included", () => {
    const relu = getOp("relu");
    const heaviside = getOp("heaviside");
    fc.assert(
      fc.property(fc.oneof(fc.constant(0), fc.double({ min: -1e6, max: 1e6, noNaN: true })), (x) => {
        expect(derivativeAt(relu, x)).toBe(heaviside.eval([x]));
      }),
    );
  });

  it("the kinked ops are sqrt, cbrt, abs, sign, relu, heaviside (one and two arguments), max and min", () => {
    expect(kinkedOps.map((op) => op.name).sort()).toEqual(["abs", "cbrt", "heaviside", "heavisideTie", "max", "min", "relu", "sign", "sqrt"]);
  });

  // Kinks where the first argument is 0 (max and min kink at a tie: test/ops/extrema.test.ts).
  for (const op of kinkedOps.filter((o) => o.name !== "max" && o.name !== "min")) {
    it(`${op.name}: nonDifferentiableAt is true at 0 and -0 and false at every other number`, () => {
      expect(op.nonDifferentiableAt?.([0])).toBe(true);
      expect(op.nonDifferentiableAt?.([-0])).toBe(true);
      fc.assert(fc.property(nonZeroDouble, (x) => op.nonDifferentiableAt?.([x]) === false));
    });

    it(`${op.name}: its kink is outside its domain (the domain is where it is differentiable)`, () => {
      expect(op.domain?.([0]) ?? true).toBe(false);
    });
  }
});
