// Forward mode: the graph's tangent sweep (src/graph/tangents.ts), a value and a tangent per
// node pushed through in topological order, each tangent the op table's partials times the
// arguments' tangents. Scalar mode seeds one variable per pass (cost grows with the number of
// inputs, as the lecture says); vector mode carries every variable's tangent in one pass.
import type { Expr } from "../ast/expr.js";
import type { Point } from "../eval/evaluate.js";
import { activity, buildGraph, type Graph } from "../graph/graph.js";
import { readInputs } from "../graph/inputs.js";
import { tangentSweep } from "../graph/tangents.js";
import { evaluateOutput } from "../graph/values.js";
import { attachDiagnostics, diagnose } from "./diagnostics.js";
import { kinksFedBy } from "./finite-difference/kinks.js";
import {
  emptyGradient, zeroCost, type Differentiator, type GradientOptions, type GradientResult, type PreparedGradient,
} from "./types.js";

function forwardAt(
  graph: Graph, active: Uint8Array, wrt: readonly string[], options: GradientOptions | undefined, kinkWatch: KinkWatch, point: Point,
): GradientResult {
  const inputs = readInputs(graph, point);
  const names = [...new Set(wrt)];
  const gradient = emptyGradient();
  for (const name of names) gradient[name] = 0; // variables f does not use
  const seeded = names.map((name) => graph.slotOf.get(name) ?? -1).filter((v) => v >= 0);
  const cost = zeroCost();
  const output = graph.outputs[0];
  let value: number;
  if (options?.forwardMode === "vector") {
    const sweep = tangentSweep(graph, active, inputs, seeded.length, (slot, j) => (seeded[j] === slot ? 1 : 0));
    seeded.forEach((v, j) => { gradient[graph.variables[v]] = sweep.tangents[output * sweep.columns + j]; });
    value = sweep.values[output];
    cost.operations += sweep.operations;
    cost.passes = 1;
  } else {
    value = NaN;
    for (const v of seeded) {
      const sweep = tangentSweep(graph, active, inputs, 1, (slot) => (slot === v ? 1 : 0));
      gradient[graph.variables[v]] = sweep.tangents[output];
      value = sweep.values[output];
      cost.operations += sweep.operations;
      cost.passes++;
    }
    if (seeded.length === 0) {
      const sweep = tangentSweep(graph, active, inputs, 0, () => 0);
      value = sweep.values[output];
      cost.operations += sweep.operations;
      cost.passes = 1;
    }
  }
  cost.functionEvaluations = cost.passes; // each pass evaluates f along the way
  const notes = kinkNotes(graph, inputs, seeded, kinkWatch);
  const root = graph.roots[0];
  if (![value, ...Object.values(gradient)].every(Number.isFinite)) {
    const nonFinite = diagnose(root, point).nonFinite;
    if (nonFinite !== undefined) notes.push(`not finite: ${nonFinite.message}`);
  }
  return attachDiagnostics({ method: "forward" as const, value, gradient, cost, notes }, root, point);
}

/**
 * Per input variable, the nodes it moves (the graph's activity for it); undefined when no op
 * of f has a kink. Found once in prepare: per point, only the kinks' arguments change.
 */
type KinkWatch = readonly Uint8Array[] | undefined;
function watchKinks(graph: Graph): KinkWatch {
  if (!graph.ops.some((op) => op?.nonDifferentiableAt !== undefined)) return undefined;
  return graph.variables.map((name) => activity(graph, [name]));
}

function kinkNotes(graph: Graph, inputs: Float64Array, seeded: readonly number[], kinkWatch: KinkWatch): string[] {
  if (kinkWatch === undefined) return [];
  const values = new Float64Array(graph.nodes.length);
  evaluateOutput(graph, inputs, values);
  const variables = seeded.map((v) => ({ name: graph.variables[v], depends: kinkWatch[v] }));
  return kinksFedBy(graph, values, variables).map(
    (kink) => `${kink.variables.join(", ")} ${kink.variables.length === 1 ? "feeds" : "feed"} ${kink.expression} at its non-differentiable point; the op table's convention is used: ${kink.convention}`,
  );
}

export const forwardDifferentiator: Differentiator = {
  method: "forward",
  description: "dual numbers (value + tangent) pushed through the op table's partials, one pass per variable (or all in one vector pass)",
  prepare(f: Expr, wrt: readonly string[], options?: GradientOptions): PreparedGradient {
    const graph = buildGraph(f);
    const active = activity(graph, wrt);
    const kinkWatch = watchKinks(graph);
    return { setupCost: zeroCost(), at: (point) => forwardAt(graph, active, wrt, options, kinkWatch, point) };
  },
  gradient(f: Expr, at: Point, wrt: readonly string[], options?: GradientOptions): GradientResult {
    return forwardDifferentiator.prepare(f, wrt, options).at(at);
  },
};
