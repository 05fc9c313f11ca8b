// Difference quotients along one axis, each with an error estimate: truncation from comparing
// two step sizes (Richardson: three), plus round-off ≈ eps·|f|/h. Richardson and one-sided
// schemes also check, with their third step size, that the Taylor expansion holds there; each
// estimate says how a probe at a much smaller step can check it (probe.ts).
import { isRefusal, type AxisSamples, type Refusal, type Sample } from "./sampler.js";

export type Scheme = "forward" | "backward" | "central" | "richardson";

export interface Estimate {
  readonly scheme: Scheme;
  /** The nominal (largest) step. */
  readonly step: number;
  readonly value: number;
  /** Estimated absolute error: truncation + round-off. */
  readonly error: number;
  /** The differences shrank as the Taylor expansion predicts (else h was too large); central: always. */
  readonly settled: boolean;
  /** A bound that does not trust the expansion: the whole spread of the quotients, + round-off. */
  readonly spread: number;
  /** How to check this estimate at a much smaller step (see probe.ts). */
  readonly probe?: ProbePlan;
}

/**
 * What a probe needs to check an estimate (see probe.ts): where to sample, the probe
 * quotient's truncation, and the estimate's bound split so that its rounding part can be
 * re-weighed with a noise measured elsewhere.
 */
export interface ProbePlan {
  /** The probe's offset from x (central: ±offset; one-sided: its sign is the direction). */
  readonly offset: number;
  readonly central: boolean;
  /** The probe quotient's truncation error, extrapolated from the estimate's differences. */
  readonly truncation: number;
  /** The estimate's bound is truncationBound + roundOffPerNoise × (noise of one evaluation of f). */
  readonly truncationBound: number;
  readonly roundOffPerNoise: number;
  /** The noise of one evaluation of f measured on the estimate's samples (see evaluationNoise). */
  readonly noise: number;
}

/**
 * How far below the estimate's smallest step its probe lies: central truncation shrinks
 * ~1400×. Not a power of 2: the scheme's steps are h, h/2, h/4, and a function built by
 * repeated doubling (lₙ(sin²θ) = sin²(2ⁿ⁻¹θ)) can alias with such a ladder at all its rungs,
 * its quotients then agreeing with each other on a slope f does not have.
 */
export const PROBE_RATIO = 37;

const EPS = Number.EPSILON;

/**
 * The automatic step for a scheme, relative to max(1, |x|):
 * - forward/backward, error O(h) + O(eps/h): balanced at h = eps^(1/2);
 * - central (the lecture's eq. 1), O(h²) + O(eps/h): h = eps^(1/3);
 * - Richardson (central at h, h/2, h/4 extrapolated twice), O(h⁴) + O(eps/h): h = eps^(1/5)
 *   ≈ 7.4e-4, so even its smallest step h/4 keeps round-off near 1e-12 relative.
 */
export function automaticStep(scheme: Scheme, x: number): number {
  const power = { forward: 1 / 2, backward: 1 / 2, central: 1 / 3, richardson: 1 / 5 }[scheme];
  return Math.pow(EPS, power) * Math.max(1, Math.abs(x));
}

/** The offsets a scheme samples at nominal step h (f(x) itself is evaluated once, apart). */
function offsets(scheme: Scheme, h: number): number[] {
  switch (scheme) {
    case "forward": return [h, h / 2, h / 4];
    case "backward": return [-h, -h / 2, -h / 4];
    case "central": return [h, -h, h / 2, -h / 2];
    case "richardson": return [h, -h, h / 2, -h / 2, h / 4, -h / 4];
  }
}

/** Samples every offset, stopping at the first one refused. */
export function sampleAll(sampler: AxisSamples, at: readonly number[]): Sample[] | Refusal {
  const samples: Sample[] = [];
  for (const offset of at) {
    const s = sampler.sample(offset);
    if (isRefusal(s)) return s;
    samples.push(s);
  }
  return samples;
}

/** (f(x+s) − f(x−s)) / (s⁺ + s⁻) with the steps actually taken. */
export const centralQuotient = (plus: Sample, minus: Sample) => (plus.f - minus.f) / (plus.step - minus.step);
export const oneSidedQuotient = (f0: number, s: Sample) => (s.f - f0) / s.step;

/**
 * The rounding error of one evaluation of f near x. At least eps times the largest value
 * that moves with x; but a large local derivative downstream amplifies it (acos(1 + s) for
 * tiny s turns eps into 1e-5 relative), which values alone cannot show. So it is also measured:
 * the highest divided difference of all n sampled points annihilates polynomials of degree
 * n − 2, leaving mostly noise; divided by its coefficients' 2-norm it estimates the noise's
 * size (Hamming's difference-table method), doubled since one draw can come out small.
 */
export function evaluationNoise(sampler: AxisSamples, f0: number, samples: readonly Sample[]): { floor: number; noise: number } {
  const points = [{ f: f0, step: 0 }, ...samples];
  let combination = 0;
  let norm = 0;
  for (const p of points) {
    let weight = 1;
    for (const q of points) if (q !== p) weight /= p.step - q.step;
    combination += weight * p.f;
    norm += weight * weight;
  }
  const measured = (2 * Math.abs(combination)) / Math.sqrt(norm);
  const floor = EPS * Math.max(sampler.noiseScale, ...points.map((p) => Math.abs(p.f)));
  return { floor, noise: Math.max(floor, Number.isFinite(measured) ? measured : 0) };
}

/** Leading-order error estimates are exact only in the limit; the next term can add as much. */
export const MARGIN = 2;

/**
 * One scheme at nominal step h. Error model (C = central, D = one-sided quotient):
 * D(h) − D(h/2) ≈ c·h/2, so D(h)'s truncation ≈ 2|D(h) − D(h/2)| (D(h/4) checks the
 * expansion holds); C(h) − C(h/2) ≈ ¾·a·h², so C(h)'s ≈ (4/3)|C(h) − C(h/2)|; R₁ = (4C(h/2) − C(h))/3 and R₂ = (4C(h/4) − C(h/2))/3 err by
 * b·h⁴/4 and b·h⁴/64, so R₂'s ≈ |R₂ − R₁|/15; each times MARGIN. Round-off: one evaluation of
 * f carries δ (see evaluationNoise), which the quotients divide by h: δ/h (C), 2δ/h (D),
 * (16 + 2)/3·δ/h = 6δ/h (R₂). Central differences sample two step sizes only: nothing checks
 * their expansion, so they count as settled.
 */
export function differenceEstimate(scheme: Scheme, sampler: AxisSamples, f0: number, h: number): Estimate | Refusal {
  const samples = sampleAll(sampler, offsets(scheme, h));
  if (!Array.isArray(samples)) return samples;
  const { floor, noise: delta } = evaluationNoise(sampler, f0, samples);
  // The probe's truncation: that of the basic quotient at the smallest step, times
  // PROBE_RATIO^order (central: order 2, one-sided: 1).
  const probeAt = (smallest: number, truncationThere: number, central: boolean) => ({
    offset: smallest / PROBE_RATIO,
    central,
    truncation: truncationThere / PROBE_RATIO ** (central ? 2 : 1),
  });
  const estimate = (
    value: number, truncation: number, roundOffFactor: number, plan: Pick<ProbePlan, "offset" | "central" | "truncation">,
    spread = truncation, settled = true,
  ): Estimate => {
    const roundOff = roundOffFactor * (delta / h);
    const spreadBound = MARGIN * spread + roundOff;
    const probe = { ...plan, truncationBound: MARGIN * truncation, roundOffPerNoise: roundOffFactor / h, noise: delta };
    return { scheme, step: h, value, error: settled ? MARGIN * truncation + roundOff : spreadBound, settled, spread: spreadBound, probe };
  };
  switch (scheme) {
    case "forward":
    case "backward": {
      // Only D(h) and D(h/2) enter the estimate; D(h/4) checks that the expansion holds:
      // D(h) − D(h/2) ≈ 2·(D(h/2) − D(h/4)), or both are mere round-off.
      const [q1, q2, q3] = samples.map((s) => oneSidedQuotient(f0, s));
      const d1 = q1 - q2;
      const d2 = q2 - q3;
      const settled = Math.abs(d2) <= (16 * floor) / h || (d1 / d2 >= 1.4 && d1 / d2 <= 2.8);
      // D(h/2) − D(h/4) ≈ c·h/4: D(h/4)'s own truncation.
      const plan = probeAt(samples[2].step, Math.abs(d2), false);
      return estimate(q1, 2 * Math.abs(d1), 2, plan, Math.abs(d1) + Math.abs(d2), settled);
    }
    case "central": {
      const c1 = centralQuotient(samples[0], samples[1]);
      const c2 = centralQuotient(samples[2], samples[3]);
      // C(h) − C(h/2) ≈ ¾·a·h², so C(h/2)'s truncation a·h²/4 ≈ |C(h) − C(h/2)|/3.
      return estimate(c1, (4 / 3) * Math.abs(c1 - c2), 1, probeAt(samples[2].step, Math.abs(c1 - c2) / 3, true));
    }
    case "richardson": {
      const c1 = centralQuotient(samples[0], samples[1]);
      const c2 = centralQuotient(samples[2], samples[3]);
      const c3 = centralQuotient(samples[4], samples[5]);
      const r1 = (4 * c2 - c1) / 3;
      const r2 = (4 * c3 - c2) / 3;
      // Where the Taylor expansion holds, C(h) − C(h/2) ≈ 4·(C(h/2) − C(h/4)); or both are
      // mere round-off. Otherwise h is too large for f here (fast oscillation, a nearby pole;
      // measured "noise" far above eps is then often truncation in disguise): the
      // leading-order estimate means nothing, so report the whole spread.
      const d1 = c1 - c2;
      const d2 = c2 - c3;
      const roundOffOfC3 = (8 * floor) / h; // round-off of C(h/4) at the eps floor, twice over
      const settled = Math.abs(d2) <= roundOffOfC3 || (d1 / d2 >= 3 && d1 / d2 <= 5.5);
      // C(h/4)'s truncation ≈ |C(h/2) − C(h/4)|/3, as for central.
      const plan = probeAt(samples[4].step, Math.abs(d2) / 3, true);
      return estimate(r2, Math.abs(r2 - r1) / 15, 6, plan, Math.abs(r2 - r1) + Math.abs(d1) + Math.abs(d2), settled);
    }
  }
}
