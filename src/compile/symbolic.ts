// Symbolic differentiation compiled: derive the gradient once (shared mode: the derivative
// DAG re-uses f's sub-expressions), then compile f and every partial into one straight-line
// program in which each shared sub-expression is computed once. Bit-identical to evaluating
// the same expressions with evaluateAll, as the interpreted symbolic method does.
import type { Expr } from "../ast/expr.js";
import { dagSize, topologicalOrder, treeSize } from "../ast/walk.js";
import type { Point } from "../eval/evaluate.js";
import { evaluateUnderRule } from "../eval/evaluate-exact.js";
import { accurateForms } from "../ops/accurate.js";
import { attachDiagnostics } from "../diff/diagnostics.js";
import { deriveGradient, type SymbolicMode } from "../diff/symbolic/index.js";
import {
  emptyGradient, zeroCost, type CostCounters, type Differentiator, type GradientOptions, type GradientResult,
} from "../diff/types.js";
import { cached, isCached } from "./cache.js";
import { compileExprs, type CompiledExprs, type EvaluationPath } from "./expr.js";
import type { LinkOptions } from "./program.js";

export interface CompiledSymbolicGradient {
  readonly setupCost: CostCounters;
  readonly path: EvaluationPath;
  readonly fallbackReason?: string;
  /** f and the partials in wrt order, compiled together. */
  readonly program: CompiledExprs;
  at(point: Point): GradientResult;
}

function prepareUncached(f: Expr, wrt: readonly string[], mode: SymbolicMode, options: LinkOptions): CompiledSymbolicGradient {
  const derivatives = deriveGradient(f, wrt, { mode });
  const derivativeRoots = wrt.map((v) => derivatives[v]);
  // Compiled as the interpreted method evaluates them: without textbook cancellation.
  const roots = [f, ...accurateForms(derivativeRoots)];
  const program = compileExprs(roots, options);
  const setupCost: CostCounters = {
    ...zeroCost(),
    expressionNodes: dagSize(derivativeRoots),
    expressionTreeNodes: treeSize(derivativeRoots),
  };
  const order = topologicalOrder(roots);
  const callsEvaluated = order.filter((n) => n.kind === "call").length;
  const ofF = new Set(topologicalOrder(f).map((node) => node.id));
  // The rule for 0 · ∞ is not in the code: a product it cuts is NaN in plain float64, so only
  // then is the point evaluated again, interpreted, under the rule (as compile/tape.ts does).
  const underRule = (point: Point): number[] => {
    const values = evaluateUnderRule(order, point, ofF);
    return roots.map((root) => values.get(root.id) as number);
  };
  return {
    setupCost,
    path: program.path,
    fallbackReason: program.fallbackReason,
    program,
    at(point: Point): GradientResult {
      let values: ArrayLike<number> = program.evaluate(point);
      for (let k = 1; k < values.length; k++) if (Number.isNaN(values[k])) { values = underRule(point); break; }
      const gradient = emptyGradient();
      wrt.forEach((v, k) => (gradient[v] = values[k + 1]));
      const cost = { ...setupCost, operations: callsEvaluated, functionEvaluations: 1, passes: 1 };
      return attachDiagnostics({ method: "symbolic" as const, value: values[0], gradient, cost }, f, point);
    },
  };
}

/** The symbolic gradient of f for wrt, derived and compiled once per (f, wrt, mode) and cached. */
export function prepareCompiledSymbolic(
  f: Expr, wrt: readonly string[], options: { mode?: SymbolicMode } & LinkOptions = {},
): CompiledSymbolicGradient {
  const mode = options.mode ?? "shared";
  return cached(f, cacheKind(mode, options), wrt, () => prepareUncached(f, wrt, mode, options));
}

const cacheKind = (mode: SymbolicMode, options: LinkOptions) =>
  `symbolic|${mode}|${options.statementsPerChunk ?? ""}|${options.maxStatements ?? ""}`;

/** Whether prepareCompiledSymbolic(f, wrt, { mode }) would return already-compiled code. */
export function isSymbolicCompiled(f: Expr, wrt: readonly string[], mode: SymbolicMode = "shared"): boolean {
  return isCached(f, cacheKind(mode, {}), wrt);
}

export const compiledSymbolicDifferentiator: Differentiator = {
  method: "symbolic",
  description: "symbolic, compiled: f and its derivative expressions (one shared DAG) as generated straight-line JavaScript",
  prepare: (f, wrt, options?: GradientOptions) => prepareCompiledSymbolic(f, wrt, { mode: options?.symbolicMode }),
  gradient: (f, at, wrt, options?: GradientOptions) => prepareCompiledSymbolic(f, wrt, { mode: options?.symbolicMode }).at(at),
};
