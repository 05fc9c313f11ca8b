// The hand-written gradients the benchmark holds generated code to are right: Quiz 1 gives the
// lecture's partials, and hand-coded backpropagation agrees with reverse mode on networks with
// a sigmoid output and with a softmax output.
import { describe, expect, it } from "vitest";
import { networkHandWritten, quiz1HandWritten } from "../../src/bench/handwritten.js";
import { summarize } from "../../src/bench/run.js";
import type { BenchRow } from "../../src/bench/methods.js";
import { prepareCompiledReverse } from "../../src/compile/reverse.js";
import { prepareReverse } from "../../src/diff/reverse/differentiator.js";
import { evaluate } from "../../src/eval/evaluate.js";
import { buildNetwork } from "../../src/harness/network.js";

describe("hand-written gradients", () => {
  it("Quiz 1: dy/dx = 1208.36656055419, dy/dz = 809.739809413939 at x=2, z=3 (lecture)", () => {
    const results = new Float64Array(3);
    quiz1HandWritten.gradient(new Float64Array([2, 3]), results);
    expect(Math.abs(results[1] / 1208.36656055419 - 1)).toBeLessThan(1e-12);
    expect(Math.abs(results[2] / 809.739809413939 - 1)).toBeLessThan(1e-12);
    expect(quiz1HandWritten.value(new Float64Array([2, 3]))).toBeCloseTo(results[0], 12);
  });

  for (const widths of [[3, 4, 3, 1], [5, 6, 4], [2, 3]]) {
    it(`network ${widths.join("-")}: backpropagation by hand equals reverse mode (1e-12 normwise)`, () => {
      const net = buildNetwork({ widths, seed: 7 });
      const written = networkHandWritten(net);
      const params = Float64Array.from(net.parameters, (p) => net.point.get(p) as number);
      const results = new Float64Array(params.length + 1);
      written.gradient(params, results);
      const reference = prepareReverse(net.loss, net.parameters).at(net.point);
      const scale = Math.max(...net.parameters.map((p) => Math.abs(reference.gradient[p])));
      const worst = Math.max(...net.parameters.map((p, i) => Math.abs(results[i + 1] - reference.gradient[p])));
      expect(worst / scale).toBeLessThan(1e-12);
      expect(Math.abs(results[0] - evaluate(net.loss, net.point))).toBeLessThan(1e-12 * Math.abs(reference.value));
      expect(written.value(params)).toBe(results[0]);
    });
  }

  // Two hidden layers and a softmax output, as nn 784-256-128-10 (whose compiled gradient takes
  // about 20 s to set up: too slow for a test), against the compiled reverse kernel.
  it("network 40-16-8-10: backpropagation by hand equals compiled reverse mode (1e-12 normwise)", () => {
    const net = buildNetwork({ widths: [40, 16, 8, 10], seed: 3 });
    const params = Float64Array.from(net.parameters, (p) => net.point.get(p) as number);
    const results = new Float64Array(params.length + 1);
    networkHandWritten(net).gradient(params, results);
    const compiled = prepareCompiledReverse(net.loss, net.parameters);
    expect(compiled.path).toBe("compiled");
    const reference = compiled.at(net.point);
    const scale = Math.max(...net.parameters.map((p) => Math.abs(reference.gradient[p])));
    const worst = Math.max(...net.parameters.map((p, i) => Math.abs(results[i + 1] - reference.gradient[p])));
    expect(params.length).toBe(40 * 16 + 16 * 8 + 8 * 10);
    expect(worst / scale).toBeLessThan(1e-12);
    expect(Math.abs(results[0] - reference.value)).toBeLessThan(1e-12 * Math.abs(reference.value));
  });
});

describe("the benchmark's summary", () => {
  const row = (method: string, c: string, gradientSeconds: number, functionSeconds: number): BenchRow => ({
    case: c, method, gradientSeconds, functionSeconds, ratio: gradientSeconds / functionSeconds,
  });

  it("reports a missed target as MISSED and a met one as met", () => {
    const lines = summarize([
      row("reverse (compiled)", "nn 784-100-10", 3.5, 1),
      row("reverse (compiled)", "quiz1", 1.5e-7, 1e-7),
      row("hand-written JS", "quiz1", 1e-7, 0.5e-7),
    ]);
    expect(lines.find((l) => l.includes("784"))).toMatch(/3\.50× of compiled f — MISSED/);
    expect(lines.find((l) => l.includes("Quiz-1"))).toMatch(/1\.50× — met/);
  });

  it("issue 14's targets: reverse (tensor) is compared when present, else reverse (compiled); set-up and peak RSS", () => {
    const rows = [
      row("reverse (compiled)", "nn 784-100-10", 8e-3, 4e-3),
      row("hand-written JS", "nn 784-100-10", 2e-4, 1e-4),
      { ...row("reverse (compiled)", "nn 784-256-128-10", 50e-3, 20e-3), setupSeconds: 20 },
      { ...row("reverse (tensor)", "nn 784-256-128-10", 0.9e-3, 0.4e-3), setupSeconds: 0.04, path: "tensor" as const },
      row("hand-written JS", "nn 784-256-128-10", 0.5e-3, 0.2e-3),
    ];
    const cases = [{ name: "nn 784-256-128-10", description: "", buildSeconds: 0.03, peakRssMB: 250, peakRssOf: "reverse (tensor)" }];
    const lines = summarize(rows, cases);
    expect(lines.find((l) => l.includes("≤ 1.5×"))).toMatch(/on nn 784-100-10: reverse \(compiled\) 40\.00× .* — MISSED$/);
    expect(lines.find((l) => l.includes("≤ 2×"))).toMatch(/on nn 784-256-128-10: reverse \(tensor\) 1\.80× .* — met$/);
    // the tensor row's set-up starts from the program text: the scalar case build (30 ms) is not added
    expect(lines.find((l) => l.includes("set-up"))).toMatch(/reverse \(tensor\) 40\.0 ms — met$/);
    const scalar = summarize(rows.filter((r) => r.method !== "reverse (tensor)"), cases).find((l) => l.includes("set-up"));
    expect(scalar).toMatch(/reverse \(compiled\) 20\.0 s \(scalar f 30\.0 ms, then 20\.0 s\) — MISSED$/);
    expect(lines.find((l) => l.includes("peak RSS"))).toMatch(/250 MB — MISSED$/);
  });
});
