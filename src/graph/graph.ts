// The one graph IR: the distinct nodes of some hash-consed roots laid out once, in one
// topological order, so every sweep (values, tangents, adjoints) and every method (finite
// differences, forward and reverse mode, the symbolic shared mode, the compiler) loops over
// flat arrays instead of walking expressions. Built once per function; no point needed.
import type { Expr } from "../ast/expr.js";
import { topologicalOrder } from "../ast/walk.js";
import { isStructurallyConstant } from "../ops/exact-zero.js";
import { getOp } from "../ops/table.js";
import type { OpSpec } from "../ops/types.js";

/** Where inputs are found: variables passed as a Float64Array by position, names kept here. */
export interface InputLayout {
  /** Distinct variables in first-seen order (inputs are passed in this order). */
  readonly variables: readonly string[];
  /** Input position of each variable (a Map, so `__proto__` is an ordinary key). */
  readonly slotOf: ReadonlyMap<string, number>;
}

/** A graph is its own input layout. */
export interface Graph extends InputLayout {
  readonly roots: readonly Expr[];
  /** Distinct nodes, every node after its arguments. */
  readonly nodes: readonly Expr[];
  /** The op of each call node (undefined for numbers and variables). */
  readonly ops: readonly (OpSpec | undefined)[];
  /** Node i's arguments are args[argStart[i] .. argStart[i + 1]) (CSR; length nodes + 1). */
  readonly argStart: Int32Array;
  /** Positions (in `nodes`) of every node's arguments, node after node. */
  readonly args: Int32Array;
  /** Per node: its input position for a variable node, else -1. */
  readonly variableSlot: Int32Array;
  /** Node position of each root. */
  readonly outputs: Int32Array;
  /** Per node, 1 for u − u and u / u: constants whatever u is (exact-zero.ts), which no path runs through. */
  readonly structurallyConstant: Uint8Array;
  /** Number of call nodes: op evaluations per evaluation of the roots. */
  readonly callCount: number;
}

export function buildGraph(roots: Expr | readonly Expr[]): Graph {
  const rootList: readonly Expr[] = Array.isArray(roots) ? roots : [roots as Expr];
  const nodes = topologicalOrder(rootList);
  const n = nodes.length;
  const position = new Map<number, number>();
  const argStart = new Int32Array(n + 1);
  const variableSlot = new Int32Array(n).fill(-1);
  const variables: string[] = [];
  const ops: (OpSpec | undefined)[] = new Array(n);
  const structurallyConstant = new Uint8Array(n);
  let argCount = 0;
  for (let i = 0; i < n; i++) {
    const node = nodes[i];
    position.set(node.id, i);
    if (node.kind === "call") argCount += node.args.length;
  }
  const args = new Int32Array(argCount);
  let next = 0;
  let callCount = 0;
  for (let i = 0; i < n; i++) {
    const node = nodes[i];
    argStart[i] = next;
    if (node.kind === "call") {
      ops[i] = getOp(node.op);
      callCount++;
      if (isStructurallyConstant(node)) structurallyConstant[i] = 1;
      for (const a of node.args) args[next++] = position.get(a.id) as number;
    } else if (node.kind === "var") variableSlot[i] = variables.push(node.name) - 1;
  }
  argStart[n] = next;
  const outputs = Int32Array.from(rootList, (r) => position.get(r.id) as number);
  const slotOf = new Map(variables.map((name, slot) => [name, slot]));
  return { roots: rootList, nodes, ops, argStart, args, variables, slotOf, variableSlot, outputs, structurallyConstant, callCount };
}

/** The positions of node i's arguments (a view, no copy). */
export function argsOf(graph: Graph, i: number): Int32Array {
  return graph.args.subarray(graph.argStart[i], graph.argStart[i + 1]);
}

/**
 * Activity for a wrt set: per node, 1 if it depends on a variable of `wrt` (only those carry
 * tangents, partials and adjoints). u − u and u / u are constants (exact-zero.ts): no path of
 * the chain rule runs through them, so they and what only they feed are inactive.
 */
export function activity(graph: Graph, wrt: Iterable<string>): Uint8Array {
  const { nodes, argStart, args, variableSlot, structurallyConstant, slotOf } = graph;
  const wantedSlot = new Uint8Array(graph.variables.length);
  for (const name of wrt) {
    const slot = slotOf.get(name);
    if (slot !== undefined) wantedSlot[slot] = 1;
  }
  const active = new Uint8Array(nodes.length);
  for (let i = 0; i < nodes.length; i++) {
    if (variableSlot[i] >= 0) active[i] = wantedSlot[variableSlot[i]];
    else if (structurallyConstant[i] === 0) {
      for (let p = argStart[i]; p < argStart[i + 1]; p++) {
        if (active[args[p]] === 1) {
          active[i] = 1;
          break;
        }
      }
    }
  }
  return active;
}

/** Node position of each variable of `wrt` (-1 when the roots do not use it), in wrt order. */
export function wrtNodes(graph: Graph, wrt: Iterable<string>): Map<string, number> {
  const nodeOf = new Map<string, number>();
  for (const name of wrt) nodeOf.set(name, -1);
  graph.variableSlot.forEach((slot, i) => {
    if (slot >= 0 && nodeOf.has(graph.variables[slot])) nodeOf.set(graph.variables[slot], i);
  });
  return nodeOf;
}
