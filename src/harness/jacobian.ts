// Forward vs reverse on full Jacobians of f: R^A → R^B. Forward mode gets one column per
// dual-number pass (A passes), reverse mode one row per backward sweep (B sweeps after one
// forward sweep): the lecture's "slow for high dimensional inputs" vs "… outputs", measured.
import { num, variable, type Expr } from "../ast/expr.js";
import { jacfwd, jacrev } from "../diff/api.js";
import { call } from "../ops/table.js";
import { measure } from "./measure.js";
import { mulberry32, uniform } from "./prng.js";

export const DEFAULT_JACOBIAN_SIZES: readonly number[] = [1, 4, 16, 64];

/**
 * f_k(x) = tanh(Σ_i w_ki sin(x_i)) + x_m x_(m+1) with m = k mod A: every output a different
 * nonlinear mix of all inputs over a shared trunk s_i = sin(x_i). Weights are seeded numbers.
 */
export function jacobianFunction(
  inputs: number, outputs: number, seed = 1,
): { f: Expr[]; point: Map<string, number>; wrt: string[]; weights: number[][] } {
  const random = mulberry32(seed);
  const wrt = Array.from({ length: inputs }, (_, i) => `x_${i + 1}`);
  const point = new Map(wrt.map((name) => [name, uniform(random, -1, 1)]));
  const trunk = wrt.map((name) => call("sin", [variable(name)]));
  // Three decimals, so the printed function is readable.
  const weights = Array.from({ length: outputs }, () => wrt.map(() => Math.round(uniform(random, -1, 1) * 1000) / 1000));
  const f = Array.from({ length: outputs }, (_, k) => {
    const mix = trunk.map((s, i) => call("mul", [num(weights[k][i]), s])).reduce((acc, t) => call("add", [acc, t]));
    const coupling = call("mul", [variable(wrt[k % inputs]), variable(wrt[(k + 1) % inputs])]);
    return call("add", [call("tanh", [mix]), coupling]);
  });
  return { f, point, wrt, weights };
}

export interface JacobianRow {
  readonly suite: "jacobian";
  readonly method: "forward" | "reverse";
  readonly inputs: number;
  readonly outputs: number;
  /** Median wall time of one full Jacobian (tape recording included for both), ms. */
  readonly ms: number;
  /** Graph sweeps: forward A, reverse 1 + B. */
  readonly passes: number;
  readonly timedRuns: number;
  /** Largest |forward − reverse| entry: the two Jacobians must agree. */
  readonly maxAbsDifference: number;
}

export interface JacobianReport {
  readonly rows: readonly JacobianRow[];
  readonly inputSizes: readonly number[];
  readonly outputSizes: readonly number[];
}

export function runJacobianSuite(
  options: { sizes?: readonly number[]; seed?: number; timingBudgetMs?: number; onProgress?: (m: string) => void } = {},
): JacobianReport {
  const sizes = options.sizes ?? DEFAULT_JACOBIAN_SIZES;
  const budgetMs = options.timingBudgetMs ?? 60;
  const rows: JacobianRow[] = [];
  for (const a of sizes) {
    options.onProgress?.(`jacobian: A = ${a} inputs, B = ${sizes.join("/")} outputs…`);
    for (const b of sizes) {
      const { f, point, wrt } = jacobianFunction(a, b, options.seed);
      const fwd = measure(() => jacfwd(f, point, wrt), { budgetMs });
      const rev = measure(() => jacrev(f, point, wrt), { budgetMs });
      let maxAbsDifference = 0;
      fwd.result.rows.forEach((row, k) => row.forEach((v, j) => {
        maxAbsDifference = Math.max(maxAbsDifference, Math.abs(v - rev.result.rows[k][j]));
      }));
      const common = { suite: "jacobian" as const, inputs: a, outputs: b, maxAbsDifference };
      rows.push({ ...common, method: "forward", ms: fwd.timing.medianMs, passes: fwd.result.passes, timedRuns: fwd.timing.runs });
      rows.push({ ...common, method: "reverse", ms: rev.timing.medianMs, passes: rev.result.passes, timedRuns: rev.timing.runs });
    }
  }
  return { rows, inputSizes: sizes, outputSizes: sizes };
}

/** For a given output count B, the measured times of both methods at input count A. */
export function jacobianTimes(report: JacobianReport, a: number, b: number): { forward: number; reverse: number } {
  const find = (method: "forward" | "reverse") =>
    report.rows.find((r) => r.inputs === a && r.outputs === b && r.method === method)?.ms ?? NaN;
  return { forward: find("forward"), reverse: find("reverse") };
}

/** Per output count B, the smallest measured A at which reverse is faster (undefined if never). */
export function crossovers(report: JacobianReport): { outputs: number; reverseFasterFromInputs: number | undefined }[] {
  return report.outputSizes.map((b) => ({
    outputs: b,
    reverseFasterFromInputs: report.inputSizes.find((a) => {
      const t = jacobianTimes(report, a, b);
      return t.reverse < t.forward;
    }),
  }));
}
