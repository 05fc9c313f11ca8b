// Hexadecimal, binary and octal literals, read as mathjs 15 reads them: 0x10 is 16 (it used to
// be the implicit product 0·x10), and whatever mathjs refuses is a malformed number here too.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { callNode, num, variable } from "../../src/ast/expr.js";
import { parse } from "../../src/parse/parse.js";
import { printExpr } from "../../src/print/text.js";
import { parseErrorOf } from "../support/parse-error.js";
import { mathjsExpr } from "./mathjs-oracle.js";

const parseError = (text: string) => parseErrorOf(() => parse(text));

describe("radix literals", () => {
  it("0x10 is 16, not 0·x10; 0x1F, 0b101, 0o17 and fractions as mathjs reads them", () => {
    const cases: readonly (readonly [string, number])[] = [
      ["0x10", 16], ["0x1F", 31], ["0x1f", 31], ["0b101", 5], ["0o17", 15], ["0x0", 0],
      ["0x1.8", 1.5], ["0b1.1", 1.5], ["0o1.4", 1.5], ["0xF.F", 15.9375], ["0x10.", 16], ["0x1e3", 483],
      ["0xffffffffffffffffff", 4.722366482869645e21],
    ];
    for (const [text, value] of cases) {
      expect(parse(text), text).toBe(num(value));
      expect(mathjsExpr(text), text).toBe(num(value));
    }
  });

  it("takes part in expressions like any number; 2x and 0 x stay products", () => {
    expect(parse("-0x10")).toBe(num(-16));
    expect(parse("0x10^2")).toBe(callNode("pow", [num(16), num(2)]));
    expect(parse("2^-0x10")).toBe(callNode("pow", [num(2), num(-16)]));
    expect(parse("x 0x10")).toBe(callNode("mul", [variable("x"), num(16)]));
    expect(parse("0x10 x")).toBe(callNode("mul", [num(16), variable("x")]));
    expect(parse("0x1E+3")).toBe(callNode("add", [num(30), num(3)]));
    expect(parse("2x")).toBe(callNode("mul", [num(2), variable("x")]));
    expect(parse("0 x10")).toBe(callNode("mul", [num(0), variable("x10")]));
    expect(parse("10x5")).toBe(callNode("mul", [num(10), variable("x5")]));
    for (const text of ["-0x10", "0x10^2", "x 0x10", "0x10 x", "0x1E+3"]) expect(mathjsExpr(text), text).toBe(parse(text));
  });

  it("prints in decimal, and the print reads back to the same expression", () => {
    for (const text of ["0x1F", "0b101 x", "sin(0o17)^0xF.8", "-0x10/y"]) {
      const e = parse(text);
      expect(printExpr(e), text).not.toMatch(/0[box]/);
      expect(parse(printExpr(e)), text).toBe(e);
    }
    expect(printExpr(parse("0x1F"))).toBe("31");
  });

  it("refuses what mathjs refuses, saying what is wrong and how 0·name is written", () => {
    const cases: readonly (readonly [string, string, RegExp])[] = [
      ["0x", "no digits after 0x", /takes the digits 0 to 9 and a to f .* as in 0x1F \(to multiply 0 by x, write 0\*x\)/],
      ["0b", "no digits after 0b", /digits 0 and 1 after 0b/],
      ["0o", "no digits after 0o", /digits 0 to 7 after 0o/],
      ["0x.8", "no digits after 0x", /as in 0x1F$/],
      ["0x1G", "not a hexadecimal number", /write 0\*x1G/],
      ["0x10y", "not a hexadecimal number", /write 0\*x10y/],
      ["0b102", "not a binary number", /0 and 1/],
      ["0o18", "not an octal number", /0 to 7/],
      ["0x1_0", "not a hexadecimal number", /0 to 9/],
      ["0xFFi8", "word-size suffix", /not supported/],
    ];
    for (const [text, problem, hint] of cases) {
      const error = parseError(`1 + ${text}`);
      expect([error.reason, error.line, error.column, error.offending], text).toEqual([`malformed number "${text}": ${problem}`, 1, 5, text]);
      expect(error.hint, text).toMatch(hint);
      if (text !== "0xFFi8") expect(mathjsExpr(text), text).toBeUndefined();
    }
  });

  it("refuses the uppercase prefixes 0X, 0B, 0O (mathjs reads 0X10 as 0·X10, surely not what was meant)", () => {
    for (const text of ["0X10", "0B1", "0O7"]) {
      const error = parseError(text);
      expect(error.reason).toBe(`malformed number "${text}": uppercase prefix ${text.slice(0, 2)}`);
      expect(error.hint).toMatch(new RegExp(`starts with ${text.slice(0, 2).toLowerCase()}.*write 0\\*${text.slice(1)}`));
    }
  });

  it("over random integers and fractions in each base and letter case, reads mathjs's value", () => {
    const base = fc.constantFrom(["0b", 2], ["0o", 8], ["0x", 16]);
    const digits = (radix: number, min: number) => fc.array(fc.integer({ min: 0, max: radix - 1 }), { minLength: min, maxLength: 20 });
    fc.assert(
      fc.property(
        base.chain(([prefix, radix]) => fc.tuple(fc.constant(prefix), digits(radix as number, 1), fc.option(digits(radix as number, 0)), fc.boolean())),
        ([prefix, whole, fraction, upper]) => {
          const write = (ds: number[]) => ds.map((d) => d.toString(16)).map((c) => (upper ? c.toUpperCase() : c)).join("");
          const text = `${prefix}${write(whole)}${fraction === null ? "" : `.${write(fraction)}`}`;
          const ours = parse(text);
          expect(ours, text).toBe(mathjsExpr(text));
          expect(ours.kind, text).toBe("num");
        },
      ),
      { numRuns: 500 },
    );
  });
});
