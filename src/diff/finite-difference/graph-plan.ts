// A function's graph laid out once for many evaluations: the distinct nodes in topological
// order, each call's op and argument positions, so that evaluating f at another point is one
// loop over a Float64Array (no maps, no re-walking). Finite differences evaluate f many times
// per point and forward mode sweeps it once per variable; both run on this plan.
import type { Expr } from "../../ast/expr.js";
import { topologicalOrder } from "../../ast/walk.js";
import { pointValue, requireValues, type Point } from "../../eval/evaluate.js";
import { getOp } from "../../ops/table.js";
import type { OpSpec } from "../../ops/types.js";
import { printBounded } from "../../print/text.js";

export interface GraphPlan {
  readonly root: Expr;
  /** Distinct nodes, every node after its arguments; the root is last. */
  readonly nodes: readonly Expr[];
  /** The op of each call node (undefined for numbers and variables). */
  readonly ops: readonly (OpSpec | undefined)[];
  /** Positions (in `nodes`) of each node's arguments. */
  readonly argIndices: readonly Int32Array[];
  /** Distinct variables of f, in first-seen order. */
  readonly variables: readonly string[];
  /** Per node: index into `variables` for a variable node, else -1. */
  readonly variableIndex: Int32Array;
  /** Number of call nodes: op evaluations per evaluation of f. */
  readonly callCount: number;
}

export function planGraph(root: Expr): GraphPlan {
  const nodes = topologicalOrder(root);
  const position = new Map<number, number>();
  nodes.forEach((node, i) => position.set(node.id, i));
  const variables: string[] = [];
  const variableIndex = new Int32Array(nodes.length).fill(-1);
  let callCount = 0;
  const ops = nodes.map((node, i) => {
    if (node.kind === "var") variableIndex[i] = variables.push(node.name) - 1;
    if (node.kind !== "call") return undefined;
    callCount++;
    return getOp(node.op);
  });
  const argIndices = nodes.map((node) =>
    Int32Array.from(node.kind === "call" ? node.args.map((a) => position.get(a.id) as number) : []),
  );
  return { root, nodes, ops, argIndices, variables, variableIndex, callCount };
}

/**
 * The point's value of each plan variable. Throws MissingVariableError naming every variable
 * of f that the point lacks (a differentiation variable f does not use needs no value: its
 * partial is 0, as in every method).
 */
export function readInputs(plan: GraphPlan, point: Point): Float64Array {
  requireValues(plan.variables, point);
  return Float64Array.from(plan.variables, (name) => pointValue(point, name) as number);
}

/**
 * Replaces a node's value during evaluation (finite differences put a kink's tangent line in
 * place of the kinked op). Receives the node's argument values; returns its value.
 */
export type NodeOverride = (args: readonly number[]) => number;

/** Reused argument arrays, one per arity (op.eval only reads them during the call). */
const argBuffers: number[][] = [];
function argBuffer(arity: number): number[] {
  return (argBuffers[arity] ??= new Array<number>(arity).fill(0));
}

/** Gathers a call node's argument values into a reused array. */
export function gatherArgs(plan: GraphPlan, index: number, values: Float64Array): number[] {
  const slots = plan.argIndices[index];
  const args = argBuffer(slots.length);
  for (let k = 0; k < slots.length; k++) args[k] = values[slots[k]];
  return args;
}

/** Evaluates every node into `values` (length = nodes) and returns f's value. */
export function evaluatePlan(
  plan: GraphPlan,
  inputs: Float64Array,
  values: Float64Array,
  overrides?: ReadonlyMap<number, NodeOverride>,
): number {
  return evaluateGuarded(plan, inputs, values, overrides).value;
}

/**
 * Checked before each call node is evaluated, with its argument values: false stops the
 * evaluation there, so an op is never applied outside what the caller allows.
 */
export type EvaluationGuard = (index: number, args: readonly number[]) => boolean;

/** Evaluates node by node; `value` is NaN and `stoppedAt` set if the guard stopped it. */
export function evaluateGuarded(
  plan: GraphPlan,
  inputs: Float64Array,
  values: Float64Array,
  overrides?: ReadonlyMap<number, NodeOverride>,
  guard?: EvaluationGuard,
): { value: number; calls: number; stoppedAt?: number } {
  const { nodes, ops, variableIndex } = plan;
  let calls = 0;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    if (node.kind === "num") values[i] = node.value;
    else if (node.kind === "var") values[i] = inputs[variableIndex[i]];
    else {
      const args = gatherArgs(plan, i, values);
      if (guard !== undefined && !guard(i, args)) return { value: NaN, calls, stoppedAt: i };
      const override = overrides?.get(i);
      values[i] = override !== undefined ? override(args) : (ops[i] as OpSpec).eval(args);
      calls++;
    }
  }
  return { value: values[nodes.length - 1], calls };
}

/** Per node: 1 if its value depends on variable `variable` (an index into plan.variables). */
export function dependsOnVariable(plan: GraphPlan, variable: number): Uint8Array {
  const depends = new Uint8Array(plan.nodes.length);
  for (let i = 0; i < plan.nodes.length; i++) {
    if (plan.variableIndex[i] === variable) depends[i] = 1;
    else for (const a of plan.argIndices[i]) if (depends[a] === 1) depends[i] = 1;
  }
  return depends;
}

/** Positions of the call nodes evaluated at one of their op's non-differentiable points. */
export function kinkIndices(plan: GraphPlan, values: Float64Array): number[] {
  const kinks: number[] = [];
  for (let i = 0; i < plan.nodes.length; i++) {
    const op = plan.ops[i];
    if (op?.nonDifferentiableAt?.(gatherArgs(plan, i, values))) kinks.push(i);
  }
  return kinks;
}

/** A kink met at the point, with the differentiation variables whose value flows into it. */
export interface KinkFeed {
  readonly index: number;
  readonly expression: string;
  readonly convention: string;
  readonly variables: readonly string[];
}

/** The kinks at the point that some of the given variables feed (others do not matter). */
export function kinksFedBy(
  plan: GraphPlan,
  values: Float64Array,
  variables: readonly { readonly name: string; readonly depends: Uint8Array }[],
): KinkFeed[] {
  return kinkIndices(plan, values).flatMap((index) => {
    const feeding = variables.filter((v) => v.depends[index] === 1).map((v) => v.name);
    if (feeding.length === 0) return [];
    const op = plan.ops[index] as OpSpec;
    return [{ index, expression: printBounded(plan.nodes[index]), convention: op.kinkConvention ?? "", variables: feeding }];
  });
}
