// The swell benchmark's timing policy over util/timing's loop: cheap work (an evaluation, a
// sweep, a small derivation) is repeated, one call a sample, until `minTotalMs` (5 ms) have
// passed, so sub-millisecond figures are neither clock noise nor one garbage-collection pause;
// work taking longer runs once.
import { sampleTimes } from "../util/timing.js";

/** Median milliseconds of one run of `work`, and the first run's result. */
export function timeRepeated<T>(work: () => T, minTotalMs = 5, maxRuns = 1000): { result: T; ms: number } {
  const { timings, results } = sampleTimes([work], {
    budgetMs: minTotalMs, minSamples: 1, maxSamples: maxRuns, minSampleMs: 0, coldOnceMs: minTotalMs,
  });
  return { result: results[0] as T, ms: timings[0].medianMs };
}
