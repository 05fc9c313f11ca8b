// The network harness's networks at tensor level equal hand-written backpropagation
// (src/bench/handwritten.ts, derived on paper) at every size: the lecture's, random small ones,
// and MNIST sizes (784-100-10, 784-256-128-10).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import "../support/fast-check-seed.js";
import { networkHandWritten } from "../../src/bench/handwritten.js";
import { prepareTensorGradient } from "../../src/diff/tensor-level.js";
import { buildNetwork } from "../../src/harness/network.js";
import { networkProgramText } from "../../src/harness/network-typed.js";
import type { MethodName } from "../../src/diff/types.js";
import { elementNames } from "../../src/typed/lower.js";
import { parseTyped } from "../../src/typed/parse.js";

/** The largest deviation of the tensor-level gradient from the hand-written one, relative to the largest partial. */
function deviationFromHandWritten(widths: readonly number[], seed: number, method: MethodName): number {
  const net = buildNetwork({ widths, seed });
  const program = parseTyped(networkProgramText(net.spec));
  const inputs = new Map([...program.shapes].map(([name, shape]) => [name, Float64Array.from(elementNames(name, shape), (e) => net.point.get(e) as number)]));
  const parameters = new Set(net.parameters);
  const wrt = [...program.shapes].filter(([name, shape]) => parameters.has(elementNames(name, shape)[0])).map(([name]) => name);
  const got = prepareTensorGradient(program, { wrt, method }).gradient(inputs);
  const ours = new Map<string, number>();
  wrt.forEach((name, i) => elementNames(name, program.shapes.get(name) as never).forEach((e, k) => ours.set(e, got.gradients[i][k])));
  const hand = networkHandWritten(net);
  const results = new Float64Array(net.parameters.length + 1);
  hand.gradient(Float64Array.from(net.parameters, (p) => net.point.get(p) as number), results);
  expect(got.value).toBeCloseTo(results[0], 12);
  let worst = 0;
  let scale = 0;
  net.parameters.forEach((p, k) => {
    worst = Math.max(worst, Math.abs((ours.get(p) as number) - results[k + 1]));
    scale = Math.max(scale, Math.abs(results[k + 1]));
  });
  return worst / scale;
}

describe("tensor-level gradients of the harness's networks equal hand-written backprop", () => {
  it("the lecture's networks (logistic regression 4-1, nn1 3-4-1, Quiz 2's 3-4-3-1), all three tensor-level methods", () => {
    for (const widths of [[4, 1], [3, 4, 1], [3, 4, 3, 1]]) {
      for (const method of ["reverse", "forward", "symbolic"] as const) expect(deviationFromHandWritten(widths, 1, method), `${widths} ${method}`).toBeLessThan(1e-12);
    }
  });

  it("random widths (1–3 hidden layers, one sigmoid output or a softmax) and seeds, reverse and symbolic", () => {
    const widths = fc.tuple(fc.integer({ min: 1, max: 6 }), fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 4 }));
    fc.assert(fc.property(widths, fc.integer({ min: 1, max: 1000 }), ([input, hidden, output], seed) => {
      for (const method of ["reverse", "symbolic"] as const) expect(deviationFromHandWritten([input, ...hidden, output], seed, method)).toBeLessThan(1e-12);
    }), { numRuns: 200 });
  });

  it("MNIST sizes: 784-100-10 and 784-256-128-10 by reverse mode", () => {
    expect(deviationFromHandWritten([784, 100, 10], 1, "reverse")).toBeLessThan(1e-12);
    expect(deviationFromHandWritten([784, 256, 128, 10], 2, "reverse")).toBeLessThan(1e-12);
  });
});

describe("a minibatch: inputs as the B columns of X", () => {
  /** Entries of each program variable for example k of the batch, from the single-example networks drawn with seeds 1..B. */
  function batchGradient(widths: readonly number[], batch: number, options: { loss?: "cross-entropy" | "quadratic"; biases?: boolean } = {}) {
    const nets = Array.from({ length: batch }, (_, k) => buildNetwork({ widths, seed: k + 1, ...options }));
    const single = parseTyped(networkProgramText(nets[0].spec));
    const program = parseTyped(networkProgramText(nets[0].spec, batch));
    const first = nets[0];
    const entriesOf = (net: typeof first, name: string) => elementNames(name, single.shapes.get(name) as never).map((e) => net.point.get(e) as number);
    const inputs = new Map<string, Float64Array>();
    const weights = [...single.shapes.keys()].filter((n) => n !== "x" && n !== "ystar");
    // every example uses the first network's weights, its own input and target
    for (const name of weights) inputs.set(name, Float64Array.from(entriesOf(first, name)));
    const column = (name: string) => nets.map((net) => entriesOf(net, name));
    const asMatrix = (columns: number[][]) => Float64Array.from({ length: columns[0].length * batch }, (_, i) => columns[i % batch][Math.floor(i / batch)]);
    inputs.set("X", asMatrix(column("x")));
    inputs.set("ystar", asMatrix(column("ystar")));
    const batched = prepareTensorGradient(program, { wrt: weights }).gradient(inputs);
    // the same weights, one example at a time
    const total = weights.map((name) => new Float64Array(inputs.get(name)?.length ?? 0));
    let value = 0;
    nets.forEach((net) => {
      const one = new Map(weights.map((name) => [name, inputs.get(name) as Float64Array]));
      one.set("x", Float64Array.from(entriesOf(net, "x")));
      one.set("ystar", Float64Array.from(entriesOf(net, "ystar")));
      const g = prepareTensorGradient(single, { wrt: weights }).gradient(one);
      value += g.value;
      g.gradients.forEach((gi, i) => gi.forEach((v, k) => { total[i][k] += v; }));
    });
    return { batched, value, total };
  }

  it("J and its gradient are the sums over the examples (softmax and sigmoid outputs, both losses, biases)", () => {
    for (const [widths, options] of [[[5, 4, 3], {}], [[3, 4, 3, 1], {}], [[3, 4, 2], { loss: "quadratic" as const }], [[3, 4, 1], { biases: true }]] as const) {
      const { batched, value, total } = batchGradient(widths, 4, options);
      expect(batched.value).toBeCloseTo(value, 12);
      batched.gradients.forEach((g, i) => g.forEach((v, k) => expect(Math.abs(v - total[i][k])).toBeLessThan(1e-12)));
    }
  });
});

describe("networkValues", () => {
  it("its tensors hold the point's values under the typed program's names, row-major, for random widths, biases and seeds", () => {
    const widths = fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 2, maxLength: 4 });
    fc.assert(fc.property(widths, fc.boolean(), fc.integer({ min: 1, max: 500 }), (w, biases, seed) => {
      const net = buildNetwork({ widths: w, biases, seed });
      const program = parseTyped(networkProgramText(net.spec));
      expect([...net.tensors.keys()].sort()).toEqual([...program.shapes.keys()].sort());
      for (const [name, shape] of program.shapes) {
        expect(Array.from(net.tensors.get(name) as Float64Array), name).toEqual(elementNames(name, shape).map((e) => net.point.get(e)));
      }
    }), { numRuns: 300 });
  });
});
