// A check of an estimate at a step PROBE_RATIO times below the smallest one it sampled: the
// scheme's basic quotient there (central, or one-sided in the scheme's direction). Where the
// estimate's steps were small enough for f, the probe's are too and the two agree within
// their bounds; the iterated logistic map, which oscillates ~2ⁿ times on [0, 1], can pass
// Richardson's three-step consistency check by chance, and then the probe disagrees.
// Cost per variable where f is smooth: the scheme's points plus the probe's, Richardson
// 6 + 2 = 8 evaluations of f (was 6), central 4 + 2, forward/backward 3 + 1; each shrink
// where f varies fast adds the scheme's new points (4 for Richardson) and a probe.
import type { AxisSamples } from "./sampler.js";
import { centralQuotient, evaluationNoise, MARGIN, oneSidedQuotient, sampleAll, type Estimate } from "./schemes.js";

/** Rounding allowed at first: this many times eps × the largest value that moves with x. */
const NOISE_FLOORS = 2;
/**
 * Agreement that needs the estimate's measured noise is believed only if the widened bound
 * is at most this fraction of |estimate| (the probe then pins the derivative's size).
 */
const NOISY_AGREEMENT_LIMIT = 1 / 4;

export interface ProbeCheck {
  /** false also when the probe's points are refused (a step below the float spacing at x). */
  readonly agrees: boolean;
  readonly probeStep: number;
  /** The probe's quotient (NaN if its points are refused). */
  readonly value: number;
  /** Why the probe's points were refused, if they were. */
  readonly refused?: string;
  /** max(estimate's bound, |estimate − probe| + probe's bound): holds if the probe's does. */
  readonly widened: number;
  /** The agreement needed the measured noise: the estimate keeps the widened bound. */
  readonly noisy: boolean;
}

/**
 * The estimate against its probe (undefined: it has none). Both bounds are first weighed with
 * rounding at the eps floor, since an estimate's measured "noise" is truncation in disguise
 * when its steps were too large for f (the logistic map at n = 17: "noise" 0.1 where f is
 * within [0, 1]) and would excuse any disagreement. If they then disagree and the estimate
 * measured more noise than that, f's rounding may really be amplified (acos near 1, a
 * cancellation): they are weighed again with it, and agreement is believed only if the
 * widened bound says something (NOISY_AGREEMENT_LIMIT).
 */
export function probeCheck(sampler: AxisSamples, f0: number, estimate: Estimate): ProbeCheck | undefined {
  const plan = estimate.probe;
  if (plan === undefined) return undefined;
  const s = plan.offset;
  const samples = sampleAll(sampler, plan.central ? [s, -s] : [s]);
  // A probe step that vanishes in floating point (or is refused) confirms nothing: staircase-like
  // rounding can make every quotient at such steps exactly 0 and agree.
  if (!Array.isArray(samples)) {
    return { agrees: false, probeStep: s, value: NaN, refused: samples.refused, widened: Math.max(estimate.error, estimate.spread), noisy: false };
  }
  const value = plan.central ? centralQuotient(samples[0], samples[1]) : oneSidedQuotient(f0, samples[0]);
  const gap = Math.abs(estimate.value - value); // NaN fails every comparison below
  const probeRoundOffPerNoise = (plan.central ? 1 : 2) / Math.abs(samples[0].step);
  const judge = (noise: number, noisy: boolean): ProbeCheck => {
    const probeError = MARGIN * plan.truncation + probeRoundOffPerNoise * noise;
    const estimateError = plan.truncationBound + plan.roundOffPerNoise * noise;
    return { agrees: gap <= estimateError + probeError, probeStep: s, value, widened: Math.max(estimate.error, gap + probeError), noisy };
  };
  const floorNoise = NOISE_FLOORS * evaluationNoise(sampler, f0, samples).floor;
  const atFloor = judge(floorNoise, false);
  if (atFloor.agrees || !(plan.noise > floorNoise)) return atFloor;
  const measured = judge(plan.noise, true);
  return measured.agrees && measured.widened <= NOISY_AGREEMENT_LIMIT * Math.abs(estimate.value) ? measured : atFloor;
}
