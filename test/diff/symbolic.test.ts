// Symbolic differentiation: lecture numbers, tree and shared modes against each other, swell
// measured by nodes built, higher order, kinks, budgets and deep expressions.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { num, variable, type Expr } from "../../src/ast/expr.js";
import { dagSize, topologicalOrder } from "../../src/ast/walk.js";
import { evaluate } from "../../src/eval/evaluate.js";
import { call } from "../../src/ops/table.js";
import { parse } from "../../src/parse/parse.js";
import {
  DerivationBudgetExceeded, derive, deriveGradient, deriveGradientWithCost, hessianExprs, symbolicDifferentiator,
} from "../../src/diff/symbolic/index.js";
import { exprAtPointArbitrary } from "../support/random-expr.js";
import { agreeWithinRounding, roundingErrorBound } from "./symbolic-rounding.js";

const MODES = ["tree", "shared"] as const;
const relativeError = (value: number, exact: number) => Math.abs(value / exact - 1);

/** The logistic map l1 = x, l_{n+1} = 4 l_n (1 - l_n), as typed (a tree that doubles each step). */
function logisticText(n: number): string {
  let text = "x";
  for (let k = 1; k < n; k++) text = `4*(${text})*(1 - (${text}))`;
  return text;
}

/** The same map built directly (hash-consed, so its DAG grows by a constant per step). */
function logistic(n: number): Expr {
  let l: Expr = variable("x");
  for (let k = 1; k < n; k++) l = call("mul", [call("mul", [num(4), l]), call("sub", [num(1), l])]);
  return l;
}

describe("symbolic derivatives: lecture examples", () => {
  const quiz1 = parse("exp(x*z) + x*z/log(x) + sin(log(x))/exp(x*z)");

  it.each(MODES)("Quiz 1 (%s): dy/dx = 1208.36656055419, dy/dz = 809.739809413939 at x=2, z=3 (1e-12 relative)", (mode) => {
    const { x, z } = deriveGradient(quiz1, ["x", "z"], { mode });
    expect(relativeError(evaluate(x, { x: 2, z: 3 }), 1208.36656055419)).toBeLessThan(1e-12);
    expect(relativeError(evaluate(z, { x: 2, z: 3 }), 809.739809413939)).toBeLessThan(1e-12);
  });

  it.each(MODES)("Quiz 1 through the Differentiator interface (%s): value, gradient and cost", (symbolicMode) => {
    const result = symbolicDifferentiator.gradient(quiz1, { x: 2, z: 3 }, ["x", "z"], { symbolicMode });
    expect(result.method).toBe("symbolic");
    expect(relativeError(result.value, Math.exp(6) + 6 / Math.log(2) + Math.sin(Math.log(2)) / Math.exp(6))).toBeLessThan(1e-15);
    expect(relativeError(result.gradient.x, 1208.36656055419)).toBeLessThan(1e-12);
    expect(relativeError(result.gradient.z, 809.739809413939)).toBeLessThan(1e-12);
    expect(result.cost.functionEvaluations).toBe(1);
    expect(result.cost.passes).toBe(1);
    expect(result.cost.expressionNodes).toBeGreaterThan(0);
    expect(result.cost.expressionNodes).toBeLessThanOrEqual(result.cost.expressionTreeNodes);
    expect(result.diagnostics.kinks).toEqual([]);
  });

  it("the simple example cos(sin(x^2) + 3x^2): dJ/dx = -sin(sin(1) + 3)(2cos(1) + 6) = 4.5607… at x = 1 (the lecture's backward pass)", () => {
    const expected = -Math.sin(Math.sin(1) + 3) * (2 * Math.cos(1) + 6);
    expect(Math.trunc(expected * 1e4) / 1e4).toBe(4.5607);
    for (const mode of MODES) {
      expect(relativeError(evaluate(derive(parse("cos(sin(x^2) + 3x^2)"), "x", { mode }), { x: 1 }), expected)).toBeLessThan(1e-14);
    }
  });

  it("the logistic map: l4'(0.3) = 1.3090816 (Baydin et al. 2018, Table 1) in both modes", () => {
    for (const mode of MODES) {
      expect(evaluate(derive(parse(logisticText(4)), "x", { mode }), { x: 0.3 })).toBeCloseTo(1.3090816, 7);
    }
  });
});

describe("symbolic derivatives: tree and shared modes", () => {
  it("agree at points inside the domain, within rounding (1,500 random expressions, full gradient)", () => {
    const variables = ["x", "y", "z"];
    fc.assert(
      fc.property(exprAtPointArbitrary({ maxDepth: 5 }), ({ expr, point }) => {
        const tree = deriveGradient(expr, variables, { mode: "tree" });
        const shared = deriveGradient(expr, variables, { mode: "shared" });
        return variables.every((v) => {
          const bound = roundingErrorBound(tree[v], point) + roundingErrorBound(shared[v], point);
          return agreeWithinRounding(evaluate(tree[v], point), evaluate(shared[v], point), bound);
        });
      }),
      { numRuns: 1_500 },
    );
  });

  it("tree mode's work doubles per step of the logistic map, shared mode's grows by a constant (nodes built)", () => {
    const built = (n: number, mode: "tree" | "shared") =>
      deriveGradientWithCost(logistic(n), ["x"], { mode, simplify: false }).nodesBuilt;
    for (let n = 6; n <= 14; n++) {
      const ratio = built(n + 1, "tree") / built(n, "tree");
      expect(ratio).toBeGreaterThan(1.9);
      expect(ratio).toBeLessThan(2.2);
    }
    const steps = [10, 20, 40, 80].map((n) => built(n + 1, "shared") - built(n, "shared"));
    expect(new Set(steps).size).toBe(1);
    expect(built(200, "shared") / built(100, "shared")).toBeCloseTo(2, 1);
  });

  it("shared mode builds the derivative of the logistic map at n = 1000 with a DAG linear in n", () => {
    const { derivatives, nodesBuilt } = deriveGradientWithCost(logistic(1000), ["x"], { simplify: false });
    expect(nodesBuilt).toBeLessThan(10 * 1000);
    expect(dagSize(derivatives.x)).toBeLessThan(10 * 1000);
  });

  it("never builds ∂(x^n)/∂n for a constant n (no log in d/dx x^3 or in d/dx x^n)", () => {
    for (const mode of MODES) {
      for (const text of ["x^3", "x^n"]) {
        const d = deriveGradient(parse(text), ["x"], { mode, simplify: false }).x;
        expect(topologicalOrder(d).some((node) => node.kind === "call" && node.op === "log")).toBe(false);
      }
    }
  });
});

describe("symbolic derivatives: budgets and depth", () => {
  it("tree mode stops with DerivationBudgetExceeded past its node budget (logistic map, n = 40)", () => {
    const run = () => deriveGradientWithCost(logistic(40), ["x"], { mode: "tree", budget: { maxNodesBuilt: 100_000 } });
    expect(run).toThrow(DerivationBudgetExceeded);
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(DerivationBudgetExceeded);
      expect((error as DerivationBudgetExceeded).limit).toBe("nodes");
    }
  });

  it("tree mode stops past its time budget, soon after it", () => {
    const started = performance.now();
    let caught: unknown;
    try {
      deriveGradientWithCost(logistic(60), ["x"], { mode: "tree", budget: { timeLimitMs: 200, maxNodesBuilt: Infinity } });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DerivationBudgetExceeded);
    expect((caught as DerivationBudgetExceeded).limit).toBe("time");
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it.each(MODES)("differentiates a 10,000-deep nested sin without overflowing the stack (%s)", (mode) => {
    let e: Expr = variable("x");
    for (let k = 0; k < 10_000; k++) e = call("sin", [e]);
    const d = derive(e, "x", { mode });
    // d/dx sin(sin(…x)) = Π cos(inner values), computed directly
    let inner = 0.5;
    let expected = 1;
    for (let k = 0; k < 10_000; k++) {
      expected *= Math.cos(inner);
      inner = Math.sin(inner);
    }
    expect(relativeError(evaluate(d, { x: 0.5 }), expected)).toBeLessThan(1e-10);
  });
});

describe("symbolic derivatives: higher order", () => {
  it.each(MODES)("d²/dx² sin(x^2) = 2cos(x^2) - 4x^2 sin(x^2) (%s)", (mode) => {
    const second = derive(parse("sin(x^2)"), "x", { mode, order: 2 });
    for (const x of [-2.3, -0.7, 0.4, 1.1, 3.7]) {
      const expected = 2 * Math.cos(x * x) - 4 * x * x * Math.sin(x * x);
      expect(Math.abs(evaluate(second, { x }) - expected)).toBeLessThan(1e-12 * Math.max(1, Math.abs(expected)));
    }
  });

  it("the third derivative of x^5 is 60x^2, and the sixth is 0", () => {
    expect(evaluate(derive(parse("x^5"), "x", { order: 3 }), { x: 1.5 })).toBe(60 * 1.5 * 1.5);
    expect(derive(parse("x^5"), "x", { order: 6 })).toBe(num(0));
  });

  it.each(MODES)("hessianExprs(x^2*y + sin(x*y)) matches the hand-derived Hessian and is symmetric (%s)", (mode) => {
    const h = hessianExprs(parse("x^2*y + sin(x*y)"), ["x", "y"], { mode });
    for (const [x, y] of [[0.3, -1.2], [1.7, 0.4], [-2.1, 2.5]]) {
      const point = { x, y };
      const s = Math.sin(x * y);
      const expected = [
        [2 * y - y * y * s, 2 * x + Math.cos(x * y) - x * y * s],
        [2 * x + Math.cos(x * y) - x * y * s, -x * x * s],
      ];
      for (let i = 0; i < 2; i++) {
        for (let j = 0; j < 2; j++) {
          expect(Math.abs(evaluate(h[i][j], point) - expected[i][j])).toBeLessThan(1e-12 * Math.max(1, Math.abs(expected[i][j])));
        }
      }
    }
  });
});

describe("symbolic derivatives: kinks follow the op table's conventions", () => {
  it.each([
    ["relu(x)", 0, 0, "relu'(0) = 0 via heaviside(0) = 0"],
    ["abs(x)", 0, 0, "abs'(0) = 0 via sign(0) = 0"],
    ["relu(x - 1)*x", 1, 0, "product rule at a kink"],
    ["abs(x)*3 + x", 0, 1, "kink inside a sum"],
  ])("%s at x = %d gives %d (%s), flagged as a kink", (text, x, expected) => {
    for (const symbolicMode of MODES) {
      const result = symbolicDifferentiator.gradient(parse(text), { x }, ["x"], { symbolicMode });
      expect(result.gradient.x).toBe(expected);
      expect(result.diagnostics.kinks.length).toBeGreaterThan(0);
    }
  });

  it("prepare once, evaluate at many points: relu' is 0 left of the kink and 1 right of it", () => {
    const prepared = symbolicDifferentiator.prepare(parse("relu(x)"), ["x"]);
    expect([-2, -0.1, 0, 0.1, 2].map((x) => prepared.at({ x }).gradient.x)).toEqual([0, 0, 0, 1, 1]);
    expect(prepared.setupCost.expressionNodes).toBe(2); // heaviside(x)
  });
});
