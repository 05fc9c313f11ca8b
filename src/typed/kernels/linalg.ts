// Dense linear algebra on square matrices, row-major Float64Arrays: LU with partial pivoting
// (for det and logdet) and Gauss-Jordan inversion with partial pivoting (for inv). Each reads
// a tensor as dense (a transposed view is copied once) and never writes its argument.
import { rowsOf } from "../shape.js";
import { dense, freshArray, type Allocate, type Tensor } from "../tensor.js";

/** An LU factorisation's summary: det(A)'s sign (0 for a zero pivot), Σ log|uᵢᵢ| and det(A) itself. */
interface Factored {
  readonly sign: number;
  readonly logAbs: number;
  /** The permutation's sign times Π uᵢᵢ (may overflow where logAbs does not). */
  readonly det: number;
}

/** Factors a copy of `a` (n×n) as P A = L U, with the largest remaining |entry| of each column as pivot. */
function factor(a: Tensor): Factored {
  const n = rowsOf(a.shape);
  const m = Float64Array.from(dense(a).data);
  let det = 1;
  let sign = 1; // kept apart from det, which may underflow to 0
  let logAbs = 0;
  for (let k = 0; k < n; k++) {
    const pivot = pivotRow(m, n, k);
    if (pivot !== k) {
      swapRows(m, n, pivot, k);
      det = -det;
      sign = -sign;
    }
    const p = m[k * n + k];
    if (Number.isNaN(p)) return { sign: NaN, logAbs: NaN, det: NaN };
    if (p === 0) return { sign: 0, logAbs: -Infinity, det: 0 };
    logAbs += Math.log(Math.abs(p));
    det *= p;
    if (p < 0) sign = -sign;
    for (let i = k + 1; i < n; i++) {
      const f = m[i * n + k] / p;
      if (f === 0) continue;
      for (let j = k + 1; j < n; j++) m[i * n + j] -= f * m[k * n + j];
    }
  }
  return { sign, logAbs, det };
}

/** Partial pivoting: the row from k down whose entry in column k is largest in magnitude. */
function pivotRow(m: Float64Array, n: number, k: number): number {
  let pivot = k;
  for (let i = k + 1; i < n; i++) if (Math.abs(m[i * n + k]) > Math.abs(m[pivot * n + k])) pivot = i;
  return pivot;
}

function swapRows(m: Float64Array, n: number, r: number, s: number): void {
  for (let j = 0; j < n; j++) {
    const t = m[r * n + j];
    m[r * n + j] = m[s * n + j];
    m[s * n + j] = t;
  }
}

/** det(A): the product of U's diagonal, signed by the permutation. */
export function determinant(a: Tensor): number {
  return factor(a).det;
}

/** log det(A) when det(A) > 0 (from Σ log|uᵢᵢ|, so it does not overflow where det does); NaN otherwise. */
export function logDeterminant(a: Tensor): number {
  const { sign, logAbs } = factor(a);
  return sign > 0 ? logAbs : NaN;
}

/** A⁻¹ by Gauss-Jordan elimination with partial pivoting; every entry NaN when A is exactly singular (a zero pivot). */
export function inverse(a: Tensor, alloc: Allocate = freshArray): Float64Array {
  const n = rowsOf(a.shape);
  const m = Float64Array.from(dense(a).data);
  const out = alloc(n * n).fill(0); // arrays from alloc are not zeroed
  for (let i = 0; i < n; i++) out[i * n + i] = 1;
  for (let k = 0; k < n; k++) {
    const pivot = pivotRow(m, n, k);
    if (pivot !== k) {
      swapRows(m, n, pivot, k);
      swapRows(out, n, pivot, k);
    }
    const p = m[k * n + k];
    if (p === 0 || Number.isNaN(p)) return out.fill(NaN);
    for (let j = 0; j < n; j++) {
      m[k * n + j] /= p;
      out[k * n + j] /= p;
    }
    for (let i = 0; i < n; i++) {
      const f = m[i * n + k];
      if (i === k || f === 0) continue;
      for (let j = 0; j < n; j++) {
        m[i * n + j] -= f * m[k * n + j];
        out[i * n + j] -= f * out[k * n + j];
      }
    }
  }
  return out;
}
