// Choosing the step: the automatic one if its points are valid, its differences behave and a
// check at a much smaller step agrees; otherwise shrink it, or go one-sided, and say so.
import { formatNumber } from "../../print/text.js";
import { isRefusal, type AxisSampler } from "./sampler.js";
import { automaticStep, differenceEstimate, probeQuotient, type Estimate, type Scheme } from "./schemes.js";

/** How far a refused step is shrunk (by 4 each time) before giving up: 4^40 ≈ 1e24. */
const MAX_SHRINKS = 40;
/** Once shrinking found a valid central step, keep shrinking while the error estimate improves. */
const MAX_REFINEMENTS = 12;
/** How often an unsettled or contradicted step is shrunk by 4 (4^12 ≈ 1.7e7). */
const MAX_SETTLING_SHRINKS = 12;

/** Said of every result whose error estimate could not be confirmed (tests look for it). */
export const UNTRUSTWORTHY = "the error estimate is not trustworthy";

/** What the probe of an estimate said: agreement within both bounds, and a bound that holds if the probe's does. */
interface ProbeCheck {
  readonly agrees: boolean;
  readonly probeStep: number;
  /** max(estimate's bound, |estimate − probe| + probe's bound). */
  readonly widened: number;
}

/** The estimate against its probe (undefined: no probe, or its points are refused). */
function probeCheck(sampler: AxisSampler, f0: number, estimate: Estimate): ProbeCheck | undefined {
  if (estimate.probe === undefined) return undefined;
  const probe = probeQuotient(sampler, f0, estimate.probe);
  if (isRefusal(probe)) return undefined;
  const gap = Math.abs(estimate.value - probe.value);
  // NaN anywhere fails the comparison: such an estimate is never confirmed.
  return { agrees: gap <= estimate.error + probe.error, probeStep: estimate.probe.offset, widened: Math.max(estimate.error, gap + probe.error) };
}

/** The outcome of shrinking: the estimate, whether it was confirmed, and why the first step was not kept. */
interface Settled {
  readonly estimate: Estimate;
  readonly trusted: boolean;
  /** Why the first step's result was not kept (undefined: it was). */
  readonly firstRejected?: string;
}

/**
 * ∂f/∂x by `scheme`: at the automatic step if all its points are valid, its differences
 * behave and its probe agrees; else the best of that scheme at a shrunk step and the
 * one-sided ones. A step the user gave is kept if valid, its bound widened as its checks say.
 */
export function axisDerivative(
  sampler: AxisSampler, f0: number, scheme: Scheme, userStep: number | undefined,
): { estimate?: Estimate; note?: string } {
  const stepFor = (s: Scheme) => userStep ?? automaticStep(s, sampler.x);
  const first = differenceEstimate(scheme, sampler, f0, stepFor(scheme));
  if (!isRefusal(first)) {
    if (userStep !== undefined) return atUserStep(sampler, f0, first);
    const settled = settleAndCheck(sampler, f0, first);
    if (settled.firstRejected === undefined) return { estimate: settled.estimate };
    return { estimate: settled.estimate, note: `${settled.firstRejected}; ${outcome(settled)}` };
  }
  const candidates: Settled[] = [];
  const alternatives: Scheme[] = [scheme, ...(["forward", "backward"] as const).filter((s) => s !== scheme)];
  for (const alternative of alternatives) {
    const found = shrinkUntilValid(sampler, f0, alternative, stepFor(alternative), alternative === scheme ? 1 : 0);
    if (found !== undefined) candidates.push(settleAndCheck(sampler, f0, found.scheme === "central" ? improveCentral(sampler, f0, found) : found));
  }
  const why = `a ${scheme} step of ${formatNumber(stepFor(scheme))} ${first.refused}`;
  if (candidates.length === 0) return { note: `${why}, and no smaller or one-sided step avoids it: the partial is NaN` };
  // A confirmed estimate beats an unconfirmed one whatever their bounds: an unconfirmed bound
  // is a guess (log(x) at 1e-300 one-sided: bound 1e11, error 1e300).
  const best = candidates.reduce((a, b) => (b.trusted !== a.trusted ? (b.trusted ? b : a) : b.estimate.error < a.estimate.error ? b : a));
  const used = best.estimate.scheme === scheme
    ? outcome(best)
    : `a one-sided ${best.estimate.scheme} difference with step ${formatNumber(best.estimate.step)} was used instead${best.trusted ? "" : `, but ${UNTRUSTWORTHY}`}`;
  return { estimate: best.estimate, note: `${why}; ${used}` };
}

function outcome({ estimate, trusted }: Settled): string {
  return trusted
    ? `the step was shrunk to ${formatNumber(estimate.step)}`
    : `no smaller step both settled and agreed with its check either; the result at step ${formatNumber(estimate.step)} ` +
        `is returned with the widest bound its quotients and checks give, but ${UNTRUSTWORTHY} (f varies faster than the steps tried resolve)`;
}

/**
 * The user's step is kept. Its bound is the spread of its quotients if they do not behave as
 * the Taylor expansion predicts, and at least what its probe implies if the probe disagrees.
 */
function atUserStep(sampler: AxisSampler, f0: number, estimate: Estimate): { estimate: Estimate; note?: string } {
  const check = probeCheck(sampler, f0, estimate);
  const at = `at the requested step ${formatNumber(estimate.step)}`;
  if (estimate.settled && check?.agrees !== false) return { estimate };
  const error = Math.max(estimate.error, check?.widened ?? 0);
  const reasons = [
    ...(estimate.settled ? [] : ["the differences did not shrink as the Taylor expansion predicts, so the bound is their whole spread"]),
    ...(check !== undefined && !check.agrees ? [`the result disagreed with a check at step ${formatNumber(check.probeStep)}, so the bound covers that gap`] : []),
  ];
  return { estimate: { ...estimate, error }, note: `${at} ${reasons.join(", and ")} (the step is too large for f here)` };
}

/**
 * From `first`, shrinks the step by 4 (re-using points where they coincide) until an estimate
 * is settled (its differences shrink as the Taylor expansion predicts) and agrees with its
 * probe at a far smaller step. Once some probe disagreed f is known to vary fast, and the
 * confirmed bound also covers the gap to its probe. If none is confirmed: the smallest of the
 * bounds that do not trust the expansion (spread, or widened by the probe), untrusted.
 */
function settleAndCheck(sampler: AxisSampler, f0: number, first: Estimate): Settled {
  let fallback: Estimate = first;
  let firstRejected: string | undefined;
  let disagreed = false;
  for (let k = 0; k <= MAX_SETTLING_SHRINKS; k++) {
    const estimate = k === 0 ? first : differenceEstimate(first.scheme, sampler, f0, first.step / 4 ** k);
    if (isRefusal(estimate)) break;
    const check = estimate.settled ? probeCheck(sampler, f0, estimate) : undefined;
    if (estimate.settled && check?.agrees !== false) {
      return { estimate: disagreed && check !== undefined ? { ...estimate, error: check.widened } : estimate, trusted: true, firstRejected };
    }
    const unconfirmed = check === undefined ? estimate : { ...estimate, error: check.widened, settled: false };
    if (k === 0 || unconfirmed.error < fallback.error) fallback = unconfirmed;
    disagreed ||= check !== undefined;
    firstRejected ??= check === undefined
      ? `at step ${formatNumber(estimate.step)} the differences did not shrink as the Taylor expansion predicts (the step is too large for f here)`
      : `at step ${formatNumber(estimate.step)} the result disagreed with a check at step ${formatNumber(check.probeStep)} beyond both error bounds (the step is too large for f here)`;
  }
  return { estimate: fallback, trusted: false, firstRejected };
}

/** A central step found by shrinking past a boundary may be far from optimal: shrink while the bound improves. */
function improveCentral(sampler: AxisSampler, f0: number, first: Estimate): Estimate {
  let best = first;
  for (let k = 1; k <= MAX_REFINEMENTS; k++) {
    const next = differenceEstimate("central", sampler, f0, first.step / 4 ** k);
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
