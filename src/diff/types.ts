// The one interface every differentiation method implements.
import type { Expr } from "../ast/expr.js";
import type { Point } from "../eval/evaluate.js";
import type { Diagnostics } from "./diagnostics.js";

export type MethodName = "symbolic" | "finite-difference" | "forward" | "reverse";
export const METHOD_NAMES: readonly MethodName[] = ["symbolic", "finite-difference", "forward", "reverse"];

/** What a method spent, in one shape for all methods (a counter a method does not use is 0). */
export interface CostCounters {
  /** Op applications at the point: values, local partials and tangent/adjoint updates. */
  operations: number;
  /** Complete evaluations of f (finite differences: 2 per variable for central). */
  functionEvaluations: number;
  /** Sweeps over the graph: forward mode 1 per input (or 1 in vector mode), reverse 2. */
  passes: number;
  /** Reverse mode: entries recorded on the tape. */
  tapeEntries: number;
  /** Symbolic: distinct nodes of the derivative expressions (the shared DAG). */
  expressionNodes: number;
  /** Symbolic: nodes of the derivative expressions printed as trees. */
  expressionTreeNodes: number;
}

export function zeroCost(): CostCounters {
  return { operations: 0, functionEvaluations: 0, passes: 0, tapeEntries: 0, expressionNodes: 0, expressionTreeNodes: 0 };
}

/** A record safe for any variable name (no prototype: `__proto__` is an ordinary key). */
export type Gradient = Record<string, number>;
export function emptyGradient(): Gradient {
  return Object.create(null) as Gradient;
}

export interface GradientResult {
  readonly method: MethodName;
  readonly value: number;
  /** ∂f/∂v for every v in wrt. */
  readonly gradient: Gradient;
  /** Finite differences: estimated absolute error of each partial. */
  readonly errorEstimate?: Gradient;
  readonly cost: CostCounters;
  /** Kinks met (relu/abs at 0 …) and where a NaN/infinity first arose, if anywhere. */
  readonly diagnostics: Diagnostics;
  /** What the method did that a reader should know (e.g. "one-sided step near log's boundary"). */
  readonly notes?: readonly string[];
}

export interface GradientOptions {
  /** Symbolic: "tree" (textbook, copies sub-expressions) or "shared" (DAG). Default shared. */
  readonly symbolicMode?: "tree" | "shared";
  /** Finite differences: scheme and step. */
  readonly finiteDifference?: { readonly scheme?: "forward" | "backward" | "central" | "richardson"; readonly step?: number };
  /** Forward mode: one pass per variable ("scalar") or all tangents in one pass ("vector"). */
  readonly forwardMode?: "scalar" | "vector";
}

/**
 * A differentiator's set-up for one function and variable list (symbolic: the derivative
 * expressions; reverse: the tape layout), reusable at many points. Callers time `prepare`
 * and `at` separately, so set-up cost is reported apart from per-point cost.
 */
export interface PreparedGradient {
  /** What the set-up built (symbolic: expression nodes; reverse: tape entries). */
  readonly setupCost: CostCounters;
  /** Whether `at` runs generated code or an interpreter (absent: interpreted; see src/compile). */
  readonly path?: "compiled" | "interpreted";
  at(point: Point): GradientResult;
}

export interface Differentiator {
  readonly method: MethodName;
  /** One-line description of how it works, for tables and help. */
  readonly description: string;
  prepare(f: Expr, wrt: readonly string[], options?: GradientOptions): PreparedGradient;
  /** Same as prepare(f, wrt, options).at(at). */
  gradient(f: Expr, at: Point, wrt: readonly string[], options?: GradientOptions): GradientResult;
}
