// A safe, bounded simplifier: one memoized bottom-up pass over the DAG applies the local rules
// (rules.ts) and the polynomial normal form (polynomial.ts) at each node; the pass repeats to
// a fixpoint at most `maxPasses` times. Each node's result is never larger (as a tree) than
// the node rebuilt from its simplified arguments, so the whole never grows.
import { callNode, type Expr } from "../../ast/expr.js";
import { topologicalOrder, variablesOf } from "../../ast/walk.js";
import type { NodeCounter } from "./budget.js";
import { PolynomialNormalizer } from "./polynomial.js";
import { simplifyCall } from "./rules.js";

export interface SimplifyOptions {
  /** Bottom-up passes at most (each linear in the DAG); default 3. */
  readonly maxPasses?: number;
  /** Expand and collect polynomial sub-expressions when smaller; default true. */
  readonly polynomial?: boolean;
  /** Counts every node visited against a derivation's budget (DerivationBudgetExceeded past it). */
  readonly counter?: NodeCounter;
}

const DEFAULT_MAX_PASSES = 3;

export function simplify(expr: Expr, options?: SimplifyOptions): Expr {
  return simplifyAll([expr], options)[0];
}

/** Simplifies several roots together, so a sub-expression they share is simplified once. */
export function simplifyAll(exprs: readonly Expr[], options: SimplifyOptions = {}): Expr[] {
  const maxPasses = options.maxPasses ?? DEFAULT_MAX_PASSES;
  let current = [...exprs];
  for (let pass = 0; pass < maxPasses; pass++) {
    const next = simplifyPass(current, options.polynomial ?? true, options.counter);
    const unchanged = next.every((e, i) => e === current[i]);
    current = next;
    if (unchanged) break;
  }
  return current;
}

function simplifyPass(roots: readonly Expr[], polynomial: boolean, counter: NodeCounter | undefined): Expr[] {
  const normalizer = polynomial ? new PolynomialNormalizer(variablesOf(roots)) : undefined;
  const simplified = new Map<number, Expr>();
  for (const node of topologicalOrder(roots)) {
    counter?.count();
    if (node.kind !== "call") {
      simplified.set(node.id, node);
      continue;
    }
    const args = node.args.map((a) => simplified.get(a.id) as Expr);
    const rebuilt = args.every((a, i) => a === node.args[i]) ? node : callNode(node.op, args);
    let best = simplifyCall(node.op, args);
    // The rules never grow a tree; this guard keeps that a guarantee, not a hope.
    if (best.treeSize > rebuilt.treeSize) best = rebuilt;
    if (normalizer !== undefined) best = normalizer.normalForm(best);
    simplified.set(node.id, best);
  }
  return roots.map((r) => simplified.get(r.id) as Expr);
}
