// Per-column time budgets. A column that ran out stops growing for the rest of the family;
// a synchronous in-process cell that cannot be interrupted is skipped when its growth so far
// predicts it would run out ("over budget (predicted)").

/** Why a cell has no figure: it ran out, it was predicted to, or its column stopped earlier. */
export type OverBudget = "exceeded" | "predicted" | "stopped";

/** Predictions are made only once a cell has taken this share of the budget (tiny times are noise). */
const PREDICT_FROM_SHARE = 1 / 50;
/** Both runs a prediction extrapolates from must have taken at least this long. */
const NOISE_FLOOR_MS = 1;

interface ColumnHistory {
  readonly points: { n: number; ms: number }[];
  stopped: boolean;
}

export class ColumnBudgets<Column extends string> {
  private readonly columns = new Map<Column, ColumnHistory>();

  constructor(readonly budgetMs: number) {}

  private history(column: Column): ColumnHistory {
    let h = this.columns.get(column);
    if (h === undefined) {
      h = { points: [], stopped: false };
      this.columns.set(column, h);
    }
    return h;
  }

  /** Whether `column` may run at `n`: undefined if so, else why not. */
  refusal(column: Column, n: number): OverBudget | undefined {
    const h = this.history(column);
    if (h.stopped) return "stopped";
    const predicted = predictMs(h.points, n, this.predictFromMs);
    if (predicted !== undefined && predicted > this.budgetMs) {
      h.stopped = true;
      return "predicted";
    }
    return undefined;
  }

  /** Records a run that finished; returns "exceeded" (and stops the column) if it took too long. */
  record(column: Column, n: number, ms: number): OverBudget | undefined {
    const h = this.history(column);
    h.points.push({ n, ms });
    if (ms > this.budgetMs) {
      h.stopped = true;
      return "exceeded";
    }
    return undefined;
  }

  /** Stops a column whose cell was interrupted at the budget (or could not run). */
  stop(column: Column): void {
    this.history(column).stopped = true;
  }

  isStopped(column: Column): boolean {
    return this.history(column).stopped;
  }

  private get predictFromMs(): number {
    return this.budgetMs * PREDICT_FROM_SHARE;
  }

  /** Exposed for tests: the time predicted for `column` at n. */
  predicted(column: Column, n: number): number | undefined {
    return predictMs(this.history(column).points, n, this.predictFromMs);
  }
}

/**
 * Extrapolates the last two runs geometrically in n: ms(next) = ms(last) · r^((next − last)/(last − prev)),
 * r = ms(last)/ms(prev) (at least 1). Geometric growth is the worst case swell shows, so for
 * polynomial growth this errs on the side of skipping.
 */
export function predictMs(points: readonly { n: number; ms: number }[], n: number, fromMs = 0): number | undefined {
  if (points.length < 2) return undefined;
  const last = points[points.length - 1];
  const prev = points[points.length - 2];
  // Below a millisecond a ratio is clock and garbage-collector noise, not growth.
  if (last.ms < Math.max(fromMs, NOISE_FLOOR_MS) || prev.ms < NOISE_FLOOR_MS || last.n <= prev.n || n <= last.n) return undefined;
  const ratio = Math.max(1, last.ms / prev.ms);
  return last.ms * ratio ** ((n - last.n) / (last.n - prev.n));
}
