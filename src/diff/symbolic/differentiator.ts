// The symbolic method behind the common interface: derive once (prepare), then evaluate f and
// every derivative in one pass over their shared DAG at each point.
import type { Expr } from "../../ast/expr.js";
import { dagSize, topologicalOrder, treeSize } from "../../ast/walk.js";
import type { Point } from "../../eval/evaluate.js";
import { evaluateUnderRule } from "../../eval/evaluate-exact.js";
import { noEvents, type RepresentationEvents } from "../../ops/exact-zero.js";
import { accurateForms } from "../../ops/accurate.js";
import { attachDiagnostics } from "../diagnostics.js";
import {
  emptyGradient, zeroCost,
  type CostCounters, type Differentiator, type GradientOptions, type GradientResult, type PreparedGradient,
} from "../types.js";
import { deriveGradient } from "./derivatives.js";

function prepareSymbolic(f: Expr, wrt: readonly string[], options?: GradientOptions): PreparedGradient {
  const derivatives = deriveGradient(f, wrt, { mode: options?.symbolicMode ?? "shared" });
  const derivativeRoots = wrt.map((v) => derivatives[v]);
  // Evaluated without the cancellation of textbook forms such as 1 - tanh(u)^2 (same values).
  const evaluated = accurateForms(derivativeRoots);
  const roots = [f, ...evaluated];
  const order = topologicalOrder(roots); // once: every point evaluates the same graph
  const ofF = new Set(topologicalOrder(f).map((node) => node.id));
  const callsEvaluated = order.filter((n) => n.kind === "call").length;
  const setupCost: CostCounters = {
    ...zeroCost(),
    expressionNodes: dagSize(derivativeRoots),
    expressionTreeNodes: treeSize(derivativeRoots),
  };
  return {
    setupCost,
    at(point: Point): GradientResult {
      const events = noEvents();
      const values = evaluateUnderRule(order, point, ofF, events);
      const gradient = emptyGradient();
      wrt.forEach((v, k) => (gradient[v] = values.get(evaluated[k].id) as number));
      const notes = formulaNotes(events, Object.values(gradient));
      return attachDiagnostics({
        method: "symbolic" as const,
        value: values.get(f.id) as number,
        gradient,
        cost: { ...setupCost, operations: callsEvaluated, functionEvaluations: 1, passes: 1 },
        ...(notes.length > 0 && { notes }),
      }, f, point);
    },
  };
}

/** What the derivative formula's own evaluation could not represent (its form is not f's). */
function formulaNotes(events: RepresentationEvents, gradient: readonly number[]): string[] {
  const lost = events.overflow ? "overflows" : events.subnormal ? "loses digits to a subnormal"
    : events.underflow && !gradient.every(Number.isFinite) ? "underflows to 0" : undefined;
  return lost === undefined ? [] : [`unreliable: evaluating the derivative formula ${lost} in float64 at this point`];
}

export const symbolicDifferentiator: Differentiator = {
  method: "symbolic",
  description: "builds each partial derivative as an expression from the op table's rules (chain rule), simplifies it, then evaluates it",
  prepare: prepareSymbolic,
  gradient: (f, at, wrt, options) => prepareSymbolic(f, wrt, options).at(at),
};
