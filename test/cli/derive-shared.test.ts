// Issue 17: a derivative whose tree is too large to write out is printed in its shared form,
// repeated sub-expressions named u1, u2, … under "where", instead of being refused.
import { describe, expect, it } from "vitest";
import { deriveN } from "../../src/diff/symbolic/index.js";
import { evaluate } from "../../src/eval/evaluate.js";
import { parse } from "../../src/parse/parse.js";
import { MAX_PRINTED_TREE_NODES } from "../../src/print/text.js";
import { cli } from "./run.js";

/** The value of a printout at x: each where-definition evaluated in order, then the main line. */
function valueOfPrintout(stdout: string, x: number): number {
  const lines = stdout.trimEnd().split("\n");
  const point: Record<string, number> = { x };
  const definitions = lines.slice(1).map((line) => /^(?:where |      )(u\d+) = (.*)$/.exec(line));
  for (const match of definitions) {
    expect(match, "every line after the first defines a name").not.toBeNull();
    point[match![1]] = evaluate(parse(match![2]), point);
  }
  return evaluate(parse(lines[0]), point);
}

describe("derive prints a large derivative in its shared form", () => {
  it("the 10th derivative of exp(sin(x))*cos(x), unsimplified: too large as a tree, printed with where-names that evaluate to the same value", async () => {
    const f = parse("exp(sin(x))*cos(x)");
    const derivative = deriveN(f, "x", 10, { simplify: false });
    expect(derivative.treeSize).toBeGreaterThan(MAX_PRINTED_TREE_NODES);
    const run = await cli("derive", "exp(sin(x))*cos(x)", "--wrt", "x", "--order", "10", "--raw");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\nwhere u1 = /);
    for (const x of [0.7, -1.3, 2]) {
      const expected = evaluate(derivative, { x });
      expect(Math.abs(valueOfPrintout(run.stdout, x) - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
    }
  });

  it("a derivative that fits is written out as before, with no where-block", async () => {
    const run = await cli("derive", "sin(x)^2", "--wrt", "x");
    expect(run.stdout).toBe("2*sin(x)*cos(x)\n");
  });
});
