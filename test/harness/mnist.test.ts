import { describe, expect, it } from "vitest";
import { prepareReverse } from "../../src/diff/reverse/differentiator.js";
import { numberAlgebra } from "../../src/ops/table.js";
import { measure } from "../../src/util/timing.js";
import { buildNetwork } from "../../src/harness/network.js";

// The realistic size (784 inputs, 100 sigmoid units, softmax over 10 classes: 79,400 weights),
// once, by reverse mode only: forward mode and finite differences on it take hours (see
// `diffscope compare mnist`, which measures them on a subset within a budget).
describe("a 784,100,10 network (MNIST-shaped)", () => {
  it("reverse mode gives all 79,400 partials of the hand-written backprop, for a few evaluations of f", () => {
    const net = buildNetwork({ widths: [784, 100, 10], seed: 5 });
    expect(net.parameters).toHaveLength(79_400);
    const p = (name: string) => net.point.get(name) as number;
    const x = Array.from({ length: 784 }, (_, i) => p(`x_${i + 1}`));
    const alpha = Array.from({ length: 100 }, (_, j) => Array.from({ length: 784 }, (_, i) => p(`a1_${j + 1}_${i + 1}`)));
    const beta = Array.from({ length: 10 }, (_, k) => Array.from({ length: 100 }, (_, j) => p(`b_${k + 1}_${j + 1}`)));
    const target = Array.from({ length: 10 }, (_, k) => p(`ystar_${k + 1}`));
    // forward: a = αx, z = σ(a), b = βz, p = softmax(b), J = −Σ y*_k log p_k
    const z = alpha.map((row) => 1 / (1 + Math.exp(-row.reduce((s, w, i) => s + w * x[i], 0))));
    const b = beta.map((row) => row.reduce((s, w, j) => s + w * z[j], 0));
    const total = b.reduce((s, bk) => s + Math.exp(bk), 0);
    const probs = b.map((bk) => Math.exp(bk) / total);
    const J = -target.reduce((s, t, k) => s + t * Math.log(probs[k]), 0);
    // backward: dJ/db_k = p_k − y*_k, dJ/dβ_kj = dJ/db_k z_j, dJ/da_j = Σ_k dJ/db_k β_kj · z_j(1 − z_j), dJ/dα_ji = dJ/da_j x_i
    const dJdb = probs.map((pk, k) => pk - target[k]);
    const dJda = z.map((zj, j) => dJdb.reduce((s, d, k) => s + d * beta[k][j], 0) * zj * (1 - zj));

    const prepared = prepareReverse(net.loss, net.parameters);
    const { result, timing } = measure(() => prepared.at(net.point), { budgetMs: 1500, minSamples: 3 });
    expect(Math.abs(result.value - J) / J).toBeLessThan(1e-12);
    let worst = 0;
    const rel = (got: number, want: number) => (got === want ? 0 : Math.abs(got - want) / Math.abs(want));
    for (let j = 0; j < 100; j++) for (let i = 0; i < 784; i++) worst = Math.max(worst, rel(result.gradient[`a1_${j + 1}_${i + 1}`], dJda[j] * x[i]));
    for (let k = 0; k < 10; k++) for (let j = 0; j < 100; j++) worst = Math.max(worst, rel(result.gradient[`b_${k + 1}_${j + 1}`], dJdb[k] * z[j]));
    expect(worst).toBeLessThan(1e-10);

    // The cheap gradient principle: the gradient costs a small constant times f (typically 2–4;
    // the bound is loose because this machine's other processes disturb timings).
    const valueOf = (name: string) => net.point.get(name) as number;
    const f = measure(() => prepared.tape.forward(numberAlgebra, valueOf, false), { budgetMs: 1000, minSamples: 3 });
    expect(timing.minMs / f.timing.minMs).toBeLessThan(10);
  });
});
