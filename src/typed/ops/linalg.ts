// Square-matrix ops: trace, the identity eye(n), inv, det and logdet. Kernels are LU / Gauss-
// Jordan with partial pivoting (src/typed/kernels/linalg.ts); the scalar lowering of inv, det
// and logdet is the cofactor expansion (cofactors.ts), exact but exponential in n. At a
// singular matrix det is 0 and logdet NaN, while inv and the gradients of det and logdet
// (which use A⁻¹) are NaN at tensor level; the lowering's det gradient is the adjugate there.
import { call } from "../../ops/table.js";
import { num } from "../../ast/expr.js";
import { ShapeError, type SourceSpan } from "../shape-error.js";
import { describeShape, rowsOf, SCALAR, type Shape } from "../shape.js";
import { scalarTensor } from "../tensor.js";
import { determinant, inverse, logDeterminant } from "../kernels/linalg.js";
import { determinantNodes, inverseNodes, lowerDeterminant, lowerInverse } from "./cofactors.js";
import { sumOf } from "./lowering.js";
import type { TypedAlgebra, TypedOpSpec } from "./types.js";

/** The shape rule of an op of one square matrix. */
function squareMatrix(op: string, hint?: string): (args: readonly Shape[], at?: SourceSpan) => Shape {
  return ([a], at) => {
    if (a.kind !== "matrix" || a.rows !== a.cols) throw new ShapeError(`${op} takes a square matrix, got ${describeShape(a)}`, at, hint);
    return a;
  };
}

const sizeOfSquare = (node: { readonly args: readonly { readonly shape: Shape }[] }): number => rowsOf(node.args[0].shape);

/** A⁻ᵀ as the rules write it. */
const inverseTransposed = <T>(A: TypedAlgebra<T>, a: T): T => A.call("transpose", [A.call("inv", [a])]);

/** trace(A) = Σ Aᵢᵢ. */
export const trace: TypedOpSpec = {
  name: "trace",
  arity: 1,
  description: "the trace Σ Aᵢᵢ of a square matrix",
  call: "trace(A): Σ Aᵢᵢ of a square matrix",
  shape: (args, at) => (squareMatrix("trace")(args, at), SCALAR),
  kernel([a]) {
    const n = rowsOf(a.shape);
    let s = 0;
    for (let i = 0; i < n; i++) s += a.data[i * n + i]; // the diagonal of a transposed view is the same
    return scalarTensor(s);
  },
  // s = trace(A): Ā = s̄ * I
  vjp: [(A, [a], _out, adjoint) => A.times(adjoint, A.call("eye", [], A.shapeOf(a)))],
  jvp: (A, _args, _out, [t]) => A.call("trace", [t as NonNullable<typeof t>]),
  text: ({ args: [a] }, p) => `trace(${p.whole(a)})`,
  latex: ({ args: [a] }, p) => `\\operatorname{trace}\\left(${p.whole(a)}\\right)`,
  lower: ([a], node) => {
    const n = sizeOfSquare(node);
    return [sumOf(Array.from({ length: n }, (_, i) => a[i * n + i]))];
  },
  loweredNodes: (node) => sizeOfSquare(node) - 1,
};

/** eye(n): the n×n identity, an op without arguments whose shape is given. */
export const eye: TypedOpSpec = {
  name: "eye",
  arity: 0,
  description: "the n×n identity matrix I",
  call: "eye(n): the n×n identity matrix",
  shape(_args, at, given) {
    if (given === undefined) throw new Error("internal: eye needs its size");
    if (given.kind !== "matrix" || given.rows !== given.cols) throw new ShapeError(`the identity is a square matrix, not ${describeShape(given)}`, at);
    return given;
  },
  kernel(_args, shape, alloc) {
    const n = rowsOf(shape);
    const data = alloc(n * n).fill(0); // arrays from alloc are not zeroed
    for (let i = 0; i < n; i++) data[i * n + i] = 1;
    return { shape, data };
  },
  vjp: [],
  jvp: () => {
    throw new Error("internal: eye has no arguments, so no tangent");
  },
  text: (node) => `eye(${rowsOf(node.shape)})`,
  // \mathbf{I}_{n}; the LaTeX reader reads it as a variable I_n, not as eye(n)
  latex: (node) => `\\mathbf{I}_{${rowsOf(node.shape)}}`,
  latexCarriesSuperscript: () => true,
  lower: (_args, node) => {
    const n = rowsOf(node.shape);
    return Array.from({ length: n * n }, (_, k) => num(Math.floor(k / n) === k % n ? 1 : 0));
  },
  loweredNodes: (node) => rowsOf(node.shape) ** 2,
};

/** inv(A) = A⁻¹. */
export const inv: TypedOpSpec = {
  name: "inv",
  arity: 1,
  description: "the inverse A⁻¹ of a square matrix (Gauss-Jordan with partial pivoting; every entry NaN when A is exactly singular)",
  call: "inv(A): the inverse A⁻¹ of a square matrix (also A^-1)",
  shape: squareMatrix("inv"),
  kernel: ([a], shape, alloc) => ({ shape, data: inverse(a, alloc) }),
  // C = A⁻¹: Ā = −C' * C̄ * C'
  vjp: [(A, _args, out, adjoint) => A.map("neg", [A.times(A.times(A.call("transpose", [out]), adjoint), A.call("transpose", [out]))])],
  // Ċ = −C * Ȧ * C
  jvp: (A, _args, out, [t]) => A.map("neg", [A.times(A.times(out, t as NonNullable<typeof t>), out)]),
  text: ({ args: [a] }, p) => `inv(${p.whole(a)})`,
  latexLevel: () => "postfix",
  latex: ({ args: [a] }, p) => `${p.superscriptBase(a)}^{-1}`,
  lower: ([a], node) => lowerInverse(a, sizeOfSquare(node)),
  loweredNodes: (node) => inverseNodes(sizeOfSquare(node)),
};

/** det(A). */
export const det: TypedOpSpec = {
  name: "det",
  arity: 1,
  description: "the determinant of a square matrix (LU with partial pivoting)",
  call: "det(A): the determinant of a square matrix",
  shape: (args, at) => (squareMatrix("det")(args, at), SCALAR),
  kernel: ([a]) => scalarTensor(determinant(a)),
  // s = det(A): Ā = s̄ * s * A⁻ᵀ
  vjp: [(A, [a], out, adjoint) => A.times(A.map("mul", [adjoint, out]), inverseTransposed(A, a))],
  // ṡ = s * ⟨A⁻ᵀ, Ȧ⟩
  jvp: (A, [a], out, [t]) => A.map("mul", [out, A.call("dot", [inverseTransposed(A, a), t as NonNullable<typeof t>])]),
  text: ({ args: [a] }, p) => `det(${p.whole(a)})`,
  latex: ({ args: [a] }, p) => `\\operatorname{det}\\left(${p.whole(a)}\\right)`,
  lower: ([a], node) => [lowerDeterminant(a, sizeOfSquare(node))],
  loweredNodes: (node) => determinantNodes(sizeOfSquare(node)),
};

/** logdet(A) = log det(A) for det(A) > 0. */
export const logdet: TypedOpSpec = {
  name: "logdet",
  arity: 1,
  description:
    "log det(A) of a square matrix with det(A) > 0, from the LU pivots (no overflow where det would); NaN when det(A) ≤ 0, as numpy's slogdet with its sign checked (the gradient is still A⁻ᵀ, as the lowering log(det(A)) gives)",
  call: "logdet(A): log det(A), for det(A) > 0 (NaN otherwise)",
  shape: (args, at) => (squareMatrix("logdet", "logdet needs det(A) > 0, e.g. a symmetric positive definite matrix")(args, at), SCALAR),
  kernel: ([a]) => scalarTensor(logDeterminant(a)),
  // s = log det(A): Ā = s̄ * A⁻ᵀ
  vjp: [(A, [a], _out, adjoint) => A.times(adjoint, inverseTransposed(A, a))],
  // ṡ = ⟨A⁻ᵀ, Ȧ⟩
  jvp: (A, [a], _out, [t]) => A.call("dot", [inverseTransposed(A, a), t as NonNullable<typeof t>]),
  text: ({ args: [a] }, p) => `logdet(${p.whole(a)})`,
  latex: ({ args: [a] }, p) => `\\operatorname{logdet}\\left(${p.whole(a)}\\right)`,
  lower: ([a], node) => [call("log", [lowerDeterminant(a, sizeOfSquare(node))])],
  loweredNodes: (node) => determinantNodes(sizeOfSquare(node)) + 1,
};
