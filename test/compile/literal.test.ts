// Literals in generated code read back as exactly the same float64 (Object.is), including the
// values whose plain text is ambiguous or not a number token: -0, NaN, ±Infinity, subnormals.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { numberLiteral } from "../../src/compile/literal.js";

const readBack = (text: string): number => new Function(`"use strict"; return ${text};`)() as number;

describe("numberLiteral", () => {
  it("round-trips the special values exactly", () => {
    for (const v of [0, -0, NaN, Infinity, -Infinity, Number.MIN_VALUE, -Number.MIN_VALUE, Number.MAX_VALUE, 0.1, 1e21, 1e-7, Math.PI]) {
      expect(Object.is(readBack(numberLiteral(v)), v)).toBe(true);
    }
  });

  it("round-trips every double (property over 20,000 doubles, special values included)", () => {
    fc.assert(
      fc.property(fc.double(), (v) => Object.is(readBack(numberLiteral(v)), v)),
      { numRuns: 20_000 },
    );
  });

  it("is self-delimiting: 1 - <literal> and -<literal> compute 1 - v and -v", () => {
    fc.assert(
      fc.property(fc.double(), (v) => {
        const literal = numberLiteral(v);
        return Object.is(readBack(`1 - ${literal}`), 1 - v) && Object.is(readBack(`-${literal}`), -v) && Object.is(readBack(`${literal} ** 1`), v);
      }),
      { numRuns: 5_000 },
    );
  });

  it("contains only number characters (no identifiers other than NaN and Infinity)", () => {
    fc.assert(fc.property(fc.double(), (v) => /^(?:\(?-?[0-9.e+-]+\)?|NaN|\(?-?Infinity\)?)$/.test(numberLiteral(v))), { numRuns: 5_000 });
  });
});
