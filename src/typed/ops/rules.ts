// What the typed ops' derivative rules share.
import type { TypedAlgebra } from "./types.js";

/**
 * A JVP as the sum of one term per argument that has a tangent: terms[i] maps argument i's
 * tangent to its share of the result's tangent (constant arguments contribute nothing).
 */
export function tangentSum<T>(A: TypedAlgebra<T>, tangents: readonly (T | undefined)[], terms: readonly ((tangent: T) => T)[]): T {
  let sum: T | undefined;
  tangents.forEach((t, i) => {
    if (t === undefined) return;
    const term = terms[i](t);
    sum = sum === undefined ? term : A.map("add", [sum, term]);
  });
  if (sum === undefined) throw new Error("internal: a JVP of a node without tangents");
  return sum;
}
