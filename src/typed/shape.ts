// Shapes of typed expressions: scalars, (column) vectors, row vectors and matrices. Vectors
// are columns, as in matrixcalculus.org: x' is a row, x' * y a scalar, x * y' a matrix.

export type Shape =
  | { readonly kind: "scalar" }
  | { readonly kind: "vector"; readonly length: number }
  | { readonly kind: "row"; readonly length: number }
  | { readonly kind: "matrix"; readonly rows: number; readonly cols: number };

export const SCALAR: Shape = Object.freeze({ kind: "scalar" });

export const vectorShape = (length: number): Shape => ({ kind: "vector", length });
export const rowShape = (length: number): Shape => ({ kind: "row", length });
export const matrixShape = (rows: number, cols: number): Shape => ({ kind: "matrix", rows, cols });

/** Rows as a matrix: a vector of n is n×1, a row of n is 1×n, a scalar 1×1. */
export function rowsOf(shape: Shape): number {
  return shape.kind === "vector" ? shape.length : shape.kind === "matrix" ? shape.rows : 1;
}

export function colsOf(shape: Shape): number {
  return shape.kind === "row" ? shape.length : shape.kind === "matrix" ? shape.cols : 1;
}

/** How many scalar elements a value of this shape holds. */
export function sizeOf(shape: Shape): number {
  return rowsOf(shape) * colsOf(shape);
}

export const isScalar = (shape: Shape): boolean => shape.kind === "scalar";

export function sameShape(a: Shape, b: Shape): boolean {
  return a.kind === b.kind && rowsOf(a) === rowsOf(b) && colsOf(a) === colsOf(b);
}

export function transposeShape(shape: Shape): Shape {
  switch (shape.kind) {
    case "scalar":
      return shape;
    case "vector":
      return rowShape(shape.length);
    case "row":
      return vectorShape(shape.length);
    case "matrix":
      return matrixShape(shape.cols, shape.rows);
  }
}

/** "scalar", "3" (a vector), "1×3" (a row vector), "3×4". */
export function formatShape(shape: Shape): string {
  switch (shape.kind) {
    case "scalar":
      return "scalar";
    case "vector":
      return String(shape.length);
    case "row":
      return `1×${shape.length}`;
    case "matrix":
      return `${shape.rows}×${shape.cols}`;
  }
}

/** The same, with the kind spelled out: "a vector of 3", "a 3×4 matrix". */
export function describeShape(shape: Shape): string {
  switch (shape.kind) {
    case "scalar":
      return "a scalar";
    case "vector":
      return `a vector of ${shape.length}`;
    case "row":
      return `a row vector of ${shape.length}`;
    case "matrix":
      return `a ${shape.rows}×${shape.cols} matrix`;
  }
}

export const SHAPE_SPEC_HELP = 'a shape is "scalar", a length ("3", a column vector) or rows x columns ("3x4" or "3×4"), at most 1e6 entries';

/**
 * Reads a shape as typed on the command line: `scalar`, `3` for a
 * vector of 3, `3x4` (or `3×4`, `3*4`, `3 \times 4`) for a matrix. Undefined when the text is none of these.
 */
export function parseShapeSpec(text: string): Shape | undefined {
  const t = text.trim();
  if (t === "scalar" || t === "R") return SCALAR;
  const vector = /^([0-9]+)$/.exec(t);
  if (vector) return positive(Number(vector[1]), (n) => vectorShape(n));
  const matrix = /^([0-9]+)\s*(?:[x×*]|\\times)\s*([0-9]+)$/.exec(t);
  if (matrix) {
    const rows = Number(matrix[1]);
    const cols = Number(matrix[2]);
    return tooLarge(rows, cols) === undefined ? matrixShape(rows, cols) : undefined;
  }
  return undefined;
}

/**
 * Most entries one value may have. Every entry becomes scalar nodes (a 1000×1000 matrix takes
 * seconds and ~1 GB to lower), so past this we refuse rather than hang or run out of memory.
 */
export const MAX_ENTRIES = 1_000_000;

/**
 * Most scalar nodes a typed expression may lower to. Measured on a 4 GB heap (node's default
 * on a 24 GB machine): a lowered node costs ~400 bytes and reverse mode's tape and sweeps ~400
 * more, so sum(A*B) with 215×215 matrices (2e7 nodes) ran out of memory after 69 s; 2e6 nodes
 * take ~1.6 GB and well under a minute for every exact method.
 */
export const MAX_LOWERED_NODES = 2_000_000;

/** Most scalar products one matrix product may lower to (rows × inner × columns): each is a node and a sum. */
export const MAX_PRODUCT_TERMS = MAX_LOWERED_NODES / 2;

/** Why a value of `rows`×`cols` is too large, or undefined when it is not. */
export function tooLarge(rows: number, cols: number): string | undefined {
  if (!(rows >= 1 && cols >= 1 && Number.isInteger(rows) && Number.isInteger(cols))) return `sizes must be whole numbers from 1, got ${rows}×${cols}`;
  const entries = rows * cols;
  return entries > MAX_ENTRIES ? `${rows}×${cols} is ${entries.toExponential(1)} entries; the limit is ${MAX_ENTRIES.toExponential(0)} (each entry becomes scalar nodes)` : undefined;
}

function positive(n: number, make: (n: number) => Shape): Shape | undefined {
  return tooLarge(n, 1) === undefined ? make(n) : undefined;
}
