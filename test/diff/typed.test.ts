import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { typedGradient } from "../../src/index.js";
import { METHOD_NAMES } from "../../src/diff/types.js";

const sigma = (a: number) => 1 / (1 + Math.exp(-a));
const LOGREG = "x: R^4; theta: R^4; y = sigmoid(theta' * x); -(ystar*log(y) + (1 - ystar)*log(1 - y))";

describe("typedGradient (library)", () => {
  it("logistic regression (lecture case 1): ∂J/∂θ = (y − y*) x by every method, for random θ, x and y*", () => {
    const vector = fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 4, maxLength: 4 });
    fc.assert(
      fc.property(vector, vector, fc.constantFrom(0, 1), (theta, x, ystar) => {
        const y = sigma(theta.reduce((s, t, i) => s + t * x[i], 0));
        for (const method of METHOD_NAMES) {
          const { gradient } = typedGradient(LOGREG, { theta, x, ystar }, { method, wrt: ["theta"] });
          const g = gradient.get("theta") as number[];
          const tolerance = method === "finite-difference" ? 1e-7 : 1e-12;
          g.forEach((gi, i) => expect(Math.abs(gi - (y - ystar) * x[i]), `${method} θ_${i + 1}`).toBeLessThan(tolerance * (1 + Math.abs(x[i]))));
        }
      }),
      { numRuns: 100, seed: 21 },
    );
  });

  it("a matrix variable's gradient is a matrix (rows as inner arrays), a scalar's a number", () => {
    const { gradient, value } = typedGradient("W: R^(2x3); x: R^3; s: R; s * sum(W * x)", { W: [[1, 2, 3], [4, 5, 6]], x: [1, -1, 2], s: 2 });
    // ∂/∂W_ij s Σ_i (W x)_i = s x_j for every row; ∂/∂s = Σ (W x) = (1-2+6) + (4-5+12)
    expect(gradient.get("W")).toEqual([[2, -2, 4], [2, -2, 4]]);
    expect(gradient.get("s")).toBe(16);
    expect(value).toBe(32);
  });

  it("refuses a vector-valued program and an unknown --wrt with a RangeError", () => {
    expect(() => typedGradient("x: R^2; x .* x", { x: [1, 2] })).toThrow(/needs a scalar-valued expression; this one is a vector of 2/);
    expect(() => typedGradient("x: R^2; sum(x)", { x: [1, 2] }, { wrt: ["q"] })).toThrow(/q is not a variable/);
  });
});
