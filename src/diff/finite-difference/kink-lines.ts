// At a kink (relu(x) at x = 0) f has no derivative, and every method returns the op table's
// convention. Finite differences get there by replacing each kinked node with its tangent
// line at the conventional slopes (op.partials at the kink) and differencing the rest of f.
import { numberAlgebra } from "../../ops/table.js";
import type { OpSpec } from "../../ops/types.js";
import type { Graph } from "../../graph/graph.js";
import { gatherArgs, type NodeOverride } from "../../graph/values.js";
import { kinkIndices } from "./kinks.js";
import { isRefusal, type AxisSamples } from "./sampler.js";
import { automaticStep, type Estimate } from "./schemes.js";

export interface TangentLine {
  readonly line: NodeOverride;
  /** Some conventional slope is infinite (sqrt(x) at 0): no quotient can approach it. */
  readonly vertical: boolean;
}

/** The tangent line of every node at one of its op's kinks at the point, by node position. */
export function kinkTangentLines(graph: Graph, values: Float64Array): Map<number, TangentLine> {
  const lines = new Map<number, TangentLine>();
  for (const index of kinkIndices(graph, values)) {
    const op = graph.ops[index] as OpSpec;
    const at = [...gatherArgs(graph, index, values)];
    const out = values[index];
    const slopes = op.partials.map((rule) => rule(numberAlgebra, at, out));
    const line = (args: readonly number[]) => {
      let y = out;
      // Unmoved arguments add nothing (an infinite slope times 0 would be NaN).
      for (let k = 0; k < args.length; k++) if (args[k] !== at[k]) y += slopes[k] * (args[k] - at[k]);
      return y;
    };
    lines.set(index, { line, vertical: !slopes.every(Number.isFinite) });
  }
  return lines;
}

/**
 * Through a vertical tangent line (sqrt(x) at 0, slope +Infinity) f's samples are ±Infinity;
 * one central quotient of them carries the convention's infinity through the rest of f
 * (exp(sqrt(x)) → +Infinity) as the other methods' chain rule does.
 */
export function verticalKinkDerivative(sampler: AxisSamples, userStep: number | undefined): Estimate {
  const h = userStep ?? automaticStep("central", sampler.x);
  const plus = sampler.sample(h, { allowNonFinite: true });
  const minus = sampler.sample(-h, { allowNonFinite: true });
  const value = isRefusal(plus) || isRefusal(minus) ? NaN : (plus.f - minus.f) / (plus.step - minus.step);
  return { scheme: "central", step: h, value, error: Number.isNaN(value) ? NaN : 0, settled: true, spread: 0 };
}
