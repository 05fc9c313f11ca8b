// Long typed programs: each statement is lexed and parsed on its own (the whole source was once
// re-lexed per statement: 4,000 statements took 8.5 s), and every error still points at its
// line and column in the whole program. That the work stays linear is in test/parse/linearity.
import { describe, expect, it } from "vitest";
import { lower } from "../../src/typed/lower.js";
import { parseTyped } from "../../src/typed/parse.js";
import { vectorShape } from "../../src/typed/shape.js";
import { parseErrorOf } from "../support/parse-error.js";

const parseError = (text: string) => parseErrorOf(() => parseTyped(text));

/** x: R^2, then a0 = x + 1, a1 = a0 + 1, …, each with its ";": entry i + 1 is a_i. */
function chain(n: number): string[] {
  return ["x: R^2;", ...Array.from({ length: n }, (_, i) => `a${i} = ${i === 0 ? "x" : `a${i - 1}`} + 1;`)];
}

describe("long typed programs", () => {
  it("4,000 statements read into 4,000 bindings that build on each other", () => {
    const program = parseTyped([...chain(4000), "sum(a3999)"].join("\n"));
    expect(program.bindings.length).toBe(4000);
    expect(program.bindings[3999].expr.shape).toEqual(vectorShape(2));
    expect(program.result.shape.kind).toBe("scalar");
    expect(lower(program.result).elements.length).toBe(1);
  });

  it("an error deep in the program is reported at its own line and column, with that line shown", () => {
    for (const lineBreak of ["\n", "\r\n"]) {
      const lines = [...chain(3000), "sum(a2999)"];
      lines[2001] = "a2000 = a1999 + * 1;";
      const error = parseError(lines.join(lineBreak));
      expect([error.reason, error.line, error.column]).toEqual(['unexpected "*"', 2002, 17]);
      expect(error.rendered.split("\n").slice(1, 3)).toEqual(["  a2000 = a1999 + * 1;", "                  ^"]);
    }
  });

  it("statements on one long line keep their columns", () => {
    const statements = chain(1000).join(" ");
    const error = parseError(`${statements} sum(a999) + [1, 2`);
    expect([error.reason, error.line, error.column]).toEqual(["unexpected end of input", 1, statements.length + 19]);
  });

  it("a shape error in a later statement underlines the operator there", () => {
    const error = parseError([...chain(2000), "y: R^3;", "sum(a1999 + y)"].join("\n"));
    expect([error.line, error.column, error.offending]).toEqual([2003, 11, "+"]);
    expect(error.reason).toMatch(/R\^2 .*R\^3|2 .* 3/);
  });

  it("a 10,000-entry matrix literal reads every entry, in order", () => {
    const values = Array.from({ length: 10_000 }, (_, i) => (i * 7) % 1000);
    const elements = lower(parseTyped(`[${values.join(", ")}]`).result).elements;
    expect(elements.map((e) => (e.kind === "num" ? e.value : Number.NaN))).toEqual(values);
  });
});
