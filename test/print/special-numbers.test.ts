// Issue 17: `1e309` became Infinity and printed as `Infinity`, which read back as a variable.
// Now the reader refuses a literal past float64's range (with a caret), and the printer writes
// every number so that reading it back gives the same node: the same float64, -0 and subnormals
// included; a non-finite constant (built by the library only) as a division with its value.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { num, variable, type Expr } from "../../src/ast/expr.js";
import { evaluate } from "../../src/eval/evaluate.js";
import { call } from "../../src/ops/table.js";
import { parse, ParseError } from "../../src/parse/parse.js";
import { formatNumber, printExpr } from "../../src/print/text.js";
import { parseTyped } from "../../src/typed/parse.js";

/** Float64's edges: zeros, subnormals, the smallest normal, the largest finite, integers past 2^53. */
const SPECIAL_NUMBERS = [
  0, -0, 5e-324, -5e-324, 1e-310, -1e-310, 2.2250738585072014e-308, Number.EPSILON, 1e-7, 0.1, 1 / 3, 2 / 3, 1,
  -1, 1e21, 1e-21, 2 ** 53, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, 123456789012345680000, 1.7976931348623157e308,
  -1.7976931348623157e308, 8.98846567431158e307, Math.PI, -Math.E,
];
const special = fc.oneof(fc.constantFrom(...SPECIAL_NUMBERS), fc.double({ noNaN: true, noDefaultInfinity: true }));

const x = variable("x");
/** Places a number is printed in: alone, as each side of each infix operator, signed, in a call. */
const TEMPLATES: readonly ((c: Expr, d: Expr) => Expr)[] = [
  (c) => c,
  (c, d) => call("add", [c, d]),
  (c, d) => call("sub", [c, d]),
  (c, d) => call("mul", [c, d]),
  (c, d) => call("div", [c, d]),
  (c, d) => call("pow", [c, d]),
  (c) => call("pow", [x, c]),
  (c) => call("mul", [c, x]),
  (c) => call("sub", [x, c]),
  (c) => call("neg", [c]),
  (c, d) => call("sin", [call("mul", [c, call("add", [x, d])])]),
];

describe("numbers print so that they read back", () => {
  it("parse(printExpr(e)) is e itself over the special-number corpus in every operator position (property, 5,000 cases)", () => {
    fc.assert(
      fc.property(special, special, fc.integer({ min: 0, max: TEMPLATES.length - 1 }), (a, b, t) => {
        const e = TEMPLATES[t](num(a), num(b));
        const text = printExpr(e);
        expect(parse(text), text).toBe(e);
      }),
      { numRuns: 5000 },
    );
  });

  it("a non-finite constant prints as a division that evaluates to it, never as a name", () => {
    expect(formatNumber(Infinity)).toBe("(1/0)");
    expect(formatNumber(-Infinity)).toBe("(-1/0)");
    expect(formatNumber(NaN)).toBe("(0/0)");
    for (const v of [Infinity, -Infinity, NaN]) {
      const e = call("mul", [num(v), x]);
      const back = parse(printExpr(e));
      expect(Object.is(evaluate(back, new Map([["x", 2]])), v * 2)).toBe(true);
      // No variable but x: the constant did not become a variable named Infinity or NaN.
      expect(printExpr(back)).not.toMatch(/Infinity|NaN/);
    }
  });
});

describe("a literal past float64's range is refused where it is", () => {
  it.each([
    ["1e309*x", "1e309*x", 1, "1e309", parse],
    ["a sum", "x + 2e308", 5, "2e308", parse],
    ["a 310-digit integer", "x*1" + "0".repeat(309), 3, "1" + "0".repeat(36) + "…", parse],
    ["a 300-digit hex literal", "0x" + "F".repeat(300) + " + x", 1, "0x" + "F".repeat(35) + "…", parse],
    ["a typed program", "x: R^2; x * 1e400", 13, "1e400", (t: string) => parseTyped(t)],
  ])("%s (%s): at column %i", (_label, text, column, shown, read) => {
    let error: unknown;
    try {
      read(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ParseError);
    const message = (error as ParseError).message;
    expect(message).toContain(`the number ${shown} is too large for float64 (it would be Infinity)`);
    expect(message).toContain(`1:${column}`);
  });

  it("the largest finite float64 and an underflow to 0 are still read (the limit is exactly float64's)", () => {
    expect(parse("1.7976931348623157e308")).toBe(num(Number.MAX_VALUE));
    expect(parse("1e-400")).toBe(num(0));
  });
});
