// The one timing loop: medians of warm samples, batching of short calls, one cold call for
// long ones, budgets and sample counts respected, and a pair sampled in turn.
import { describe, expect, it } from "vitest";
import { measure, sampleTimes, timeOnce, timePair } from "../../src/util/timing.js";

const busyWait = (ms: number) => () => {
  const start = performance.now();
  while (performance.now() - start < ms);
  return ms;
};

describe("timeOnce", () => {
  it("returns the result and at least the time the call took, in ms and in seconds", () => {
    const t = timeOnce(busyWait(3));
    expect(t.result).toBe(3);
    expect(t.ms).toBeGreaterThanOrEqual(3);
    expect(t.seconds).toBeCloseTo(t.ms / 1000, 12);
  });
});

describe("sampleTimes", () => {
  it("batches calls far shorter than minSampleMs, so runs exceed samples", () => {
    let calls = 0;
    const { timings, results } = sampleTimes([() => ++calls], { budgetMs: 20, minSampleMs: 1 });
    expect(timings[0].runs).toBeGreaterThan(timings[0].samples);
    expect(results[0]).toBe(1); // the first call's result
    expect(timings[0].medianMs).toBeLessThan(0.1);
  });

  it("with minSampleMs 0 each sample is one call, and maxSamples caps them", () => {
    const { timings } = sampleTimes([() => 1], { budgetMs: 1000, minSampleMs: 0, maxSamples: 7 });
    expect(timings[0]).toMatchObject({ samples: 7, runs: 7, warm: true });
  });

  it("a first call past coldOnceMs is the only one", () => {
    let calls = 0;
    const { timings } = sampleTimes([() => { calls++; busyWait(4)(); }], { budgetMs: 100, coldOnceMs: 3 });
    expect(calls).toBe(1);
    expect(timings[0]).toMatchObject({ samples: 1, runs: 1, warm: false });
    expect(timings[0].medianMs).toBeGreaterThanOrEqual(4);
  });

  it("overrunBudgets stops short of minSamples when samples are long", () => {
    const { timings } = sampleTimes([busyWait(5)], { budgetMs: 5, minSamples: 20, overrunBudgets: 2, minSampleMs: 0 });
    expect(timings[0].samples).toBeLessThan(20);
  });

  it("samples functions in turn, each with its own median (2 ms and 6 ms)", () => {
    const { timings } = sampleTimes([busyWait(2), busyWait(6)], { budgetMs: 30, minSamples: 3, minSampleMs: 0 });
    expect(timings[0].samples).toBe(timings[1].samples);
    expect(timings[0].medianMs).toBeGreaterThanOrEqual(2);
    expect(timings[1].medianMs).toBeGreaterThanOrEqual(6);
    expect(timings[1].medianMs).toBeGreaterThan(timings[0].medianMs);
  });
});

describe("measure and timePair (the harness's and the benchmark's policies)", () => {
  it("measure: a 2 ms call is sampled warm at least 3 times with a median of at least 2 ms", () => {
    const { result, timing } = measure(busyWait(2), { budgetMs: 200 }); // a wide budget: a preempted first call must not pass half of it
    expect(result).toBe(2);
    expect(timing.medianMs).toBeGreaterThanOrEqual(2);
    expect(timing.minMs).toBeLessThanOrEqual(timing.medianMs);
    expect(timing.runs).toBeGreaterThanOrEqual(3);
  });

  it("timePair: seconds, NaN for an absent function, at least minSamples samples", () => {
    const t = timePair(busyWait(1), undefined, { warmupSeconds: 0.005, sampleSeconds: 0.01, minSamples: 4 });
    expect(t.gradientSeconds).toBeGreaterThanOrEqual(0.001);
    expect(t.functionSeconds).toBeNaN();
    expect(t.samples).toBeGreaterThanOrEqual(4);
  });
});
