// Sweep 3: adjoints. dy/dy = seed, then in reverse topological order each reached active node
// adds adjoint × local partial to each active argument's adjoint (the lecture's increment;
// fan-out is the `+=`). Generic over what an adjoint is (a number, a dual, a traced number, an
// expression, a line of generated code): the caller gives the partials, the product and the
// accumulation, and a zero policy (zero-policy.ts) says which increments are cut. The interpreted
// tape, forward-over-reverse Hessians, the symbolic shared mode and the compiler all run this.
import type { Graph } from "./graph.js";
import type { AdjointPolicy } from "./zero-policy.js";

/** How adjoints are formed and summed. */
export interface AdjointAccumulation<T> {
  /** The adjoint of a reached node that no increment was taken into (a cut one). */
  readonly zero: T;
  /** The increment adjoint · partial. */
  product(adjoint: T, partial: T): T;
  /** Node j's adjoint after its first increment. */
  first(j: number, increment: T): T;
  /** Node j's adjoint after a later one. */
  add(j: number, previous: T, increment: T): T;
}

export interface AdjointSweep<T> {
  /** Adjoint of each reached node (undefined where none reached it). */
  readonly adjoints: (T | undefined)[];
  /** Increments made or cut (each costs a multiply and an add; the count depends on the graph). */
  readonly increments: number;
}

/**
 * Adjoints of output `output` seeded with `seed`. `partial(i, k)` is ∂node_i/∂(its argument k),
 * asked once per increment, only for an active argument of a reached active node; undefined
 * means there is none (not an increment).
 */
export function adjointSweep<T>(
  graph: Graph,
  active: Uint8Array,
  output: number,
  seed: T,
  partial: (i: number, k: number) => T | undefined,
  accumulation: AdjointAccumulation<T>,
  policy: AdjointPolicy<T>,
): AdjointSweep<T> {
  const { argStart, args } = graph;
  const start = graph.outputs[output];
  const adjoints: (T | undefined)[] = new Array(graph.nodes.length);
  let increments = 0;
  adjoints[start] = seed;
  policy.seeded(start, seed);
  for (let i = start; i >= 0; i--) {
    const adjoint = adjoints[i];
    if (adjoint === undefined || active[i] !== 1 || !policy.passesOn(i, adjoint)) continue;
    for (let p = argStart[i], k = 0; p < argStart[i + 1]; p++, k++) {
      const j = args[p];
      if (active[j] !== 1) continue;
      const local = partial(i, k);
      if (local === undefined) continue;
      const decision = policy.increment(i, k, j, local);
      if (decision === "drop") continue;
      increments++;
      if (decision === "cut") {
        adjoints[j] ??= accumulation.zero;
        continue;
      }
      // dy/dv_j += dy/du_i * du_i/dv_j  (the lecture's increment)
      const increment = accumulation.product(adjoint, local);
      const previous = adjoints[j];
      adjoints[j] = previous === undefined ? accumulation.first(j, increment) : accumulation.add(j, previous, increment);
    }
  }
  return { adjoints, increments };
}
