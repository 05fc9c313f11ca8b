// What a gradient would cost by each method, estimated before it starts from the graph's size
// and the number of variables: forward mode and finite differences sweep the graph once per
// variable, symbolic and reverse a fixed number of times. A caller refuses (or skips) a method
// whose estimate is past MAX_NODE_VISITS instead of running it for minutes.
import { CostLimitError, formatCount } from "../util/budget.js";
import type { MethodName } from "./types.js";

/**
 * Most node visits (sweeps × graph nodes) one gradient may take. Measured on this project's
 * 2-core test machine, a forward-mode or finite-difference visit costs ~1 µs, so this is ~10 s;
 * grad "sum(sigmoid(x))" --shape x=10000 would need 10,000 sweeps of 30,000 nodes (~5 minutes).
 */
export const MAX_NODE_VISITS = 10_000_000;

export interface GradientCostEstimate {
  readonly method: MethodName;
  /** Sweeps over the graph. */
  readonly sweeps: number;
  /** sweeps × graph nodes. */
  readonly nodeVisits: number;
  /** The estimate in words, e.g. "10000 sweeps (one per variable) of 30001 nodes". */
  readonly description: string;
}

/** Sweeps each method makes over a graph of `graphNodes` for `variables` partials. */
export function estimateGradientCost(method: MethodName, graphNodes: number, variables: number): GradientCostEstimate {
  const perVariable = method === "forward" || method === "finite-difference";
  // Symbolic: derive (one sweep), simplify (up to 3) and evaluate (one); reverse: record, forward, backward.
  const sweeps = perVariable ? Math.max(1, variables) : method === "symbolic" ? 5 : 3;
  const why = method === "forward" ? " (one per variable)" : method === "finite-difference" ? " (one set of difference quotients per variable)" : "";
  return {
    method,
    sweeps,
    nodeVisits: sweeps * graphNodes,
    description: `${formatCount(sweeps)} sweeps${why} of ${formatCount(graphNodes)} nodes`,
  };
}

/**
 * Most scalar operations one gradient may take at tensor level, where an operation is a step
 * of a Float64Array loop (~1 ns on the test machine, against ~1 µs for a node visit of the
 * scalar graph): the same ~10 s.
 */
export const MAX_TENSOR_OPERATIONS = 10_000_000_000;

/**
 * The refusal for `method` when its estimate is past the limit (undefined when it fits). At
 * tensor level, `graphNodes` is the scalar lowering's size: the operations one sweep performs.
 */
export function gradientCostProblem(method: MethodName, graphNodes: number, variables: number, tensorLevel = false): CostLimitError | undefined {
  const estimate = estimateGradientCost(method, graphNodes, variables);
  const limit = tensorLevel ? MAX_TENSOR_OPERATIONS : MAX_NODE_VISITS;
  if (estimate.nodeVisits <= limit) return undefined;
  return new CostLimitError(
    `${method} (${estimate.description})`, estimate.nodeVisits, limit, tensorLevel ? "scalar operations at tensor level" : "node visits",
    "--method reverse takes the whole gradient in 3 sweeps (--method symbolic in about 5)",
  );
}
