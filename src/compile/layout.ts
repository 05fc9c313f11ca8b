// Where a compiled program finds its inputs: variables are passed as a Float64Array by
// position, and the names live here, outside the generated code.
import { variablesOf } from "../ast/walk.js";
import type { Expr } from "../ast/expr.js";
import { MissingVariableError, pointNames, pointValue, type Point } from "../eval/evaluate.js";

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
 * The point's values in input order; throws MissingVariableError like the interpreters (the
 * layout already lists every variable, so no walk over the graph is needed per point).
 */
export function readInputs(layout: InputLayout, point: Point): Float64Array {
  const inputs = new Float64Array(layout.names.length);
  let missing: string[] | undefined;
  for (let i = 0; i < inputs.length; i++) {
    const value = pointValue(point, layout.names[i]);
    if (value === undefined) (missing ??= []).push(layout.names[i]);
    else inputs[i] = value;
  }
  if (missing !== undefined) throw new MissingVariableError(missing, pointNames(point));
  return inputs;
}
