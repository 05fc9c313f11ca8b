import { describe, expect, it } from "vitest";
import { jacfwd, jacrev } from "../../src/diff/api.js";
import { jacobianFunction, runJacobianSuite, crossovers } from "../../src/harness/jacobian.js";
import { measure } from "../../src/harness/measure.js";

describe("the jacobian suite's f: R^A → R^B", () => {
  it("its Jacobian is ∂f_k/∂x_j = (1 − tanh²(m_k)) w_kj cos(x_j) + the coupling x_m x_(m+1), by both modes", () => {
    const [a, b] = [3, 5];
    const { f, point, wrt, weights } = jacobianFunction(a, b, 11);
    const x = wrt.map((name) => point.get(name) as number);
    const expected = weights.map((w, k) => {
      const mk = w.reduce((s, wi, i) => s + wi * Math.sin(x[i]), 0);
      const m = k % a, m1 = (k + 1) % a;
      return x.map((xj, j) => (1 - Math.tanh(mk) ** 2) * w[j] * Math.cos(xj) + (j === m ? x[m1] : 0) + (j === m1 ? x[m] : 0));
    });
    for (const jac of [jacfwd(f, point, wrt), jacrev(f, point, wrt)]) {
      jac.rows.forEach((row, k) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[k][j], 13)));
    }
  });

  it("forward mode takes A passes, reverse 1 + B sweeps, and the two Jacobians agree", () => {
    const report = runJacobianSuite({ sizes: [1, 3, 7], timingBudgetMs: 5 });
    expect(report.rows).toHaveLength(2 * 9);
    for (const row of report.rows) {
      expect(row.passes).toBe(row.method === "forward" ? row.inputs : 1 + row.outputs);
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
