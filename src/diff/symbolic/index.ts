// Symbolic differentiation: derivative expressions from the op table, and a safe simplifier.
export { DerivationBudgetExceeded, DEFAULT_MAX_NODES_BUILT, type DerivationBudget } from "./budget.js";
export { rawGradient, type DerivativeExprs, type RawGradient, type SymbolicMode } from "./derive.js";
export {
  derive, deriveGradient, deriveGradientWithCost, deriveN, hessianExprs,
  type DeriveOptions, type GradientExprOptions, type GradientExprs,
} from "./derivatives.js";
export { symbolicDifferentiator } from "./differentiator.js";
export { simplify, simplifyAll, type SimplifyOptions } from "./simplify.js";
