import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { getDifferentiator } from "../../src/diff/registry.js";
import { compareCase } from "../../src/harness/compare.js";
import { ACTIVATIONS, buildNetwork, LOSSES } from "../../src/harness/network.js";
import { networkProgramText } from "../../src/harness/network-typed.js";
import { GRADIENT_SUITES } from "../../src/harness/suites.js";
import { lowerScalar } from "../../src/typed/lower.js";
import { parseTyped } from "../../src/typed/parse.js";

const specs = fc.record({
  widths: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 4 }),
  activation: fc.constantFrom(...ACTIVATIONS),
  loss: fc.constantFrom(...LOSSES),
  biases: fc.boolean(),
  seed: fc.integer({ min: 0, max: 1000 }),
});

describe("networks as the lecture writes them (typed syntax)", () => {
  it("the Quiz 2 program reads as the lecture's y = σ(βᵀ σ(α⁽²⁾ σ(α⁽¹⁾ x))) with a cross-entropy loss on top", () => {
    expect(networkProgramText({ widths: [3, 4, 3, 1] })).toBe(
      "x: R^3; a1: R^(4x3); a2: R^(3x4); b: R^3; z1 = sigmoid(a1 * x); z2 = sigmoid(a2 * z1); y = sigmoid(b' * z2); -(ystar * log(y) + (1 - ystar) * log(1 - y))",
    );
  });

  it("for random depths, widths, activations, losses, biases and softmax outputs, the typed program lowers to the builder's very node", () => {
    fc.assert(
      fc.property(specs, (spec) => {
        expect(lowerScalar(parseTyped(networkProgramText(spec)).result)).toBe(buildNetwork(spec).loss);
      }),
      { numRuns: 300, seed: 9 },
    );
  });

  it("the nn2 suite is stated in typed syntax and its results equal the scalar form's, method by method", () => {
    const [nn2] = (GRADIENT_SUITES.find((s) => s.name === "nn2") as (typeof GRADIENT_SUITES)[number]).cases({});
    expect(nn2.typed).toContain("y = sigmoid(b' * z2)");
    const scalar = buildNetwork({ widths: [3, 4, 3, 1] });
    for (const method of ["symbolic", "finite-difference", "forward", "reverse"] as const) {
      const typed = getDifferentiator(method).gradient(nn2.f, nn2.point, nn2.wrt);
      const built = getDifferentiator(method).gradient(scalar.loss, scalar.point, scalar.parameters);
      expect(typed.value).toBe(built.value);
      expect(typed.gradient).toEqual(built.gradient);
    }
    const report = compareCase(nn2, { methods: ["reverse"], timingBudgetMs: 5 });
    expect(report.typed).toBe(nn2.typed);
  });
});
