// Where a compiled program finds its inputs: variables are passed as a Float64Array by
// position, and the names live here, outside the generated code.
import { variablesOf } from "../ast/walk.js";
import type { Expr } from "../ast/expr.js";
import { pointValue, requirePointObject, requireValues, type Point } from "../eval/evaluate.js";

export interface InputLayout {
  /** Variable names in input order (first-seen order in the expression). */
  readonly names: readonly string[];
  /** Input position of each name (a Map, so `__proto__` is an ordinary key). */
  readonly indexOf: ReadonlyMap<string, number>;
}

export function inputLayout(roots: Expr | readonly Expr[]): InputLayout {
  const names = variablesOf(roots);
  return { names, indexOf: new Map(names.map((name, i) => [name, i])) };
}

/**
 * The point's values in input order; throws MissingVariableError or PointValueError like the
 * interpreters (the layout already lists every variable, so no walk over the graph is needed per
 * point, and the generated code never sees anything but float64s).
 */
export function readInputs(layout: InputLayout, point: Point): Float64Array {
  requirePointObject(point);
  const inputs = new Float64Array(layout.names.length);
  for (let i = 0; i < inputs.length; i++) {
    const value = pointValue(point, layout.names[i]);
    // The error path names every missing variable, or the first that is not a number.
    if (typeof value !== "number") requireValues(layout.names, point);
    inputs[i] = value as number;
  }
  return inputs;
}
