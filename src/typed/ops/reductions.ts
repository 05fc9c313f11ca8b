// Reductions to a scalar: the sum of all entries and the Euclidean (Frobenius) norm.
import { num } from "../../ast/expr.js";
import { call } from "../../ops/table.js";
import { SCALAR, sizeOf } from "../shape.js";
import { dotEntries, scalarTensor, sumEntries } from "../tensor.js";
import { sumOf } from "./lowering.js";
import type { TypedOpSpec } from "./types.js";

/** sum(A) = Σ of all entries. */
export const sum: TypedOpSpec = {
  name: "sum",
  arity: 1,
  description: "the sum of all entries",
  call: "sum(v): the sum of all elements",
  shape: () => SCALAR,
  kernel: ([a]) => scalarTensor(sumEntries(a)),
  // s = sum(A): Ā = s̄ * ones
  vjp: [(A, [a], _out, adjoint) => A.call("fill", [adjoint], A.shapeOf(a))],
  jvp: (A, _args, _out, [t]) => A.call("sum", [t as NonNullable<typeof t>]),
  text: ({ args: [a] }, p) => `sum(${p.whole(a)})`,
  latex: ({ args: [a] }, p) => `\\operatorname{sum}\\left(${p.whole(a)}\\right)`,
  lower: ([a]) => [sumOf(a)],
  loweredNodes: (node) => sizeOf(node.args[0].shape) - 1,
};

/** norm2(v) = ‖v‖₂ (‖A‖_F for a matrix). */
export const norm2: TypedOpSpec = {
  name: "norm2",
  arity: 1,
  description: "the Euclidean norm ‖v‖₂ (Frobenius for a matrix)",
  call: "norm2(v): the Euclidean norm ‖v‖₂ (Frobenius for a matrix)",
  shape: () => SCALAR,
  kernel: ([a], _shape, alloc) => scalarTensor(Math.sqrt(dotEntries(a, a, alloc))),
  // s = ‖a‖: ā = s̄ * a / ‖a‖
  vjp: [(A, [a], out, adjoint) => A.map("div", [A.map("mul", [adjoint, a]), out])],
  // ṡ = dot(a, ȧ) / ‖a‖
  jvp: (A, [a], out, [t]) => A.map("div", [A.call("dot", [a, t as NonNullable<typeof t>]), out]),
  text: ({ args: [a] }, p) => `norm2(${p.whole(a)})`,
  latex: ({ args: [a] }, p) => `\\left\\lVert ${p.whole(a)} \\right\\rVert_{${a.shape.kind === "matrix" ? "F" : "2"}}`,
  latexCarriesSuperscript: () => true,
  lower: ([a]) => [call("sqrt", [sumOf(a.map((x) => call("pow", [x, num(2)])))])],
  loweredNodes: (node) => 2 * sizeOf(node.args[0].shape) + 1, // squares, sums, the exponent 2 and sqrt
};
