// Reductions beyond the sum: the first extremal entry, a stable log-sum-exp and softmax, and sums
// along rows or columns. Entries are read row-major (a transposed view is copied once).
import { colsOf, rowsOf } from "../shape.js";
import { dense, freshArray, type Allocate, type Tensor } from "../tensor.js";

/** The index of the first largest (or smallest) entry, row-major; -1 when an entry is NaN. */
export function firstExtremum(t: Tensor, larger: boolean): number {
  const d = dense(t).data;
  let best = 0;
  for (let i = 0; i < d.length; i++) {
    if (Number.isNaN(d[i])) return -1;
    if (larger ? d[i] > d[best] : d[i] < d[best]) best = i;
  }
  return best;
}

/** log Σ exp(vᵢ), shifted by m = max(v) so no exp overflows: m + log Σ exp(vᵢ − m); ±∞ when m is. */
export function logSumExp(t: Tensor): number {
  const d = dense(t).data;
  const k = firstExtremum(t, true);
  if (k < 0) return NaN;
  const m = d[k];
  if (!Number.isFinite(m)) return m;
  let s = 0;
  for (let i = 0; i < d.length; i++) s += Math.exp(d[i] - m);
  return m + Math.log(s);
}

/** exp(vᵢ − m) / Σ exp(vⱼ − m) with m = max(v): every exp is at most 1, the sum at least 1. */
export function softmaxEntries(t: Tensor, alloc: Allocate = freshArray): Float64Array {
  const d = dense(t).data;
  const out = alloc(d.length);
  const k = firstExtremum(t, true);
  if (k < 0) return out.fill(NaN);
  const m = d[k];
  let s = 0;
  for (let i = 0; i < d.length; i++) s += out[i] = Math.exp(d[i] - m);
  for (let i = 0; i < d.length; i++) out[i] /= s;
  return out;
}

/** Σⱼ Aᵢⱼ for each row i (byRows) or Σᵢ Aᵢⱼ for each column j. */
export function axisSums(t: Tensor, byRows: boolean, alloc: Allocate = freshArray): Float64Array {
  const d = dense(t, alloc).data;
  const rows = rowsOf(t.shape);
  const cols = colsOf(t.shape);
  const out = alloc(byRows ? rows : cols).fill(0); // arrays from alloc are not zeroed
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) out[byRows ? i : j] += d[i * cols + j];
  }
  return out;
}
