// The lecture's activation functions. mathjs knows none of them.
import { latexFunction, unaryFunction, alwaysExactZero } from "./define.js";
import type { OpSpec } from "./types.js";

/** 1 / (1 + e^-x), computed without overflow for large |x|. */
function logistic(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const ex = Math.exp(x);
  return ex / (1 + ex);
}

export const sigmoid = unaryFunction({
  name: "sigmoid",
  family: "activation",
  description: "logistic sigmoid 1/(1+exp(-x)) (alias logistic)",
  latex: "\\sigma",
  eval: logistic,
  // d/dx sigmoid(x) = sigmoid(x) (1 - sigmoid(x))
  derivative: (A, _args, out) => A.mul(out, A.sub(A.num(1), out)),
  mathjs: false,
});

export const relu = unaryFunction({
  name: "relu", exactZero: alwaysExactZero,
  family: "activation",
  description: "rectified linear unit max(0, x)",
  latex: "\\operatorname{ReLU}",
  // max keeps NaN (as PyTorch and JAX): a NaN upstream must not become a clean 0
  eval: (x) => Math.max(0, x),
  // d/dx relu(x) = heaviside(x), with heaviside(0) = 0
  derivative: (A, [x]) => A.call("heaviside", [x]),
  domain: (x) => x !== 0,
  nonDifferentiableAt: (x) => x === 0,
  kinkConvention: "relu'(0) = 0 (as PyTorch and JAX)",
  mathjs: false,
});

export const heaviside = unaryFunction({
  name: "heaviside", exactZero: alwaysExactZero,
  family: "activation",
  description: "unit step: 1 for x > 0, else 0 (relu's derivative)",
  latex: "\\operatorname{H}",
  eval: (x) => (x > 0 ? 1 : x <= 0 ? 0 : NaN),
  derivative: (A) => A.num(0),
  domain: (x) => x !== 0,
  nonDifferentiableAt: (x) => x === 0,
  kinkConvention: "heaviside'(0) = 0 (the jump is ignored)",
  mathjs: false,
});

/**
 * heaviside(x, h): the unit step with its value at 0 given, as numpy.heaviside(x, h). With
 * h = 1/2 it is the derivative of max and min (src/ops/extrema.ts), whose gradient splits
 * evenly at a tie. Its zeros are exact wherever x is nonzero, as heaviside's are, so the branch
 * max does not take cuts an infinite derivative behind it (rule for 0 · ∞, exact-zero.ts).
 */
export const heavisideTie: OpSpec = {
  name: "heavisideTie",
  arity: 2,
  family: "activation",
  description: "unit step with its value at 0: heaviside(x, h) is 1 for x > 0, h at x = 0, 0 for x < 0 (as numpy.heaviside)",
  print: { kind: "function", name: "heaviside" },
  latex: latexFunction("\\operatorname{H}"),
  // NaN in either argument gives NaN (every op propagates NaN, unlike numpy for h away from 0)
  eval: ([x, h]) => (Number.isNaN(h) ? NaN : x > 0 ? 1 : x < 0 ? 0 : x === 0 ? h : NaN),
  partials: [
    // ∂/∂x = 0 off the jump; the jump at x = 0 gets 0 too
    (A) => A.num(0),
    // ∂/∂h = 1 at x = 0, else 0: heaviside(-|x|, 1)
    (A, [x]) => A.call("heavisideTie", [A.neg(A.call("abs", [x])), A.num(1)]),
  ],
  domain: ([x]) => x !== 0,
  nonDifferentiableAt: ([x]) => x === 0,
  kinkConvention: "∂/∂x heaviside(x, h) = 0 at x = 0 (the jump is ignored)",
  // 0 for x < 0 by definition; at x = 0 the value is h, exact when h is
  exactZero: ([, zh], [x]) => x !== 0 || zh,
  mathjs: false,
};

export const softplus = unaryFunction({
  name: "softplus",
  family: "activation",
  description: "smooth relu log(1 + exp(x))",
  latex: "\\operatorname{softplus}",
  // log1p keeps precision for very negative x; the split avoids exp overflow for large x.
  eval: (x) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x))),
  // d/dx softplus(x) = sigmoid(x)
  derivative: (A, [x]) => A.call("sigmoid", [x]),
  mathjs: false,
});

export const activationOps: readonly OpSpec[] = [sigmoid, relu, heaviside, heavisideTie, softplus];
