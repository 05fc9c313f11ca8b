// diffscope's library API: what `import … from "diffscope"` gives.

// Expressions: parse, build, print, evaluate.
export { parse, ParseError } from "./parse/parse.js";
export { num, variable, type Expr, type Num, type Var, type Call } from "./ast/expr.js";
export { dagSize, treeSize, topologicalOrder, variablesOf } from "./ast/walk.js";
export { call, getOp, ALL_OPS, knownFunctionNames } from "./ops/table.js";
export type { OpSpec, Algebra } from "./ops/types.js";
export { printExpr, ExpressionTooLargeError } from "./print/text.js";
export { printLatex } from "./print/latex.js";
export { evaluate, evaluateAll, MissingVariableError, PointValueError, type Point } from "./eval/evaluate.js";

// The four differentiators behind one interface, and JAX-style functions over them.
export { DIFFERENTIATORS, EXACT_METHODS, getDifferentiator, isMethodName } from "./diff/registry.js";
export { grad, valueAndGrad, jvp, vjp, jacfwd, jacrev, hessian, type GradOptions, type Jacobian } from "./diff/api.js";
export { automaticStep, UNTRUSTWORTHY, type Scheme } from "./diff/finite-difference.js";
export { diagnose, type Diagnostics } from "./diff/diagnostics.js";
export { Tape } from "./diff/reverse/tape.js";
export {
  derive, deriveGradient, hessianExprs, simplify, DerivationBudgetExceeded,
  type DerivationBudget, type DeriveOptions, type GradientExprOptions,
} from "./diff/symbolic/index.js";
export { dualAlgebra, type Dual } from "./diff/dual.js";
export {
  METHOD_NAMES,
  type CostCounters,
  type Differentiator,
  type Gradient,
  type GradientOptions,
  type GradientResult,
  type MethodName,
  type PreparedGradient,
} from "./diff/types.js";

// Vectors and matrices: typed programs (x: R^3; W: R^(4x3); …), gradients in their variable's shape.
export * as typed from "./typed/index.js";
export { typedGradient, type TypedGradient, type TypedGradientOptions } from "./diff/typed.js";

// What users run: comparison harness, swell benchmark, homework checker and traces, compiler.
export * as harness from "./harness/index.js";
export * as swell from "./swell/index.js";
export * as check from "./check/index.js";
export * as trace from "./trace/index.js";
export * as compile from "./compile/index.js";
