// Deep nesting and long input: a clear result or a clear ParseError, never a stack overflow,
// and parsing stays fast.
import { describe, expect, it } from "vitest";
import { variable, type Expr } from "../../src/ast/expr.js";
import { MAX_NESTING_DEPTH, parse, ParseError } from "../../src/parse/parse.js";

function bestTimeMs(work: () => void, runs = 3): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

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

  it("gives ParseErrors, not RangeErrors, for broken or too-deep nesting", () => {
    const unclosed = () => parse(`${"(".repeat(5000)}x${")".repeat(4999)}`);
    expect(unclosed).toThrow(ParseError);
    expect(unclosed).toThrow(/unexpected end of input/);
    expect(() => parse(`${"(".repeat(5000)}x+${")".repeat(5000)}`)).toThrow(/unexpected "\)" at 1:5003/);
    const tooDeep = `${"(".repeat(MAX_NESTING_DEPTH + 1)}x${")".repeat(MAX_NESTING_DEPTH + 1)}`;
    expect(() => parse(tooDeep)).toThrow(ParseError);
    expect(() => parse(tooDeep)).toThrow(`parentheses nested more than ${MAX_NESTING_DEPTH} deep at 1:${MAX_NESTING_DEPTH + 1}`);
  });

  it("reads a 5000-high power tower right-associatively, quickly", () => {
    const text = Array.from({ length: 5000 }, (_, i) => `x${i}`).join("^");
    let e: Expr | undefined;
    expect(bestTimeMs(() => (e = parse(text)), 1)).toBeLessThan(2000);
    let height = 0;
    for (let node = e as Expr; node.kind === "call"; node = node.args[1]) {
      expect([node.op, node.args[0]]).toEqual(["pow", variable(`x${height}`)]);
      height++;
    }
    expect(height).toBe(4999);
  });

  it("parses a 10 KB expression well under a second", () => {
    const terms: string[] = [];
    for (let i = 0; terms.join(" + ").length < 10_000; i++) terms.push(`sin(x${i % 7})*2y^2 - 3/4x + log(z, 2)(x-1)`);
    const text = terms.join(" + ");
    expect(text.length).toBeGreaterThanOrEqual(10_000);
    expect(bestTimeMs(() => parse(text))).toBeLessThan(500);
  });
});
