// Compiled evaluation of one or more expressions: every distinct node of their graph once, in
// its one topological order and with the same op implementations as the graph's values sweep
// (which also runs when the code is not compiled), so the values are bit-identical to it.
import type { Expr } from "../ast/expr.js";
import type { Point } from "../eval/evaluate.js";
import { argsOf, buildGraph, type Graph, type InputLayout } from "../graph/graph.js";
import { readInputs } from "../graph/inputs.js";
import { evaluateGraph } from "../graph/values.js";
import type { OpSpec } from "../ops/types.js";
import { numberLiteral } from "./literal.js";
import { OpCoder } from "./op-code.js";
import { linkProgram, type LinkOptions, type ProgramRunner, type StraightLineProgram } from "./program.js";

export type EvaluationPath = "compiled" | "interpreted";

export interface CompiledExprs {
  readonly roots: readonly Expr[];
  readonly layout: InputLayout;
  readonly path: EvaluationPath;
  /** Why the interpreter runs instead (only when path is "interpreted"). */
  readonly fallbackReason?: string;
  /** Generated functions (0 when interpreted). */
  readonly chunks: number;
  /** Fills results (one per root) from inputs in layout order: the bare generated code (or the interpreter). */
  readonly run: ProgramRunner;
  /** Values of the roots at inputs given in layout order, written into `results` if given. */
  evaluateInputs(inputs: Float64Array, results?: Float64Array): Float64Array;
  /** Values of the roots at a point (names resolved through the layout). */
  evaluate(point: Point): Float64Array;
  /** The generated code (empty when interpreted), for inspection and tests. */
  readonly source: string;
}

/**
 * Statements computing every call node of the graph into value slots v[...], in its one
 * topological order; returns each node's reference (a literal, an input x[slot] or a v slot).
 */
export function emitValues(graph: Graph, coder: OpCoder, statements: string[]): { valueRef: string[]; valueSlots: number } {
  const { nodes, ops, variableSlot } = graph;
  const valueRef: string[] = new Array(nodes.length);
  let valueSlots = 0;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    if (node.kind === "num") valueRef[i] = numberLiteral(node.value);
    else if (node.kind === "var") valueRef[i] = `x[${variableSlot[i]}]`;
    else {
      valueRef[i] = `v[${valueSlots++}]`;
      statements.push(`${valueRef[i]} = ${coder.call(ops[i] as OpSpec, Array.from(argsOf(graph, i), (k) => valueRef[k]))};`);
    }
  }
  return { valueRef, valueSlots };
}

/** The straight-line program computing every node of the graph and storing its outputs in r. */
export function exprsProgram(graph: Graph): StraightLineProgram {
  const coder = new OpCoder();
  const statements: string[] = [];
  const { valueRef, valueSlots } = emitValues(graph, coder, statements);
  graph.outputs.forEach((node, k) => statements.push(`r[${k}] = ${valueRef[node]};`));
  return { statements, valueSlots, adjointSlots: 0, resultSlots: graph.outputs.length, closures: coder.closures };
}

export function compileExprs(roots: Expr | readonly Expr[], options: LinkOptions = {}): CompiledExprs {
  const rootList: readonly Expr[] = Array.isArray(roots) ? roots : [roots as Expr];
  const graph = buildGraph(rootList);
  const linked = linkProgram(exprsProgram(graph), options);
  const values = linked.path === "compiled" ? undefined : new Float64Array(graph.nodes.length);
  const run: ProgramRunner =
    values === undefined
      ? (linked as { run: ProgramRunner }).run
      : (inputs, results) => {
          evaluateGraph(graph, inputs, values);
          graph.outputs.forEach((node, k) => (results[k] = values[node]));
        };
  const evaluateInputs = (inputs: Float64Array, results = new Float64Array(rootList.length)) => {
    run(inputs, results);
    return results;
  };
  return {
    roots: rootList,
    layout: graph,
    path: linked.path,
    fallbackReason: linked.path === "interpreted" ? linked.reason : undefined,
    chunks: linked.path === "compiled" ? linked.chunks : 0,
    get source() {
      return linked.path === "compiled" ? linked.source : "";
    },
    run,
    evaluateInputs,
    evaluate: (point) => evaluateInputs(readInputs(graph, point)),
  };
}
