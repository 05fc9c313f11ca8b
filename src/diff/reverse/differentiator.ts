// Reverse mode (backpropagation): one forward sweep recording values and local partials on
// the tape, one backward sweep accumulating adjoints — the whole gradient in two passes.
import type { Expr } from "../../ast/expr.js";
import type { Point } from "../../eval/evaluate.js";
import { numberAlgebra } from "../../ops/table.js";
import { attachDiagnostics } from "../diagnostics.js";
import { emptyGradient, zeroCost, type Differentiator, type GradientResult, type PreparedGradient } from "../types.js";
import { Tape } from "./tape.js";

export function prepareReverse(f: Expr, wrt: readonly string[]): PreparedGradient & { readonly tape: Tape } {
  const tape = Tape.record(f, wrt);
  const setupCost = { ...zeroCost(), tapeEntries: tape.length };
  return {
    tape,
    setupCost,
    at(point: Point): GradientResult {
      const sweep = tape.forwardAt(point, numberAlgebra);
      const { adjoints, operations } = tape.backward(numberAlgebra, sweep, 0, 1);
      const gradient = emptyGradient();
      for (const [name, index] of tape.wrtIndex) gradient[name] = index < 0 ? 0 : adjoints[index];
      return attachDiagnostics({
        method: "reverse" as const,
        value: sweep.values[tape.outputs[0]],
        gradient,
        cost: {
          ...zeroCost(),
          operations: sweep.operations + operations,
          functionEvaluations: 1,
          passes: 2,
          tapeEntries: tape.length,
        },
      }, f, point);
    },
  };
}

export const reverseDifferentiator: Differentiator = {
  method: "reverse",
  description: "reverse mode: record a tape of values and local partials, then one backward sweep of adjoints",
  prepare: (f, wrt) => prepareReverse(f, wrt),
  gradient: (f, at, wrt) => prepareReverse(f, wrt).at(at),
};
