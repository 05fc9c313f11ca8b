// The shape of an op-table entry, and the algebra its derivative rules are written over.

/**
 * What a derivative rule may compute with. With T = number it evaluates (dual numbers, the
 * tape); with T = Expr it builds expressions (symbolic differentiation); with T = Dual it
 * pushes tangents through (forward-over-reverse). A rule written once serves all of them.
 */
export interface Algebra<T> {
  num(c: number): T;
  add(a: T, b: T): T;
  sub(a: T, b: T): T;
  mul(a: T, b: T): T;
  div(a: T, b: T): T;
  neg(a: T): T;
  pow(a: T, b: T): T;
  /** Any other op of the table, by name. */
  call(op: string, args: readonly T[]): T;
  /**
   * True for an algebra that builds expressions for people to read (symbolic derivatives, the
   * trace, matrix-form derivatives): the op table's rules give it their textbook forms, such as
   * 1 - tanh(x)^2. Every other algebra computes, and gets each rule in a form without
   * cancellation, such as sech(x)^2 (src/ops/accurate.ts derives it from the textbook form).
   */
  readonly textbook?: boolean;
}

export type PartialRule = <T>(A: Algebra<T>, args: readonly T[], out: T) => T;

export type PrintSpec =
  | { readonly kind: "infix"; readonly symbol: string; readonly prec: number; readonly assoc: "left" | "right" }
  | { readonly kind: "prefix"; readonly symbol: string; readonly prec: number }
  | { readonly kind: "function"; readonly name: string }
  | { readonly kind: "constant"; readonly name: string };

export interface OpSpec {
  /** Unique op name in the table (what Call.op holds). */
  readonly name: string;
  readonly arity: number;
  readonly family: "arithmetic" | "constant" | "exponential" | "trigonometric" | "hyperbolic" | "activation" | "extremum";
  /** One-line description for help and error messages. */
  readonly description: string;
  readonly print: PrintSpec;
  /** LaTeX for the op given its already-rendered arguments (parenthesised as needed by the caller). */
  latex(args: readonly string[]): string;
  eval(args: readonly number[]): number;
  /**
   * Local partial derivatives: partials[i] gives ∂out/∂args[i], written once over an algebra.
   * `out` is the op's own value at `args` (so exp' = out needs no recomputation). One rule per
   * argument, so a caller builds only the partials it needs (e.g. not ∂(x^n)/∂n for constant n).
   */
  readonly partials: readonly PartialRule[];
  /**
   * Where the op is defined *and* differentiable (an open set): used to sample test points and
   * to flag evaluation outside it. Absent means everywhere.
   */
  domain?(args: readonly number[]): boolean;
  /** True at a point where the op is not differentiable but we return a conventional value. */
  nonDifferentiableAt?(args: readonly number[]): boolean;
  /** The documented convention at those points, e.g. "relu'(0) = 0 (as PyTorch and JAX)". */
  kinkConvention?: string;
  /**
   * Whether a 0 this op returns is an exact zero (the true value, not an underflow), given which
   * arguments are exact zeros; absent means never (see exact-zero.ts, the rule for 0 · ∞).
   */
  exactZero?(zeroArgs: readonly boolean[], args: readonly number[]): boolean;
  /** op(u, u) is a constant (u − u = 0, u / u = 1): its derivative is a structural zero. */
  readonly sameArgumentsConstant?: boolean;
  /** Whether mathjs knows this op under the same printed name (for oracle tests and printing). */
  readonly mathjs: boolean;
}
