// Wall-clock timing for the benchmark: a warm-up (so the JIT has optimised generated code, as
// it would in any long-running use), then samples alternating between the gradient and the
// function it is compared with — so a busy neighbour slows both alike — and their medians.
// Calls much shorter than a millisecond are timed in batches.
import { performance } from "node:perf_hooks";
import { median } from "../util/median.js";

export interface PairTiming {
  readonly gradientSeconds: number;
  readonly functionSeconds: number;
  /** Samples of each (each a batch of calls). */
  readonly samples: number;
}

export interface TimingBudget {
  /** Warm-up time in seconds, shared by both functions (at least a few calls each). */
  readonly warmupSeconds: number;
  /** Time for the samples, in seconds. */
  readonly sampleSeconds: number;
  readonly minSamples?: number;
  readonly maxSamples?: number;
}

const MIN_BATCH_SECONDS = 0.002;


type BatchLoop = (run: () => void, batch: number) => void;

/**
 * A loop of its own for each timed function: one shared loop would see many callees, its
 * call site would go megamorphic, and tiny functions would be timed with a slow call.
 */
function freshLoop(): BatchLoop {
  return new Function("run", "batch", "for (let i = 0; i < batch; i++) run();") as BatchLoop;
}

/** Seconds per call of `run`, from one batch of `batch` calls. */
function timeBatch(loop: BatchLoop, run: () => void, batch: number): number {
  const start = performance.now();
  loop(run, batch);
  return (performance.now() - start) / 1000 / batch;
}

/** How many calls make a batch of at least MIN_BATCH_SECONDS. */
function batchSize(secondsPerCall: number): number {
  return Math.max(1, Math.min(1_000_000, Math.ceil(MIN_BATCH_SECONDS / Math.max(secondsPerCall, 1e-9))));
}

/** Times the gradient and the function side by side; either may be absent (null result). */
export function timePair(gradient: (() => void) | undefined, fn: (() => void) | undefined, budget: TimingBudget): PairTiming {
  const runs = [gradient, fn].filter((r): r is () => void => r !== undefined);
  const loops = runs.map(freshLoop);
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  // Warm-up: at least 2 calls each, then until the warm-up time is spent.
  const perCall = runs.map((run, k) => timeBatch(loops[k], run, 1));
  for (let round = 0; round < 1 || elapsed() < budget.warmupSeconds; round++) {
    runs.forEach((run, k) => (perCall[k] = timeBatch(loops[k], run, batchSize(perCall[k]))));
    if (round > 10_000) break;
  }
  const batches = perCall.map(batchSize);
  const samples: number[][] = runs.map(() => []);
  const sampleStart = elapsed();
  const minSamples = budget.minSamples ?? 5;
  const maxSamples = budget.maxSamples ?? 41;
  while (samples[0].length < maxSamples) {
    runs.forEach((run, k) => samples[k].push(timeBatch(loops[k], run, batches[k])));
    if (samples[0].length >= minSamples && elapsed() - sampleStart >= budget.sampleSeconds) break;
  }
  const medians = samples.map(median);
  let k = 0;
  return {
    gradientSeconds: gradient !== undefined ? medians[k++] : NaN,
    functionSeconds: fn !== undefined ? medians[k] : NaN,
    samples: samples[0].length,
  };
}

/** Seconds of one call (for set-up work that is done once). */
export function timeOnce<R>(run: () => R): { result: R; seconds: number } {
  const start = performance.now();
  const result = run();
  return { result, seconds: (performance.now() - start) / 1000 };
}

let sink = 0;
/** Keeps a result alive, so the JIT cannot drop the work that computed it. */
export function consume(value: number): void {
  sink += value;
}
/** The sum of consumed values (read once at the end, so the sink is observable). */
export function consumed(): number {
  return sink;
}
