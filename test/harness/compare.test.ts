import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { compareCase, evenSubset, fitLine, TOLERANCES } from "../../src/harness/compare.js";
import { measure } from "../../src/util/timing.js";
import { buildNetwork } from "../../src/harness/network.js";
import { runComparison, UnknownSuiteError } from "../../src/harness/run.js";

const relErr = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe("compare on the lecture's suites", () => {
  it("quiz1: every method passes its check; reverse gives dy/dx = 1208.36656055419, dy/dz = 809.739809413939", () => {
    const { cases } = runComparison(["quiz1"]);
    const rows = cases[0].rows;
    expect(rows.map((r) => r.method)).toEqual(["symbolic", "finite-difference", "forward", "reverse"]);
    for (const row of rows) expect(row.check.passed, row.method).toBe(true);
    const reverse = rows.find((r) => r.method === "reverse")!;
    expect(relErr(reverse.gradient.x, 1208.36656055419)).toBeLessThan(1e-12);
    expect(relErr(reverse.gradient.z, 809.739809413939)).toBeLessThan(1e-12);
    const fd = rows.find((r) => r.method === "finite-difference")!;
    expect(fd.withinEstimate).toBe(2);
    expect(fd.check).toMatchObject(TOLERANCES.finiteDifference);
  });

  it("a method is never its own reference: reverse alone is n/a (nothing compared), with forward it is checked against forward", () => {
    const alone = runComparison(["quiz1"], { methods: ["reverse"] }).cases[0].rows[0];
    expect(alone.check.compared).toBe(0);
    expect(alone.check.passed).toBe(false);
    expect(alone.notes.join(" ")).toMatch(/no other exact method/);
    const paired = runComparison(["quiz1"], { methods: ["reverse", "forward"] }).cases[0].rows;
    for (const row of paired) expect([row.method, row.check.compared, row.check.passed]).toEqual([row.method, 2, true]);
  });

  it("reports set-up apart from per-point time, and the counters that tell the methods apart", () => {
    const report = runComparison(["nn2"]).cases[0];
    const by = Object.fromEntries(report.rows.map((r) => [r.method, r]));
    expect(report.parameters).toBe(27);
    expect(by.forward.cost.passes).toBe(27); // one dual-number pass per parameter
    expect(by.reverse.cost.passes).toBe(2); // one forward, one backward sweep
    expect(by.reverse.cost.tapeEntries).toBe(report.dagNodes); // one tape entry per distinct node
    expect(by["finite-difference"].cost.functionEvaluations).toBeGreaterThanOrEqual(1 + 2 * 27); // ≥ 2 per parameter (central)
    expect(by.symbolic.setupCost.expressionNodes).toBeGreaterThan(0);
    expect(by.symbolic.setupCost.expressionTreeNodes).toBeGreaterThan(by.symbolic.setupCost.expressionNodes);
    for (const row of report.rows) {
      expect(row.setupMs).toBeGreaterThanOrEqual(0);
      // a compiled gradient is priced in compiled evaluations of f, an interpreted one in interpreted
      const unit = row.path === "compiled" ? (report.compiledFunctionMs as number) : report.functionMs;
      expect(row.ratio).toBeCloseTo(row.gradientMs / unit, 10);
      expect(row.check.passed, row.method).toBe(true);
    }
  });

  it("activations: relu at its kink is flagged by every method, and all still agree (relu'(0) = 0)", () => {
    const kink = runComparison(["activations"]).cases.find((c) => c.case === "relu at a kink")!;
    for (const row of kink.rows) {
      expect(row.kinks.length, row.method).toBeGreaterThan(0);
      expect(row.kinks[0]).toMatch(/^relu\(/);
      expect(row.check.passed, row.method).toBe(true);
    }
    const smooth = runComparison(["activations"], { settings: { activation: "tanh" } }).cases;
    expect(smooth.map((c) => c.case)).toEqual(["tanh"]);
    for (const row of smooth[0].rows) expect(row.kinks).toEqual([]);
  });

  it("the cross-entropy cases say where the lecture's notes differ", () => {
    const [c] = runComparison(["logreg"], { methods: ["reverse"] }).cases;
    expect(c.notes.join(" ")).toMatch(/drop the minus/);
  });

  it("an unknown suite is an error naming the suites", () => {
    expect(() => runComparison(["nope"])).toThrow(UnknownSuiteError);
    expect(() => runComparison(["nope"])).toThrow(/quiz1, simple, logreg, nn1, nn2, activations/);
  });
});

describe("time budget: measured subset plus extrapolated total, never a silent skip", () => {
  it("forward mode on 630 parameters with a 1 ms budget: a subset is measured and checked, passes extrapolate to exactly 630", () => {
    const net = buildNetwork({ widths: [20, 30, 1], seed: 3 });
    const report = compareCase(
      { suite: "test", name: "", description: "", f: net.loss, point: net.point, wrt: net.parameters },
      { methods: ["reverse", "forward"], parameterBudgetMs: 1, timingBudgetMs: 10 },
    );
    const forward = report.rows.find((r) => r.method === "forward")!;
    expect(forward.extrapolated).toBe(true);
    expect(forward.measuredParameters).toBeGreaterThanOrEqual(2);
    expect(forward.measuredParameters).toBeLessThan(630);
    expect(Object.keys(forward.gradient)).toHaveLength(forward.measuredParameters);
    expect(forward.totalCost.passes).toBe(630); // one pass per parameter, fitted over the subset runs
    expect(forward.gradientMs).toBeGreaterThan(forward.measuredMs);
    expect(forward.check.passed).toBe(true); // the measured subset agrees with reverse
    expect(forward.notes.join(" ")).toMatch(/measured on \d+ of 630 parameters/);
    const reverse = report.rows.find((r) => r.method === "reverse")!;
    expect(reverse.extrapolated).toBe(false);
    expect(reverse.measuredParameters).toBe(630);
  });

  it("fitLine recovers a fixed cost plus a cost per parameter, and falls back to proportional on noise", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0.01, max: 100, noNaN: true }), (c0, c1) => {
        const line = fitLine([1, 2, 4, 8].map((k) => [k, c0 + c1 * k] as const));
        expect(line.slope).toBeCloseTo(c1, 6);
        expect(line.intercept).toBeCloseTo(c0, 6);
      }),
    );
    expect(fitLine([[1, 5], [2, 4]])).toEqual({ intercept: 0, slope: 2 }); // falling time: use 4 ms / 2
    expect(fitLine([[4, 8]])).toEqual({ intercept: 0, slope: 2 });
  });

  it("evenSubset takes k distinct items spread from the first to the last", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 2, max: 500 }), (n, k) => {
        const items = Array.from({ length: n }, (_, i) => i);
        const subset = evenSubset(items, k);
        expect(subset).toHaveLength(Math.min(n, k));
        expect(new Set(subset).size).toBe(subset.length);
        expect(subset[0]).toBe(0);
        expect(subset[subset.length - 1]).toBe(n - 1);
      }),
    );
  });
});

describe("measure", () => {
  it("the median of a call that busy-waits 2 ms is at least 2 ms, from several warm runs", () => {
    const wait = () => {
      const start = performance.now();
      while (performance.now() - start < 2);
    };
    const { timing } = measure(wait, { budgetMs: 40 });
    expect(timing.medianMs).toBeGreaterThanOrEqual(2);
    expect(timing.minMs).toBeLessThanOrEqual(timing.medianMs);
    expect(timing.runs).toBeGreaterThanOrEqual(3);
    expect(timing.warm).toBe(true);
  });

  it("a call longer than half the budget is timed once, cold, and says so", () => {
    const { timing } = measure(() => {
      const start = performance.now();
      while (performance.now() - start < 6);
    }, { budgetMs: 10 });
    expect(timing).toMatchObject({ runs: 1, warm: false });
  });
});
