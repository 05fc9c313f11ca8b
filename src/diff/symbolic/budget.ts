// Limits on how much a derivation may build, so a swelling derivative stops instead of hanging.
import { formatCount, Progress } from "../../util/budget.js";

export interface DerivationBudget {
  /** Most algebra calls (nodes built) allowed; default DEFAULT_MAX_NODES_BUILT. */
  readonly maxNodesBuilt?: number;
  /** Wall-clock limit in milliseconds, measured from the start of the derivation. */
  readonly timeLimitMs?: number;
}

/** Generous for anything a person types (logistic map n = 1000 shared needs ~10^4). */
export const DEFAULT_MAX_NODES_BUILT = 20_000_000;

export class DerivationBudgetExceeded extends Error {
  constructor(
    /** Algebra calls made (and nodes the simplifier visited) before stopping. */
    readonly nodesBuilt: number,
    /** Which limit was hit. */
    readonly limit: "nodes" | "time",
    readonly elapsedMs: number,
    /** The limit's figure: most nodes, or milliseconds. */
    readonly allowed: number = NaN,
    /** For an n-th derivative: which derivative (1-based) was being built, of how many. */
    readonly order?: { readonly at: number; readonly of: number },
  ) {
    const figure = limit === "nodes"
      ? `at its budget of ${formatCount(allowed)} nodes built`
      : `at its budget of ${Math.round(allowed)} ms (${Math.round(elapsedMs)} ms, ${formatCount(nodesBuilt)} nodes built)`;
    super(order === undefined || order.of === 1
      ? `derivation stopped ${figure}`
      : `the ${ordinal(order.of)} derivative would exceed the budget: it stopped while building the ${ordinal(order.at)} derivative, ${figure}`);
    this.name = "DerivationBudgetExceeded";
  }

  /** The same stop, saying which of `of` derivatives was being built. */
  atOrder(at: number, of: number): DerivationBudgetExceeded {
    return new DerivationBudgetExceeded(this.nodesBuilt, this.limit, this.elapsedMs, this.allowed, { at, of });
  }
}

/** 1st, 2nd, 3rd, 4th, …, 11th, 12th, 13th, 21st. */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : n % 10 === 1 ? "st" : n % 10 === 2 ? "nd" : n % 10 === 3 ? "rd" : "th";
  return `${n}${suffix}`;
}

/**
 * Counts nodes built and throws DerivationBudgetExceeded when a limit is passed. One counter
 * may serve several steps (the derivatives of an n-th derivative and their simplification),
 * so the budget holds for the whole computation, not per step.
 */
export class NodeCounter {
  private built = 0;
  private readonly started = performance.now();
  private readonly maxNodes: number;
  private readonly timeLimitMs: number;
  private readonly progress = new Progress("deriving (nodes built)", undefined, 1);

  constructor(budget: DerivationBudget = {}) {
    this.maxNodes = budget.maxNodesBuilt ?? DEFAULT_MAX_NODES_BUILT;
    this.timeLimitMs = budget.timeLimitMs ?? Infinity;
  }

  get nodesBuilt(): number {
    return this.built;
  }

  count(): void {
    this.built++;
    if (this.built > this.maxNodes) throw new DerivationBudgetExceeded(this.built, "nodes", this.elapsedMs(), this.maxNodes);
    // Reading the clock on every call would cost more than building the node.
    if ((this.built & 1023) === 0) {
      if (this.elapsedMs() > this.timeLimitMs) throw new DerivationBudgetExceeded(this.built, "time", this.elapsedMs(), this.timeLimitMs);
      this.progress.tick(this.built);
    }
  }

  private elapsedMs(): number {
    return performance.now() - this.started;
  }
}

/** A counter for `budget`, or the counter itself when one is shared between steps. */
export function counterFor(budget: DerivationBudget | NodeCounter | undefined): NodeCounter {
  return budget instanceof NodeCounter ? budget : new NodeCounter(budget);
}
