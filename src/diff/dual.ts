// Dual numbers: a value and its tangent (the directional derivative carried alongside).
// Every operation, arithmetic included, goes through the op table: the value by op.eval, the
// tangent by op.partials evaluated at the values, times each argument's tangent.
import { algebraOfCalls, getOp, numberAlgebra } from "../ops/table.js";
import type { Algebra } from "../ops/types.js";

export interface Dual {
  readonly value: number;
  readonly tangent: number;
}

export function dual(value: number, tangent = 0): Dual {
  return { value, tangent };
}

/** What dual arithmetic spent: op evaluations + partial evaluations + tangent multiply-adds. */
export interface DualOperationCount {
  operations: number;
}

/**
 * Applies an op to dual arguments. An argument whose tangent is exactly 0 contributes nothing,
 * so its partial is not even evaluated: ∂(x^n)/∂n = x^n log(x) is NaN for x < 0, and must not
 * leak into d(x^3)/dx through 0 · NaN.
 */
export function applyDual(opName: string, args: readonly Dual[], count?: DualOperationCount): Dual {
  const op = getOp(opName);
  const values = args.map((a) => a.value);
  const out = op.eval(values);
  let tangent = 0;
  let operations = 1;
  for (let i = 0; i < args.length; i++) {
    const t = args[i].tangent;
    if (t === 0) continue;
    const partial = op.partials[i](numberAlgebra, values, out);
    operations += 2;
    // A zero partial cuts the path even under an infinite tangent (0 · ∞ would be NaN); the
    // sum starts at +0, so skipping a finite ±0 product changes no bit.
    if (partial === 0) continue;
    tangent += partial * t;
  }
  if (count !== undefined) count.operations += operations;
  return { value: out, tangent };
}

/** Dual-number arithmetic, optionally counting its operations into `count`. */
export function createDualAlgebra(count?: DualOperationCount): Algebra<Dual> {
  return algebraOfCalls(
    (c): Dual => ({ value: c, tangent: 0 }),
    (op, args) => applyDual(op, args, count),
  );
}

/** Dual-number arithmetic over the op table (uncounted). */
export const dualAlgebra: Algebra<Dual> = createDualAlgebra();
