import { describe, expect, it } from "vitest";
import { jacfwd, jacrev } from "../../src/diff/api.js";
import { crossovers, jacobianFunction, runJacobianSuite, TRUNK_DEPTH } from "../../src/harness/jacobian.js";
import { measure } from "../../src/util/timing.js";

describe("the jacobian suite's f: R^A → R^B", () => {
  it("both modes give the Jacobian of a hand-written forward-mode chain rule through trunk and heads", () => {
    for (const [a, b] of [[3, 5], [1, 4], [6, 2]]) {
      const { f, point, wrt, weights } = jacobianFunction(a, b, 11);
      const x = wrt.map((name) => point.get(name) as number);
      // h⁰ = x with dh⁰/dx = I; h^l_i = sin(h_i + mean(h)), dh^l_i = cos(·) (dh_i + mean(dh))
      let h = [...x];
      let dh: number[][] = x.map((_v, i) => x.map((_w, j) => (i === j ? 1 : 0)));
      for (let l = 0; l < TRUNK_DEPTH; l++) {
        const mean = h.reduce((s, v) => s + v, 0) / a;
        const dmean = x.map((_v, j) => dh.reduce((s, row) => s + row[j], 0) / a);
        const u = h.map((hi) => hi + mean);
        dh = dh.map((row, i) => row.map((d, j) => Math.cos(u[i]) * (d + dmean[j])));
        h = u.map(Math.sin);
      }
      const expected = weights.map(([uk, vk], k) => {
        const [m, m1] = [k % a, (k + 1) % a];
        const t = Math.tanh(uk * h[m] + vk * h[m1]);
        return x.map((_v, j) => (1 - t * t) * (uk * dh[m][j] + vk * dh[m1][j]) + (j === m ? x[m1] : 0) + (j === m1 ? x[m] : 0));
      });
      for (const jac of [jacfwd(f, point, wrt), jacrev(f, point, wrt)]) {
        jac.rows.forEach((row, k) => row.forEach((v, j) => expect(Math.abs(v - expected[k][j])).toBeLessThan(1e-13)));
      }
    }
  });

  it("forward mode takes 1 + A sweeps, reverse 1 + B sweeps, and the two Jacobians agree", () => {
    const report = runJacobianSuite({ sizes: [1, 3, 7], timingBudgetMs: 5 });
    expect(report.rows).toHaveLength(2 * 9);
    for (const row of report.rows) {
      expect(row.passes).toBe(row.method === "forward" ? 1 + row.inputs : 1 + row.outputs);
      expect(row.maxAbsDifference).toBeLessThan(1e-13);
    }
    expect(crossovers(report).map((c) => c.outputs)).toEqual([1, 3, 7]);
  });

  it("measured: forward is faster for A = 1, B = 128 and reverse for A = 128, B = 1 (the lecture's pros and cons)", () => {
    const time = (a: number, b: number, mode: "forward" | "reverse") => {
      const { f, point, wrt } = jacobianFunction(a, b);
      const run = mode === "forward" ? () => jacfwd(f, point, wrt) : () => jacrev(f, point, wrt);
      return measure(run, { budgetMs: 150 }).timing.minMs;
    };
    expect(time(1, 128, "forward")).toBeLessThan(time(1, 128, "reverse"));
    expect(time(128, 1, "reverse")).toBeLessThan(time(128, 1, "forward"));
  });
});
