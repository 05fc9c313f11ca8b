// Circular functions and their inverses (mathjs's conventions for sec/csc/cot and inverses).
import { unaryFunction, zeroFromZero } from "./define.js";
import type { Algebra, OpSpec } from "./types.js";

const one = <T>(A: Algebra<T>) => A.num(1);
const square = <T>(A: Algebra<T>, x: T) => A.pow(x, A.num(2));
const cosNonZero = (x: number) => Math.cos(x) !== 0;
const sinNonZero = (x: number) => Math.sin(x) !== 0;

export const sin = unaryFunction({
  name: "sin", exactZero: zeroFromZero, family: "trigonometric", description: "sine", latex: "\\sin",
  eval: Math.sin,
  // d/dx sin(x) = cos(x)
  derivative: (A, [x]) => A.call("cos", [x]),
});

export const cos = unaryFunction({
  name: "cos", family: "trigonometric", description: "cosine", latex: "\\cos",
  eval: Math.cos,
  // d/dx cos(x) = -sin(x)
  derivative: (A, [x]) => A.neg(A.call("sin", [x])),
});

export const tan = unaryFunction({
  name: "tan", exactZero: zeroFromZero, family: "trigonometric", description: "tangent", latex: "\\tan",
  eval: Math.tan,
  // d/dx tan(x) = 1 + tan(x)^2
  derivative: (A, _args, out) => A.add(one(A), square(A, out)),
  domain: cosNonZero,
});

export const sec = unaryFunction({
  name: "sec", family: "trigonometric", description: "secant 1/cos(x)", latex: "\\sec",
  eval: (x) => 1 / Math.cos(x),
  // d/dx sec(x) = sec(x) tan(x)
  derivative: (A, [x], out) => A.mul(out, A.call("tan", [x])),
  domain: cosNonZero,
});

export const csc = unaryFunction({
  name: "csc", family: "trigonometric", description: "cosecant 1/sin(x)", latex: "\\csc",
  eval: (x) => 1 / Math.sin(x),
  // d/dx csc(x) = -csc(x) cot(x)
  derivative: (A, [x], out) => A.neg(A.mul(out, A.call("cot", [x]))),
  domain: sinNonZero,
});

export const cot = unaryFunction({
  name: "cot", family: "trigonometric", description: "cotangent 1/tan(x)", latex: "\\cot",
  eval: (x) => 1 / Math.tan(x),
  // d/dx cot(x) = -(1 + cot(x)^2)
  derivative: (A, _args, out) => A.neg(A.add(one(A), square(A, out))),
  domain: sinNonZero,
});

export const asin = unaryFunction({
  name: "asin", exactZero: zeroFromZero, family: "trigonometric", description: "inverse sine", latex: "\\arcsin",
  eval: Math.asin,
  // d/dx asin(x) = 1 / sqrt(1 - x^2)
  derivative: (A, [x]) => A.div(one(A), A.call("sqrt", [A.sub(one(A), square(A, x))])),
  domain: (x) => Math.abs(x) < 1,
});

export const acos = unaryFunction({
  name: "acos", family: "trigonometric", description: "inverse cosine", latex: "\\arccos",
  eval: Math.acos,
  // d/dx acos(x) = -1 / sqrt(1 - x^2)
  derivative: (A, [x]) => A.neg(A.div(one(A), A.call("sqrt", [A.sub(one(A), square(A, x))]))),
  domain: (x) => Math.abs(x) < 1,
});

export const atan = unaryFunction({
  name: "atan", exactZero: zeroFromZero, family: "trigonometric", description: "inverse tangent", latex: "\\arctan",
  eval: Math.atan,
  // d/dx atan(x) = 1 / (1 + x^2)
  derivative: (A, [x]) => A.div(one(A), A.add(one(A), square(A, x))),
});

export const asec = unaryFunction({
  name: "asec", family: "trigonometric", description: "inverse secant acos(1/x)",
  latex: "\\operatorname{arcsec}",
  eval: (x) => Math.acos(1 / x),
  // d/dx asec(x) = 1 / (|x| sqrt(x^2 - 1))
  derivative: (A, [x]) =>
    A.div(one(A), A.mul(A.call("abs", [x]), A.call("sqrt", [A.sub(square(A, x), one(A))]))),
  domain: (x) => Math.abs(x) > 1,
});

export const acsc = unaryFunction({
  name: "acsc", family: "trigonometric", description: "inverse cosecant asin(1/x)",
  latex: "\\operatorname{arccsc}",
  eval: (x) => Math.asin(1 / x),
  // d/dx acsc(x) = -1 / (|x| sqrt(x^2 - 1))
  derivative: (A, [x]) =>
    A.neg(A.div(one(A), A.mul(A.call("abs", [x]), A.call("sqrt", [A.sub(square(A, x), one(A))])))),
  domain: (x) => Math.abs(x) > 1,
});

export const acot = unaryFunction({
  name: "acot", family: "trigonometric", description: "inverse cotangent atan(1/x)",
  latex: "\\operatorname{arccot}",
  eval: (x) => Math.atan(1 / x),
  // d/dx acot(x) = -1 / (1 + x^2)
  derivative: (A, [x]) => A.neg(A.div(one(A), A.add(one(A), square(A, x)))),
  domain: (x) => x !== 0,
});

export const trigonometricOps: readonly OpSpec[] = [
  sin, cos, tan, sec, csc, cot, asin, acos, atan, asec, acsc, acot,
];
