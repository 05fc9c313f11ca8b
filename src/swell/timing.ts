// Wall-clock timing of one cell.

export interface Timed<T> {
  readonly result: T;
  /** Milliseconds per run. */
  readonly ms: number;
}

export function timeOnce<T>(work: () => T): Timed<T> {
  const started = performance.now();
  const result = work();
  return { result, ms: performance.now() - started };
}

/**
 * Median time of cheap work (an evaluation, a sweep, a small derivation), repeated until
 * `minTotalMs` have passed, so sub-millisecond figures are neither clock noise nor one
 * garbage-collection pause. Work taking longer runs once. Returns the first run's result.
 */
export function timeRepeated<T>(work: () => T, minTotalMs = 5, maxRuns = 1000): Timed<T> {
  const first = timeOnce(work);
  const times = [first.ms];
  let total = first.ms;
  while (total < minTotalMs && times.length < maxRuns) {
    const { ms } = timeOnce(work);
    times.push(ms);
    total += ms;
  }
  times.sort((a, b) => a - b);
  return { result: first.result, ms: times[Math.floor(times.length / 2)] };
}
