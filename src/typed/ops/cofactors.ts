// The scalar lowering of det, logdet and inv: cofactor (Laplace) expansion along rows, with every
// minor built once and shared (a minor is named by the rows it keeps and a set of columns), so
// det of an n×n matrix takes Σₖ C(n, k)(2k − 1) nodes, about n·2ⁿ. The expansion is exact:
// det is a polynomial of the entries with no division, so it is defined (and its per-entry
// derivative too) at every matrix, singular ones included, where elimination without pivoting
// would divide by a zero pivot. Past MAX_COFACTOR_SIZE rows the growth is refused.
import { num, type Expr } from "../../ast/expr.js";
import { call } from "../../ops/table.js";
import { CostLimitError } from "../../util/budget.js";

/** The largest n×n matrix whose det, logdet or inv is lowered to scalars (9×9 would be ~2·10⁴ nodes for det, ~10⁵ for inv). */
export const MAX_COFACTOR_SIZE = 8;

/** What the expansion builds with: scalar expressions, or a count of the nodes they would take. */
interface Builder<T> {
  entry(row: number, col: number): T;
  one(): T;
  op(name: string, args: readonly T[]): T;
}

/** Refuses a lowering past MAX_COFACTOR_SIZE, saying what to do instead. */
export function requireCofactorSize(op: string, n: number): void {
  if (n > MAX_COFACTOR_SIZE) {
    throw new CostLimitError(
      `lowering ${op}(A) of a ${n}×${n} matrix to scalars (a cofactor expansion, about n·2ⁿ nodes)`,
      n,
      MAX_COFACTOR_SIZE,
      "rows",
      "tensor-level methods take any size; the scalar lowering stops at 8×8",
    );
  }
}

/** Determinants of minors: rows[from..] against the columns in `mask`, memoised. */
function minors<T>(b: Builder<T>): (rows: readonly number[], from: number, mask: number) => T {
  const memo = new Map<string, T>();
  const minor = (rows: readonly number[], from: number, mask: number): T => {
    if (mask === 0) return b.one();
    const row = rows[from];
    const cols: number[] = [];
    for (let c = 0; (1 << c) <= mask; c++) if (mask & (1 << c)) cols.push(c);
    if (cols.length === 1) return b.entry(row, cols[0]);
    const key = `${rows.slice(from).join(",")}|${mask}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    // along the first row kept: Σₜ (−1)ᵗ a[row, cₜ] · minor(without row and cₜ)
    let sum: T | undefined;
    cols.forEach((c, t) => {
      const term = b.op("mul", [b.entry(row, c), minor(rows, from + 1, mask & ~(1 << c))]);
      sum = sum === undefined ? term : b.op(t % 2 === 0 ? "add" : "sub", [sum, term]);
    });
    memo.set(key, sum as T);
    return sum as T;
  };
  return minor;
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

function determinantWith<T>(b: Builder<T>, n: number): T {
  return minors(b)(range(n), 0, (1 << n) - 1);
}

/** A⁻¹ entry by entry, row-major: (A⁻¹)ᵢⱼ = (−1)^(i+j) Mⱼᵢ / det A, with Mⱼᵢ the minor without row j and column i. */
function inverseWith<T>(b: Builder<T>, n: number): T[] {
  const minor = minors(b);
  const det = minor(range(n), 0, (1 << n) - 1);
  const all = (1 << n) - 1;
  return range(n * n).map((k) => {
    const i = Math.floor(k / n);
    const j = k % n;
    const quotient = b.op("div", [minor(range(n).filter((r) => r !== j), 0, all & ~(1 << i)), det]);
    return (i + j) % 2 === 0 ? quotient : b.op("neg", [quotient]);
  });
}

const exprBuilder = (entries: readonly Expr[], n: number): Builder<Expr> => ({
  entry: (row, col) => entries[row * n + col],
  one: () => num(1),
  op: call,
});

/** Counts nodes as built (before hash-consing): every op and every num(1). */
function countingBuilder(): { builder: Builder<null>; count: () => number } {
  let nodes = 0;
  return {
    builder: { entry: () => null, one: () => (nodes++, null), op: () => (nodes++, null) },
    count: () => nodes,
  };
}

export const lowerDeterminant = (entries: readonly Expr[], n: number): Expr => determinantWith(exprBuilder(entries, n), n);
export const lowerInverse = (entries: readonly Expr[], n: number): Expr[] => inverseWith(exprBuilder(entries, n), n);

export function determinantNodes(n: number): number {
  const { builder, count } = countingBuilder();
  determinantWith(builder, n);
  return count();
}

export function inverseNodes(n: number): number {
  const { builder, count } = countingBuilder();
  inverseWith(builder, n);
  return count();
}
