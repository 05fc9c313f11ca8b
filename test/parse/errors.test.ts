// What a person sees for bad input: the reason, line:col, a caret under the spot, what would
// have been accepted, and a suggestion where one helps.
import { describe, expect, it } from "vitest";
import { knownFunctionNames } from "../../src/ops/table.js";
import { parse, type ParseError } from "../../src/parse/parse.js";
import { parseErrorOf } from "../support/parse-error.js";

const parseError = (text: string) => parseErrorOf(() => parse(text));

/** The character of the shown source line right above the caret. */
function charAboveCaret(error: ParseError): string {
  const [, sourceLine, caretLine] = error.rendered.split("\n");
  return sourceLine[caretLine.indexOf("^")] ?? "";
}

describe("ParseError", () => {
  it("renders the source line with a caret under the unexpected token", () => {
    const error = parseError("sin()");
    expect(error.rendered).toBe(
      ['unexpected ")" at 1:5', "  sin()", "      ^", 'expected a number, a variable, a function call or "("'].join("\n"),
    );
    expect(error.render("sin()")).toBe(error.rendered);
    expect([error.line, error.column, error.offending]).toEqual([1, 5, ")"]);
    expect(error.expected).toEqual(["a number", "a variable", "a function call", '"("']);
    expect(error.message).toBe('unexpected ")" at 1:5; expected a number, a variable, a function call or "("');
  });

  it("reports incomplete input at its end, not as an empty result", () => {
    for (const [text, column] of [["1 +", 4], ["sin(", 5], ["(x", 3], ["2^", 3], ["x *\n", 4]] as const) {
      const error = parseError(text);
      expect(error.reason, text).toBe("unexpected end of input");
      expect([error.line, error.column], text).toEqual([1, column]);
      expect(error.rendered.split("\n")[2].indexOf("^"), text).toBe(column + 1);
    }
    expect(parseError("(x").expected).toEqual(["an operator", '")"']);
    expect(parseError("sin(x y").expected).toEqual(["an operator", '","', '")"']);
  });

  it("says what may follow a complete expression", () => {
    const error = parseError("x + y) * 2");
    expect([error.column, error.offending]).toEqual([6, ")"]);
    expect(error.expected).toEqual(["an operator", "the end of the input"]);
  });

  it("explains a number that may not follow (`2 3`, as in mathjs)", () => {
    const error = parseError("2 3");
    expect([error.column, error.offending]).toEqual([3, "3"]);
    expect(error.hint).toMatch(/write \* to multiply/);
  });

  it("rejects empty and blank input", () => {
    for (const text of ["", "   ", "\n\t"]) expect(parseError(text).reason).toBe("empty expression");
  });

  it("names the known functions for an unknown one, with a did-you-mean when one is close", () => {
    const error = parseError("2 + sinn(x)");
    expect(error.reason).toBe('unknown function "sinn"');
    expect([error.line, error.column, error.offending]).toEqual([1, 5, "sinn"]);
    expect(error.rendered.split("\n")[2]).toBe("      ^^^^");
    expect(error.hint).toMatch(/^did you mean .*\bsin\b.*\?/);
    for (const name of knownFunctionNames()) expect(error.hint).toContain(name);

    expect(parseError("tanhh(x)").hint).toMatch(/^did you mean tanh\?/);
    expect(parseError("SQRT(x)").hint).toMatch(/^did you mean sqrt\?/);
    const far = parseError("frobnicate(x)");
    expect(far.hint).not.toMatch(/did you mean/);
    expect(far.hint).toContain("known functions: abs,");
    // x(y) is a call in mathjs too; say how to write the product.
    expect(parseError("x(y + 1)").hint).toContain("to multiply, write x*(…)");
  });

  it("gives the expected arity for a wrong argument count", () => {
    const error = parseError("1 + log(x, 2, 3)");
    expect(error.reason).toBe("log takes 1 or 2 arguments, got 3");
    expect([error.column, error.offending]).toEqual([5, "log"]);
    expect(parseError("sqrt(1, 2)").reason).toBe("sqrt takes 1 argument, got 2");
    expect(parseError("pow(2)").reason).toBe("pow takes 2 arguments, got 1");
    expect(parseError("nthRoot(8)").reason).toBe("nthRoot takes 2 arguments, got 1");
  });

  it("says e and pi are constants when called", () => {
    expect(parseError("e(2)").reason).toBe("e is a constant, not a function");
    const error = parseError("2 pi(1)");
    expect(error.reason).toBe("pi is a constant, not a function");
    expect([error.column, error.hint]).toEqual([3, "to multiply, write pi*(…)"]);
  });

  it("says a function name needs its parentheses when nothing follows that it could apply to", () => {
    // `sin x` reads as sin(x) since issue 12; `sin + 1` has no argument.
    const error = parseError("sin + 1");
    expect(error.reason).toBe("sin is a function, not a variable");
    expect(error.hint).toBe("call it as sin(…)");
  });

  it("reports characters the lexer does not know at their line and column", () => {
    // `$` is a LaTeX math delimiter since issue 12, skipped like a space.
    const error = parseError("2 @ 3");
    expect([error.reason, error.line, error.column, error.offending]).toEqual(['unexpected character "@"', 1, 3, "@"]);
    expect(charAboveCaret(error)).toBe("@");
    expect(parseError("x + \u0000").column).toBe(5);
    expect(parseError("x\n + é").offending).toBe("é");
    expect(parseError("1 + 😀").offending).toBe("😀");
  });

  it("refuses a number with an exponent sign but no digits (as mathjs does)", () => {
    const error = parseError("2e+x");
    expect([error.reason, error.column, error.offending]).toEqual(['malformed number "2e+"', 1, "2e+"]);
  });

  it("counts lines and columns in multi-line input", () => {
    const text = "a +\n  b *\n  )";
    const error = parseError(text);
    expect([error.line, error.column]).toEqual([3, 3]);
    expect(error.rendered.split("\n").slice(1, 3)).toEqual(["    )", "    ^"]);
    expect(parseError("x\r\n  + 2 3").line).toBe(2);
  });

  it("keeps the caret under tabbed source", () => {
    const error = parseError("a\t+\t)");
    expect(error.column).toBe(5);
    expect(error.rendered.split("\n")[2]).toBe("   \t \t^");
  });

  it("shows a window of a long line with the caret still under the spot", () => {
    const text = `${"x + ".repeat(2500)}@ + y`;
    const error = parseError(text);
    expect(error.column).toBe(10_001);
    const [, shown] = error.rendered.split("\n");
    expect(shown.length).toBeLessThan(90);
    expect(charAboveCaret(error)).toBe("@");
  });
});
