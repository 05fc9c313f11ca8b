// Deep nesting and long input: a clear result or a clear ParseError, never a stack overflow.
// How fast is the benchmark's business (npm run bench:parse); that parsing stays linear is
// checked by counting work in linearity.test.ts.
import { describe, expect, it } from "vitest";
import { callNode, num, variable, type Expr } from "../../src/ast/expr.js";
import { countParses, MAX_NESTING_DEPTH, nestingDepth, parse, ParseError } from "../../src/parse/parse.js";
import { tokenize } from "../../src/parse/lexer.js";
import { parseErrorOf } from "../support/parse-error.js";

const parseError = (text: string) => parseErrorOf(() => parse(text));

const LIMIT = MAX_NESTING_DEPTH;

describe("limits", () => {
  it("parses 5000-deep parentheses (they make no node)", () => {
    expect(parse(`${"(".repeat(5000)}x${")".repeat(5000)}`)).toBe(variable("x"));
  });

  it("parses 5000 nested calls without recursion", () => {
    let e: Expr = parse(`${"sin(".repeat(5000)}x${")".repeat(5000)}`);
    let depth = 0;
    while (e.kind === "call") {
      expect(e.op).toBe("sin");
      e = e.args[0];
      depth++;
    }
    expect([depth, e]).toEqual([5000, variable("x")]);
  });

  it("gives ParseErrors, not RangeErrors, for broken nesting", () => {
    const unclosed = () => parse(`${"(".repeat(5000)}x${")".repeat(4999)}`);
    expect(unclosed).toThrow(ParseError);
    expect(unclosed).toThrow(/unexpected end of input/);
    expect(() => parse(`${"(".repeat(5000)}x+${")".repeat(5000)}`)).toThrow(/unexpected "\)" at 1:5003/);
  });

  it("reads a 5000-high power tower right-associatively, in exactly one parse", () => {
    const text = Array.from({ length: 5000 }, (_, i) => `x${i}`).join("^");
    expect(countParses(text)).toBe(1);
    let height = 0;
    for (let node = parse(text); node.kind === "call"; node = node.args[1]) {
      expect([node.op, node.args[0]]).toEqual(["pow", variable(`x${height}`)]);
      height++;
    }
    expect(height).toBe(4999);
  });

  it("keeps signs inside a tower where they are written: 2^-x^-3 = 2^(-(x^(-3)))", () => {
    expect(parse("2^-x^-3")).toBe(callNode("pow", [num(2), callNode("neg", [callNode("pow", [variable("x"), num(-3)])])]));
    expect(parse("-x^2^y")).toBe(callNode("neg", [callNode("pow", [variable("x"), callNode("pow", [num(2), variable("y")])])]));
  });
});

describe("one nesting limit for every kind of nesting", () => {
  // Each builds text nested `depth` levels deep, with the deepest level's token at column `depth`.
  const kinds: readonly (readonly [string, (depth: number) => string])[] = [
    ["parentheses", (d) => `${"(".repeat(d)}x${")".repeat(d)}`],
    ["brackets", (d) => `${"[".repeat(d)}x${"]".repeat(d)}`],
    ["calls", (d) => `${"f(".repeat(d)}x${")".repeat(d)}`],
    ["unary minus", (d) => `${"-".repeat(d)}x`],
    ["unary plus and minus", (d) => `${"+-".repeat(d / 2)}x`],
    ["a power tower", (d) => `x${"^x".repeat(d)}`],
    ["mixed", (d) => `${"-(".repeat(d / 2)}x${")".repeat(d / 2)}`],
  ];

  for (const [kind, make] of kinds) {
    it(`${kind}: past ${LIMIT} levels is "too deeply nested" at the first level too many`, () => {
      const error = parseError(make(LIMIT + 2));
      expect(error.reason).toBe(`too deeply nested: more than ${LIMIT} levels`);
      const text = make(LIMIT + 2);
      // The caret sits under the token that opens level LIMIT + 1.
      const token = tokenize(text).filter((t) => t.type !== "name" && t.type !== "functionName")[LIMIT];
      expect([error.line, error.column]).toEqual([1, token.col]);
      expect(error.rendered.split("\n")[2].trim()).toMatch(/^\^+$/);
    });
  }

  it("counts each kind of level once: brackets, calls, signs, powers", () => {
    expect(nestingDepth("x")).toBe(0);
    expect(nestingDepth("(x)")).toBe(1);
    expect(nestingDepth("[[x]]")).toBe(2);
    expect(nestingDepth("sin(cos(x))")).toBe(2);
    expect(nestingDepth("- -x")).toBe(2);
    expect(nestingDepth("x^y^z")).toBe(2);
    expect(nestingDepth("-(x^-(y))")).toBe(5);
    expect(nestingDepth("x'''")).toBe(0);
  });

  it("exactly the limit is accepted", () => {
    expect(parse(`${"(".repeat(LIMIT)}x${")".repeat(LIMIT)}`)).toBe(variable("x"));
    expect(nestingDepth(`${"-".repeat(LIMIT)}x`)).toBe(LIMIT);
    expect(nestingDepth(`x${"^x".repeat(LIMIT)}`)).toBe(LIMIT);
  });

  it("one million unary minus signs are refused at the first sign too many, with a caret", () => {
    const error = parseError(`${"-".repeat(1_000_000)}x`);
    expect([error.reason, error.line, error.column, error.offending]).toEqual([`too deeply nested: more than ${LIMIT} levels`, 1, LIMIT + 1, "-"]);
  });

  it("long flat input nests nothing: a sum of 100,000 terms, products, implicit products, lists", () => {
    expect(nestingDepth(Array.from({ length: 100_000 }, (_, i) => (i % 2 === 0 ? "x" : "-y")).join("+"))).toBe(1);
    const n = 2 * LIMIT;
    expect(nestingDepth(Array(n).fill("x^2").join(" * "))).toBe(1);
    expect(nestingDepth(Array(n).fill("-x^2").join(" - "))).toBe(2);
    expect(nestingDepth(Array(n).fill("x^2").join(" "))).toBe(1);
    expect(nestingDepth(`[${Array(n).fill("-x").join(", ")}]`)).toBe(2);
    expect(nestingDepth(Array(n).fill("(-x)").join(""))).toBe(2);
    // And the parser takes such input past the limit.
    const sum = parse(Array(LIMIT + 1).fill("x").join("+"));
    expect(sum.kind === "call" && sum.op).toBe("add");
  });

  it("inside a bracket the count goes on from where the bracket stands", () => {
    expect(parseError(`${"-".repeat(LIMIT - 1)}(-(x))`).column).toBe(LIMIT + 1);
  });
});
