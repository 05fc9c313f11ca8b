// Tensors: a typed value's entries, row-major, in one Float64Array, and the loops every typed
// op's kernel is made of. A matrix transpose is a view (its data is the argument's, read
// column by column), so A' * B and the VJP C̄ * B' copy nothing; every other kernel reads dense
// data. Arithmetic is plain IEEE: the strong-zero rule for 0 · ∞ is the scalar graph's
// (src/ops/exact-zero.ts), and the scalar lowering keeps it where a user asks for it.
import { getOp } from "../ops/table.js";
import { colsOf, isScalar, rowsOf, SCALAR, sizeOf, transposeShape, type Shape } from "./shape.js";

export interface Tensor {
  readonly shape: Shape;
  readonly data: Float64Array;
  /** data holds the transpose of this tensor, row-major (a view made by transposing a matrix). */
  readonly transposed?: true;
}

export const scalarTensor = (value: number): Tensor => ({ shape: SCALAR, data: Float64Array.of(value) });

export const tensorOf = (shape: Shape, data: Float64Array): Tensor => ({ shape, data });

/** The single entry of a one-entry tensor. */
export const valueOf = (t: Tensor): number => t.data[0];

/** The tensor with its entries laid out row-major (a transposed view is copied once). */
export function dense(t: Tensor): Tensor {
  if (t.transposed !== true) return t;
  const rows = rowsOf(t.shape);
  const cols = colsOf(t.shape);
  const out = new Float64Array(rows * cols);
  const src = t.data; // cols × rows, row-major
  for (let j = 0; j < cols; j++) {
    const base = j * rows;
    for (let i = 0; i < rows; i++) out[i * cols + j] = src[base + i];
  }
  return { shape: t.shape, data: out };
}

/** X': a vector and a row share their data; a matrix becomes a view. */
export function transposeTensor(t: Tensor): Tensor {
  const shape = transposeShape(t.shape);
  if (t.shape.kind !== "matrix") return { shape, data: dense(t).data };
  return t.transposed === true ? { shape, data: t.data } : { shape, data: t.data, transposed: true };
}

/** The same entries under another shape of the same size (a vector as n×1, a row as 1×n). */
export function relabel(t: Tensor, shape: Shape): Tensor {
  return { shape, data: dense(t).data };
}

/** A scalar repeated into `shape`. */
export function fillTensor(value: number, shape: Shape): Tensor {
  return { shape, data: new Float64Array(sizeOf(shape)).fill(value) };
}

/** Σ of all entries (left to right, as the lowered sum adds them). */
export function sumEntries(t: Tensor): number {
  const d = t.data; // a transposed view holds the same entries
  let s = 0;
  for (let i = 0; i < d.length; i++) s += d[i];
  return s;
}

/**
 * The matrix product, m×k by k×n, either side possibly a transposed view. The inner loop runs
 * along contiguous memory for each layout (i-k-j for a dense right side, dot products along k
 * when the right side is transposed), which is how hand-written loops are written.
 */
export function matmulEntries(a: Tensor, b: Tensor, shape: Shape): Tensor {
  const m = rowsOf(a.shape);
  const k = colsOf(a.shape);
  const n = colsOf(b.shape);
  const out = new Float64Array(m * n);
  const A = a.data;
  const B = b.data;
  const aT = a.transposed === true; // A stored k×m
  const bT = b.transposed === true; // B stored n×k
  if (bT) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        const bRow = j * k;
        if (aT) for (let p = 0; p < k; p++) s += A[p * m + i] * B[bRow + p];
        else for (let p = 0, aRow = i * k; p < k; p++) s += A[aRow + p] * B[bRow + p];
        out[i * n + j] = s;
      }
    }
    return { shape, data: out };
  }
  if (n === 1 && !aT) {
    // matrix times vector: one dot product per row
    for (let i = 0; i < m; i++) {
      let s = 0;
      for (let p = 0, aRow = i * k; p < k; p++) s += A[aRow + p] * B[p];
      out[i] = s;
    }
    return { shape, data: out };
  }
  for (let i = 0; i < m; i++) {
    const outRow = i * n;
    for (let p = 0; p < k; p++) {
      const aip = aT ? A[p * m + i] : A[i * k + p];
      const bRow = p * n;
      for (let j = 0; j < n; j++) out[outRow + j] += aip * B[bRow + j];
    }
  }
  return { shape, data: out };
}

/** Σ a_i b_i over equal-size tensors (dot of vectors, Frobenius product of matrices). */
export function dotEntries(a: Tensor, b: Tensor): number {
  const x = dense(a).data;
  const y = dense(b).data;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * y[i];
  return s;
}

type Binary = (a: number, b: number) => number;
const ARITHMETIC: Readonly<Record<string, Binary>> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
};

/**
 * An op of the scalar table applied entry by entry; a scalar argument broadcasts. The four
 * arithmetic ops run as plain loops; every other op calls the table's eval per entry.
 */
export function mapEntries(op: string, args: readonly Tensor[], shape: Shape): Tensor {
  const size = sizeOf(shape);
  const out = new Float64Array(size);
  const data = args.map((a) => dense(a).data);
  const scalarArg = args.map((a) => isScalar(a.shape) || a.data.length === 1);
  const binary = ARITHMETIC[op];
  if (binary !== undefined && args.length === 2) {
    const [x, y] = data;
    if (scalarArg[0] && !scalarArg[1]) {
      const c = x[0];
      for (let i = 0; i < size; i++) out[i] = binary(c, y[i]);
    } else if (scalarArg[1] && !scalarArg[0]) {
      const c = y[0];
      for (let i = 0; i < size; i++) out[i] = binary(x[i], c);
    } else {
      for (let i = 0; i < size; i++) out[i] = binary(x[i], y[i]);
    }
    return { shape, data: out };
  }
  const spec = getOp(op);
  const entry = new Array<number>(args.length);
  for (let i = 0; i < size; i++) {
    for (let a = 0; a < args.length; a++) entry[a] = scalarArg[a] ? data[a][0] : data[a][i];
    out[i] = spec.eval(entry);
  }
  return { shape, data: out };
}
