// Whatever the string, parse returns an expression or throws a ParseError whose position
// lies inside the text (or just past its end); no other exception escapes.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse, ParseError } from "../../src/parse/parse.js";

const TOKENS = [
  "2", "1.5", ".5", "3.", "1e-3", "2.5E+4", "1e", "2e+", ".", "..", "x", "y", "alpha_2", "e", "pi", "_",
  "sin(", "log(", "ln(", "sigmoid(", "pow(", "nthRoot(", "foo(", "e(", "pi(", "sin", "+", "-", "*", "/",
  "^", "**", "(", ")", ",", " ", "  ", "\t", "\n", "\r\n", "$", "é", "%", "!", "[", "]", "=", ";", "'", "\u0000", "😀",
];

/** Checks the error contract and returns nothing; rethrows anything that is not a ParseError. */
function expectParsesOrParseError(text: string): void {
  try {
    parse(text);
  } catch (error) {
    if (!(error instanceof ParseError)) throw new Error(`${String(error)} escaped parse(${JSON.stringify(text)})`);
    const lines = text.split("\n");
    expect(Number.isInteger(error.line) && error.line >= 1 && error.line <= lines.length, `line of ${JSON.stringify(text)}`).toBe(true);
    const lineLength = lines[error.line - 1].length;
    expect(Number.isInteger(error.column) && error.column >= 1 && error.column <= lineLength + 1, `column of ${JSON.stringify(text)}`).toBe(true);
    expect(text.slice(error.offset, error.offset + error.offending.length)).toBe(error.offending);
    expect(error.rendered).toContain("^");
  }
}

describe("fuzzing parse", () => {
  it("random token strings parse or give a ParseError with a position", () => {
    const tokenString = fc.array(fc.constantFrom(...TOKENS), { minLength: 0, maxLength: 20 }).map((t) => t.join(""));
    fc.assert(fc.property(tokenString, expectParsesOrParseError), { numRuns: 6000 });
  });

  it("random Unicode strings parse or give a ParseError with a position", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 30 }), expectParsesOrParseError), { numRuns: 3000 });
  });

  it("random bytes parse or give a ParseError with a position", () => {
    const bytes = fc.uint8Array({ maxLength: 30 }).map((b) => String.fromCharCode(...b));
    fc.assert(fc.property(bytes, expectParsesOrParseError), { numRuns: 3000 });
  });
});
