// How much rounding a float64 evaluation can pick up: the first-order error bound
// Σ_i |v_i| · |∂result/∂v_i| over the nodes v_i of the computation (each node's rounding,
// relative size ~eps, carried to the result by its adjoint). Two correct formulas for the
// same derivative can differ by about eps times this, never by more than a modest multiple.
import type { Expr } from "../ast/expr.js";
import { variablesOf } from "../ast/walk.js";
import type { Point } from "../eval/evaluate.js";
import { numberAlgebra } from "../ops/table.js";
import { Tape } from "../diff/reverse/tape.js";

export function roundingSensitivity(expr: Expr, point: Point): number {
  const tape = Tape.record(expr, variablesOf(expr));
  const sweep = tape.forwardAt(point, numberAlgebra);
  const { adjoints } = tape.backward(numberAlgebra, sweep, 0, 1);
  let total = Math.abs(sweep.values[tape.outputs[0]]);
  for (let i = 0; i < tape.length; i++) {
    if (tape.entries[i].node.kind !== "call") continue;
    // A NaN adjoint comes from a partial that does not exist where the function does (∂(a^n)/∂n
    // for a < 0 and integer n): no rounding flows through it, so it adds nothing.
    const term = Math.abs(sweep.values[i] * adjoints[i]);
    if (!Number.isNaN(term)) total += term;
  }
  return total;
}
