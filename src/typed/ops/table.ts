// The typed op table: one entry per matrix op. The typed parser, printers, lowering, the
// matrix-form derivative and the tensor-level sweeps all read it; adding an op is one entry.
import { dot, matmul } from "./products.js";
import { norm2, sum } from "./reductions.js";
import { fill, transpose } from "./structure.js";
import type { TypedOpSpec } from "./types.js";
import { det, eye, inv, logdet, trace } from "./linalg.js";
import { max, maxmask, min, minmask } from "./extrema.js";
import { logsumexp, softmax } from "./softmax.js";
import { colsums, rowsums } from "./axis-sums.js";

export const TYPED_OPS: readonly TypedOpSpec[] = [
  matmul,
  transpose,
  sum,
  dot,
  norm2,
  fill,
  trace,
  eye,
  inv,
  det,
  logdet,
  max,
  min,
  maxmask,
  minmask,
  logsumexp,
  softmax,
  rowsums,
  colsums,
];

const BY_NAME = new Map(TYPED_OPS.map((spec) => [spec.name, spec]));

export function getTypedOp(name: string): TypedOpSpec {
  const spec = BY_NAME.get(name);
  if (spec === undefined) throw new Error(`internal: no typed op ${name}`);
  return spec;
}

/** The ops a typed program calls by name (sum(A), dot(a, b), …), with their help. */
export const TYPED_CALLS: ReadonlyMap<string, TypedOpSpec> = new Map(TYPED_OPS.filter((spec) => spec.call !== undefined).map((spec) => [spec.name, spec]));
