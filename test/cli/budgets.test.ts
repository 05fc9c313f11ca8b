// Budgets (issue 18, "out of memory, unbounded time"): every input here would run for minutes or
// exhaust the heap without its limit; each is refused before the expensive part starts (or stops
// at a small budget), exit 2 with the figure. None waits for a time limit.
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import "../support/fast-check-seed.js";
import { dagSize } from "../../src/ast/walk.js";
import { estimateGradientCost, gradientCostProblem, MAX_NODE_VISITS } from "../../src/diff/cost-estimate.js";
import { DerivationBudgetExceeded, deriveGradientWithCost, deriveN } from "../../src/diff/symbolic/index.js";
import { NodeCounter } from "../../src/diff/symbolic/budget.js";
import { parse } from "../../src/parse/parse.js";
import { ExpressionTooLargeError, MAX_PRINTED_CHARACTERS, printExpr, TextTooLongError } from "../../src/print/text.js";
import { printLatex } from "../../src/print/latex.js";
import { call } from "../../src/ops/table.js";
import { variable, type Expr } from "../../src/ast/expr.js";
import { FAMILIES } from "../../src/swell/families.js";
import { loweredNodeCount, lowerScalar } from "../../src/typed/lower.js";
import { parseTyped } from "../../src/typed/parse.js";
import { CostLimitError, formatCount, Progress, setProgressListener } from "../../src/util/budget.js";
import { cli } from "./run.js";
import { affordableMethods, skippedJson, skippedNotes } from "../../src/cli/commands/grad.js";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

describe("lowering is refused before it starts past MAX_LOWERED_NODES", () => {
  it("grad sum(A*B) with 215×215 matrices (2e7 lowered nodes; it used to run 69 s and die of heap exhaustion) runs at tensor level: ∂/∂A = ones * B'", async () => {
    const run = await cli("grad", "sum(A*B)", "--shape", "A=215x215,B=215x215", "--seed", "1", "--method", "reverse", "--json");
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    const [A, B] = [out.at.A, out.at.B] as number[][][];
    const g = out.methods.reverse.gradient.A as number[][];
    // d sum(A B) / dA_ij = Σ_k B_jk (row sums of B)
    for (const [i, j] of [[0, 0], [7, 100], [214, 214]]) {
      const rowSum = B[j].reduce((s, v) => s + v, 0);
      expect(Math.abs(g[i][j] - rowSum)).toBeLessThan(1e-12 * 215);
    }
    expect(A).toHaveLength(215);
  });

  it("finite differences still lower to scalars: 100×100 matrices (2.02e6 nodes) are refused by the lowering limit, with both figures", async () => {
    const run = await cli("grad", "sum(A*B)", "--shape", "A=100x100,B=100x100", "--seed", "1", "--method", "finite-difference");
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/would take [0-9.e+]+ (scalar nodes|node visits); the limit is/);
  });

  it("loweredNodeCount is the number of distinct scalar nodes lowering builds, when no two elements coincide", () => {
    const programs = [
      (n: number, m: number) => `A: R^(${n}x${m}); B: R^(${m}x${n}); sum(A*B)`,
      (n: number) => `x: R^${n}; y: R^${n}; z: R^${n}; dot(x, y) + norm2(z)`,
      (n: number, m: number) => `W: R^(${n}x${m}); x: R^${m}; sum(sigmoid(W * x))`,
      (n: number) => `x: R^${n}; sum(exp(x') .* exp(x'))`,
    ];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: programs.length - 1 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), (which, n, m) => {
        const program = parseTyped(programs[which](n, m));
        // exp(x') .* exp(x') squares one node per element: the estimate counts it twice, an upper bound.
        const lowered = dagSize(lowerScalar(program.result));
        if (which === 3) expect(lowered).toBeLessThan(loweredNodeCount(program.result));
        else expect(lowered).toBe(loweredNodeCount(program.result));
      }),
      { numRuns: 60 },
    );
  });
});

describe("gradient methods estimate their sweeps before starting", () => {
  it("forward and finite differences sweep once per variable; symbolic and reverse a fixed number of times", () => {
    expect(estimateGradientCost("forward", 30_000, 10_000).nodeVisits).toBe(3e8);
    expect(estimateGradientCost("finite-difference", 30_000, 10_000).sweeps).toBe(10_000);
    expect(estimateGradientCost("reverse", 30_000, 10_000).sweeps).toBe(3);
    expect(gradientCostProblem("reverse", 30_000, 10_000)).toBeUndefined();
    expect(gradientCostProblem("forward", 1000, MAX_NODE_VISITS / 1000)).toBeUndefined();
    expect(gradientCostProblem("forward", 1000, MAX_NODE_VISITS / 1000 + 1)).toBeInstanceOf(CostLimitError);
  });

  it("grad sum(sigmoid(x)) --shape x=10000 --method finite-difference is refused with its cost and offers --method reverse", async () => {
    const run = await cli("grad", "sum(sigmoid(x))", "--shape", "x=10000", "--seed", "1", "--method", "finite-difference");
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("error: finite-difference (10000 sweeps");
    expect(run.stderr).toContain("of 29999 nodes) would take 3e+8 node visits; the limit is 1e+7");
    expect(run.stderr).toContain("--method reverse");
  });

  it("forward mode runs at tensor level, where the limit is 1e10 scalar operations: x of 10000 (3e8) runs, x of 1e6 (3e12) is refused", async () => {
    expect(gradientCostProblem("forward", 29_999, 10_000, true)).toBeUndefined();
    const refused = gradientCostProblem("forward", 2_999_999, 1_000_000, true);
    expect(refused).toBeInstanceOf(CostLimitError);
    expect(refused?.message).toContain("scalar operations at tensor level; the limit is 1e+10");
  });

  it("with all four methods (the default), those past the budget are skipped and named, the others run; by name, refused", () => {
    // 2000 variables × 5999 nodes = 1.2e7 visits for forward and finite differences.
    const { methods, skipped } = affordableMethods(["symbolic", "finite-difference", "forward", "reverse"], undefined, 5999, 2000);
    expect(methods).toEqual(["symbolic", "reverse"]);
    expect(skippedNotes(skipped)).toBe(
      "note: not run: finite-difference (2000 sweeps (one set of difference quotients per variable) of 5999 nodes) would take 1.2e+7 node visits; the limit is 1e+7\n" +
        "note: not run: forward (2000 sweeps (one per variable) of 5999 nodes) would take 1.2e+7 node visits; the limit is 1e+7\n",
    );
    expect(Object.keys(skippedJson(skipped).skipped ?? {})).toEqual(["finite-difference", "forward"]);
    expect(() => affordableMethods(["forward", "reverse"], "forward,reverse", 5999, 2000)).toThrow(CostLimitError);
    expect(affordableMethods(["forward"], "forward", 5999, 1000).methods).toEqual(["forward"]);
  });
});

describe("derivations hold one budget for all orders and for simplification", () => {
  it("an n-th derivative that runs out names the order it reached (sigmoid∘sigmoid∘sigmoid, 20th derivative)", () => {
    let caught: unknown;
    try {
      deriveN(parse("sigmoid(sigmoid(sigmoid(x)))"), "x", 20, { budget: { maxNodesBuilt: 20_000 } });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DerivationBudgetExceeded);
    const stop = caught as DerivationBudgetExceeded;
    expect(stop.order?.of).toBe(20);
    // The 6th derivative alone builds ~7000 nodes: a per-order budget of 20,000 would reach the 8th.
    expect(stop.order?.at).toBeLessThanOrEqual(7);
    expect(stop.message).toMatch(/^the 20th derivative would exceed the budget: it stopped while building the \d+th derivative, at its budget of 20000 nodes built$/);
  });

  it("the simplifier's visits count against the budget (a derivative that fits raw does not fit simplified)", () => {
    const f = parse("sigmoid(sigmoid(x))*tanh(x)");
    const raw = deriveGradientWithCost(f, ["x"], { simplify: false }).nodesBuilt;
    expect(() => deriveGradientWithCost(f, ["x"], { simplify: false, budget: { maxNodesBuilt: raw } })).not.toThrow();
    expect(() => deriveGradientWithCost(f, ["x"], { simplify: true, budget: { maxNodesBuilt: raw } })).toThrow(DerivationBudgetExceeded);
  });

  it("derive --order 20 --mode tree past the budget is exit 2 naming the order, and suggests --mode shared", async () => {
    const run = await cli("derive", "sin(x)*exp(x)*log(x)*tanh(x)", "--order", "20", "--mode", "tree", "--raw");
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: derive: the 20th derivative would exceed the budget: it stopped while building the \d+th derivative, at its budget of 2e\+6 nodes built\ntry --mode shared or a lower --order\n$/);
  });

  it("swell's nth-derivative member is built under one budget, not one per derivative", () => {
    // Nodes each step from exp(-x^2) to its 8th derivative takes, each with a fresh budget.
    let current = parse("exp(-x^2)");
    const steps: number[] = [];
    for (let k = 0; k < 8; k++) {
      const counter = new NodeCounter();
      current = deriveGradientWithCost(current, ["x"], { budget: counter }).derivatives.x;
      steps.push(counter.nodesBuilt);
    }
    const largestStep = Math.max(...steps);
    expect(steps.reduce((a, b) => a + b)).toBeGreaterThan(largestStep + 1);
    expect(() => FAMILIES["nth-derivative"].expression(9, { maxNodesBuilt: largestStep + 1 })).toThrow(DerivationBudgetExceeded);
  });
});

describe("sizes that surfaced as internal errors are refusals with their figure", () => {
  it("a text past MAX_PRINTED_CHARACTERS is TextTooLongError (an ExpressionTooLargeError) before the string overflows", () => {
    let e: Expr = variable("v".repeat(1_000_000));
    for (let k = 0; k < 6; k++) e = call("add", [e, e]); // 64 copies of a 1 MB name, 127 tree nodes
    expect(() => printExpr(e)).toThrow(TextTooLongError);
    expect(() => printLatex(e)).toThrow(ExpressionTooLargeError);
    expect(() => printExpr(e)).toThrow(/too long to print \(6\.4e\+7 characters or more for 1\.3e\+2 nodes; the limit is 5e\+7 characters\)/);
    expect(MAX_PRINTED_CHARACTERS).toBe(5e7);
  });

  it("derive of an 80 KB expression to order 7 (tree, raw): too long to write out (a refusal, not 'Invalid string length'), so derive prints its shared form", async () => {
    const v = "v".repeat(20_000);
    const text = `sin(${v})*exp(${v})*log(${v})*tanh(${v})`;
    const derivative = deriveN(parse(text), v, 7, { mode: "tree", simplify: false });
    expect(() => printExpr(derivative)).toThrow(/^expression too long to print \([\d.]+e\+7 characters or more/);
    const run = await cli("derive", text, "--order", "7", "--mode", "tree", "--raw");
    expect([run.code, run.stderr]).toEqual([0, ""]);
    expect(run.stdout).toMatch(/\nwhere u1 = /);
  });

  it("a batch entry with shape {x: 1000000} is refused with the figure, and the file's other entries are still checked", async () => {
    const dir = mkdtempSync(join(tmpdir(), "diffscope-budget-"));
    const file = join(dir, "big.yaml");
    writeFileSync(file, [
      '- {expression: "sum(sigmoid(x))", answer: "sigmoid(x) .* (1 - sigmoid(x))", shape: {x: 1000000}}',
      '- {expression: "sum(sigmoid(x))", answer: "sigmoid(x) .* (1 - sigmoid(x))", shape: {x: 1000}}',
      '- {expression: "x^2", answer: "2*x"}',
    ].join("\n"));
    const run = await cli("check", "--file", file);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain("could not read: lowering the expression to scalars would take 3e+6 scalar nodes; the limit is 2e+6");
    expect(run.stdout).toContain("could not read: checking ∂f/∂x entry by entry (1000 entries, each against f's 2999 scalar nodes) would take 3e+6 entry × node pairs; the limit is 100000");
    expect(run.stdout).toContain("1 of 3 problems correct, 2 unreadable");
  });
});

describe("progress", () => {
  it("is reported only past a second of work, at most four times a second, and only to a listener", () => {
    let now = 0;
    const clock = vi.spyOn(performance, "now").mockImplementation(() => now);
    const heard: number[] = [];
    const previous = setProgressListener(({ done }) => heard.push(done));
    try {
      const progress = new Progress("work", 100, 1);
      for (let i = 1; i <= 100; i++) {
        now = i * 50; // 50 ms per unit: 5 s in all
        progress.tick(i);
      }
      // From 1 s on, every 250 ms: at 1000, 1250, …, 5000 ms.
      expect(heard).toEqual(Array.from({ length: 17 }, (_, k) => 20 + 5 * k));
      setProgressListener(undefined);
      progress.tick(101);
      expect(heard).toHaveLength(17);
    } finally {
      setProgressListener(previous);
      clock.mockRestore();
    }
  });

  it("formats figures so a figure and its limit differ where they differ", () => {
    expect(formatCount(2_020_001)).toBe("2.02e+6");
    expect(formatCount(2_000_000)).toBe("2e+6");
    expect(formatCount(99_999)).toBe("99999");
  });
});
