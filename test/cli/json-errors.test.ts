// Issue 17: with --json an error is JSON too, and a misread text carries its place and what
// would have been accepted as fields — the same line, column and expectations parse() reports.
import { describe, expect, it } from "vitest";
import { ParseError } from "../../src/parse/errors.js";
import { parse } from "../../src/parse/parse.js";
import { cli } from "./run.js";

const BAD_TEXTS = ["sin(x +* 2)", "x^", "(x + 1", "2 ** * 3", "f(x,)", "x y )", "1e+", "sqrt(x))"];

function parseErrorOf(text: string): ParseError {
  try {
    parse(text);
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw e;
  }
  throw new Error(`${text} parsed`);
}

describe("--json errors", () => {
  it.each(BAD_TEXTS)("%s: eval, grad and derive print one JSON error with parse()'s line, column and expectations, exit 2, nothing on stderr", async (text) => {
    const expected = parseErrorOf(text);
    for (const argv of [["eval", text, "--at", "x=1", "--json"], ["grad", text, "--at", "x=1", "--json"], ["derive", text, "--json"]]) {
      const run = await cli(...argv);
      expect(run.code, argv.join(" ")).toBe(2);
      expect(run.stderr).toBe("");
      const { error } = JSON.parse(run.stdout) as { error: Record<string, unknown> };
      expect(error).toMatchObject({ line: expected.line, column: expected.column, offending: expected.offending, expected: expected.expected, exitCode: 2 });
      expect(String(error.message)).toContain(`${expected.line}:${expected.column}`);
    }
  });

  it("an error that is not about reading text has no place fields", async () => {
    const run = await cli("eval", "x + y", "--at", "x=1", "--json");
    expect(run.code).toBe(2);
    const { error } = JSON.parse(run.stdout) as { error: Record<string, unknown> };
    expect(error.line).toBeUndefined();
    expect(String(error.message)).toMatch(/no value given for variable y/);
  });

  it("an unknown command with --json is a JSON error too, with its did-you-mean", async () => {
    const run = await cli("gard", "x^2", "--json");
    expect([run.code, run.stderr]).toEqual([2, ""]);
    const { error } = JSON.parse(run.stdout) as { error: { message: string; exitCode: number } };
    expect(error).toMatchObject({ message: 'unknown command "gard" (did you mean grad?)', exitCode: 2 });
  });
});
