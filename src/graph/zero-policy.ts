// Where the sweeps apply the rule for 0 · ∞ (src/ops/exact-zero.ts, the one rule): this file
// is the only place a sweep asks which values, partials, tangents and adjoints are exact zeros
// and which products they cut. A sweep receives a policy; it never tests zeros itself.
//  - exactZeroAdjoints: numbers and number-likes (dual, traced): the strong zero of the rule.
//  - structuralZeroAdjoints: expressions (the symbolic shared mode): a literal 0 cuts its path.
//  - plainAdjoints: generated code, plain float64 (no product is cut; see compile/tape.ts).
import type { Expr } from "../ast/expr.js";
import { isExactZeroNode, isExactZeroProduct, localPartial, skipsProduct, type ExactValue } from "../ops/exact-zero.js";
import type { Algebra, OpSpec } from "../ops/types.js";
import type { ForwardSweep } from "./values.js";

/** A number with parts: a dual number (value, tangent) or a traced number (value). */
interface NumberLike {
  readonly value?: unknown;
  readonly tangent?: unknown;
}

/** The numeric value of a number or of a number-like's value part (what exactness is about). */
export function numericValue(x: unknown): number {
  return typeof x === "number" ? x : ((x as NumberLike).value as number);
}

/** Zero as a factor: a number 0, or a dual whose value and tangent are both 0. */
function isZeroFactor(x: unknown): boolean {
  if (typeof x === "number") return x === 0;
  const { value, tangent = 0 } = x as NumberLike;
  return value === 0 && tangent === 0;
}

/** Finite as a factor: every part finite. */
function isFiniteFactor(x: unknown): boolean {
  if (typeof x === "number") return Number.isFinite(x);
  const { value, tangent = 0 } = x as NumberLike;
  return Number.isFinite(value) && Number.isFinite(tangent);
}

/** Whether a node's value is an exact zero, given which arguments are (u − u included). */
export function isExactZeroValue(node: Expr, op: OpSpec, args: readonly number[], zeroArgs: readonly boolean[], out: number): boolean {
  return isExactZeroNode(node, op, args, zeroArgs, out);
}

/**
 * ∂out/∂args[k] over an algebra with whether it is an exact zero. On numbers the partial is
 * the rule's (localPartial). Another algebra (dual numbers, traced numbers) computes its own
 * and asks the numbers only whether a value part that is 0 or not finite is an exact zero (a
 * finite nonzero partial never is).
 */
export function exactLocalPartial<T>(
  A: Algebra<T>, op: OpSpec, k: number, args: readonly T[], out: T,
  numericArgs: readonly number[], zeroArgs: readonly boolean[], numericOut: number, outExactZero: boolean,
): { value: T; exactZero: boolean } {
  if (typeof out === "number") return localPartial(op, k, numericArgs, zeroArgs, numericOut, outExactZero) as { value: T; exactZero: boolean };
  const value = op.partials[k](A, args, out);
  const v = numericValue(value);
  const exactZero = (v === 0 || !Number.isFinite(v)) && localPartial(op, k, numericArgs, zeroArgs, numericOut, outExactZero).exactZero;
  return { value, exactZero };
}

/** A tangent term partial · tangent is cut when a factor is an exact zero (even against ±∞ or NaN). */
export function cutsTangentTerm(partial: ExactValue, tangent: number, tangentExact: boolean): boolean {
  return isExactZeroProduct(partial.value === 0, partial.exactZero, tangent === 0, tangentExact);
}

/** What the adjoint sweep does with one increment adjoint(i) · ∂i/∂arg_k. */
/**
 * "take": added to the argument's adjoint; "cut": zero by the rule, skipped, but the argument
 * counts as reached (its adjoint stays as it is); "drop": a structural zero, no increment at all.
 */
export type Increment = "take" | "cut" | "drop";

export interface AdjointPolicy<T> {
  /** Called with the seed before the sweep. */
  seeded(start: number, seed: T): void;
  /** Whether node i's adjoint is passed on to its arguments. */
  passesOn(i: number, adjoint: T): boolean;
  /** The increment from node i (whose adjoint passesOn just accepted) into argument k, node j. */
  increment(i: number, k: number, j: number, partial: T): Increment;
}

/**
 * The rule on numbers and number-likes: an increment that is 0 · ∞ or 0 · NaN with an exact
 * zero (skipsProduct) is cut, so which adjoints are reached depends on the graph only; an
 * adjoint is an exact zero while every increment into it was (a sum that cancels is not).
 */
export function exactZeroAdjoints<T>(sweep: ForwardSweep<T>, nodes: number): AdjointPolicy<T> {
  const inexact = new Uint8Array(nodes); // an adjoint that is not an exact zero
  let adjointZero = false;
  let adjointExact = false;
  let adjointFinite = true;
  return {
    seeded(start, seed) {
      if (!isZeroFactor(seed)) inexact[start] = 1;
    },
    passesOn(i, adjoint) {
      adjointZero = isZeroFactor(adjoint);
      adjointExact = adjointZero && inexact[i] === 0;
      adjointFinite = isFiniteFactor(adjoint);
      return true;
    },
    increment(i, k, j, partial) {
      const partialZero = isZeroFactor(partial);
      const partialExact = sweep.exactZeroPartials[i]?.[k] === 1;
      if (skipsProduct(adjointZero, adjointExact, adjointFinite, partialZero, partialExact, isFiniteFactor(partial))) return "cut";
      if (!isExactZeroProduct(adjointZero, adjointExact, partialZero, partialExact)) inexact[j] = 1;
      return "take";
    },
  };
}

/** A literal 0 (or -0): the zero an expression algebra knows for sure. */
const isLiteralZero = (e: Expr): boolean => e.kind === "num" && e.value === 0;

/** Expressions: an adjoint or a partial that is literally 0 cuts its path (nothing is built for it). */
export const structuralZeroAdjoints: AdjointPolicy<Expr> = {
  seeded: () => undefined,
  passesOn: (_i, adjoint) => !isLiteralZero(adjoint),
  increment: (_i, _k, _j, partial) => (isLiteralZero(partial) ? "drop" : "take"),
};

/** Plain float64 (generated code): every increment is taken; the rule runs on a NaN (compile/tape.ts). */
export function plainAdjoints<T>(): AdjointPolicy<T> {
  return { seeded: () => undefined, passesOn: () => true, increment: () => "take" };
}
