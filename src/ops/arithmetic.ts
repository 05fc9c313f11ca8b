// + - * / unary minus and powers, and the constants pi and e.
import { zeroFromZero } from "./define.js";
import type { OpSpec } from "./types.js";

/** Operator precedence used by the printer and mirrored by the grammar's levels. */
export const PRECEDENCE = { sum: 1, product: 2, unary: 3, power: 4, atom: 5 } as const;

export const add: OpSpec = {
  name: "add",
  arity: 2,
  family: "arithmetic",
  description: "a + b",
  print: { kind: "infix", symbol: "+", prec: PRECEDENCE.sum, assoc: "left" },
  latex: ([a, b]) => `${a} + ${b}`,
  eval: ([a, b]) => a + b,
  // d(a+b)/da = 1, d(a+b)/db = 1
  partials: [(A) => A.num(1), (A) => A.num(1)],
  // A sum is an exact zero only when both terms are: a sum that cancels may be rounding.
  exactZero: ([za, zb]) => za && zb,
  mathjs: true,
};

export const sub: OpSpec = {
  name: "sub",
  arity: 2,
  family: "arithmetic",
  description: "a - b",
  print: { kind: "infix", symbol: "-", prec: PRECEDENCE.sum, assoc: "left" },
  latex: ([a, b]) => `${a} - ${b}`,
  eval: ([a, b]) => a - b,
  partials: [(A) => A.num(1), (A) => A.num(-1)],
  exactZero: ([za, zb]) => za && zb,
  sameArgumentsConstant: true,
  mathjs: true,
};

export const mul: OpSpec = {
  name: "mul",
  arity: 2,
  family: "arithmetic",
  description: "a * b",
  print: { kind: "infix", symbol: "*", prec: PRECEDENCE.product, assoc: "left" },
  latex: ([a, b]) => `${a} \\cdot ${b}`,
  eval: ([a, b]) => a * b,
  // d(ab)/da = b, d(ab)/db = a
  partials: [(_A, [, b]) => b, (_A, [a]) => a],
  exactZero: ([za, zb]) => za || zb,
  mathjs: true,
};

export const div: OpSpec = {
  name: "div",
  arity: 2,
  family: "arithmetic",
  description: "a / b",
  print: { kind: "infix", symbol: "/", prec: PRECEDENCE.product, assoc: "left" },
  latex: ([a, b]) => `\\frac{${a}}{${b}}`,
  eval: ([a, b]) => a / b,
  // d(a/b)/da = 1/b, d(a/b)/db = -(a/b)/b
  partials: [(A, [, b]) => A.div(A.num(1), b), (A, [, b], out) => A.neg(A.div(out, b))],
  domain: ([, b]) => b !== 0,
  exactZero: ([za], [, b]) => za && b !== 0,
  sameArgumentsConstant: true,
  mathjs: true,
};

export const neg: OpSpec = {
  name: "neg",
  arity: 1,
  family: "arithmetic",
  description: "-a",
  print: { kind: "prefix", symbol: "-", prec: PRECEDENCE.unary },
  latex: ([a]) => `-${a}`,
  eval: ([a]) => -a,
  partials: [(A) => A.num(-1)],
  exactZero: zeroFromZero,
  mathjs: true,
};

export const pow: OpSpec = {
  name: "pow",
  arity: 2,
  family: "arithmetic",
  description: "a ^ b (also a ** b, pow(a, b))",
  print: { kind: "infix", symbol: "^", prec: PRECEDENCE.power, assoc: "right" },
  latex: ([a, b]) => `${a}^{${b}}`,
  eval: ([a, b]) => Math.pow(a, b),
  partials: [
    // d(a^b)/da = b * a^(b-1)
    (A, [a, b]) => A.mul(b, A.pow(a, A.sub(b, A.num(1)))),
    // d(a^b)/db = a^b * log(a), defined for a > 0
    (A, [a], out) => A.mul(out, A.call("log", [a])),
  ],
  // 0^b is an exact zero for an exact base 0 and b > 0. Through the rule for 0 · ∞ (exact-zero.ts)
  // this gives PyTorch's and JAX's convention at a zero base: d(0^b)/db = 0 for b > 0, and
  // d(a^0)/da = 0 at a = 0, where float64 alone gives 0 · (−∞) and 0 · ∞ = NaN.
  exactZero: ([za], [, b]) => za && b > 0,
  // Negative bases only with integer exponents (real results); 0 only with exponent >= 1.
  domain: ([a, b]) => a > 0 || (a < 0 && Number.isInteger(b)) || (a === 0 && b >= 1),
  mathjs: true,
};

export const pi: OpSpec = {
  name: "pi",
  arity: 0,
  family: "constant",
  description: "the constant pi = 3.14159…",
  print: { kind: "constant", name: "pi" },
  latex: () => "\\pi",
  eval: () => Math.PI,
  partials: [],
  mathjs: true,
};

export const e: OpSpec = {
  name: "e",
  arity: 0,
  family: "constant",
  description: "Euler's number e = 2.71828…",
  print: { kind: "constant", name: "e" },
  latex: () => "e",
  eval: () => Math.E,
  partials: [],
  mathjs: true,
};

export const arithmeticOps: readonly OpSpec[] = [add, sub, mul, div, neg, pow, pi, e];
