// Hyperbolic functions and their inverses.
import { unaryFunction, zeroFromZero } from "./define.js";
import type { Algebra, OpSpec } from "./types.js";

const one = <T>(A: Algebra<T>) => A.num(1);
const square = <T>(A: Algebra<T>, x: T) => A.pow(x, A.num(2));
const nonZero = (x: number) => x !== 0;

export const sinh = unaryFunction({
  name: "sinh", exactZero: zeroFromZero, family: "hyperbolic", description: "hyperbolic sine", latex: "\\sinh",
  eval: Math.sinh,
  // d/dx sinh(x) = cosh(x)
  derivative: (A, [x]) => A.call("cosh", [x]),
});

export const cosh = unaryFunction({
  name: "cosh", family: "hyperbolic", description: "hyperbolic cosine", latex: "\\cosh",
  eval: Math.cosh,
  // d/dx cosh(x) = sinh(x)
  derivative: (A, [x]) => A.call("sinh", [x]),
});

export const tanh = unaryFunction({
  name: "tanh", exactZero: zeroFromZero, family: "hyperbolic", description: "hyperbolic tangent", latex: "\\tanh",
  eval: Math.tanh,
  // d/dx tanh(x) = 1 - tanh(x)^2
  derivative: (A, _args, out) => A.sub(one(A), square(A, out)),
});

export const sech = unaryFunction({
  name: "sech", family: "hyperbolic", description: "hyperbolic secant 1/cosh(x)",
  latex: "\\operatorname{sech}",
  eval: (x) => 1 / Math.cosh(x),
  // d/dx sech(x) = -sech(x) tanh(x)
  derivative: (A, [x], out) => A.neg(A.mul(out, A.call("tanh", [x]))),
});

export const csch = unaryFunction({
  name: "csch", family: "hyperbolic", description: "hyperbolic cosecant 1/sinh(x)",
  latex: "\\operatorname{csch}",
  eval: (x) => 1 / Math.sinh(x),
  // d/dx csch(x) = -csch(x) coth(x)
  derivative: (A, [x], out) => A.neg(A.mul(out, A.call("coth", [x]))),
  domain: nonZero,
});

export const coth = unaryFunction({
  name: "coth", family: "hyperbolic", description: "hyperbolic cotangent 1/tanh(x)",
  latex: "\\coth",
  eval: (x) => 1 / Math.tanh(x),
  // d/dx coth(x) = 1 - coth(x)^2
  derivative: (A, _args, out) => A.sub(one(A), square(A, out)),
  domain: nonZero,
});

export const asinh = unaryFunction({
  name: "asinh", exactZero: zeroFromZero, family: "hyperbolic", description: "inverse hyperbolic sine",
  latex: "\\operatorname{arsinh}",
  eval: Math.asinh,
  // d/dx asinh(x) = 1 / sqrt(x^2 + 1)
  derivative: (A, [x]) => A.div(one(A), A.call("sqrt", [A.add(square(A, x), one(A))])),
});

export const acosh = unaryFunction({
  name: "acosh", family: "hyperbolic", description: "inverse hyperbolic cosine",
  latex: "\\operatorname{arcosh}",
  eval: Math.acosh,
  // d/dx acosh(x) = 1 / sqrt(x^2 - 1)
  derivative: (A, [x]) => A.div(one(A), A.call("sqrt", [A.sub(square(A, x), one(A))])),
  domain: (x) => x > 1,
});

export const atanh = unaryFunction({
  name: "atanh", exactZero: zeroFromZero, family: "hyperbolic", description: "inverse hyperbolic tangent",
  latex: "\\operatorname{artanh}",
  eval: Math.atanh,
  // d/dx atanh(x) = 1 / (1 - x^2)
  derivative: (A, [x]) => A.div(one(A), A.sub(one(A), square(A, x))),
  domain: (x) => Math.abs(x) < 1,
});

export const hyperbolicOps: readonly OpSpec[] = [
  sinh, cosh, tanh, sech, csch, coth, asinh, acosh, atanh,
];
