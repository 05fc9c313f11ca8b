// The scalar lowering of det, logdet and inv: cofactor (Laplace) expansion along rows, with every
// minor built once and shared (a minor is named by the rows it keeps and a set of columns), so
// det of an n×n matrix takes Σₖ C(n, k)(2k − 1) nodes, about n·2ⁿ. The expansion is exact:
// det is a polynomial of the entries with no division, so it is defined (and its per-entry
// derivative too) at every matrix, singular ones included, where elimination without pivoting
// would divide by a zero pivot. Its growth is bounded by the lowering's node limit
// (MAX_LOWERED_NODES: det up to 16×16, inv up to 14×14); tensor-level methods take any size.
import { num, type Expr } from "../../ast/expr.js";
import { call } from "../../ops/table.js";

/** Determinants of minors of the n×n `entries`: rows[from..] against the columns in `mask`, memoised. */
function minors(entries: readonly Expr[], n: number): (rows: readonly number[], from: number, mask: number) => Expr {
  const memo = new Map<string, Expr>();
  const minor = (rows: readonly number[], from: number, mask: number): Expr => {
    if (mask === 0) return num(1);
    const row = rows[from];
    const cols: number[] = [];
    for (let c = 0; 1 << c <= mask; c++) if (mask & (1 << c)) cols.push(c);
    if (cols.length === 1) return entries[row * n + cols[0]];
    const key = `${rows.slice(from).join(",")}|${mask}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    // along the first row kept: Σₜ (−1)ᵗ a[row, cₜ] · minor(without row and cₜ)
    const sum = cols
      .map((c) => call("mul", [entries[row * n + c], minor(rows, from + 1, mask & ~(1 << c))]))
      .reduce((acc, term, t) => call(t % 2 === 0 ? "add" : "sub", [acc, term]));
    memo.set(key, sum);
    return sum;
  };
  return minor;
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

export function lowerDeterminant(entries: readonly Expr[], n: number): Expr {
  return minors(entries, n)(range(n), 0, (1 << n) - 1);
}

/** A⁻¹ entry by entry, row-major: (A⁻¹)ᵢⱼ = (−1)^(i+j) Mⱼᵢ / det A, with Mⱼᵢ the minor without row j and column i. */
export function lowerInverse(entries: readonly Expr[], n: number): Expr[] {
  const minor = minors(entries, n);
  const all = (1 << n) - 1;
  const det = minor(range(n), 0, all);
  return range(n * n).map((k) => {
    const i = Math.floor(k / n);
    const j = k % n;
    const quotient = call("div", [minor(range(n).filter((r) => r !== j), 0, all & ~(1 << i)), det]);
    return (i + j) % 2 === 0 ? quotient : call("neg", [quotient]);
  });
}

function binomial(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c;
}

/** Nodes of det's expansion: Σₖ₌₂ⁿ C(n, k)(2k − 1) = (n − 1)·2ⁿ − n + 1 (a 1×1's det is its entry). */
export const determinantNodes = (n: number): number => (n - 1) * 2 ** n - n + 1;

/**
 * Nodes of inv's expansion: det's; the minors of the rows without row j that keep a row above j
 * (k columns: k of the n values of j have one, each for C(n, k) column sets); a quotient per
 * entry, a sign per odd i + j, and the 1 a 1×1's cofactor is.
 */
export function inverseNodes(n: number): number {
  let withoutRow = 0;
  for (let k = 2; k <= n - 1; k++) withoutRow += k * binomial(n, k) * (2 * k - 1);
  return determinantNodes(n) + withoutRow + n * n + Math.floor((n * n) / 2) + (n === 1 ? 1 : 0);
}
