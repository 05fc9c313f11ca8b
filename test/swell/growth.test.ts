// The swell itself, as growth ratios (never absolute times): on the logistic map the naive tree
// derivative at least doubles each step until the budget stops it, while the shared derivative
// and the reverse tape grow linearly — still built and evaluated at n = 1000.
import { describe, expect, it } from "vitest";
import { runSwell } from "../../src/swell/measure.js";
import type { SwellRow } from "../../src/swell/row.js";

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const consecutive = (rows: readonly SwellRow[]) => rows.slice(1).map((r, i) => [rows[i], r] as const);

describe("logistic, n = 1..30, budget 250 ms per cell", async () => {
  const budgetMs = 250;
  const { rows } = await runSwell({
    families: ["logistic"], ns: range(1, 30), budgetMs, columns: ["deriveTree", "deriveShared", "tape"],
  });

  it("measures every n up to 30", () => {
    expect(rows.map((r) => r.n)).toEqual(range(1, 30));
  });

  it("the naive tree derivative grows by ×2 or more per step until the budget stops it", () => {
    const measured = rows.filter((r) => r.derivativeTreeNodes !== null);
    expect(measured.length).toBeGreaterThanOrEqual(10);
    for (const [a, b] of consecutive(measured).filter(([a]) => a.n >= 3)) {
      expect(b.derivativeTreeNodes! / a.derivativeTreeNodes!).toBeGreaterThanOrEqual(2);
      expect(b.derivativeTreeNodesBuilt! / a.derivativeTreeNodesBuilt!).toBeGreaterThanOrEqual(1.95);
    }
  });

  it("the budget stops the tree column before n = 30: one 'exceeded' (or 'predicted'), then 'stopped'", () => {
    const firstMissing = rows.findIndex((r) => r.derivativeTreeNodes === null);
    expect(firstMissing).toBeGreaterThan(0);
    expect(["exceeded", "predicted"]).toContain(rows[firstMissing].overBudget.deriveTree);
    for (const r of rows.slice(firstMissing + 1)) {
      expect(r.overBudget.deriveTree).toBe("stopped");
      expect(r.derivativeTreeNodes).toBeNull();
    }
  });

  it("shared derivative nodes and tape entries grow by a constant per step (linear in n)", () => {
    for (const [a, b] of consecutive(rows.slice(1)).slice(1)) {
      expect(b.derivativeDagNodes! - a.derivativeDagNodes!).toBe(rows[2].derivativeDagNodes! - rows[1].derivativeDagNodes!);
      expect(b.tapeEntries! - a.tapeEntries!).toBe(3);
    }
    for (const r of rows) expect(r.overBudget.deriveShared ?? r.overBudget.tape).toBeUndefined();
  });

  it("the shared derivative's DAG stays small while its printed tree swells (×~4 per step)", () => {
    const [a, b] = [rows[19], rows[20]];
    expect(b.sharedDerivativeTreeNodes! / a.sharedDerivativeTreeNodes!).toBeGreaterThan(3.5);
    expect(b.derivativeDagNodes!).toBeLessThan(20 * b.n);
  });
});

describe("logistic at n = 250, 500, 1000", async () => {
  const budgetMs = 5000;
  const { rows } = await runSwell({
    families: ["logistic"], ns: [250, 500, 1000], budgetMs, columns: ["deriveShared", "evaluate", "tape"],
  });
  const at1000 = rows[2];

  it("builds and evaluates the shared derivative and the tape at n = 1000 within the budget", () => {
    expect(at1000.n).toBe(1000);
    expect(at1000.overBudget).toEqual({});
    expect(at1000.deriveSharedMs! + at1000.evaluateDerivativeMs!).toBeLessThan(budgetMs);
    expect(at1000.tapeRecordMs! + at1000.tapeForwardMs! + at1000.tapeBackwardMs!).toBeLessThan(budgetMs);
    // The function's tree has 6·2^999 − 5 ≈ 3.2e301 nodes; its DAG 3n.
    expect(at1000.functionTreeNodes / 2 ** 999).toBeCloseTo(6, 10);
    expect(at1000.functionDagNodes).toBe(3000);
  });

  it("doubling n doubles the shared derivative and the tape (within 1%)", () => {
    for (const [a, b] of consecutive(rows)) {
      expect(b.derivativeDagNodes! / a.derivativeDagNodes!).toBeCloseTo(2, 1);
      expect(b.tapeEntries! / a.tapeEntries!).toBeCloseTo(2, 1);
    }
  });

  it("the shared derivative and the tape give the same ∂f/∂x at n = 1000 (|value| ≈ 1e300)", () => {
    const { symbolicShared, reverse } = at1000.gradient;
    expect(Number.isFinite(reverse!)).toBe(true);
    expect(Math.abs(symbolicShared! - reverse!) / Math.abs(reverse!)).toBeLessThan(1e-12);
  });
});
