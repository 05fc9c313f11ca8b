// Budgets for long computations, one mechanism for all of them:
//  - before a computation starts, its cost is estimated and checked against a limit
//    (`requireWithin`), so a refusal says what the computation would have cost;
//  - while it runs, a counter (the derivation's NodeCounter) stops it at a node or time limit;
//  - while it runs past about a second, it reports progress to whoever listens (the CLI
//    writes it to a terminal's stderr; the library has no listener by default).

/** A computation refused before it started because its estimated cost is past a limit. */
export class CostLimitError extends Error {
  constructor(
    /** What would be computed, e.g. "forward mode (one pass per variable)". */
    readonly what: string,
    /** The estimated cost, in `unit`. */
    readonly cost: number,
    readonly limit: number,
    /** What is counted, e.g. "scalar nodes", "node visits". */
    readonly unit: string,
    /** What to do instead, e.g. "try --method reverse". */
    readonly hint?: string,
  ) {
    super(`${what} would take ${formatCount(cost)} ${unit}; the limit is ${formatCount(limit)}`);
    this.name = "CostLimitError";
  }
}

/** Throws CostLimitError when `cost` is past `limit`. */
export function requireWithin(what: string, cost: number, limit: number, unit: string, hint?: string): void {
  if (cost > limit) throw new CostLimitError(what, cost, limit, unit, hint);
}

/** 12345 as is, past a million in three digits (2.02e+6, and a limit 2e+6): figures in messages. */
export function formatCount(n: number): string {
  return n < 1e6 ? String(Math.round(n)) : Number(n.toPrecision(3)).toExponential();
}

/** Receives progress: what is running, how far it is (and of how much, when known), since when. */
export type ProgressListener = (report: { readonly label: string; readonly done: number; readonly total?: number; readonly elapsedMs: number }) => void;

let listener: ProgressListener | undefined;

/** Sets who hears progress (undefined: nobody); returns the previous listener. */
export function setProgressListener(next: ProgressListener | undefined): ProgressListener | undefined {
  const previous = listener;
  listener = next;
  return previous;
}

/** Progress is reported only for computations running longer than this, at most this often. */
const QUIET_MS = 1000;
const EVERY_MS = 250;

/**
 * Progress of one computation. `tick` is cheap (callers call it every unit or every batch); the
 * listener is called after a second, at most four times a second.
 */
export class Progress {
  private readonly started = performance.now();
  private lastReport = 0;
  private ticks = 0;

  /** `every`: read the clock on every `every`-th tick (1 for ticks that are each much work). */
  constructor(readonly label: string, readonly total?: number, private readonly every = 256) {}

  tick(done: number): void {
    if (listener === undefined || ++this.ticks % this.every !== 0) return;
    const elapsedMs = performance.now() - this.started;
    if (elapsedMs < QUIET_MS || elapsedMs - this.lastReport < EVERY_MS) return;
    this.lastReport = elapsedMs;
    listener({ label: this.label, done, total: this.total, elapsedMs });
  }
}
