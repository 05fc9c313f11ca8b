// Limits on how much a derivation may build, so a swelling derivative stops instead of hanging.

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
    /** Algebra calls made before stopping. */
    readonly nodesBuilt: number,
    /** Which limit was hit. */
    readonly limit: "nodes" | "time",
    readonly elapsedMs: number,
  ) {
    super(
      limit === "nodes"
        ? `derivation stopped after building ${nodesBuilt} nodes (the node budget)`
        : `derivation stopped after ${Math.round(elapsedMs)} ms and ${nodesBuilt} nodes built (the time budget)`,
    );
    this.name = "DerivationBudgetExceeded";
  }
}

/** Counts nodes built and throws DerivationBudgetExceeded when a limit is passed. */
export class NodeCounter {
  private built = 0;
  private readonly started = performance.now();
  private readonly maxNodes: number;
  private readonly timeLimitMs: number;

  constructor(budget: DerivationBudget = {}) {
    this.maxNodes = budget.maxNodesBuilt ?? DEFAULT_MAX_NODES_BUILT;
    this.timeLimitMs = budget.timeLimitMs ?? Infinity;
  }

  get nodesBuilt(): number {
    return this.built;
  }

  count(): void {
    this.built++;
    if (this.built > this.maxNodes) throw new DerivationBudgetExceeded(this.built, "nodes", this.elapsedMs());
    // Reading the clock on every call would cost more than building the node.
    if ((this.built & 1023) === 0 && this.elapsedMs() > this.timeLimitMs) {
      throw new DerivationBudgetExceeded(this.built, "time", this.elapsedMs());
    }
  }

  private elapsedMs(): number {
    return performance.now() - this.started;
  }
}
