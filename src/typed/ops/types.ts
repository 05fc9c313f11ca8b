// The shape of a typed op-table entry (matmul, transpose, sum, …): everything about one matrix
// op in one place, as the scalar table holds everything about one scalar op. Its derivative
// rules (VJP and JVP) are written once over a TypedAlgebra, so the same rule builds the
// matrix-form symbolic derivative (T = TExpr) and runs on Float64Array kernels (T = Tensor).
import type { Expr } from "../../ast/expr.js";
import type { SourceSpan } from "../shape-error.js";
import type { Shape } from "../shape.js";
import type { Allocate, Tensor } from "../tensor.js";
import type { TExpr } from "../texpr.js";

/** What a typed derivative rule may compute with. */
export interface TypedAlgebra<T> {
  shapeOf(x: T): Shape;
  /** A scalar constant. */
  num(c: number): T;
  /** An op of the scalar table applied element by element (scalars broadcast). */
  map(op: string, args: readonly T[]): T;
  /** An op of the typed table; `given` is the result shape for ops that take one (fill). */
  call(op: string, args: readonly T[], given?: Shape): T;
  /** `*`: the matrix product, or scaling when a side is a scalar. */
  times(left: T, right: T): T;
  /** `x` (the same entries, row-major) as `shape`: vector ↔ row ↔ n×1, or sum / fill for a scalar. */
  conform(x: T, shape: Shape): T;
  /** A vector or matrix written out from scalar elements, row-major. */
  literal(elements: readonly T[], shape: Shape): T;
  /** Entry k (row-major) of x, a scalar: how a literal's elements get their adjoints. */
  entry(x: T, k: number): T;
  /** Whether the scalar table's rules should take their textbook forms (see Algebra.textbook). */
  readonly textbook?: boolean;
}

/** A typed node of the table's ops. */
export type CallNode = Extract<TExpr, { kind: "call" }>;

/** Binding strength as printed, loosest first; each printer maps these to its own levels. */
export type PrintLevel = "sum" | "product" | "matmul" | "unary" | "power" | "postfix" | "atom";

/** What an entry's printer is given: its arguments printed, parenthesised as the printer decides. */
export interface PrintParts {
  /** A child as the operand of an operator of `level` on `side`. */
  operand(child: TExpr, level: PrintLevel, side: "left" | "right"): string;
  /** A child inside the op's own delimiters (a function's parentheses). */
  whole(child: TExpr): string;
}

export interface LatexParts extends PrintParts {
  /** A child that carries ^\top or ^{…}, parenthesised unless it can. */
  superscriptBase(child: TExpr): string;
  /** Two operands side by side (the matrix product), spaced so they do not run together. */
  juxtapose(left: string, right: string): string;
  level(child: TExpr): PrintLevel;
}

/** ∂-rule for one argument: its share of the node's adjoint (any shape `conform` can fix). */
export type VjpRule = <T>(A: TypedAlgebra<T>, args: readonly T[], out: T, adjoint: T) => T;

export interface TypedOpSpec {
  readonly name: string;
  readonly arity: number;
  readonly description: string;
  /** How the op is called in a typed program (e.g. "sum(A): the sum of all entries"); absent for operators. */
  readonly call?: string;
  /** The result's shape; throws ShapeError saying what does not fit. `given` for fill. */
  shape(args: readonly Shape[], at?: SourceSpan, given?: Shape): Shape;
  /** The numeric kernel; output arrays come from `alloc` (not zeroed: it writes every entry), so a prepared sweep can reuse them. */
  kernel(args: readonly Tensor[], shape: Shape, alloc: Allocate): Tensor;
  /** One VJP per argument: Āᵢ from C̄ (denominator layout, each Āᵢ shaped like argument i). */
  readonly vjp: readonly VjpRule[];
  /** The tangent of the result from the arguments' tangents (undefined: a constant argument). */
  jvp<T>(A: TypedAlgebra<T>, args: readonly T[], out: T, tangents: readonly (T | undefined)[]): T;
  /** Binding strength in text (default atom). */
  textLevel?(node: CallNode): PrintLevel;
  text(node: CallNode, p: PrintParts): string;
  latexLevel?(node: CallNode): PrintLevel;
  latex(node: CallNode, p: LatexParts): string;
  /** Whether its LaTeX can carry a superscript as it is (‖x‖₂^2). */
  latexCarriesSuperscript?(node: CallNode): boolean;
  /** The scalar lowering: the result's entries, row-major, from the arguments' entries. */
  lower(args: readonly (readonly Expr[])[], node: CallNode): Expr[];
  /** How many scalar nodes `lower` builds (before hash-consing), from the shapes alone. */
  loweredNodes(node: CallNode): number;
}
