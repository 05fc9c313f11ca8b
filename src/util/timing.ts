// Wall-clock timing, the one loop the harness, the benchmark and the swell benchmark share:
// a first call (timed: it may be the only one), an optional warm-up (so the JIT has optimised
// the code, as in any long-running use), then samples until a budget is spent, reported as
// medians (robust to a stray garbage collection or a busy neighbour). Calls much shorter than
// the clock's resolution are timed in batches; several functions are sampled in turn, so a
// busy neighbour slows them alike. Uses the global `performance` (Node ≥ 16 and browsers).
import { median } from "./median.js";

export interface Timed<R> {
  readonly result: R;
  readonly ms: number;
  readonly seconds: number;
}

/** Times one call only (set-up too costly, or not meaningful, to repeat). */
export function timeOnce<R>(run: () => R): Timed<R> {
  const start = performance.now();
  const result = run();
  const ms = performance.now() - start;
  return { result, ms, seconds: ms / 1000 };
}

export interface Timing {
  /** Median wall time of one call, in milliseconds. */
  readonly medianMs: number;
  /** Fastest sample (per call), in milliseconds. */
  readonly minMs: number;
  /** Timed samples (each the mean of one batch of calls). */
  readonly samples: number;
  /** Timed calls after the warm-up (batched calls counted individually). */
  readonly runs: number;
  /** False when the first call already passed `coldOnceMs`, so only that cold call was timed. */
  readonly warm: boolean;
}

export interface SamplingPolicy {
  /** Time for the samples, after the first call and the warm-up. At least one sample is taken. */
  readonly budgetMs: number;
  /** Warm-up time after the first call (default 0; when set, at least one batch of each). */
  readonly warmupMs?: number;
  /** Fewest samples of each function when the budget allows them (default 3). */
  readonly minSamples?: number;
  /** Most samples of each function (default 25). */
  readonly maxSamples?: number;
  /** Batch calls so that one sample lasts at least this long (default 1 ms; 0: one call a sample). */
  readonly minSampleMs?: number;
  /** A first call at least this long is the only one timed (default: never). */
  readonly coldOnceMs?: number;
  /** Stop, even short of `minSamples`, before a round would end past this many budgets (default: never). */
  readonly overrunBudgets?: number;
}

type BatchLoop = (run: () => unknown, batch: number) => void;

/**
 * A loop of its own for each timed function: one shared loop would see many callees, its
 * call site would go megamorphic, and tiny functions would be timed with a slow call.
 */
function freshLoop(): BatchLoop {
  return new Function("run", "batch", "for (let i = 0; i < batch; i++) run();") as BatchLoop;
}

const MAX_BATCH = 1_000_000;

function batchSize(msPerCall: number, minSampleMs: number): number {
  if (minSampleMs <= 0 || msPerCall >= minSampleMs) return 1;
  return Math.min(MAX_BATCH, Math.ceil(minSampleMs / Math.max(msPerCall, 1e-6)));
}

/**
 * Samples each of `runs` in turn under `policy`; returns each one's timing and the result of
 * its first call (the cold one, which did any one-off work such as interning nodes).
 */
export function sampleTimes(runs: readonly (() => unknown)[], policy: SamplingPolicy): { timings: Timing[]; results: unknown[] } {
  const minSamples = policy.minSamples ?? 3;
  const maxSamples = policy.maxSamples ?? 25;
  const minSampleMs = policy.minSampleMs ?? 1;
  const loops = runs.map(freshLoop);
  const timeBatch = (k: number, batch: number): number => {
    const start = performance.now();
    loops[k](runs[k], batch);
    return (performance.now() - start) / batch;
  };
  const results: unknown[] = [];
  const perCall = runs.map((run, k) => {
    const first = timeOnce(run);
    results[k] = first.result;
    return first.ms;
  });
  if (perCall.some((ms) => ms >= (policy.coldOnceMs ?? Infinity))) {
    const timings = perCall.map((ms) => ({ medianMs: ms, minMs: ms, samples: 1, runs: 1, warm: false }));
    return { timings, results };
  }
  const warmupMs = policy.warmupMs ?? 0;
  if (warmupMs > 0) {
    const started = performance.now();
    for (let round = 0; round < 1 || performance.now() - started < warmupMs; round++) {
      runs.forEach((_, k) => (perCall[k] = timeBatch(k, batchSize(perCall[k], minSampleMs))));
      if (round > 10_000) break;
    }
  }
  const batches = perCall.map((ms) => batchSize(ms, minSampleMs));
  const samples: number[][] = runs.map(() => []);
  const started = performance.now();
  while (samples[0].length < maxSamples) {
    const roundStart = performance.now();
    runs.forEach((_, k) => samples[k].push(timeBatch(k, batches[k])));
    const now = performance.now();
    const spent = now - started;
    if (samples[0].length >= minSamples && spent >= policy.budgetMs) break;
    // Never let the minimum sample count push far past the budget.
    if (spent + (now - roundStart) > (policy.overrunBudgets ?? Infinity) * policy.budgetMs) break;
  }
  const timings = samples.map((s, k) => ({
    medianMs: median(s), minMs: Math.min(...s), samples: s.length, runs: s.length * batches[k], warm: true,
  }));
  return { timings, results };
}

export interface MeasureOptions {
  /** Stop repeating once this much time is spent (default 200 ms). At least one call always runs. */
  readonly budgetMs?: number;
  /** Most timed samples (default 25). */
  readonly maxSamples?: number;
  /** Fewest samples when the budget allows them (default 3). */
  readonly minSamples?: number;
}

/**
 * Times `run` (the comparison harness's policy): the first call is the warm-up, or the only
 * call when it takes half the budget; batches of at least 1 ms; never far past twice the budget.
 * Returns the first call's result.
 */
export function measure<R>(run: () => R, options: MeasureOptions = {}): { result: R; timing: Timing } {
  const budgetMs = options.budgetMs ?? 200;
  const { timings, results } = sampleTimes([run], {
    budgetMs, minSamples: options.minSamples, maxSamples: options.maxSamples,
    minSampleMs: 1, coldOnceMs: budgetMs / 2, overrunBudgets: 2,
  });
  return { result: results[0] as R, timing: timings[0] };
}

export interface TimingBudget {
  /** Warm-up time in seconds, shared by both functions (at least a few calls each). */
  readonly warmupSeconds: number;
  /** Time for the samples, in seconds. */
  readonly sampleSeconds: number;
  readonly minSamples?: number;
  readonly maxSamples?: number;
}

export interface PairTiming {
  readonly gradientSeconds: number;
  readonly functionSeconds: number;
  /** Samples of each (each a batch of calls). */
  readonly samples: number;
}

/**
 * Times a gradient and the function it is compared with side by side (the benchmark's policy:
 * a warm-up, batches of at least 2 ms, samples alternating between the two); either may be
 * absent (its figure is then NaN).
 */
export function timePair(gradient: (() => void) | undefined, fn: (() => void) | undefined, budget: TimingBudget): PairTiming {
  const runs = [gradient, fn].filter((r): r is () => void => r !== undefined);
  const { timings } = sampleTimes(runs, {
    budgetMs: budget.sampleSeconds * 1000, warmupMs: budget.warmupSeconds * 1000,
    minSamples: budget.minSamples ?? 5, maxSamples: budget.maxSamples ?? 41, minSampleMs: 2,
  });
  let k = 0;
  return {
    gradientSeconds: gradient !== undefined ? timings[k++].medianMs / 1000 : NaN,
    functionSeconds: fn !== undefined ? timings[k].medianMs / 1000 : NaN,
    samples: timings[0].samples,
  };
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
