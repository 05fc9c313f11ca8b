// Sweep 1: values, and for a wrt set the local partials, in the graph's one topological order.
// On plain numbers (finite differences, the interpreted fallback of compiled code, kink
// checks) it is one loop over Float64Arrays; over an algebra (numbers with the rule for 0 · ∞,
// dual numbers, traced numbers) it also records which values and partials are exact zeros,
// as the zero policy (zero-policy.ts) says, for the tangent and adjoint sweeps.
import { numberAlgebra } from "../ops/table.js";
import type { Algebra, OpSpec } from "../ops/types.js";
import type { Graph } from "./graph.js";
import { exactLocalPartial, isExactZeroValue, numericValue } from "./zero-policy.js";

/**
 * Replaces a node's value during evaluation (finite differences put a kink's tangent line in
 * place of the kinked op). Receives the node's argument values; returns its value.
 */
export type NodeOverride = (args: readonly number[]) => number;

/**
 * Checked before each call node is evaluated, with its argument values: false stops the
 * evaluation there, so an op is never applied outside what the caller allows.
 */
export type EvaluationGuard = (index: number, args: readonly number[]) => boolean;

/** Reused argument arrays, one per arity (op.eval only reads them during the call). */
const argBuffers: number[][] = [];
function argBuffer(arity: number): number[] {
  return (argBuffers[arity] ??= new Array<number>(arity).fill(0));
}

/** Gathers a call node's argument values into a reused array (valid until the next gather). */
export function gatherArgs(graph: Graph, index: number, values: ArrayLike<number>): number[] {
  const { args: slots, argStart } = graph;
  const from = argStart[index];
  const args = argBuffer(argStart[index + 1] - from);
  for (let k = 0; k < args.length; k++) args[k] = values[slots[from + k]];
  return args;
}

/**
 * Values of every node on plain numbers, into `values` (length = nodes), from inputs in the
 * graph's input order. Returns output 0's value (NaN and `stoppedAt` if the guard stopped it)
 * and the op evaluations made.
 */
export function evaluateGraph(
  graph: Graph,
  inputs: ArrayLike<number>,
  values: Float64Array,
  overrides?: ReadonlyMap<number, NodeOverride>,
  guard?: EvaluationGuard,
): { value: number; calls: number; stoppedAt?: number } {
  const { nodes, ops, variableSlot } = graph;
  let calls = 0;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    if (node.kind === "num") values[i] = node.value;
    else if (node.kind === "var") values[i] = inputs[variableSlot[i]];
    else {
      const args = gatherArgs(graph, i, values);
      if (guard !== undefined && !guard(i, args)) return { value: NaN, calls, stoppedAt: i };
      const override = overrides?.get(i);
      values[i] = override !== undefined ? override(args) : (ops[i] as OpSpec).eval(args);
      calls++;
    }
  }
  return { value: values[graph.outputs[0]], calls };
}

/** evaluateGraph without overrides or a guard: output 0's value (every node's into `values`). */
export function evaluateOutput(graph: Graph, inputs: ArrayLike<number>, values: Float64Array): number {
  return evaluateGraph(graph, inputs, values).value;
}

/** Values and local partials of one sweep over an algebra. partials[i][k] = ∂node_i/∂arg_k. */
export interface ForwardSweep<T> {
  readonly values: T[];
  readonly partials: (T | undefined)[][];
  /** Nodes whose value is an exact zero (src/ops/exact-zero.ts). */
  readonly exactZeroValues: Uint8Array;
  /** Per node, which local partials are exact zeros (undefined: none is). */
  readonly exactZeroPartials: (Uint8Array | undefined)[];
  /** Op applications performed: values plus local partials. */
  readonly operations: number;
}

/**
 * Values over an algebra and, for active nodes, the local partials of their active arguments
 * (skipped with `withPartials = false` when only values are wanted). Leaves take
 * `valueOfSlot(input position)`; a point's values are exact, so a 0 there is an exact zero.
 */
export function valuesAndPartials<T>(
  graph: Graph, A: Algebra<T>, valueOfSlot: (slot: number) => T, active: Uint8Array, withPartials = true,
): ForwardSweep<T> {
  const { nodes, ops, argStart, args: argIndex, variableSlot } = graph;
  const n = nodes.length;
  const values: T[] = new Array(n);
  const partials: (T | undefined)[][] = new Array(n);
  const exactZeroValues = new Uint8Array(n);
  const exactZeroPartials: (Uint8Array | undefined)[] = new Array(n);
  const onNumbers = A === (numberAlgebra as unknown as Algebra<T>);
  const none: (T | undefined)[] = [];
  let operations = 0;
  for (let i = 0; i < n; i++) {
    const node = nodes[i];
    if (node.kind !== "call") {
      values[i] = node.kind === "num" ? A.num(node.value) : valueOfSlot(variableSlot[i]);
      partials[i] = none;
      exactZeroValues[i] = numericValue(values[i]) === 0 ? 1 : 0; // a literal or a point is exact
      continue;
    }
    const spec = ops[i] as OpSpec;
    const from = argStart[i];
    const arity = argStart[i + 1] - from;
    const args: T[] = new Array(arity);
    for (let k = 0; k < arity; k++) args[k] = values[argIndex[from + k]];
    const out = onNumbers ? (spec.eval(args as unknown as number[]) as T) : A.call(spec.name, args);
    values[i] = out;
    operations++;
    const numericArgs = onNumbers ? (args as unknown as number[]) : args.map(numericValue);
    const zeroArgs: boolean[] = new Array(arity);
    for (let k = 0; k < arity; k++) zeroArgs[k] = exactZeroValues[argIndex[from + k]] === 1;
    const numericOut = numericValue(out);
    const outExactZero = isExactZeroValue(node, spec, numericArgs, zeroArgs, numericOut);
    exactZeroValues[i] = outExactZero ? 1 : 0;
    const local: (T | undefined)[] = new Array(arity);
    if (active[i] === 1 && withPartials) {
      for (let k = 0; k < arity; k++) {
        if (active[argIndex[from + k]] !== 1) continue;
        operations++;
        const partial = exactLocalPartial(A, spec, k, args, out, numericArgs, zeroArgs, numericOut, outExactZero);
        local[k] = partial.value;
        if (partial.exactZero) (exactZeroPartials[i] ??= new Uint8Array(arity))[k] = 1;
      }
    }
    partials[i] = local;
  }
  return { values, partials, exactZeroValues, exactZeroPartials, operations };
}
