// The lexer: numbers of any length in one linear pass, and slices of a text lexed on their own
// with the positions they have in the whole text.
import { describe, expect, it } from "vitest";
import { tokenize } from "../../src/parse/lexer.js";
import { parse, parseSyntax } from "../../src/parse/parse.js";
import { positionsIn } from "../../src/typed/statements.js";
import { parseErrorOf } from "../support/parse-error.js";

const parseError = parseErrorOf;

describe("long numbers", () => {
  // The bad-exponent rule once tried every split of the digits before failing: 300,000 digits
  // took 38 s, a million would take many minutes (beyond the suite's timeout). Now one pass.
  const digits = "1234567890".repeat(100_000);

  it("a million digits are one number token, whatever follows them", () => {
    for (const after of ["", ".5", "e-3", " + 1", "x"]) {
      const tokens = tokenize(digits + after);
      expect([tokens[0].type, tokens[0].text.length >= digits.length], after).toEqual(["number", true]);
    }
    // (1e999997 would be past float64's range, which the reader refuses: test/print/special-numbers.test.ts)
    expect(parse(`${digits}e-999999`).kind).toBe("num");
  });

  it("a million digits then an exponent sign with no digit is a malformed number at its start", () => {
    const error = parseError(() => parse(`x + ${digits}e+`));
    expect([error.reason.startsWith('malformed number "1234567890'), error.column, error.offending.length]).toEqual([true, 5, digits.length + 2]);
  });
});

describe("a slice lexed on its own", () => {
  const source = "x: R^3;\n  a = W *\n (x + 1);\nb = a ) ;";

  it("has the offsets, lines and columns it has when the rest of the text is blanked", () => {
    const start = source.indexOf("W");
    const end = source.indexOf(";", start);
    const blank = (s: string) => s.replace(/[^\n]/g, " ");
    const whole = tokenize(blank(source.slice(0, start)) + source.slice(start, end) + blank(source.slice(end)));
    const slice = tokenize(source, positionsIn(source)(start), end);
    const place = (t: { type?: string; text: string; offset: number; line: number; col: number }) => [t.type, t.text, t.offset, t.line, t.col];
    expect(slice.map(place)).toEqual(whole.map(place));
    expect(slice.map(place)[0]).toEqual(["name", "W", start, 2, 7]);
  });

  it("reports errors at their place in the whole text, with the whole text's line under the caret", () => {
    const start = source.indexOf("b = ") + 4;
    const error = parseError(() => parseSyntax(source, positionsIn(source)(start), source.length - 1));
    expect([error.reason, error.line, error.column]).toEqual(['unexpected ")"', 4, 7]);
    expect(error.rendered.split("\n").slice(1, 3)).toEqual(["  b = a ) ;", "        ^"]);
    const empty = parseError(() => parseSyntax(source, positionsIn(source)(start), start));
    expect([empty.reason, empty.line, empty.column]).toEqual(["empty expression", 4, 5]);
  });
});

describe("positionsIn", () => {
  it("gives the line and column of every offset, as counting characters would", () => {
    const source = "ab\n\ncd\r\nef\n";
    const at = positionsIn(source);
    let line = 1;
    let column = 1;
    for (let offset = 0; offset <= source.length; offset++) {
      expect(at(offset), String(offset)).toEqual({ offset, line, column });
      if (source[offset] === "\n") {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
  });
});
