// The public symbolic functions: derivative, gradient, n-th derivative and Hessian as Exprs.
import type { Expr } from "../../ast/expr.js";
import { counterFor, DerivationBudgetExceeded, type DerivationBudget, type NodeCounter } from "./budget.js";
import { rawGradient, type DerivativeExprs, type SymbolicMode } from "./derive.js";
import { simplifyAll } from "./simplify.js";

export interface GradientExprOptions {
  /** "shared" (default): reverse accumulation on the DAG; "tree": the textbook recursion. */
  readonly mode?: SymbolicMode;
  /** Run the simplifier on the result (default true). */
  readonly simplify?: boolean;
  /**
   * Stop with DerivationBudgetExceeded past this many nodes built (and nodes the simplifier
   * visits) or this much time; a NodeCounter shares one budget between several derivations.
   */
  readonly budget?: DerivationBudget | NodeCounter;
}

export interface DeriveOptions extends GradientExprOptions {
  /** How many times to differentiate (default 1). */
  readonly order?: number;
}

export interface GradientExprs {
  readonly derivatives: DerivativeExprs;
  /** Algebra calls made while deriving (before simplification). */
  readonly nodesBuilt: number;
}

/** ∂f/∂v for each v in wrt, with the nodes built (for cost and swell measurements). */
export function deriveGradientWithCost(f: Expr, wrt: readonly string[], options: GradientExprOptions = {}): GradientExprs {
  const counter = counterFor(options.budget);
  const raw = rawGradient(f, wrt, options.mode ?? "shared", counter);
  if (options.simplify === false) return raw;
  const simplified = simplifyAll(wrt.map((v) => raw.derivatives[v]), { counter });
  const derivatives = Object.create(null) as DerivativeExprs;
  wrt.forEach((v, i) => (derivatives[v] = simplified[i]));
  return { derivatives, nodesBuilt: raw.nodesBuilt };
}

/** ∂f/∂v for each v in wrt (a null-prototype record keyed by variable name). */
export function deriveGradient(f: Expr, wrt: readonly string[], options?: GradientExprOptions): DerivativeExprs {
  return deriveGradientWithCost(f, wrt, options).derivatives;
}

/** The `order`-th derivative of f with respect to x (differentiating the derivative again). */
export function derive(f: Expr, x: string, options: DeriveOptions = {}): Expr {
  return deriveN(f, x, options.order ?? 1, options);
}

/** The budget holds for all `order` derivatives together; a stop names the one being built. */
export function deriveN(f: Expr, x: string, order: number, options: GradientExprOptions = {}): Expr {
  if (!Number.isInteger(order) || order < 0) throw new RangeError(`derivative order must be a whole number ≥ 0, got ${order}`);
  const counter = counterFor(options.budget);
  let current = f;
  for (let k = 0; k < order; k++) {
    try {
      current = deriveGradient(current, [x], { ...options, budget: counter })[x];
    } catch (error) {
      throw error instanceof DerivationBudgetExceeded ? error.atOrder(k + 1, order) : error;
    }
  }
  return current;
}

/** The symbolic Hessian: entry [i][j] = ∂²f/∂vars[i]∂vars[j] (rows from one sweep each). */
export function hessianExprs(f: Expr, vars: readonly string[], options: GradientExprOptions = {}): Expr[][] {
  const gradient = deriveGradient(f, vars, options);
  return vars.map((v) => {
    const row = deriveGradient(gradient[v], vars, options);
    return vars.map((w) => row[w]);
  });
}
