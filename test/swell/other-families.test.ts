// What the other families show, as facts a reader can check by hand.
import { describe, expect, it } from "vitest";
import { runSwell } from "../../src/swell/measure.js";
import type { SwellRow } from "../../src/swell/row.js";

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const secondDifferences = (values: readonly number[]) => values.slice(2).map((v, i) => v - 2 * values[i + 1] + values[i]);

async function measure(family: "product" | "nested-sin" | "nth-derivative" | "sigmoid-chain", ns: number[]): Promise<SwellRow[]> {
  const report = await runSwell({
    families: [family], ns, budgetMs: 5000, columns: ["deriveTree", "deriveShared", "simplify", "evaluate", "tape", "forward", "finiteDifference"],
  });
  return [...report.rows];
}

describe("product x1*...*xn (Speelpenning)", async () => {
  const rows = await measure("product", [2, 4, 8, 16, 32]);
  it("forward mode needs one pass per input, the tape 2n - 1 entries (n variables, n - 1 products)", () => {
    for (const r of rows) {
      expect(r.forwardPasses).toBe(r.n);
      expect(r.tapeEntries).toBe(2 * r.n - 1);
    }
  });
  it("∂f/∂x1 = x2·…·xn at the point (alternating 1.25, 0.8), from every exact method", () => {
    for (const r of rows) {
      let expected = 1;
      for (let i = 2; i <= r.n; i++) expected *= i % 2 === 1 ? 1.25 : 0.8;
      expect(r.gradient.reverse!).toBeCloseTo(expected, 14);
      expect(r.exactMethodsMaxRelativeDifference!).toBeLessThan(1e-14);
    }
  });
});

describe("nested sin, n deep", async () => {
  const rows = await measure("nested-sin", range(1, 12));
  it("the tree derivative grows quadratically (constant second differences), the shared one linearly", () => {
    const tree = secondDifferences(rows.map((r) => r.derivativeTreeNodes!));
    expect(new Set(tree.slice(1)).size).toBe(1);
    expect(tree[1]).toBeGreaterThan(0);
    expect(new Set(secondDifferences(rows.map((r) => r.derivativeDagNodes!)).slice(1))).toEqual(new Set([0]));
  });
});

describe("sigmoid chain, n layers", async () => {
  const rows = await measure("sigmoid-chain", [1, 2, 4, 8]);
  it("takes the gradient in x and every weight, and every exact method agrees", () => {
    for (const r of rows) {
      expect(r.variables).toBe(r.n + 1);
      expect(r.forwardPasses).toBe(r.n + 1);
      expect(r.exactMethodsMaxRelativeDifference!).toBeLessThan(1e-13);
    }
  });
});

describe("n-th derivative of exp(-x^2)", async () => {
  const rows = await measure("nth-derivative", range(1, 7));
  it("the gradient at n is the n-th derivative (-1)^n H_n(x) exp(-x^2), Hermite polynomials, at x = 0.5", () => {
    const x = 0.5;
    const hermite = [1, 2 * x];
    for (let k = 1; k < 8; k++) hermite.push(2 * x * hermite[k] - 2 * k * hermite[k - 1]);
    for (const r of rows) {
      const expected = (-1) ** r.n * hermite[r.n] * Math.exp(-x * x);
      for (const value of [r.gradient.symbolicShared, r.gradient.reverse, r.gradient.forward]) {
        expect(value!).toBeCloseTo(expected, 9);
      }
    }
  });
});
