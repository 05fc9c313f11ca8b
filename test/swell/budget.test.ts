// Budgets: growth-ratio prediction for in-process cells, and a mathjs worker stopped at the
// budget (mathjs's simplify needs ~12 s for the logistic map at n = 6; it must not hang a run).
import { describe, expect, it } from "vitest";
import { ColumnBudgets, predictMs } from "../../src/swell/budget.js";
import { logistic } from "../../src/swell/families.js";
import { MathjsPeer } from "../../src/swell/mathjs-peer.js";

describe("predictMs", () => {
  it("extrapolates the last ratio geometrically in n", () => {
    expect(predictMs([{ n: 1, ms: 10 }, { n: 2, ms: 20 }], 3)).toBe(40);
    expect(predictMs([{ n: 10, ms: 10 }, { n: 20, ms: 20 }], 40)).toBe(80);
  });
  it("never predicts a decrease, and needs two runs above the noise floor", () => {
    expect(predictMs([{ n: 1, ms: 30 }, { n: 2, ms: 20 }], 3)).toBe(20);
    expect(predictMs([{ n: 1, ms: 10 }], 2)).toBeUndefined();
    expect(predictMs([{ n: 1, ms: 0.01 }, { n: 2, ms: 5 }], 3)).toBeUndefined();
  });
});

describe("ColumnBudgets", () => {
  it("stops a column that exceeded the budget, for every later n", () => {
    const budgets = new ColumnBudgets<"a">(100);
    expect(budgets.refusal("a", 1)).toBeUndefined();
    expect(budgets.record("a", 1, 150)).toBe("exceeded");
    expect(budgets.refusal("a", 2)).toBe("stopped");
  });
  it("refuses a run whose predicted time exceeds the budget", () => {
    const budgets = new ColumnBudgets<"a">(100);
    budgets.record("a", 1, 20);
    budgets.record("a", 2, 60);
    expect(budgets.refusal("a", 3)).toBe("predicted"); // 60 · 3 = 180 > 100
    expect(budgets.refusal("a", 4)).toBe("stopped");
  });
});

describe("MathjsPeer", () => {
  it("returns mathjs's derivative size, time and value", async () => {
    const peer = new MathjsPeer();
    try {
      const outcome = await peer.run({ text: "4*x*(1-x)", wrt: "x", simplify: false, point: { x: 0.3 } }, 10_000);
      expect(outcome.status).toBe("ok");
      if (outcome.status === "ok") expect(outcome.value).toBeCloseTo(4 - 8 * 0.3, 14);
    } finally {
      peer.close();
    }
  });

  it("stops a job at the budget and runs the next job in a fresh worker", async () => {
    const peer = new MathjsPeer();
    try {
      const point = { x: 0.3 };
      await peer.run({ text: "x^2", wrt: "x", simplify: true, point }, 10_000); // loads mathjs
      const started = performance.now();
      const slow = await peer.run({ text: logistic.text(7), wrt: "x", simplify: true, point }, 300);
      expect(slow.status).toBe("over-budget");
      // Unstopped, this job runs for minutes (simplify takes ~12 s at n = 6 and grows ×4 a step).
      expect(performance.now() - started).toBeLessThan(10_000);
      const next = await peer.run({ text: "sin(x)", wrt: "x", simplify: true, point }, 10_000);
      expect(next.status === "ok" && next.text).toBe("cos(x)");
    } finally {
      peer.close();
    }
  });
});
