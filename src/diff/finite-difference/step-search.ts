// Choosing the step: the automatic one if its points are valid, its differences behave and a
// check at a much smaller step agrees; otherwise shrink it, or go one-sided, and say so.
import { formatNumber } from "../../print/text.js";
import { isRefusal, type AxisSamples } from "./sampler.js";
import { probeCheck, type ProbeCheck } from "./probe.js";
import { automaticStep, differenceEstimate, type Estimate, type Scheme } from "./schemes.js";

/** How far a refused step is shrunk (by 4 each time) before giving up: 4^40 ≈ 1e24. */
const MAX_SHRINKS = 40;
/** Once shrinking found a valid step, keep shrinking while the error estimate improves. */
const MAX_REFINEMENTS = 12;
/** How often an unsettled or contradicted step is shrunk by 4 (4^12 ≈ 1.7e7). */
const MAX_SETTLING_SHRINKS = 12;

/** Said of every result whose error estimate could not be confirmed (tests look for it). */
export const UNTRUSTWORTHY = "the error estimate is not trustworthy";

/** The outcome of shrinking: the estimate, whether it was confirmed, and why the first step was not kept. */
interface Settled {
  readonly estimate: Estimate;
  readonly trusted: boolean;
  /** Why the first step's result was not kept (undefined: it was). */
  readonly firstRejected?: string;
}

/** A partial along one axis: the estimate (none: NaN), what a reader should know, and whether a check confirmed it. */
export interface AxisResult {
  readonly estimate?: Estimate;
  readonly note?: string;
  readonly trusted: boolean;
}

/**
 * ∂f/∂x by `scheme`: at the automatic step if all its points are valid, its differences
 * behave and its probe agrees; else the best of that scheme at a shrunk step and the
 * one-sided ones. A step the user gave is kept if valid (see atUserStep).
 */
export function axisDerivative(sampler: AxisSamples, f0: number, scheme: Scheme, userStep: number | undefined): AxisResult {
  const stepFor = (s: Scheme) => userStep ?? automaticStep(s, sampler.x);
  const first = differenceEstimate(scheme, sampler, f0, stepFor(scheme));
  if (!isRefusal(first)) {
    if (userStep !== undefined) return atUserStep(sampler, f0, first);
    const settled = settleAndCheck(sampler, f0, first);
    const note = settled.firstRejected === undefined ? undefined : `${settled.firstRejected}; ${outcome(settled)}`;
    return { estimate: settled.estimate, note, trusted: settled.trusted };
  }
  const candidates: Settled[] = [];
  const alternatives: Scheme[] = [scheme, ...(["forward", "backward"] as const).filter((s) => s !== scheme)];
  for (const alternative of alternatives) {
    const found = shrinkUntilValid(sampler, f0, alternative, stepFor(alternative), alternative === scheme ? 1 : 0);
    if (found !== undefined) candidates.push(settleAndCheck(sampler, f0, improveWhileBoundShrinks(sampler, f0, found)));
  }
  const why = `a ${scheme} step of ${formatNumber(stepFor(scheme))} ${first.refused}`;
  if (candidates.length === 0) return { note: `${why}, and no smaller or one-sided step avoids it: the partial is NaN`, trusted: false };
  // A confirmed estimate beats an unconfirmed one whatever their bounds: an unconfirmed bound
  // is a guess (log(x) at 1e-300 one-sided: bound 1e11, error 1e300).
  const best = candidates.reduce((a, b) => (b.trusted !== a.trusted ? (b.trusted ? b : a) : b.estimate.error < a.estimate.error ? b : a));
  const used = best.estimate.scheme === scheme
    ? outcome(best)
    : `a one-sided ${best.estimate.scheme} difference with step ${formatNumber(best.estimate.step)} was used instead${best.trusted ? "" : `, but ${UNTRUSTWORTHY}`}`;
  return { estimate: best.estimate, note: `${why}; ${used}`, trusted: best.trusted };
}

function outcome({ estimate, trusted }: Settled): string {
  return trusted
    ? `the step was shrunk to ${formatNumber(estimate.step)}`
    : `no smaller step both settled and agreed with its check either; the result at step ${formatNumber(estimate.step)} ` +
        `is returned with a bound covering every quotient and check seen, but ${UNTRUSTWORTHY} (f varies faster than the steps tried resolve)`;
}

/**
 * The user's step is kept. If its differences do not behave as the Taylor expansion predicts
 * or its probe disagrees, its own bound means nothing; it then covers the gap to the
 * automatic step's estimate, if that one is confirmed (else the result is flagged).
 */
function atUserStep(sampler: AxisSamples, f0: number, estimate: Estimate): AxisResult {
  const check = estimate.settled ? probeCheck(sampler, f0, estimate) : undefined;
  if (estimate.settled && check?.agrees !== false) {
    return { estimate: check?.noisy === true ? { ...estimate, error: check.widened } : estimate, trusted: true };
  }
  const at = `at the requested step ${formatNumber(estimate.step)} ${rejection(check)}`;
  const reference = axisDerivative(sampler, f0, estimate.scheme, undefined);
  if (reference.estimate === undefined || !reference.trusted) {
    const error = Math.max(estimate.error, estimate.spread, check?.widened ?? 0);
    return { estimate: { ...estimate, error }, note: `${at}, and no other step gave a confirmed estimate: ${UNTRUSTWORTHY}`, trusted: false };
  }
  const { value, error } = reference.estimate;
  const covering = { ...estimate, error: Math.abs(estimate.value - value) + error };
  return { estimate: covering, note: `${at}: the bound covers the gap to ${formatNumber(value)} ± ${formatNumber(error)} at the automatic step`, trusted: true };
}

/**
 * From `first`, shrinks the step by 4 (re-using points where they coincide) until an estimate
 * is settled (its differences shrink as the Taylor expansion predicts) and agrees with its
 * probe at a far smaller step; once shrunk, it must also agree with the previous step's
 * settled estimate (one passing check can be luck when f oscillates fast). Once some probe
 * disagreed f is known to vary fast, and the confirmed bound also covers the gap to its probe.
 * If none is confirmed: the result with the smallest bound, widened to cover every quotient
 * and probe seen, untrusted.
 */
function settleAndCheck(sampler: AxisSamples, f0: number, first: Estimate): Settled {
  let fallback: Estimate = first;
  let firstRejected: string | undefined;
  let disagreed = false;
  let previous: Estimate | undefined;
  const seen: number[] = [];
  for (let k = 0; k <= MAX_SETTLING_SHRINKS; k++) {
    const estimate = k === 0 ? first : differenceEstimate(first.scheme, sampler, f0, first.step / 4 ** k);
    if (isRefusal(estimate)) break;
    const consistent = k === 0 || (previous !== undefined && Math.abs(estimate.value - previous.value) <= estimate.error + previous.error);
    const check = estimate.settled && consistent ? probeCheck(sampler, f0, estimate) : undefined;
    if (estimate.settled && consistent && check?.agrees !== false) {
      const widen = check !== undefined && (disagreed || check.noisy);
      return { estimate: widen ? { ...estimate, error: check.widened } : estimate, trusted: true, firstRejected };
    }
    const bound = check === undefined ? Math.max(estimate.error, estimate.spread) : check.widened;
    if (k === 0 || bound < fallback.error) fallback = { ...estimate, error: bound, settled: false };
    seen.push(estimate.value, check?.value ?? NaN);
    disagreed ||= check !== undefined;
    previous = estimate.settled ? estimate : undefined;
    firstRejected ??= `at step ${formatNumber(estimate.step)} ${rejection(check)}`;
  }
  const widest = seen.reduce((w, v) => (Number.isFinite(v) ? Math.max(w, Math.abs(v - fallback.value)) : w), fallback.error);
  return { estimate: { ...fallback, error: widest }, trusted: false, firstRejected };
}

/** Why an estimate was not kept, as a clause ("the differences did not shrink …"). */
function rejection(check: ProbeCheck | undefined): string {
  if (check === undefined) return "the differences did not shrink as the Taylor expansion predicts (the step is too large for f here)";
  if (check.refused !== undefined) return `the result could not be checked at step ${formatNumber(check.probeStep)}, which ${check.refused}`;
  return `the result disagreed with a check at step ${formatNumber(check.probeStep)} beyond both error bounds (the step is too large for f here)`;
}

/**
 * The largest valid step near a boundary is rarely the best one (log(x) at 1e-10: its
 * truncation is large): shrink while the bound improves.
 */
function improveWhileBoundShrinks(sampler: AxisSamples, f0: number, first: Estimate): Estimate {
  let best = first;
  for (let k = 1; k <= MAX_REFINEMENTS; k++) {
    const next = differenceEstimate(first.scheme, sampler, f0, first.step / 4 ** k);
    if (isRefusal(next) || !(next.error < best.error)) break;
    best = next;
  }
  return best;
}

/**
 * Shrinks the step by 4 until the scheme's points are all valid. A boundary at 0 of x itself
 * (log(x) at x = 1e-300) is nearer than any such ladder reaches, so for |x| < 1 a second
 * ladder starts from the step relative to |x|.
 */
function shrinkUntilValid(sampler: AxisSamples, f0: number, scheme: Scheme, h: number, firstShrink: number): Estimate | undefined {
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
