// exp, logarithms, roots, abs and sign.
import { latexFunction, unaryFunction, zeroFromZero, alwaysExactZero } from "./define.js";
import type { OpSpec } from "./types.js";

const positive = (x: number) => x > 0;

export const exp = unaryFunction({
  name: "exp",
  family: "exponential",
  description: "e^x",
  latex: ([x]) => `e^{${x === "T" ? "{T}" : x}}`, // e^{T} would read as a transpose
  eval: Math.exp,
  // d/dx exp(x) = exp(x)
  derivative: (_A, _args, out) => out,
});

export const log = unaryFunction({
  name: "log",
  family: "exponential",
  description: "natural logarithm (alias ln)",
  latex: "\\ln",
  eval: Math.log,
  // d/dx log(x) = 1/x
  derivative: (A, [x]) => A.div(A.num(1), x),
  domain: positive,
});

/** log(x, base): printed as log with two arguments, as mathjs reads it. */
export const logBase: OpSpec = {
  name: "logBase",
  arity: 2,
  family: "exponential",
  description: "logarithm of x to a base: log(x, base)",
  print: { kind: "function", name: "log" },
  latex: ([x, b]) => `\\log\\left(${x}, ${b}\\right)`, // \log_{10} and \log_{2} are log10 and log2
  eval: ([x, b]) => Math.log(x) / Math.log(b),
  partials: [
    // d/dx log_b(x) = 1 / (x log(b))
    (A, [x, b]) => A.div(A.num(1), A.mul(x, A.call("log", [b]))),
    // d/db log_b(x) = -log_b(x) / (b log(b))
    (A, [, b], out) => A.neg(A.div(out, A.mul(b, A.call("log", [b])))),
  ],
  domain: ([x, b]) => x > 0 && b > 0 && b !== 1,
  mathjs: true,
};

export const log10 = unaryFunction({
  name: "log10",
  family: "exponential",
  description: "logarithm base 10",
  latex: "\\log_{10}",
  eval: Math.log10,
  // d/dx log10(x) = 1 / (x log(10))
  derivative: (A, [x]) => A.div(A.num(1), A.mul(x, A.call("log", [A.num(10)]))),
  domain: positive,
});

export const log2 = unaryFunction({
  name: "log2",
  family: "exponential",
  description: "logarithm base 2",
  latex: "\\log_{2}",
  eval: Math.log2,
  // d/dx log2(x) = 1 / (x log(2))
  derivative: (A, [x]) => A.div(A.num(1), A.mul(x, A.call("log", [A.num(2)]))),
  domain: positive,
});

export const sqrt = unaryFunction({
  name: "sqrt", exactZero: zeroFromZero,
  family: "exponential",
  description: "square root",
  latex: ([x]) => `\\sqrt{${x}}`,
  eval: Math.sqrt,
  // d/dx sqrt(x) = 1 / (2 sqrt(x))
  derivative: (A, _args, out) => A.div(A.num(1), A.mul(A.num(2), out)),
  domain: positive,
  nonDifferentiableAt: (x) => x === 0,
  kinkConvention: "sqrt'(0) = +Infinity (the one-sided limit)",
});

export const cbrt = unaryFunction({
  name: "cbrt", exactZero: zeroFromZero,
  family: "exponential",
  description: "cube root (real, also for negative x)",
  latex: ([x]) => `\\sqrt[3]{${x}}`,
  eval: Math.cbrt,
  // d/dx cbrt(x) = 1 / (3 cbrt(x)^2)
  derivative: (A, _args, out) => A.div(A.num(1), A.mul(A.num(3), A.pow(out, A.num(2)))),
  domain: (x) => x !== 0,
  nonDifferentiableAt: (x) => x === 0,
  kinkConvention: "cbrt'(0) = +Infinity (vertical tangent)",
});

const isOddInteger = (n: number) => Number.isInteger(n) && Math.abs(n % 2) === 1;

/** Real n-th root; for odd integer n also of negative x, as mathjs's nthRoot. */
function realNthRoot(x: number, n: number): number {
  // NaN^(1/±∞) would be NaN^0 = 1: an undefined radicand stays undefined.
  if (Number.isNaN(x)) return NaN;
  if (x < 0 && isOddInteger(n)) return -Math.pow(-x, 1 / n);
  return Math.pow(x, 1 / n);
}

export const nthRoot: OpSpec = {
  name: "nthRoot",
  arity: 2,
  family: "exponential",
  description: "n-th root: nthRoot(x, n)",
  print: { kind: "function", name: "nthRoot" },
  // The index in braces: \sqrt[3]{x} is cbrt, and a bracket inside the index (\sqrt[\sqrt[3]{a}]{x}) would end it.
  latex: ([x, n]) => `\\sqrt[{${n}}]{${x}}`,
  eval: ([x, n]) => realNthRoot(x, n),
  partials: [
    // d/dx x^(1/n) = 1 / (n * root^(n-1))
    (A, [, n], out) => A.div(A.num(1), A.mul(n, A.pow(out, A.sub(n, A.num(1))))),
    // d/dn x^(1/n) = -root * log(x) / n^2
    (A, [x, n], out) => A.neg(A.div(A.mul(out, A.call("log", [x])), A.pow(n, A.num(2)))),
  ],
  exactZero: ([zx], [, n]) => zx && n > 0,
  // Negative x only with odd integer n (as pow's negative bases with integer exponents).
  domain: ([x, n]) => n !== 0 && (x > 0 || (x < 0 && isOddInteger(n))),
  mathjs: true,
};

export const abs = unaryFunction({
  name: "abs", exactZero: zeroFromZero,
  family: "exponential",
  description: "absolute value",
  latex: ([x]) => `\\left|${x}\\right|`,
  eval: Math.abs,
  // d/dx |x| = sign(x); sign(0) = 0 gives the convention
  derivative: (A, [x]) => A.call("sign", [x]),
  domain: (x) => x !== 0,
  nonDifferentiableAt: (x) => x === 0,
  kinkConvention: "abs'(0) = 0 (as PyTorch and JAX)",
});

export const sign = unaryFunction({
  name: "sign", exactZero: alwaysExactZero,
  family: "exponential",
  description: "sign of x: -1, 0 or 1",
  latex: latexFunction("\\operatorname{sgn}"),
  eval: Math.sign,
  // zero wherever it is differentiable; the jump at 0 gets 0 too
  derivative: (A) => A.num(0),
  domain: (x) => x !== 0,
  nonDifferentiableAt: (x) => x === 0,
  kinkConvention: "sign'(0) = 0 (the jump is ignored)",
});

export const exponentialOps: readonly OpSpec[] = [
  exp, log, logBase, log10, log2, sqrt, cbrt, nthRoot, abs, sign,
];
