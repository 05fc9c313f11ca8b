// What the typed ops' scalar lowerings share.
import type { Expr } from "../../ast/expr.js";
import { call } from "../../ops/table.js";

/** Σ terms as a left fold (t1 + t2 + t3), as the network builder writes its sums. */
export function sumOf(terms: readonly Expr[]): Expr {
  return terms.reduce((acc, t) => call("add", [acc, t]));
}
