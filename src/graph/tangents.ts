// Sweep 2: tangents with k columns, on numbers. Each node's tangent in column j is
// Σ_k ∂node/∂arg_k · tangent_j(arg_k): k = 1 is forward mode (a dual number per node), k > 1
// is vector mode and jacfwd (one sweep for k directions). Values are computed along the way,
// as a dual number computes its value, so a pass costs what forward mode costs. Tangents follow
// the rule for 0 · ∞ through the zero policy: an exact zero tangent or partial cuts its term,
// and a tangent is an exact zero only when every term of its sum was cut (a sum that cancels
// is not). An argument's partial is evaluated only when some column's tangent may be nonzero.
import type { OpSpec } from "../ops/types.js";
import { numberAlgebra } from "../ops/table.js";
import type { Graph } from "./graph.js";
import { gatherArgs } from "./values.js";
import { cutsTangentTerm, exactLocalPartial, isExactZeroValue } from "./zero-policy.js";

export interface TangentSweep {
  /** Values of every node. */
  readonly values: Float64Array;
  /** tangents[i * columns + j]: node i's tangent in column j. */
  readonly tangents: Float64Array;
  readonly columns: number;
  /** Op evaluations, partial evaluations and tangent multiply-adds made. */
  readonly operations: number;
}

/**
 * One sweep of `columns` tangents per node. `seed(slot, j)` is the tangent of the variable at
 * input position `slot` in column j (a 0 seed is an exact zero). Nodes outside `active` (the
 * graph's activity for the seeded variables) keep tangent 0; columns = 0 evaluates values only.
 */
export function tangentSweep(
  graph: Graph, active: Uint8Array, inputs: ArrayLike<number>, columns: number, seed: (slot: number, column: number) => number,
): TangentSweep {
  const { nodes, ops, argStart, args: argIndex, variableSlot } = graph;
  const k = columns;
  const n = nodes.length;
  const values = new Float64Array(n);
  const exactZeroValues = new Uint8Array(n);
  const tangents = new Float64Array(n * k);
  const inexact = new Uint8Array(n * k); // a zero tangent that is not an exact zero
  let operations = 0;
  for (let i = 0; i < n; i++) {
    const node = nodes[i];
    if (node.kind === "num") {
      values[i] = node.value;
      exactZeroValues[i] = node.value === 0 ? 1 : 0;
    } else if (node.kind === "var") {
      const slot = variableSlot[i];
      values[i] = inputs[slot];
      exactZeroValues[i] = inputs[slot] === 0 ? 1 : 0; // a point is exact
      if (active[i] === 1) for (let j = 0; j < k; j++) tangents[i * k + j] = seed(slot, j);
    } else {
      const op = ops[i] as OpSpec;
      const from = argStart[i];
      const arity = argStart[i + 1] - from;
      const args = gatherArgs(graph, i, values); // op.eval and the partial rules only read it
      const zeroArgs: boolean[] = new Array(arity);
      for (let p = 0; p < arity; p++) zeroArgs[p] = exactZeroValues[argIndex[from + p]] === 1;
      const out = op.eval(args);
      values[i] = out;
      const outExact = isExactZeroValue(node, op, args, zeroArgs, out);
      exactZeroValues[i] = outExact ? 1 : 0;
      operations++;
      if (k === 0 || active[i] !== 1) continue; // u − u, u / u, constants: tangent exactly 0
      for (let p = 0; p < arity; p++) {
        // Column j of argument a is an exact zero when it is 0 and no term made it (no closure
        // here: this loop runs per argument, and a closure per argument costs more than the rest).
        const base = argIndex[from + p] * k;
        let anyTerm = false;
        for (let j = 0; j < k && !anyTerm; j++) anyTerm = tangents[base + j] !== 0 || inexact[base + j] !== 0;
        if (!anyTerm) continue;
        const partial = exactLocalPartial(numberAlgebra, op, p, args, out, args, zeroArgs, out, outExact);
        operations++;
        for (let j = 0; j < k; j++) {
          const input = tangents[base + j];
          if (input === 0 && inexact[base + j] === 0) continue;
          operations++;
          if (cutsTangentTerm(partial, input, false)) continue;
          tangents[i * k + j] += partial.value * input;
          inexact[i * k + j] = 1;
        }
      }
    }
  }
  return { values, tangents, columns: k, operations };
}
