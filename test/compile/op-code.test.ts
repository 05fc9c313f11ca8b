// The inlined whitelist is exact: each op it inlines as Math.<member> evaluates, by the op
// table's own eval, to the same double as that Math function, for thousands of arguments
// (special values included). So inlining changes no bit of any result.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { INLINE_MATH } from "../../src/compile/op-code.js";
import { getOp } from "../../src/ops/table.js";

const MATH = Math as unknown as Record<string, (...args: number[]) => number>;

describe("inlined Math functions", () => {
  it("name only ops that exist, with a Math function of the same arity", () => {
    for (const [opName, member] of INLINE_MATH) {
      const fn = MATH[member.replace(/^Math\./, "")];
      expect(typeof fn).toBe("function");
      expect(getOp(opName).arity).toBe(fn === Math.pow ? 2 : 1);
    }
  });

  for (const [opName, member] of INLINE_MATH) {
    it(`${opName}: op.eval equals ${member} bit for bit`, () => {
      const op = getOp(opName);
      const fn = MATH[member.replace(/^Math\./, "")];
      fc.assert(
        fc.property(fc.array(fc.double(), { minLength: op.arity, maxLength: op.arity }), (args) => Object.is(op.eval(args), fn(...args))),
        { numRuns: 2_000 },
      );
    });
  }
});
