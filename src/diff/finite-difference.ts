// Finite differences: the only method that needs nothing but evaluations of f. Each partial is
// a difference quotient along one axis (forward, backward, central = the lecture's eq. 1, or
// Richardson-extrapolated central, the default) with an error estimate, checked against a
// quotient at a much smaller step (a step too large for f is shrunk until they agree; if
// none does, the note says UNTRUSTWORTHY), and never a quotient whose steps leave an op's
// domain or cross a kink.
import type { Expr } from "../ast/expr.js";
import type { Point } from "../eval/evaluate.js";
import { attachDiagnostics, diagnose } from "./diagnostics.js";
import { activity, buildGraph, type Graph } from "../graph/graph.js";
import { readInputs } from "../graph/inputs.js";
import { evaluateOutput } from "../graph/values.js";
import { kinksFedBy } from "./finite-difference/kinks.js";
import { kinkTangentLines, verticalKinkDerivative } from "./finite-difference/kink-lines.js";
import { AxisSampler } from "./finite-difference/sampler.js";
import { axisDerivative } from "./finite-difference/step-search.js";
import {
  emptyGradient, zeroCost, type Differentiator, type GradientOptions, type GradientResult, type PreparedGradient,
} from "./types.js";

export { automaticStep, type Scheme } from "./finite-difference/schemes.js";
export { UNTRUSTWORTHY } from "./finite-difference/step-search.js";

function finiteDifferenceAt(graph: Graph, wrt: readonly string[], options: GradientOptions | undefined, point: Point): GradientResult {
  const inputs = readInputs(graph, point);
  const scheme = options?.finiteDifference?.scheme ?? "richardson";
  const userStep = options?.finiteDifference?.step;
  const baseValues = new Float64Array(graph.nodes.length);
  const f0 = evaluateOutput(graph, inputs, baseValues);
  const lines = kinkTangentLines(graph, baseValues);
  const overrides = new Map([...lines].map(([index, { line }]) => [index, line]));
  const cost = zeroCost();
  cost.functionEvaluations = 1;
  const gradient = emptyGradient();
  const errorEstimate = emptyGradient();
  const notes: string[] = [];
  const differentiated: { name: string; depends: Uint8Array }[] = [];

  for (const name of new Set(wrt)) {
    const v = graph.slotOf.get(name) ?? -1;
    if (v < 0) { // f does not use it
      gradient[name] = 0;
      errorEstimate[name] = 0;
      continue;
    }
    const depends = activity(graph, [name]);
    differentiated.push({ name, depends });
    const sampler = new AxisSampler(graph, inputs, v, baseValues, depends, overrides);
    const problem = Number.isFinite(f0) ? sampler.baseProblem() : `f is ${f0} at the point`;
    const vertical = [...lines].some(([index, line]) => line.vertical && depends[index] === 1);
    const { estimate, note } = problem !== undefined
      ? { estimate: undefined, note: `no valid step exists: ${problem}; the partial is NaN` }
      : vertical
        ? { estimate: verticalKinkDerivative(sampler, userStep), note: "a conventional slope on the way is infinite, so the quotient of f's tangent-lined samples is taken as is (±Infinity as the convention says, or NaN)" }
        : axisDerivative(sampler, f0, scheme, userStep);
    gradient[name] = estimate?.value ?? NaN;
    errorEstimate[name] = estimate?.error ?? NaN;
    if (note !== undefined) notes.push(`∂/∂${name}: ${note}`);
    cost.functionEvaluations += sampler.evaluations;
    cost.operations += sampler.operations;
  }
  cost.operations += graph.callCount; // f at the point

  for (const kink of kinksFedBy(graph, baseValues, differentiated)) {
    notes.push(
      `${kink.variables.join(", ")} ${kink.variables.length === 1 ? "feeds" : "feed"} ${kink.expression} at its non-differentiable point: ` +
        `there the finite difference is conventional, ${kink.expression} being replaced by its tangent line with the op table's slope (${kink.convention})`,
    );
  }
  if (![f0, ...Object.values(gradient)].every(Number.isFinite)) {
    const nonFinite = diagnose(graph.roots[0], point).nonFinite;
    if (nonFinite !== undefined) notes.push(`not finite: ${nonFinite.message}`);
  }
  return attachDiagnostics({ method: "finite-difference" as const, value: f0, gradient, errorEstimate, cost, notes }, graph.roots[0], point);
}

export const finiteDifferenceDifferentiator: Differentiator = {
  method: "finite-difference",
  description: "difference quotients of f (Richardson-extrapolated central by default) with an error estimate checked at a much smaller step, never stepping across a domain boundary or kink",
  prepare(f: Expr, wrt: readonly string[], options?: GradientOptions): PreparedGradient {
    const step = options?.finiteDifference?.step;
    // A negative step would turn forward into backward and make every error bound negative.
    if (step !== undefined && !(step > 0 && Number.isFinite(step))) {
      throw new RangeError(`finite differences: the step must be a positive finite number, got ${step}`);
    }
    const graph = buildGraph(f);
    return { setupCost: zeroCost(), at: (point) => finiteDifferenceAt(graph, wrt, options, point) };
  },
  gradient(f: Expr, at: Point, wrt: readonly string[], options?: GradientOptions): GradientResult {
    return finiteDifferenceDifferentiator.prepare(f, wrt, options).at(at);
  },
};
