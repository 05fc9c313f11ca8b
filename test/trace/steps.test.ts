import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { derivative as mathjsDerivative } from "mathjs";
import { evaluate } from "../../src/eval/evaluate.js";
import { reverseDifferentiator } from "../../src/diff/reverse/differentiator.js";
import { parse } from "../../src/parse/parse.js";
import { deriveSteps, type DerivationStep } from "../../src/trace/steps.js";
import { cli } from "../cli/run.js";
import { exprAtPointArbitrary } from "../support/random-expr.js";

function allSteps(step: DerivationStep): DerivationStep[] {
  return [step, ...step.children.flatMap(allSteps)];
}
const rulesOf = (f: string, x = "x") => allSteps(deriveSteps(parse(f), x).root).map((s) => s.rule);

describe("steps: the rule applied at each sub-expression", () => {
  it("the simple example: chain rule for cos, sum rule, chain rule for sin, power rule, constant multiple; x^2 derived once", () => {
    const derivation = deriveSteps(parse("cos(sin(x^2) + 3x^2)"), "x");
    const steps = allSteps(derivation.root);
    expect(steps.map((s) => s.rule)).toEqual(["chain rule", "sum rule", "chain rule", "power rule", "constant multiple rule", "power rule"]);
    expect(steps[0].statement).toBe("d/dx cos(u) = -sin(u) * du/dx");
    expect(steps[0].substitutions).toEqual([["u", "sin(x^2) + 3*x^2"]]);
    expect(steps[3].statement).toBe("d/dx (x^n) = n*x^(n - 1)");
    expect(steps.filter((s) => s.derivedAbove).map((s) => s.rule)).toEqual(["power rule"]);
  });

  it.each([
    ["x*sin(x)", "product rule"],
    ["sin(x)/x", "quotient rule"],
    ["2^x", "exponential rule"],
    ["x^x", "general power rule (a^b = exp(b·log a))"],
    ["sigmoid(x)", "derivative of sigmoid"],
    ["x - cos(x)", "difference rule"],
    ["x/3", "constant multiple rule (divide by a constant)"],
    ["log(x, 2)", "chain rule through log"],
  ])("d/dx %s starts with the %s", (f, rule) => {
    expect(rulesOf(f)[0]).toBe(rule);
  });

  it("each function's own derivative comes from the op table: d/dx tanh(u) = (1 - tanh(u)^2) * du/dx", () => {
    expect(deriveSteps(parse("tanh(x^2)"), "x").root.statement).toBe("d/dx tanh(u) = (1 - tanh(u)^2) * du/dx");
    expect(deriveSteps(parse("sigmoid(w*x)"), "w").root.statement).toBe("d/dw sigmoid(u) = sigmoid(u)*(1 - sigmoid(u)) * du/dw");
  });
});

describe("steps: the result is the derivative", () => {
  it.each(["cos(sin(x^2) + 3x^2)", "x*z/log(x) + sin(log(x))/exp(x*z)", "x/(1 + x^2)", "tanh(x)^3 - 2^x", "sqrt(x) * asin(x/2)"])(
    "d/dx %s agrees with mathjs at x = 0.7, z = 1.3",
    (f) => {
      const point = { x: 0.7, z: 1.3 };
      const ours = evaluate(deriveSteps(parse(f), "x").result, point);
      const oracle = mathjsDerivative(f, "x").evaluate(point) as number;
      expect(Math.abs(ours - oracle)).toBeLessThan(1e-12 * Math.max(1, Math.abs(oracle)));
    },
  );

  it("over random expressions, the result agrees with reverse mode at a point inside the domain", () => {
    fc.assert(
      fc.property(exprAtPointArbitrary({ variables: ["x", "y"], maxDepth: 4 }), ({ expr, point }) => {
        const ours = evaluate(deriveSteps(expr, "x").result, point);
        const reference = reverseDifferentiator.gradient(expr, point, ["x"]).gradient.x;
        expect(Math.abs(ours - reference)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(reference)));
      }),
      { numRuns: 300, seed: 4 },
    );
  });
});

describe("diffscope steps (CLI)", () => {
  it("prints the derivation and the simplified result; --json nests the steps", async () => {
    const r = await cli("steps", "x*sin(x)");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("product rule: d/dx (x*g) = g + x * dg/dx, with g = sin(x)");
    expect(r.stdout).toMatch(/^Result: d\/dx \[x\*sin\(x\)\] = /m);
    const j = JSON.parse((await cli("steps", "x*sin(x)", "--json")).stdout);
    expect(j.steps[0].derivation.rule).toBe("product rule");
    expect(j.steps[0].derivation.steps[0].rule).toBe("derivative of sin");
    expect((await cli("steps", "2*(x")).code).toBe(2);
  });
});
