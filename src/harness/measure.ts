// Wall-clock timing: a warm-up run, then repeated runs until a time budget is spent, reported
// as the median (robust to a stray garbage collection or a busy neighbour process). Calls
// much shorter than the clock's resolution are timed in batches.
import { performance } from "node:perf_hooks";
import { median } from "../util/median.js";

export interface Timing {
  /** Median wall time of one call, in milliseconds. */
  readonly medianMs: number;
  /** Fastest sample (per call), in milliseconds. */
  readonly minMs: number;
  /** Timed calls after the warm-up (batched calls counted individually). */
  readonly runs: number;
  /** False when the first call already used the budget, so only that cold call was timed. */
  readonly warm: boolean;
}

export interface MeasureOptions {
  /** Stop repeating once this much time is spent (default 200 ms). At least one call always runs. */
  readonly budgetMs?: number;
  /** Most timed samples (default 25). */
  readonly maxSamples?: number;
  /** Fewest samples when the budget allows them (default 3). */
  readonly minSamples?: number;
}

/** A batch is at least this long, so timer resolution (~µs) does not dominate. */
const MIN_SAMPLE_MS = 1;

/** Times `run`; returns its last result together with the timing. */
export function measure<R>(run: () => R, options: MeasureOptions = {}): { result: R; timing: Timing } {
  const budgetMs = options.budgetMs ?? 200;
  const maxSamples = options.maxSamples ?? 25;
  const minSamples = options.minSamples ?? 3;
  const start = performance.now();
  let result = run();
  const firstMs = performance.now() - start;
  if (firstMs >= budgetMs / 2) return { result, timing: { medianMs: firstMs, minMs: firstMs, runs: 1, warm: false } };

  const batch = firstMs >= MIN_SAMPLE_MS ? 1 : Math.min(10_000, Math.ceil(MIN_SAMPLE_MS / Math.max(firstMs, 1e-4)));
  const samples: number[] = [];
  while (samples.length < maxSamples) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) result = run();
    samples.push((performance.now() - t0) / batch);
    const spent = performance.now() - start;
    if (samples.length >= minSamples && spent >= budgetMs) break;
    // Never let the minimum sample count push far past the budget.
    if (spent + samples[samples.length - 1] * batch > 2 * budgetMs) break;
  }
  return { result, timing: { medianMs: median(samples), minMs: Math.min(...samples), runs: samples.length * batch, warm: true } };
}


/** Times one call only (for set-up that is too costly, or not meaningful, to repeat). */
export function timeOnce<R>(run: () => R): { result: R; ms: number } {
  const start = performance.now();
  const result = run();
  return { result, ms: performance.now() - start };
}
