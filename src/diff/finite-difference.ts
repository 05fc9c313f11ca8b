// Finite differences: the only method that needs nothing but evaluations of f. Each partial is
// a difference quotient along one axis (forward, backward, central = the lecture's eq. 1, or
// Richardson-extrapolated central, the default) with an error estimate, and never a quotient
// whose steps leave an op's domain or cross a kink.
import type { Expr } from "../ast/expr.js";
import type { Point } from "../eval/evaluate.js";
import { formatNumber } from "../print/text.js";
import { numberAlgebra } from "../ops/table.js";
import type { OpSpec } from "../ops/types.js";
import { attachDiagnostics, diagnose } from "./diagnostics.js";
import {
  dependsOnVariable, evaluatePlan, gatherArgs, kinkIndices, kinksFedBy, planGraph, readInputs,
  type GraphPlan, type NodeOverride,
} from "./finite-difference/graph-plan.js";
import { AxisSampler, isRefusal, type Refusal } from "./finite-difference/sampler.js";
import { automaticStep, differenceEstimate, type Estimate, type Scheme } from "./finite-difference/schemes.js";
import {
  emptyGradient, zeroCost, type Differentiator, type GradientOptions, type GradientResult, type PreparedGradient,
} from "./types.js";

export { automaticStep, type Scheme } from "./finite-difference/schemes.js";

/** How far a refused step is shrunk (by 4 each time) before giving up: 4^40 ≈ 1e24. */
const MAX_SHRINKS = 40;
/** Once shrinking found a valid step, keep shrinking while the error estimate improves. */
const MAX_REFINEMENTS = 12;
/** How often an unsettled Richardson step is shrunk by 4 (4^12 ≈ 1.7e7). */
const MAX_SETTLING_SHRINKS = 12;

interface TangentLine {
  readonly line: NodeOverride;
  /** Some conventional slope is infinite (sqrt(x) at 0): no quotient can approach it. */
  readonly vertical: boolean;
}

/**
 * At a kink (relu(x) at x = 0) f has no derivative; every method returns the op table's
 * convention. Here the kinked node is replaced by its tangent line with the conventional
 * slopes (op.partials at the kink), and the rest of f is differenced as usual.
 */
function kinkTangentLines(plan: GraphPlan, values: Float64Array): Map<number, TangentLine> {
  const lines = new Map<number, TangentLine>();
  for (const index of kinkIndices(plan, values)) {
    const op = plan.ops[index] as OpSpec;
    const at = [...gatherArgs(plan, index, values)];
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
function verticalKinkDerivative(sampler: AxisSampler, userStep: number | undefined): Estimate {
  const h = userStep ?? automaticStep("central", sampler.x);
  const plus = sampler.sample(h, { allowNonFinite: true });
  const minus = sampler.sample(-h, { allowNonFinite: true });
  const value = isRefusal(plus) || isRefusal(minus) ? NaN : (plus.f - minus.f) / (plus.step - minus.step);
  return { scheme: "central", step: h, value, error: Number.isNaN(value) ? NaN : 0, settled: true, spread: 0 };
}

/** The requested scheme, else the best of: its step shrunk, or a one-sided scheme. */
function axisDerivative(
  sampler: AxisSampler, f0: number, scheme: Scheme, userStep: number | undefined,
): { estimate?: Estimate; note?: string } {
  const stepFor = (s: Scheme) => userStep ?? automaticStep(s, sampler.x);
  const first = differenceEstimate(scheme, sampler, f0, stepFor(scheme));
  if (!isRefusal(first)) {
    if (first.settled) return { estimate: first };
    const settled = refineByShrinking(sampler, f0, first);
    const why = `at step ${formatNumber(first.step)} the differences did not shrink like h² (the step is too large for f here)`;
    return { estimate: settled, note: `${why}; ${outcome(settled)}` };
  }
  const candidates: Estimate[] = [];
  const alternatives: Scheme[] = [scheme, ...(["forward", "backward"] as const).filter((s) => s !== scheme)];
  for (const alternative of alternatives) {
    const found = shrinkUntilValid(sampler, f0, alternative, stepFor(alternative), alternative === scheme ? 1 : 0);
    if (found !== undefined) candidates.push(refineByShrinking(sampler, f0, found));
  }
  const why = `a ${scheme} step of ${formatNumber(stepFor(scheme))} ${first.refused}`;
  if (candidates.length === 0) return { note: `${why}, and no smaller or one-sided step avoids it: the partial is NaN` };
  // A settled estimate beats an unsettled one whatever their bounds: an unsettled bound is
  // a guess (log(x) at 1e-300 one-sided: bound 1e11, error 1e300).
  const best = candidates.reduce((a, b) => (b.settled !== a.settled ? (b.settled ? b : a) : b.error < a.error ? b : a));
  const used = best.scheme === scheme ? outcome(best) : `a one-sided ${best.scheme} difference with step ${formatNumber(best.step)} was used instead`;
  return { estimate: best, note: `${why}; ${used}` };
}

function outcome(estimate: Estimate): string {
  return estimate.settled
    ? `the step was shrunk to ${formatNumber(estimate.step)}`
    : `no smaller step settled either; the result at step ${formatNumber(estimate.step)} is returned with the whole spread of its quotients as the error bound`;
}

/**
 * Shrinks the step by 4 (re-using the previous points where they coincide). Richardson and
 * one-sided: until two successive steps pass the expansion check and agree within their
 * error bounds (one passing check can be luck when f oscillates fast), else the result with
 * the smallest spread, marked unsettled. Central: while the error estimate improves.
 */
function refineByShrinking(sampler: AxisSampler, f0: number, first: Estimate): Estimate {
  const at = (k: number) => differenceEstimate(first.scheme, sampler, f0, first.step / 4 ** k);
  if (first.scheme === "central") {
    let best = first;
    for (let k = 1; k <= MAX_REFINEMENTS; k++) {
      const next = at(k);
      if (isRefusal(next) || !(next.error < best.error)) break;
      best = next;
    }
    return best;
  }
  let best: Estimate = { ...first, error: first.spread, settled: false };
  let previous = first;
  for (let k = 1; k <= MAX_SETTLING_SHRINKS; k++) {
    const next = at(k);
    if (isRefusal(next)) break;
    if (previous.settled && next.settled && Math.abs(next.value - previous.value) <= next.error + previous.error) return next;
    if (next.spread < best.error) best = { ...next, error: next.spread, settled: false };
    previous = next;
  }
  return best;
}

/**
 * Shrinks the step by 4 until the scheme's points are all valid. A boundary at 0 of x itself
 * (log(x) at x = 1e-300) is nearer than any such ladder reaches, so for |x| < 1 a second
 * ladder starts from the step relative to |x|.
 */
function shrinkUntilValid(sampler: AxisSampler, f0: number, scheme: Scheme, h: number, firstShrink: number): Estimate | undefined {
  const x = Math.abs(sampler.x);
  const ladders = x > 0 && x < 1 ? [{ start: h, from: firstShrink }, { start: h * x, from: 0 }] : [{ start: h, from: firstShrink }];
  for (const { start, from } of ladders) {
    for (let k = from; k <= MAX_SHRINKS; k++) {
      const found = differenceEstimate(scheme, sampler, f0, start / 4 ** k);
      if (!isRefusal(found)) return found;
      if (found.stepVanished === true) break;
    }
  }
  return undefined;
}

function finiteDifferenceAt(plan: GraphPlan, wrt: readonly string[], options: GradientOptions | undefined, point: Point): GradientResult {
  const inputs = readInputs(plan, point, wrt);
  const scheme = options?.finiteDifference?.scheme ?? "richardson";
  const userStep = options?.finiteDifference?.step;
  const baseValues = new Float64Array(plan.nodes.length);
  const f0 = evaluatePlan(plan, inputs, baseValues);
  const lines = kinkTangentLines(plan, baseValues);
  const overrides = new Map([...lines].map(([index, { line }]) => [index, line]));
  const cost = zeroCost();
  cost.functionEvaluations = 1;
  const gradient = emptyGradient();
  const errorEstimate = emptyGradient();
  const notes: string[] = [];
  const differentiated: { name: string; depends: Uint8Array }[] = [];

  for (const name of new Set(wrt)) {
    const v = plan.variables.indexOf(name);
    if (v < 0) { // f does not use it
      gradient[name] = 0;
      errorEstimate[name] = 0;
      continue;
    }
    const depends = dependsOnVariable(plan, v);
    differentiated.push({ name, depends });
    const sampler = new AxisSampler(plan, inputs, v, baseValues, depends, overrides);
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
  cost.operations += plan.callCount; // f at the point

  for (const kink of kinksFedBy(plan, baseValues, differentiated)) {
    notes.push(
      `${kink.variables.join(", ")} ${kink.variables.length === 1 ? "feeds" : "feed"} ${kink.expression} at its non-differentiable point: ` +
        `there the finite difference is conventional, ${kink.expression} being replaced by its tangent line with the op table's slope (${kink.convention})`,
    );
  }
  if (![f0, ...Object.values(gradient)].every(Number.isFinite)) {
    const nonFinite = diagnose(plan.root, point).nonFinite;
    if (nonFinite !== undefined) notes.push(`not finite: ${nonFinite.message}`);
  }
  return attachDiagnostics({ method: "finite-difference" as const, value: f0, gradient, errorEstimate, cost, notes }, plan.root, point);
}

export const finiteDifferenceDifferentiator: Differentiator = {
  method: "finite-difference",
  description: "difference quotients of f (Richardson-extrapolated central by default) with an error estimate, never stepping across a domain boundary or kink",
  prepare(f: Expr, wrt: readonly string[], options?: GradientOptions): PreparedGradient {
    const plan = planGraph(f);
    return { setupCost: zeroCost(), at: (point) => finiteDifferenceAt(plan, wrt, options, point) };
  },
  gradient(f: Expr, at: Point, wrt: readonly string[], options?: GradientOptions): GradientResult {
    return finiteDifferenceDifferentiator.prepare(f, wrt, options).at(at);
  },
};
