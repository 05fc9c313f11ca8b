import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { topologicalOrder } from "../../src/ast/walk.js";
import { getDifferentiator } from "../../src/diff/registry.js";
import { evaluate } from "../../src/eval/evaluate.js";
import { buildNetwork, type Loss, type Network } from "../../src/harness/network.js";
import { mulberry32 } from "../../src/util/prng.js";
import { parse } from "../../src/parse/parse.js";
import { printExpr } from "../../src/print/text.js";

// An independent backprop for the lecture's Quiz 2 network, written from the lecture's
// module-by-module formulas on plain arrays (no diffscope code): forward a = αx, z = σ(a), …,
// y = σ(b); backward dJ/db = dJ/dy · dy/db, dJ/dβ_j = dJ/db · z_j, dJ/dz_j = dJ/db · β_j, …
const sigma = (a: number) => 1 / (1 + Math.exp(-a));
/** The lecture's dz/da = exp(−a) / (exp(−a) + 1)². */
const dsigma = (a: number) => Math.exp(-a) / (Math.exp(-a) + 1) ** 2;
const dot = (w: readonly number[], v: readonly number[]) => w.reduce((s, wi, i) => s + wi * v[i], 0);

function backpropNn2(x: number[], alpha1: number[][], alpha2: number[][], beta: number[], ystar: number, loss: Loss) {
  // forward (modules 1–5)
  const a1 = alpha1.map((row) => dot(row, x));
  const z1 = a1.map(sigma);
  const a2 = alpha2.map((row) => dot(row, z1));
  const z2 = a2.map(sigma);
  const b = dot(beta, z2);
  const y = sigma(b);
  const J = loss === "quadratic" ? 0.5 * (y - ystar) ** 2 : -(ystar * Math.log(y) + (1 - ystar) * Math.log(1 - y));
  // backward: the lecture's dJ/dy, negated because its J lacks the loss's minus sign
  const dJdy = loss === "quadratic" ? y - ystar : -(ystar / y + (1 - ystar) / (y - 1));
  const dJdb = dJdy * dsigma(b);
  const dJdbeta = z2.map((z) => dJdb * z);
  const dJdz2 = beta.map((bj) => dJdb * bj);
  const dJda2 = dJdz2.map((g, j) => g * dsigma(a2[j]));
  const dJdalpha2 = alpha2.map((row, j) => row.map((_w, i) => dJda2[j] * z1[i]));
  const dJdz1 = z1.map((_z, i) => alpha2.reduce((s, row, j) => s + dJda2[j] * row[i], 0));
  const dJda1 = dJdz1.map((g, i) => g * dsigma(a1[i]));
  const dJdalpha1 = alpha1.map((row, j) => row.map((_w, i) => dJda1[j] * x[i]));
  return { J, dJdalpha1, dJdalpha2, dJdbeta };
}

/** The hand-written gradient keyed by the network's parameter names (the documented scheme). */
function handGradient(net: Network): { J: number; gradient: Map<string, number> } {
  const [d0, d1, d2] = net.spec.widths;
  const p = (name: string) => net.point.get(name) as number;
  const x = Array.from({ length: d0 }, (_, i) => p(`x_${i + 1}`));
  const alpha1 = Array.from({ length: d1 }, (_, j) => Array.from({ length: d0 }, (_, i) => p(`a1_${j + 1}_${i + 1}`)));
  const alpha2 = Array.from({ length: d2 }, (_, j) => Array.from({ length: d1 }, (_, i) => p(`a2_${j + 1}_${i + 1}`)));
  const beta = Array.from({ length: d2 }, (_, j) => p(`b_${j + 1}`));
  const bp = backpropNn2(x, alpha1, alpha2, beta, p("ystar"), net.spec.loss);
  const gradient = new Map<string, number>();
  bp.dJdalpha1.forEach((row, j) => row.forEach((g, i) => gradient.set(`a1_${j + 1}_${i + 1}`, g)));
  bp.dJdalpha2.forEach((row, j) => row.forEach((g, i) => gradient.set(`a2_${j + 1}_${i + 1}`, g)));
  bp.dJdbeta.forEach((g, j) => gradient.set(`b_${j + 1}`, g));
  return { J: bp.J, gradient };
}

const relErr = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));

describe("nn2 (the lecture's Quiz 2) against a hand-written backprop", () => {
  const seeds = fc.integer({ min: 0, max: 2 ** 31 - 1 });
  const losses = fc.constantFrom<Loss>("cross-entropy", "quadratic");

  it("its parameters are exactly α⁽¹⁾ (4×3), α⁽²⁾ (3×4) and β (3), and J matches the hand-written forward pass", () => {
    const net = buildNetwork({ widths: [3, 4, 3, 1] });
    expect(new Set(net.parameters)).toEqual(new Set(handGradient(net).gradient.keys()));
    expect(net.parameters).toHaveLength(4 * 3 + 3 * 4 + 3);
    expect(relErr(evaluate(net.loss, net.point), handGradient(net).J)).toBeLessThan(1e-14);
  });

  it("symbolic, forward and reverse agree with it to 1e-10 relative, for random seeds and both losses", () => {
    fc.assert(
      fc.property(seeds, losses, fc.constantFrom(...([[3, 4, 3, 1], [2, 5, 4, 1], [4, 3, 2, 1]] as const)), (seed, loss, widths) => {
        const net = buildNetwork({ widths, loss, seed });
        const hand = handGradient(net);
        for (const method of ["symbolic", "forward", "reverse"] as const) {
          const r = getDifferentiator(method).gradient(net.loss, net.point, net.parameters);
          expect(relErr(r.value, hand.J)).toBeLessThan(1e-12);
          for (const name of net.parameters) {
            expect(relErr(r.gradient[name], hand.gradient.get(name) as number), `${method} ∂J/∂${name}`).toBeLessThan(1e-10);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it("finite differences agree with it within their own error estimate", () => {
    fc.assert(
      fc.property(seeds, losses, (seed, loss) => {
        const net = buildNetwork({ widths: [3, 4, 3, 1], loss, seed });
        const hand = handGradient(net);
        const r = getDifferentiator("finite-difference").gradient(net.loss, net.point, net.parameters);
        // Relative to the gradient's largest partial: a partial of 1e-8 next to ones of 1e-2 carries
        // the same absolute round-off, so its own relative error says nothing about the method.
        const scale = Math.max(...[...hand.gradient.values()].map(Math.abs));
        for (const name of net.parameters) {
          const error = Math.abs(r.gradient[name] - (hand.gradient.get(name) as number));
          expect(error, `∂J/∂${name}`).toBeLessThanOrEqual(r.errorEstimate?.[name] as number);
          expect(error / scale, `∂J/∂${name} relative to the largest partial`).toBeLessThan(1e-6);
        }
      }),
      { numRuns: 15, examples: [[834038416, "quadratic"]] },
    );
  });
});

describe("softmax output with cross-entropy", () => {
  it("reverse gives ∂J/∂β_kj = (p_k − y*_k) z_j and ∂J/∂α_ji = Σ_k (p_k − y*_k) β_kj z_j(1 − z_j) x_i (the textbook result)", () => {
    const net = buildNetwork({ widths: [4, 5, 3], seed: 7 });
    const p = (name: string) => net.point.get(name) as number;
    const x = [1, 2, 3, 4].map((i) => p(`x_${i}`));
    const z = [1, 2, 3, 4, 5].map((j) => sigma(dot([1, 2, 3, 4].map((i) => p(`a1_${j}_${i}`)), x)));
    const b = [1, 2, 3].map((k) => dot([1, 2, 3, 4, 5].map((j) => p(`b_${k}_${j}`)), z));
    const total = b.reduce((s, bk) => s + Math.exp(bk), 0);
    const probs = b.map((bk) => Math.exp(bk) / total);
    const delta = probs.map((pk, k) => pk - p(`ystar_${k + 1}`));
    expect([1, 2, 3].map((k) => p(`ystar_${k}`)).sort()).toEqual([0, 0, 1]); // one-hot target
    const r = getDifferentiator("reverse").gradient(net.loss, net.point, net.parameters);
    const J = -[1, 2, 3].reduce((s, k) => s + p(`ystar_${k}`) * Math.log(probs[k - 1]), 0);
    expect(relErr(r.value, J)).toBeLessThan(1e-13);
    for (let k = 1; k <= 3; k++) {
      for (let j = 1; j <= 5; j++) expect(relErr(r.gradient[`b_${k}_${j}`], delta[k - 1] * z[j - 1])).toBeLessThan(1e-12);
    }
    for (let j = 1; j <= 5; j++) {
      const back = [1, 2, 3].reduce((s, k) => s + delta[k - 1] * p(`b_${k}_${j}`), 0) * z[j - 1] * (1 - z[j - 1]);
      for (let i = 1; i <= 4; i++) expect(relErr(r.gradient[`a1_${j}_${i}`], back * x[i - 1])).toBeLessThan(1e-10);
    }
  });
});

describe("the network is an ordinary expression", () => {
  const specs = [
    { widths: [3, 4, 3, 1] },
    { widths: [3, 4, 3, 1], loss: "quadratic" as const, biases: true },
    { widths: [4, 5, 3], activation: "relu" as const },
    { widths: [2, 3, 3, 2], activation: "tanh" as const, biases: true },
    { widths: [4, 1], activation: "softplus" as const },
  ];

  it("prints and re-parses to the very same node", () => {
    for (const spec of specs) {
      const net = buildNetwork(spec);
      expect(parse(printExpr(net.loss))).toBe(net.loss);
    }
  });

  it("hidden activations are shared: the DAG holds each sigmoid once (4 + 3 + 1), the printed tree 32 times", () => {
    const net = buildNetwork({ widths: [3, 4, 3, 1] });
    const sigmoids = topologicalOrder(net.loss).filter((n) => n.kind === "call" && n.op === "sigmoid");
    expect(sigmoids).toHaveLength(8);
    // y appears twice in the loss (log y, log(1 − y)); each y holds 3 layer-2 units, each 4 layer-1 units.
    expect(printExpr(net.loss).split("sigmoid(").length - 1).toBe(2 * (1 + 3 + 3 * 4));
  });

  it("parameter names follow the documented scheme and are all identifiers", () => {
    const net = buildNetwork({ widths: [2, 3, 2], biases: true });
    expect(net.parameters).toEqual([
      "a1_1_1", "a1_1_2", "c1_1", "a1_2_1", "a1_2_2", "c1_2", "a1_3_1", "a1_3_2", "c1_3",
      "b_1_1", "b_1_2", "b_1_3", "d_1", "b_2_1", "b_2_2", "b_2_3", "d_2",
    ]);
    expect(buildNetwork({ widths: [3, 1] }).parameters).toEqual(["theta_1", "theta_2", "theta_3"]);
    for (const spec of specs) {
      for (const name of [...buildNetwork(spec).point.keys()]) expect(name).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
    }
  });

  it("a seed reproduces weights and inputs; another seed changes them", () => {
    const a = buildNetwork({ widths: [3, 4, 3, 1], seed: 42 });
    const b = buildNetwork({ widths: [3, 4, 3, 1], seed: 42 });
    const c = buildNetwork({ widths: [3, 4, 3, 1], seed: 43 });
    expect([...a.point]).toEqual([...b.point]);
    expect([...a.point.values()]).not.toEqual([...c.point.values()]);
  });

  it("rejects impossible shapes with a message", () => {
    expect(() => buildNetwork({ widths: [3] })).toThrow(/at least an input and an output/);
    expect(() => buildNetwork({ widths: [3, 0, 1] })).toThrow(/positive integers/);
  });
});

describe("mulberry32", () => {
  it("is deterministic and uniform on [0, 1): mean ≈ 1/2, variance ≈ 1/12 over 10^5 draws", () => {
    const r1 = mulberry32(123);
    const r2 = mulberry32(123);
    const draws = Array.from({ length: 100_000 }, () => r1());
    expect(draws.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => r2()));
    expect(draws.every((u) => u >= 0 && u < 1)).toBe(true);
    const mean = draws.reduce((s, u) => s + u, 0) / draws.length;
    const variance = draws.reduce((s, u) => s + (u - mean) ** 2, 0) / draws.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005); // σ of the mean ≈ 0.0009
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.002);
  });
});
