// The simplifier: each rule as a fact a reader can check, then the two guarantees over
// thousands of random expressions — it never makes a tree bigger, and never changes a value
// at a point inside the domain.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { num, variable, type Expr } from "../../src/ast/expr.js";
import { dagSize, topologicalOrder } from "../../src/ast/walk.js";
import { evaluate } from "../../src/eval/evaluate.js";
import { call } from "../../src/ops/table.js";
import { parse } from "../../src/parse/parse.js";
import { printExpr } from "../../src/print/text.js";
import { deriveGradient, simplify } from "../../src/diff/symbolic/index.js";
import { exprArbitrary, exprAtPointArbitrary } from "../support/random-expr.js";
import { agreeWithinRounding, jumpUnsettled, roundingErrorBound } from "./symbolic-rounding.js";

const simplified = (text: string): string => printExpr(simplify(parse(text)));

describe("simplify: rules", () => {
  it.each([
    // constant folding of arithmetic
    ["2*3 + 4", "10"],
    ["2^10", "1024"],
    ["1/4", "0.25"],
    ["-(3)", "-3"],
    ["7 - 9", "-2"],
    // 0 and 1 identities
    ["x + 0", "x"],
    ["0 + x", "x"],
    ["x - 0", "x"],
    ["0 - x", "-x"],
    ["x*1", "x"],
    ["1*x", "x"],
    ["x*0", "0"],
    ["0/x", "0"],
    ["x/1", "x"],
    ["x^1", "x"],
    ["x^0", "1"],
    ["1^x", "1"],
    // cancellation and signs
    ["x - x", "0"],
    ["sin(x)/sin(x)", "1"],
    ["sigmoid(x)*(1 - sigmoid(x))/(1 - sigmoid(x))", "sigmoid(x)"], // d/dx log(1 - σ(x)) = -σ(x)
    ["sigmoid(x)*(1 - sigmoid(x))/sigmoid(x)", "1 - sigmoid(x)"],
    ["-(-x)", "x"],
    ["-(-(-(x)))", "-x"],
    ["-(x - y)", "y - x"],
    ["x + -y", "x - y"],
    ["x - -y", "x + y"],
    // numeric factors
    ["2*(3*x)", "6*x"],
    ["(2*x)*3", "6*x"],
    ["x*2", "2*x"],
    ["(2*x)*(3*y)", "6*x*y"],
    ["-(8*x)", "-8*x"],
    ["(6*x)/3", "2*x"],
    ["6/(2*x)", "3/x"],
    ["2*(x/(2*y))", "x/y"],
    // powers
    ["x*x", "x^2"],
    ["x^2*x^3", "x^5"],
    ["x*x^2", "x^3"],
    ["x^3/x", "x^2"],
    ["(x^2)^3", "x^6"],
    ["x^2*x^-2", "1"],
    ["y/log(x)/log(x)", "y/log(x)^2"],
    // polynomial normal form (when smaller)
    ["x*z - z*x", "0"],
    ["(x + 1)^2 - x^2 - 2*x", "1"],
    ["3*x + 2*y - x + y", "2*x + 3*y"],
    ["x*sin(x)*x", "x^2*sin(x)"],
    // log(e) is exactly 1: d/dx e^x by the rule for a^x is e^x·log(e)
    ["log(e)", "1"],
    ["e^x*log(e)", "e^x"],
    ["log(e)/x", "1/x"],
  ])("%s → %s", (input, expected) => {
    expect(simplified(input)).toBe(expected);
  });

  it("never folds transcendental calls or inexact arithmetic: log(10), 1/3, 2^0.5, 0.1 + 0.2 stay as written", () => {
    for (const text of ["log(10)", "1/3", "2^0.5", "0.1 + 0.2", "sin(1)", "pi"]) {
      expect(simplified(text)).toBe(text);
    }
  });

  it("keeps a product that expanding would enlarge: 4*x*(1 - x) stays", () => {
    expect(simplified("4*x*(1 - x)")).toBe("4*x*(1 - x)");
  });

  it("gives the Baydin et al. (JMLR 2018, Table 1) simplified l2' = 4 - 8x for l2 = 4x(1 - x)", () => {
    const l2 = parse("4*x*(1 - x)");
    for (const mode of ["tree", "shared"] as const) {
      expect(printExpr(deriveGradient(l2, ["x"], { mode }).x)).toBe("4 - 8*x");
    }
  });
});

/** |a - b| within `tolerance` relative, or absolute for values near 0 (|v| < 1). */
function closeTo(a: number, b: number, tolerance = 1e-12): boolean {
  if (Object.is(a, b)) return true;
  return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));
}

describe("simplify: guarantees over random expressions", () => {
  it("never makes a tree bigger (5,000 random expressions)", () => {
    fc.assert(
      fc.property(exprArbitrary({ maxDepth: 6 }), (e) => simplify(e).treeSize <= e.treeSize),
      { numRuns: 5_000 },
    );
  });

  it("never changes the value at a point inside the domain beyond rounding (3,000 random expressions)", () => {
    // 1e-12 relative (absolute near 0); a rare ill-conditioned expression such as
    // sec(x - z - (y - z)) at x = -42.69 may differ by its own rounding error (and the
    // simplified x - y is the more accurate one).
    fc.assert(
      fc.property(exprAtPointArbitrary({ maxDepth: 5 }), ({ expr, point }) => {
        // sign(y + (z - y) - z) simplifies to sign(0) = 0, while float64 may evaluate sign(1e-20) = 1.
        fc.pre(!jumpUnsettled(expr, point));
        return agreeWithinRounding(evaluate(expr, point), evaluate(simplify(expr), point), roundingErrorBound(expr, point));
      }),
      {
        numRuns: 3_000,
        examples: [[{ expr: call("sign", [call("asin", [call("add", [variable("y"), call("sub", [call("sub", [variable("z"), variable("y")]), variable("z")])])])]), point: { x: 0, y: 0.0001, z: 0.001 } }]],
      },
    );
  });

  it("reaches its fixpoint within its passes: simplifying again returns the same node (2,000 random expressions)", () => {
    fc.assert(
      fc.property(exprArbitrary({ maxDepth: 5 }), (e) => {
        const once = simplify(e);
        return simplify(once) === once;
      }),
      { numRuns: 2_000 },
    );
  });
});

describe("simplify: bounded on big shared expressions", () => {
  const x = variable("x");
  /** The logistic map l_{k+1} = 4 l_k (1 - l_k) as a hash-consed DAG. */
  function logistic(n: number): Expr {
    let l: Expr = x;
    for (let k = 1; k < n; k++) l = call("mul", [call("mul", [num(4), l]), call("sub", [num(1), l])]);
    return l;
  }

  it("keeps the shared derivative of the logistic map at n = 1000 linear: DAG within 1% of the input, same value", () => {
    const raw = deriveGradient(logistic(1000), ["x"], { simplify: false }).x;
    const result = simplify(raw);
    expect(dagSize(result)).toBeLessThanOrEqual(dagSize(raw) * 1.01);
    const before = evaluate(raw, { x: 0.3 });
    expect(Number.isFinite(before)).toBe(true);
    expect(closeTo(evaluate(result, { x: 0.3 }), before, 1e-9)).toBe(true);
  });

  it("does not overflow the call stack on a 20,000-deep expression", () => {
    let e: Expr = x;
    for (let k = 0; k < 20_000; k++) e = call("sin", [call("add", [e, num(0)])]);
    const result = simplify(e);
    expect(topologicalOrder(result).filter((n) => n.kind === "call" && n.op === "add")).toHaveLength(0);
    expect(result.treeSize).toBe(20_001);
  });
});
