// Finite differences at tensor level: each entry perturbed by the scalar method's step search,
// on typed programs run without lowering. Checked against reverse mode at tensor level (exact)
// and against each partial's own error estimate, as JAX's check_grads and PyTorch's gradcheck
// check a gradient against differences.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import "../support/fast-check-seed.js";
import { prepareTensorGradient } from "../../src/diff/tensor-level.js";
import { parseTyped } from "../../src/typed/parse.js";
import { sizeOf } from "../../src/typed/shape.js";
import { mulberry32, uniform } from "../../src/util/prng.js";

const PROGRAMS = [
  // Quiz 2, as the lecture writes it
  "x: R^3; alpha1: R^(3x4); alpha2: R^(4x3); beta: R^3; sigmoid(beta' * sigmoid(alpha2' * sigmoid(alpha1' * x)))",
  // least squares, a softmax cross-entropy, a norm and a dot product
  "A: R^(4x3); x: R^3; b: R^4; 0.5 * norm2(A * x - b)^2",
  "W: R^(3x5); x: R^5; t: R^3; u = exp(W * x); -sum(t .* log(u ./ sum(u)))",
  "a: R^4; b: R^4; dot(tanh(a), b) + sum(a .* a) / 7",
];

describe("tensor-level finite differences", () => {
  it.each(PROGRAMS)("agree with reverse mode within gradcheck's tolerance and mostly within their own error estimate: %s", (text) => {
    const program = parseTyped(text);
    fc.assert(fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
      const random = mulberry32(seed);
      const inputs = new Map([...program.shapes].map(([name, shape]) => [name, Float64Array.from({ length: sizeOf(shape) }, () => uniform(random, -1, 1))]));
      const exact = prepareTensorGradient(program, { method: "reverse" }).gradient(inputs);
      const exactCopy = exact.gradients.map((g) => Float64Array.from(g));
      const fd = prepareTensorGradient(program, { method: "finite-difference" }).gradient(inputs);
      expect(fd.value).toBe(exact.value);
      let within = 0;
      let total = 0;
      fd.gradients.forEach((g, i) => g.forEach((v, k) => {
        const ref = exactCopy[i][k];
        expect(Math.abs(v - ref)).toBeLessThanOrEqual(1e-5 + 1e-3 * Math.abs(ref)); // torch.autograd.gradcheck's float64 defaults
        total++;
        if (Math.abs(v - ref) <= (fd.errorEstimates as Float64Array[])[i][k]) within++;
      }));
      expect(within / total).toBeGreaterThanOrEqual(0.9);
      // the inputs are left as they were given
      expect(prepareTensorGradient(program, { method: "reverse" }).gradient(inputs).value).toBe(exact.value);
    }), { numRuns: 20 });
  });
});
