// Forward mode: dual numbers (value + tangent) pushed through the graph in topological order,
// each tangent the op table's partials times the arguments' tangents. Scalar mode seeds one
// variable per pass (cost grows with the number of inputs, as the lecture says); vector mode
// carries every variable's tangent in one pass.
import type { Expr } from "../ast/expr.js";
import type { Point } from "../eval/evaluate.js";
import type { OpSpec } from "../ops/types.js";
import { attachDiagnostics, diagnose } from "./diagnostics.js";
import { isExactZeroProduct, isExactZeroNode, isStructurallyConstant, localPartial } from "../ops/exact-zero.js";
import type { DualOperationCount } from "./dual.js";
import {
  dependsOnVariable, evaluatePlan, gatherArgs, kinksFedBy, planGraph, readInputs, type GraphPlan,
} from "./finite-difference/graph-plan.js";
import {
  emptyGradient, zeroCost, type Differentiator, type GradientOptions, type GradientResult, type PreparedGradient,
} from "./types.js";

/**
 * One sweep carrying k tangents per node (column j seeds plan variable columns[j]); k = 1 is
 * scalar forward mode (a dual number per node), k = 0 evaluates f only. Tangents follow the
 * rule for 0 · ∞ (src/ops/exact-zero.ts): an exact zero tangent or partial cuts its term, and a
 * tangent is an exact zero only when every term of its sum was cut (a sum that cancels is
 * not). An input's partial is evaluated only when some column's tangent may be nonzero.
 */
function tangentPass(
  plan: GraphPlan, inputs: Float64Array, columns: readonly number[], count: DualOperationCount,
): { value: number; tangents: Float64Array } {
  const k = columns.length;
  const n = plan.nodes.length;
  const values = new Float64Array(n);
  const exactZeroValues = new Uint8Array(n);
  const tangents = new Float64Array(n * k);
  const inexact = new Uint8Array(n * k); // a zero tangent that is not an exact zero
  for (let i = 0; i < n; i++) {
    const node = plan.nodes[i];
    if (node.kind === "num") {
      values[i] = node.value;
      exactZeroValues[i] = node.value === 0 ? 1 : 0;
    } else if (node.kind === "var") {
      const v = plan.variableIndex[i];
      values[i] = inputs[v];
      exactZeroValues[i] = inputs[v] === 0 ? 1 : 0; // a point is exact
      columns.forEach((seeded, j) => { if (seeded === v) tangents[i * k + j] = 1; });
    } else {
      const op = plan.ops[i] as OpSpec;
      const argIndices = plan.argIndices[i];
      const args = gatherArgs(plan, i, values);
      const zeroArgs = Array.from(argIndices, (a) => exactZeroValues[a] === 1);
      const out = op.eval(args);
      values[i] = out;
      const outExact = isExactZeroNode(node, op, args, zeroArgs, out);
      exactZeroValues[i] = outExact ? 1 : 0;
      count.operations++;
      if (k === 0 || isStructurallyConstant(node)) continue; // u − u, u / u: tangent exactly 0
      argIndices.forEach((a, argPosition) => {
        const isExactZeroTangent = (j: number) => tangents[a * k + j] === 0 && inexact[a * k + j] === 0;
        let anyTerm = false;
        for (let j = 0; j < k && !anyTerm; j++) anyTerm = !isExactZeroTangent(j);
        if (!anyTerm) return;
        const partial = localPartial(op, argPosition, args, zeroArgs, out, outExact);
        count.operations++;
        for (let j = 0; j < k; j++) {
          if (isExactZeroTangent(j)) continue;
          count.operations++;
          const input = tangents[a * k + j];
          if (isExactZeroProduct(partial.value === 0, partial.exactZero, input === 0, false)) continue;
          tangents[i * k + j] += partial.value * input;
          inexact[i * k + j] = 1;
        }
      });
    }
  }
  return { value: values[n - 1], tangents: tangents.subarray((n - 1) * k) };
}

function forwardAt(
  plan: GraphPlan, wrt: readonly string[], options: GradientOptions | undefined, kinkWatch: KinkWatch, point: Point,
): GradientResult {
  const inputs = readInputs(plan, point);
  const names = [...new Set(wrt)];
  const gradient = emptyGradient();
  for (const name of names) gradient[name] = 0; // variables f does not use
  const seeded = names.map((name) => plan.variables.indexOf(name)).filter((v) => v >= 0);
  const cost = zeroCost();
  let value: number;
  if (options?.forwardMode === "vector") {
    const { value: fx, tangents } = tangentPass(plan, inputs, seeded, cost);
    seeded.forEach((v, j) => { gradient[plan.variables[v]] = tangents[j]; });
    value = fx;
    cost.passes = 1;
  } else {
    value = NaN;
    for (const v of seeded) {
      const result = tangentPass(plan, inputs, [v], cost);
      gradient[plan.variables[v]] = result.tangents[0];
      value = result.value;
      cost.passes++;
    }
    if (seeded.length === 0) {
      value = tangentPass(plan, inputs, [], cost).value;
      cost.passes = 1;
    }
  }
  cost.functionEvaluations = cost.passes; // each pass evaluates f along the way
  const notes = kinkNotes(plan, inputs, seeded, kinkWatch);
  if (![value, ...Object.values(gradient)].every(Number.isFinite)) {
    const nonFinite = diagnose(plan.root, point).nonFinite;
    if (nonFinite !== undefined) notes.push(`not finite: ${nonFinite.message}`);
  }
  return attachDiagnostics({ method: "forward" as const, value, gradient, cost, notes }, plan.root, point);
}

/**
 * Per plan variable, the nodes it moves; undefined when no op of f has a kink. Found once in
 * prepare: per point, only the kinks' arguments change.
 */
type KinkWatch = readonly Uint8Array[] | undefined;
function watchKinks(plan: GraphPlan): KinkWatch {
  if (!plan.ops.some((op) => op?.nonDifferentiableAt !== undefined)) return undefined;
  return plan.variables.map((_, v) => dependsOnVariable(plan, v));
}

function kinkNotes(plan: GraphPlan, inputs: Float64Array, seeded: readonly number[], kinkWatch: KinkWatch): string[] {
  if (kinkWatch === undefined) return [];
  const values = new Float64Array(plan.nodes.length);
  evaluatePlan(plan, inputs, values);
  const variables = seeded.map((v) => ({ name: plan.variables[v], depends: kinkWatch[v] }));
  return kinksFedBy(plan, values, variables).map(
    (kink) => `${kink.variables.join(", ")} ${kink.variables.length === 1 ? "feeds" : "feed"} ${kink.expression} at its non-differentiable point; the op table's convention is used: ${kink.convention}`,
  );
}

export const forwardDifferentiator: Differentiator = {
  method: "forward",
  description: "dual numbers (value + tangent) pushed through the op table's partials, one pass per variable (or all in one vector pass)",
  prepare(f: Expr, wrt: readonly string[], options?: GradientOptions): PreparedGradient {
    const plan = planGraph(f);
    const kinkWatch = watchKinks(plan);
    return { setupCost: zeroCost(), at: (point) => forwardAt(plan, wrt, options, kinkWatch, point) };
  },
  gradient(f: Expr, at: Point, wrt: readonly string[], options?: GradientOptions): GradientResult {
    return forwardDifferentiator.prepare(f, wrt, options).at(at);
  },
};
