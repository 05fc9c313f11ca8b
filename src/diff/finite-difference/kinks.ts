// The kinks a point meets (relu(x) at x = 0): finite differences replace them with tangent
// lines, and both finite differences and forward mode name them in a note.
import type { Graph } from "../../graph/graph.js";
import { gatherArgs } from "../../graph/values.js";
import type { OpSpec } from "../../ops/types.js";
import { printBounded } from "../../print/text.js";

/** Positions of the call nodes evaluated at one of their op's non-differentiable points. */
export function kinkIndices(graph: Graph, values: Float64Array): number[] {
  const kinks: number[] = [];
  for (let i = 0; i < graph.nodes.length; i++) {
    const op = graph.ops[i];
    if (op?.nonDifferentiableAt?.(gatherArgs(graph, i, values))) kinks.push(i);
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
  graph: Graph,
  values: Float64Array,
  variables: readonly { readonly name: string; readonly depends: Uint8Array }[],
): KinkFeed[] {
  return kinkIndices(graph, values).flatMap((index) => {
    const feeding = variables.filter((v) => v.depends[index] === 1).map((v) => v.name);
    if (feeding.length === 0) return [];
    const op = graph.ops[index] as OpSpec;
    return [{ index, expression: printBounded(graph.nodes[index]), convention: op.kinkConvention ?? "", variables: feeding }];
  });
}
