// Choosing the step: the automatic one if its points are valid and its differences behave;
// otherwise shrink it, or go one-sided, and say so.
import { formatNumber } from "../../print/text.js";
import { isRefusal, type AxisSampler } from "./sampler.js";
import { automaticStep, differenceEstimate, type Estimate, type Scheme } from "./schemes.js";

/** How far a refused step is shrunk (by 4 each time) before giving up: 4^40 ≈ 1e24. */
const MAX_SHRINKS = 40;
/** Once shrinking found a valid step, keep shrinking while the error estimate improves. */
const MAX_REFINEMENTS = 12;
/** How often an unsettled step (Richardson, one-sided) is shrunk by 4 (4^12 ≈ 1.7e7). */
const MAX_SETTLING_SHRINKS = 12;

/**
 * ∂f/∂x by `scheme`: at the automatic (or user's) step if all its points are valid and its
 * differences behave; else the best of that scheme at a shrunk step and the one-sided ones.
 */
export function axisDerivative(
  sampler: AxisSampler, f0: number, scheme: Scheme, userStep: number | undefined,
): { estimate?: Estimate; note?: string } {
  const stepFor = (s: Scheme) => userStep ?? automaticStep(s, sampler.x);
  const first = differenceEstimate(scheme, sampler, f0, stepFor(scheme));
  if (!isRefusal(first)) {
    if (first.settled) return { estimate: first };
    const settled = refineByShrinking(sampler, f0, first);
    const why = `at step ${formatNumber(first.step)} the differences did not shrink as the Taylor expansion predicts (the step is too large for f here)`;
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
