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

/**
 * Where a kernel gets its output array: a fresh one, or a prepared sweep's reused one
 * (BufferPool), whose entries are whatever its last use left: a kernel writes every entry.
 */
export type Allocate = (size: number) => Float64Array;
export const freshArray: Allocate = (size) => new Float64Array(size);

/**
 * Output arrays reused from one run of a fixed sequence of kernels to the next: a prepared
 * gradient runs the same kernels in the same order each time, so the k-th array it asks for
 * can be the k-th of the previous run (not zeroed: see Allocate). Allocating a 100×784 array per call costs more
 * than the product that fills it.
 */
export class BufferPool {
  private readonly arrays: Float64Array[] = [];
  private next = 0;

  readonly allocate: Allocate = (size) => {
    const known = this.arrays[this.next];
    if (known !== undefined && known.length === size) {
      this.next++;
      return known;
    }
    const fresh = new Float64Array(size);
    this.arrays[this.next++] = fresh;
    return fresh;
  };

  /** Starts a run: arrays handed out in the previous run may be overwritten from now on. */
  reset(): void {
    this.next = 0;
  }
}

export const scalarTensor = (value: number): Tensor => ({ shape: SCALAR, data: Float64Array.of(value) });

export const tensorOf = (shape: Shape, data: Float64Array): Tensor => ({ shape, data });

/** The single entry of a one-entry tensor. */
export const valueOf = (t: Tensor): number => t.data[0];

/** The tensor with its entries laid out row-major (a transposed view is copied once). */
export function dense(t: Tensor, alloc: Allocate = freshArray): Tensor {
  if (t.transposed !== true) return t;
  const rows = rowsOf(t.shape);
  const cols = colsOf(t.shape);
  const out = alloc(rows * cols);
  const src = t.data; // cols × rows, row-major
  for (let j = 0; j < cols; j++) {
    const base = j * rows;
    for (let i = 0; i < rows; i++) out[i * cols + j] = src[base + i];
  }
  return { shape: t.shape, data: out };
}

/** X': a vector and a row share their data; a matrix becomes a view. */
export function transposeTensor(t: Tensor, alloc: Allocate = freshArray): Tensor {
  const shape = transposeShape(t.shape);
  if (t.shape.kind !== "matrix") return { shape, data: dense(t, alloc).data };
  return t.transposed === true ? { shape, data: t.data } : { shape, data: t.data, transposed: true };
}

/** The same entries under another shape of the same size (a vector as n×1, a row as 1×n). */
export function relabel(t: Tensor, shape: Shape, alloc: Allocate = freshArray): Tensor {
  return { shape, data: dense(t, alloc).data };
}

/** A scalar repeated into `shape`. */
export function fillTensor(value: number, shape: Shape, alloc: Allocate = freshArray): Tensor {
  return { shape, data: alloc(sizeOf(shape)).fill(value) };
}

/** Σ of all entries (left to right, as the lowered sum adds them). */
export function sumEntries(t: Tensor): number {
  const d = t.data; // a transposed view holds the same entries
  let s = 0;
  for (let i = 0; i < d.length; i++) s += d[i];
  return s;
}

/**
 * The matrix product, m×k by k×n, either side possibly a transposed view. Each layout has a
 * loop of its own whose inner loop runs along contiguous memory, as hand-written loops do:
 * dot products along k when the right side is a vector or a transposed view, the outer
 * product for k = 1, and i-k-j otherwise. (Small functions: each stays monomorphic.)
 */
export function matmulEntries(a: Tensor, b: Tensor, shape: Shape, alloc: Allocate = freshArray): Tensor {
  const m = rowsOf(a.shape);
  const k = colsOf(a.shape);
  const n = colsOf(b.shape);
  const out = alloc(m * n);
  const aT = a.transposed === true; // A stored k×m
  const bT = b.transposed === true; // B stored n×k
  // A' * v (backprop's W' * δ): rows of A's storage scaled and added, not dot products down its columns
  if (aT && !bT) transposedTimesDense(a.data, b.data, out, m, k, n);
  else if (bT || n === 1) rowDots(a.data, aT, b.data, out, m, k, n); // B by rows of length k (a vector: 1×k)
  else if (k === 1) outerProduct(a.data, b.data, out, m, n);
  else denseTimesDense(a.data, b.data, out, m, k, n);
  return { shape, data: out };
}

/** out[i, j] = Σ_p A[i, p] B'[j, p]: B given by rows of length k (a transposed view, or a vector). */
function rowDots(A: Float64Array, aT: boolean, B: Float64Array, out: Float64Array, m: number, k: number, n: number): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      const bRow = j * k;
      if (aT) for (let p = 0; p < k; p++) s += A[p * m + i] * B[bRow + p];
      else for (let p = 0, aRow = i * k; p < k; p++) s += A[aRow + p] * B[bRow + p];
      out[i * n + j] = s;
    }
  }
}

/** out[i, j] = a_i b_j (a column times a row; a 1×1 A is the same). */
function outerProduct(a: Float64Array, b: Float64Array, out: Float64Array, m: number, n: number): void {
  for (let i = 0; i < m; i++) {
    const ai = a[i];
    const row = i * n;
    for (let j = 0; j < n; j++) out[row + j] = ai * b[j];
  }
}

function denseTimesDense(A: Float64Array, B: Float64Array, out: Float64Array, m: number, k: number, n: number): void {
  out.fill(0);
  for (let i = 0; i < m; i++) {
    const row = i * n;
    for (let p = 0; p < k; p++) {
      const aip = A[i * k + p];
      const bRow = p * n;
      for (let j = 0; j < n; j++) out[row + j] += aip * B[bRow + j];
    }
  }
}

/** A' * B with A stored k×m: row p of the storage is column p of A'. */
function transposedTimesDense(A: Float64Array, B: Float64Array, out: Float64Array, m: number, k: number, n: number): void {
  out.fill(0);
  for (let p = 0; p < k; p++) {
    const aRow = p * m;
    const bRow = p * n;
    for (let i = 0; i < m; i++) {
      const api = A[aRow + i];
      const row = i * n;
      for (let j = 0; j < n; j++) out[row + j] += api * B[bRow + j];
    }
  }
}

/** Σ a_i b_i over equal-size tensors (dot of vectors, Frobenius product of matrices). */
export function dotEntries(a: Tensor, b: Tensor, alloc: Allocate = freshArray): number {
  const x = dense(a, alloc).data;
  const y = dense(b, alloc).data;
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
export function mapEntries(op: string, args: readonly Tensor[], shape: Shape, alloc: Allocate = freshArray): Tensor {
  const size = sizeOf(shape);
  const out = alloc(size);
  const data = args.map((a) => dense(a, alloc).data);
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
