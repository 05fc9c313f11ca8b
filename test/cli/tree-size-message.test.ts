// The tree-size refusal says what is true about sharing: it used to claim "its shared form is
// much smaller" for every tree, x + x + … + x included, whose DAG is half its tree.
import { describe, expect, it } from "vitest";
import { variable, type Expr } from "../../src/ast/expr.js";
import { dagSize } from "../../src/ast/walk.js";
import { call } from "../../src/ops/table.js";
import { printLatex } from "../../src/print/latex.js";
import { ExpressionTooLargeError, MAX_PRINTED_TREE_NODES, printExpr } from "../../src/print/text.js";

const x = variable("x");
const message = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ExpressionTooLargeError);
    return (error as Error).message;
  }
  throw new Error("no ExpressionTooLargeError");
};

describe("the tree-size error", () => {
  it("a sum that adds x·x·x·x 250,001 times (like x + x + … + x, a chain whose DAG is not much smaller): sharing is not offered as the way out", () => {
    // Each term repeats one 7-node product, so the tree is 8 times the DAG: the x + x + … + x
    // is the same shape with a 1-node term (2 times); a million of those take 20 s to build here.
    const term = call("mul", [call("mul", [call("mul", [x, x]), x]), x]);
    let sum: Expr = term;
    for (let i = 0; i < 250_000; i++) sum = call("add", [sum, term]);
    expect([sum.treeSize, dagSize(sum)]).toEqual([2_000_007, 250_004]);
    expect(message(() => printExpr(sum))).toBe(
      "expression too large to print as a tree (2,000,007 nodes, limit 2,000,000); sharing does not make it much smaller: 250,004 distinct sub-expressions",
    );
  });

  it("x squared 25 times: 2^26 − 1 tree nodes, 26 distinct; the shared form is much smaller, and says how small", () => {
    let e: Expr = x;
    for (let i = 0; i < 25; i++) e = call("mul", [e, e]);
    expect(e.treeSize).toBe(2 ** 26 - 1);
    const text = "expression too large to print as a tree (67,108,863 nodes, limit 2,000,000); its shared form is much smaller: 26 distinct sub-expressions";
    expect(message(() => printExpr(e))).toBe(text);
    expect(message(() => printLatex(e))).toBe(text);
  });

  it("the verdict follows the sizes: much smaller means at least 10 times smaller", () => {
    expect(new ExpressionTooLargeError(MAX_PRINTED_TREE_NODES + 1, 200_000).message).toContain("its shared form is much smaller: 200,000");
    expect(new ExpressionTooLargeError(MAX_PRINTED_TREE_NODES + 1, 200_001).message).toContain("sharing does not make it much smaller: 200,001");
    expect(new ExpressionTooLargeError(1e300).message).toBe("expression too large to print as a tree (1.000e+300 nodes, limit 2,000,000)");
  });
});
