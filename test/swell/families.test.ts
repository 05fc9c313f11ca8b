// The swell families: the text a person types and the node-by-node builder give the same
// expression (hash-consing makes them one object), and the sizes follow their recurrences.
import { describe, expect, it } from "vitest";
import { derivative, evaluate as mathjsEvaluate } from "mathjs";
import { dagSize } from "../../src/ast/walk.js";
import { evaluate } from "../../src/eval/evaluate.js";
import { parse } from "../../src/parse/parse.js";
import { FAMILIES, TYPED_FAMILIES, logistic, sigmoidChain } from "../../src/swell/families.js";

describe("typed families", () => {
  for (const family of TYPED_FAMILIES) {
    it(`${family.name}: parse(text(n)) is the very node build(n) makes, n = 1..10`, () => {
      for (let n = 1; n <= 10; n++) expect(parse(family.text(n))).toBe(family.build(n));
    });
    it(`${family.name}: mathjs reads the mathjs text as the same function`, () => {
      for (const n of [1, 3, 6]) {
        const point = family.point(n);
        const ours = evaluate(family.build(n), point);
        expect(Number(mathjsEvaluate(family.mathjsText(n, family.build(n)), { ...point }))).toBeCloseTo(ours, 12);
      }
    });
  }
});

describe("logistic map (Baydin et al. 2018, Table 1)", () => {
  it("reads as a person types it: l2 = 4*x*(1-x), l3 = 4*(4*x*(1-x))*(1-4*x*(1-x))", () => {
    expect(logistic.text(2)).toBe("4*x*(1-x)");
    expect(logistic.text(3)).toBe("4*(4*x*(1-x))*(1-4*x*(1-x))");
  });
  it("its tree doubles each step (T(n+1) = 2T(n) + 5) while its DAG grows by 3 nodes (mul, mul, sub)", () => {
    for (let n = 1; n < 40; n++) {
      const [a, b] = [logistic.build(n), logistic.build(n + 1)];
      expect(b.treeSize).toBe(2 * a.treeSize + 5);
      if (n >= 2) expect(dagSize(b) - dagSize(a)).toBe(3);
    }
  });
  it("is the logistic map: l(n+1)(x) = 4 l(n)(x) (1 - l(n)(x)) numerically", () => {
    let l = 0.3;
    for (let n = 1; n <= 12; n++) {
      expect(evaluate(logistic.expression(n), { x: 0.3 })).toBeCloseTo(l, 9);
      l = 4 * l * (1 - l);
    }
  });
});

describe("the other families", () => {
  it("sigmoid-chain's gradient covers x and one weight per layer", () => {
    expect(sigmoidChain.variables(3)).toEqual(["x", "w1", "w2", "w3"]);
    expect(sigmoidChain.text(2)).toBe("sigmoid(w2*sigmoid(w1*x + 0.5) + 0.5)");
  });
  it("nth-derivative member n is the (n-1)-th derivative of exp(-x^2) (mathjs as oracle)", () => {
    const family = FAMILIES["nth-derivative"];
    let expected = "exp(-x^2)";
    for (let n = 1; n <= 5; n++) {
      for (const x of [-0.7, 0.5, 1.3]) {
        expect(evaluate(family.expression(n), { x })).toBeCloseTo(Number(mathjsEvaluate(expected, { x })), 10);
      }
      expected = derivative(expected, "x").toString();
    }
  });
});
