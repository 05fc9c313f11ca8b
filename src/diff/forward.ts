// Forward mode: dual numbers (value + tangent) pushed through the graph in topological order,
// each tangent the op table's partials times the arguments' tangents. Scalar mode seeds one
// variable per pass (cost grows with the number of inputs, as the lecture says); vector mode
// carries every variable's tangent in one pass.
import type { Expr } from "../ast/expr.js";
import type { Point } from "../eval/evaluate.js";
import { numberAlgebra } from "../ops/table.js";
import type { OpSpec } from "../ops/types.js";
import { attachDiagnostics, diagnose } from "./diagnostics.js";
import { createDualAlgebra, dual, type Dual, type DualOperationCount } from "./dual.js";
import {
  dependsOnVariable, evaluatePlan, gatherArgs, kinksFedBy, planGraph, readInputs, type GraphPlan,
} from "./finite-difference/graph-plan.js";
import {
  emptyGradient, zeroCost, type Differentiator, type GradientOptions, type GradientResult, type PreparedGradient,
} from "./types.js";

/** One sweep of dual numbers; `seeds[v]` is the tangent of plan variable v. Returns f's dual. */
function dualPass(plan: GraphPlan, inputs: Float64Array, seeds: Float64Array, count: DualOperationCount): Dual {
  const algebra = createDualAlgebra(count);
  const duals: Dual[] = new Array<Dual>(plan.nodes.length);
  plan.nodes.forEach((node, i) => {
    if (node.kind === "num") duals[i] = dual(node.value);
    else if (node.kind === "var") duals[i] = dual(inputs[plan.variableIndex[i]], seeds[plan.variableIndex[i]]);
    else duals[i] = algebra.call(node.op, Array.from(plan.argIndices[i], (a) => duals[a]));
  });
  return duals[plan.nodes.length - 1];
}

/**
 * One sweep carrying k tangents per node (column j seeds plan variable columns[j]). The sum
 * runs in the same order and skips the same zero tangents as dualPass, so each column equals
 * the scalar pass bit for bit.
 */
function vectorPass(
  plan: GraphPlan, inputs: Float64Array, columns: readonly number[], count: DualOperationCount,
): { value: number; tangents: Float64Array } {
  const k = columns.length;
  const n = plan.nodes.length;
  const values = new Float64Array(n);
  const tangents = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const node = plan.nodes[i];
    if (node.kind === "num") values[i] = node.value;
    else if (node.kind === "var") {
      const v = plan.variableIndex[i];
      values[i] = inputs[v];
      columns.forEach((seeded, j) => { if (seeded === v) tangents[i * k + j] = 1; });
    } else {
      const op = plan.ops[i] as OpSpec;
      const args = gatherArgs(plan, i, values);
      const out = op.eval(args);
      values[i] = out;
      count.operations++;
      plan.argIndices[i].forEach((a, argPosition) => {
        const row = tangents.subarray(a * k, a * k + k);
        if (row.every((t) => t === 0)) return;
        const partial = op.partials[argPosition](numberAlgebra, args, out);
        count.operations++;
        for (let j = 0; j < k; j++) {
          if (row[j] === 0) continue;
          count.operations++;
          if (partial === 0) continue; // as applyDual: 0 · ∞ is 0, so the product is skipped
          tangents[i * k + j] += partial * row[j];
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
    const { value: fx, tangents } = vectorPass(plan, inputs, seeded, cost);
    seeded.forEach((v, j) => { gradient[plan.variables[v]] = tangents[j]; });
    value = fx;
    cost.passes = 1;
  } else {
    value = NaN;
    for (const v of seeded) {
      const seeds = new Float64Array(plan.variables.length);
      seeds[v] = 1;
      const result = dualPass(plan, inputs, seeds, cost);
      gradient[plan.variables[v]] = result.tangent;
      value = result.value;
      cost.passes++;
    }
    if (seeded.length === 0) {
      value = dualPass(plan, inputs, new Float64Array(plan.variables.length), cost).value;
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
