// Symbolic differentiation from the op table, two ways:
//  - tree: the textbook recursion d(f(g)) = f'(g)·d(g), without memoization, so a shared
//    sub-expression is differentiated again wherever it occurs (cost grows with the tree);
//  - shared: reverse accumulation of adjoint expressions on the hash-consed DAG, one sweep
//    for the whole gradient, every sub-expression re-used (cost grows like the reverse tape;
//    Laue, "On the equivalence of automatic and symbolic differentiation").
// Both are iterative, so deep expressions do not overflow the call stack.
import { num, type Call, type Expr } from "../../ast/expr.js";
import { isStructurallyConstant } from "../../ops/exact-zero.js";
import { getOp } from "../../ops/table.js";
import type { Algebra, OpSpec } from "../../ops/types.js";
import { adjointSweep, type AdjointAccumulation } from "../../graph/adjoints.js";
import { activity, buildGraph } from "../../graph/graph.js";
import { structuralZeroAdjoints } from "../../graph/zero-policy.js";
import { counterFor, type DerivationBudget, type NodeCounter } from "./budget.js";
import { countingAlgebra } from "./light-algebra.js";
import { isZero } from "./numbers.js";

export type SymbolicMode = "tree" | "shared";

/** Derivative expressions per variable (null prototype: any variable name is a plain key). */
export type DerivativeExprs = Record<string, Expr>;

export interface RawGradient {
  readonly derivatives: DerivativeExprs;
  /** Algebra calls made while deriving (the work; tree mode shows swell here). */
  readonly nodesBuilt: number;
}

/**
 * ∂f/∂v for each v in wrt, unsimplified, with the number of nodes built. Throws
 * DerivationBudgetExceeded when the budget runs out.
 */
export function rawGradient(f: Expr, wrt: readonly string[], mode: SymbolicMode, budget?: DerivationBudget | NodeCounter): RawGradient {
  const counter = counterFor(budget);
  const before = counter.nodesBuilt;
  const A = countingAlgebra(counter);
  const derivatives = Object.create(null) as DerivativeExprs;
  if (mode === "shared") {
    const adjoints = sharedAdjoints(f, new Set(wrt), A);
    for (const v of wrt) derivatives[v] = adjoints.get(v) ?? A.num(0);
  } else {
    for (const v of wrt) derivatives[v] = treeDerivative(f, v, A);
  }
  return { derivatives, nodesBuilt: counter.nodesBuilt - before };
}

/** d(node)/d(arg) summed over arguments, skipping those whose derivative is literally 0. */
function chainRule(node: Expr, argDerivatives: readonly Expr[], A: Algebra<Expr>): Expr {
  if (node.kind !== "call") throw new Error("internal: chain rule on a leaf");
  if (isStructurallyConstant(node)) return A.num(0); // u − u, u / u
  const op = getOp(node.op);
  let total: Expr | undefined;
  argDerivatives.forEach((dArg, i) => {
    if (isZero(dArg)) return;
    const term = A.mul(op.partials[i](A, node.args, node), dArg);
    total = total === undefined ? term : A.add(total, term);
  });
  return total ?? A.num(0);
}

interface TreeFrame {
  readonly node: Expr;
  readonly argDerivatives: Expr[];
}

/** The textbook recursion d(node) = Σ ∂node/∂arg · d(arg), run on an explicit stack. */
function treeDerivative(f: Expr, x: string, A: Algebra<Expr>): Expr {
  const stack: TreeFrame[] = [{ node: f, argDerivatives: [] }];
  let result: Expr = A.num(0);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    const { node, argDerivatives } = frame;
    if (node.kind === "call" && argDerivatives.length < node.args.length) {
      // No memo: a sub-expression met twice is differentiated twice, as by hand.
      stack.push({ node: node.args[argDerivatives.length], argDerivatives: [] });
      continue;
    }
    stack.pop();
    const d =
      node.kind === "num" ? A.num(0)
      : node.kind === "var" ? A.num(node.name === x ? 1 : 0)
      : chainRule(node, argDerivatives, A);
    if (stack.length > 0) stack[stack.length - 1].argDerivatives.push(d);
    else result = d;
  }
  return result;
}

/**
 * Reverse accumulation, the graph's adjoint sweep over the expression algebra: adj(f) = 1; for
 * each node in reverse topological order, adj(arg_i) += adj(node) · ∂node/∂arg_i. Only arguments
 * that depend on a variable of `wrt` get an adjoint (the graph's activity), so ∂(x^n)/∂n is
 * never built for a constant n; a literal 0 cuts its path. Returns adj(v) by name.
 */
function sharedAdjoints(f: Expr, wrt: ReadonlySet<string>, A: Algebra<Expr>): Map<string, Expr> {
  const graph = buildGraph(f);
  const active = activity(graph, wrt);
  const byName = new Map<string, Expr>();
  const root = graph.outputs[0];
  if (active[root] !== 1) return byName;
  const { nodes } = graph;
  const partial = (i: number, k: number): Expr => {
    const node = nodes[i] as Call;
    return (graph.ops[i] as OpSpec).partials[k](A, node.args, node);
  };
  const accumulation: AdjointAccumulation<Expr> = {
    zero: num(0), // never used: a literal 0 drops its increment rather than cutting it
    product: (adjoint, local) => A.mul(adjoint, local),
    first: (_j, increment) => increment,
    add: (_j, previous, increment) => A.add(previous, increment),
  };
  const { adjoints } = adjointSweep(graph, active, 0, A.num(1), partial, accumulation, structuralZeroAdjoints);
  graph.variableSlot.forEach((slot, i) => {
    const adjoint = adjoints[i];
    if (slot >= 0 && adjoint !== undefined && !isZero(adjoint)) byName.set(graph.variables[slot], adjoint);
  });
  return byName;
}
