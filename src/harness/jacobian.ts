// Forward vs reverse on full Jacobians of f: R^A → R^B. After one shared forward sweep, forward
// mode gets one column per tangent sweep (A sweeps), reverse mode one row per backward sweep
// (B sweeps): the lecture's "slow for high dimensional inputs" vs "… outputs", measured.
import { num, variable, type Expr } from "../ast/expr.js";
import { jacfwd, jacrev } from "../diff/api.js";
import { call } from "../ops/table.js";
import { measure } from "../util/timing.js";
import { mulberry32, uniform } from "../util/prng.js";

export const DEFAULT_JACOBIAN_SIZES: readonly number[] = [1, 4, 16, 64];

/** Layers of the shared trunk: deep enough that every backward sweep does real work. */
export const TRUNK_DEPTH = 16;

/**
 * f: R^A → R^B with a shared trunk and a small head per output, the shape of most computations
 * (a network's hidden layers, a simulation's state). Trunk: h⁰ = x, then for l = 1..depth
 * h^l_i = sin(h^(l−1)_i + mean_j h^(l−1)_j), so every h^l_i depends on every input. Head:
 * f_k = tanh(u_k h_m + v_k h_(m+1)) + x_m x_(m+1) with h = h^depth, m = k mod A, (u_k, v_k)
 * seeded: every output a different nonlinear mix of all inputs. A forward pass sweeps the trunk
 * and every head; a backward sweep for output k its own head and the whole trunk.
 */
export function jacobianFunction(
  inputs: number, outputs: number, seed = 1, depth = TRUNK_DEPTH,
): { f: Expr[]; point: Map<string, number>; wrt: string[]; weights: number[][] } {
  const random = mulberry32(seed);
  const wrt = Array.from({ length: inputs }, (_, i) => `x_${i + 1}`);
  const point = new Map(wrt.map((name) => [name, uniform(random, -1, 1)]));
  const x = wrt.map((name) => variable(name));
  let h: Expr[] = x;
  for (let l = 1; l <= depth; l++) {
    const previous = h;
    const mean = call("mul", [num(1 / inputs), previous.reduce((acc, t) => call("add", [acc, t]))]);
    h = previous.map((hi) => call("sin", [call("add", [hi, mean])]));
  }
  const trunk = h;
  // Three decimals, so the printed function is readable.
  const weights = Array.from({ length: outputs }, () => [0, 1].map(() => Math.round(uniform(random, -1, 1) * 1000) / 1000));
  const f = Array.from({ length: outputs }, (_, k) => {
    const [m, m1] = [k % inputs, (k + 1) % inputs];
    const mix = call("add", [call("mul", [num(weights[k][0]), trunk[m]]), call("mul", [num(weights[k][1]), trunk[m1]])]);
    return call("add", [call("tanh", [mix]), call("mul", [x[m], x[m1]])]);
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
