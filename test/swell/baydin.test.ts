// Baydin et al., "Automatic differentiation in machine learning: a survey" (JMLR 2018), Table 1:
// the logistic map's l2' = 4 - 8x once simplified, and l4'(0.3) = 1.3090816 — from every method,
// mathjs (with and without its simplifier) included.
import { describe, expect, it } from "vitest";
import { runSwell } from "../../src/swell/measure.js";

describe("the Baydin table, measured", async () => {
  const report = await runSwell({ families: ["logistic"], ns: [1, 2, 3, 4], budgetMs: 10_000 });
  const row = (n: number) => report.rows.find((r) => r.n === n)!;

  it("l2' simplifies to 4 - 8*x", () => {
    expect(row(2).simplifiedDerivativeText).toBe("4 - 8*x");
  });

  it("l4'(0.3) = 1.3090816 from every method and from mathjs", () => {
    const g = row(4).gradient;
    for (const value of [g.symbolicTree, g.symbolicShared, g.symbolicSimplified, g.reverse, g.forward, g.mathjs, g.mathjsUnsimplified]) {
      expect(value).not.toBeNull();
      expect(value!).toBeCloseTo(1.3090816, 12);
    }
    // Finite differences: within its own error estimate, and to 1e-8 anyway.
    expect(Math.abs(g.finiteDifference! - 1.3090816)).toBeLessThanOrEqual(Math.max(row(4).finiteDifferenceErrorEstimate!, 1e-12));
    expect(g.finiteDifference!).toBeCloseTo(1.3090816, 8);
  });

  it("mathjs figures appear for the n it reaches, and nothing ran out of a 10 s budget", () => {
    for (const r of report.rows) {
      expect(r.mathjsDerivativeNodes).toBeGreaterThan(0);
      expect(r.mathjsUnsimplifiedNodes).toBeGreaterThan(0);
      expect(r.overBudget).toEqual({});
      expect(r.failed).toEqual({});
    }
  });

  it("every exact method agrees on every n to 1e-14", () => {
    for (const r of report.rows) expect(r.exactMethodsMaxRelativeDifference!).toBeLessThan(1e-14);
  });
});
