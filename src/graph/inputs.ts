// A point's values in a graph's input order: the one reader of points for every method that
// runs on the graph (the sweeps, compiled code), so none re-walks the graph per point.
import { pointValue, requirePointObject, requireValues, type Point } from "../eval/evaluate.js";
import type { InputLayout } from "./graph.js";

/**
 * The point's values in input order. Throws MissingVariableError naming every variable the
 * point lacks, or PointValueError for the first that is not a number, like the interpreters (a
 * differentiation variable the function does not use needs no value: its partial is 0).
 */
export function readInputs(layout: InputLayout, point: Point): Float64Array {
  requirePointObject(point);
  const names = layout.variables;
  const inputs = new Float64Array(names.length);
  for (let i = 0; i < inputs.length; i++) {
    const value = pointValue(point, names[i]);
    // The error path names every missing variable, or the first that is not a number.
    if (typeof value !== "number") requireValues(names, point);
    inputs[i] = value as number;
  }
  return inputs;
}
