// Products: the matrix product and the inner product.
import { call } from "../../ops/table.js";
import { ShapeError } from "../shape-error.js";
import { colsOf, formatShape, matrixShape, rowShape, rowsOf, SCALAR, sameShape, sizeOf, transposeShape, vectorShape, type Shape } from "../shape.js";
import { dotEntries, matmulEntries, scalarTensor } from "../tensor.js";
import { sumOf } from "./lowering.js";
import { tangentSum } from "./rules.js";
import type { TypedOpSpec } from "./types.js";

function transposeFix(a: Shape, b: Shape): string | undefined {
  if (rowsOf(a) === rowsOf(b)) return `the left side transposed (${formatShape(transposeShape(a))}) would fit: write A' * B`;
  if (colsOf(a) === colsOf(b)) return `the right side transposed (${formatShape(transposeShape(b))}) would fit: write A * B'`;
  if (sameShape(a, b)) return "for the element-wise product write .*";
  return undefined;
}

/** C = A * B for two non-scalars (a scalar side is scaling, an element-wise map); vectors are columns. */
export const matmul: TypedOpSpec = {
  name: "matmul",
  arity: 2,
  description: "the matrix product A * B (vectors are columns, x' a row)",
  shape([a, b], at) {
    const inner = colsOf(a);
    if (inner !== rowsOf(b)) {
      throw new ShapeError(`cannot multiply ${formatShape(a)} by ${formatShape(b)}: inner sizes ${inner} and ${rowsOf(b)} differ`, at, transposeFix(a, b));
    }
    if (a.kind === "row" && b.kind === "vector") return SCALAR;
    if (b.kind === "vector") return vectorShape(rowsOf(a));
    if (a.kind === "row") return rowShape(colsOf(b));
    return matrixShape(rowsOf(a), colsOf(b));
  },
  kernel: ([a, b], shape, alloc) => matmulEntries(a, b, shape, alloc),
  // C = A * B: Ā = C̄ * B', B̄ = A' * C̄
  vjp: [
    (A, [, b], _out, adjoint) => A.times(adjoint, A.call("transpose", [b])),
    (A, [a], _out, adjoint) => A.times(A.call("transpose", [a]), adjoint),
  ],
  // Ċ = Ȧ * B + A * Ḃ
  jvp: (A, [a, b], _out, tangents) => tangentSum(A, tangents, [(t) => A.times(t, b), (t) => A.times(a, t)]),
  textLevel: () => "product",
  text: ({ args: [a, b] }, p) => `${p.operand(a, "product", "left")} * ${p.operand(b, "product", "right")}`,
  latexLevel: () => "matmul",
  latex: ({ args: [a, b] }, p) => p.juxtapose(p.operand(a, "matmul", "left"), p.operand(b, "matmul", "right")),
  lower([a, b], node) {
    const inner = colsOf(node.args[0].shape);
    const cols = colsOf(node.args[1].shape);
    return Array.from({ length: sizeOf(node.shape) }, (_, k) => {
      const i = Math.floor(k / cols);
      const j = k % cols;
      return sumOf(Array.from({ length: inner }, (_, m) => call("mul", [a[i * inner + m], b[m * cols + j]])));
    });
  },
  // each entry: inner products and inner − 1 sums
  loweredNodes: (node) => sizeOf(node.shape) * (2 * colsOf(node.args[0].shape) - 1),
};

/** A vector and a row of one length pair up in dot, as do equal shapes. */
function sameElements(a: Shape, b: Shape): boolean {
  if (sameShape(a, b)) return true;
  const vectorLike = (s: Shape) => s.kind === "vector" || s.kind === "row";
  return vectorLike(a) && vectorLike(b) && sizeOf(a) === sizeOf(b);
}

/** dot(a, b) = Σ aᵢ bᵢ (the Frobenius inner product of two matrices). */
export const dot: TypedOpSpec = {
  name: "dot",
  arity: 2,
  description: "the inner product Σ aᵢ bᵢ",
  call: "dot(a, b): Σ aᵢbᵢ",
  shape([a, b], at) {
    if (!sameElements(a, b)) {
      throw new ShapeError(`cannot take dot(${formatShape(a)}, ${formatShape(b)}): shapes differ`, at, "dot needs two vectors of one length (or two matrices of one shape)");
    }
    return SCALAR;
  },
  kernel: ([a, b], _shape, alloc) => scalarTensor(dotEntries(a, b, alloc)),
  // s = dot(a, b): ā = s̄ * b, b̄ = s̄ * a (transposed where one is a row)
  vjp: [
    (A, [, b], _out, adjoint) => A.map("mul", [adjoint, b]),
    (A, [a], _out, adjoint) => A.map("mul", [adjoint, a]),
  ],
  // ṡ = dot(ȧ, b) + dot(a, ḃ)
  jvp: (A, [a, b], _out, tangents) => tangentSum(A, tangents, [(t) => A.call("dot", [t, b]), (t) => A.call("dot", [a, t])]),
  text: ({ args: [a, b] }, p) => `dot(${p.whole(a)}, ${p.whole(b)})`,
  // the Frobenius inner product of matrices is marked F
  latex: ({ args: [a, b] }, p) => `\\left\\langle ${p.whole(a)}, ${p.whole(b)} \\right\\rangle${a.shape.kind === "matrix" ? "_{F}" : ""}`,
  lower: ([a, b]) => [sumOf(a.map((ai, k) => call("mul", [ai, b[k]])))],
  loweredNodes: (node) => 2 * sizeOf(node.args[0].shape) - 1,
};
