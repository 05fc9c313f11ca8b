// Sums along one axis: rowsums(A) = A * ones(n) (a vector of m), colsums(A) = ones(m)' * A (a
// row of n). A vector is an n×1 matrix and a row a 1×n one here, as in the matrix product.
import { ShapeError } from "../shape-error.js";
import { colsOf, describeShape, isScalar, rowShape, rowsOf, sizeOf, vectorShape, type Shape } from "../shape.js";
import { axisSums } from "../kernels/reductions.js";
import { sumOf } from "./lowering.js";
import type { TypedOpSpec } from "./types.js";

function axisSum(byRows: boolean): TypedOpSpec {
  const name = byRows ? "rowsums" : "colsums";
  const ones = (m: number, n: number): Shape => (byRows ? rowShape(n) : vectorShape(m));
  return {
    name,
    arity: 1,
    description: byRows ? "the sum of each row: a vector of m for an m×n matrix" : "the sum of each column: a row of n for an m×n matrix",
    call: byRows ? "rowsums(A): Σⱼ Aᵢⱼ for each row, a vector" : "colsums(A): Σᵢ Aᵢⱼ for each column, a row",
    shape([a], at) {
      if (isScalar(a)) throw new ShapeError(`${name} takes a matrix, got ${describeShape(a)}`, at, "for the sum of all entries write sum(…)");
      return byRows ? vectorShape(rowsOf(a)) : rowShape(colsOf(a));
    },
    kernel: ([a], shape, alloc) => ({ shape, data: axisSums(a, byRows, alloc) }),
    // r = rowsums(A): Ā = r̄ * ones(n)'; c = colsums(A): Ā = ones(m) * c̄
    vjp: [
      (A, [a], _out, adjoint) => {
        const fill = A.call("fill", [A.num(1)], ones(rowsOf(A.shapeOf(a)), colsOf(A.shapeOf(a))));
        return byRows ? A.times(adjoint, fill) : A.times(fill, adjoint);
      },
    ],
    jvp: (A, _args, _out, [t]) => A.call(name, [t as NonNullable<typeof t>]),
    text: ({ args: [a] }, p) => `${name}(${p.whole(a)})`,
    latex: ({ args: [a] }, p) => `\\operatorname{${name}}\\left(${p.whole(a)}\\right)`,
    lower([a], node) {
      const rows = rowsOf(node.args[0].shape);
      const cols = colsOf(node.args[0].shape);
      return byRows
        ? Array.from({ length: rows }, (_, i) => sumOf(a.slice(i * cols, (i + 1) * cols)))
        : Array.from({ length: cols }, (_, j) => sumOf(Array.from({ length: rows }, (_, i) => a[i * cols + j])));
    },
    loweredNodes: (node) => sizeOf(node.args[0].shape) - sizeOf(node.shape),
  };
}

export const rowsums = axisSum(true);
export const colsums = axisSum(false);
