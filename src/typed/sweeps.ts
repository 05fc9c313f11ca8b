// The typed graph's sweeps, generic over a TypedAlgebra: values, tangents (forward mode, one
// direction per pass) and adjoints (the lecture's backward pass on whole vectors and matrices).
// Over tensors they are tensor-level forward and reverse mode; over typed expressions the
// adjoint sweep is the matrix-form symbolic derivative. One rule per op reaches all of them:
// the typed table's VJP/JVP for matrix ops, the scalar table's partials for element-wise maps.
import { algebraOfCalls, getOp } from "../ops/table.js";
import type { Algebra } from "../ops/types.js";
import { getTypedOp } from "./ops/table.js";
import { tangentSum } from "./ops/rules.js";
import type { TypedAlgebra } from "./ops/types.js";
import { isScalar } from "./shape.js";
import { childrenOf, typedTopologicalOrder, type TExpr } from "./texpr.js";

/** A typed expression laid out once: its nodes children first, and which depend on a differentiated variable. */
export interface TypedGraph {
  readonly root: TExpr;
  readonly order: readonly TExpr[];
  /** Nodes with a differentiated variable beneath them: the only ones with tangents and adjoints. */
  readonly active: ReadonlySet<TExpr>;
}

/** The graph of `roots` (the first is the root the adjoint sweep starts from), active for the variables in `wrt` (every variable when absent). */
export function typedGraph(roots: TExpr | readonly TExpr[], wrt?: ReadonlySet<string>): TypedGraph {
  const root = Array.isArray(roots) ? (roots as readonly TExpr[])[0] : (roots as TExpr);
  const order = typedTopologicalOrder(roots);
  const active = new Set<TExpr>();
  for (const node of order) {
    if (node.kind === "var" ? wrt === undefined || wrt.has(node.name) : childrenOf(node).some((c) => active.has(c))) active.add(node);
  }
  return { root, order, active };
}

/** The scalar table's rules over a typed algebra (element-wise). */
const scalarRules = <T>(A: TypedAlgebra<T>): Algebra<T> => algebraOfCalls(A.num, A.map, A.textbook === true);

/** Every node's value; `variable` gives the inputs'. */
export function typedValues<T>(graph: TypedGraph, A: TypedAlgebra<T>, variable: (node: TExpr & { kind: "var" }) => T): Map<TExpr, T> {
  const values = new Map<TExpr, T>();
  const of = (node: TExpr) => values.get(node) as T;
  for (const node of graph.order) {
    switch (node.kind) {
      case "var":
        values.set(node, variable(node));
        break;
      case "num":
        values.set(node, A.num(node.value));
        break;
      case "literal":
        values.set(node, A.literal(node.elements.map(of), node.shape));
        break;
      case "map":
        values.set(node, A.map(node.op, node.args.map(of)));
        break;
      case "call":
        values.set(node, A.call(node.op, node.args.map(of), node.shape));
        break;
    }
  }
  return values;
}

/**
 * Each active child's share of `adjoint`, the adjoint of `node`, shaped like the child.
 * `valueOf` gives forward values (the nodes themselves for the symbolic algebra).
 */
function contributions<T>(node: TExpr, adjoint: T, A: TypedAlgebra<T>, valueOf: (node: TExpr) => T, isActive: (node: TExpr) => boolean): [TExpr, T][] {
  const out: [TExpr, T][] = [];
  switch (node.kind) {
    case "var":
    case "num":
      break;
    case "literal":
      node.elements.forEach((element, k) => {
        if (isActive(element)) out.push([element, A.entry(adjoint, k)]);
      });
      break;
    case "map": {
      const spec = getOp(node.op);
      const args = node.args.map(valueOf);
      const rules = scalarRules(A);
      node.args.forEach((arg, i) => {
        if (!isActive(arg)) return;
        // Āᵢ += C̄ .* ∂op/∂argᵢ; a scalar broadcast into the result collects sum(C̄ .* ∂op/∂argᵢ)
        const product = A.map("mul", [adjoint, spec.partials[i](rules, args, valueOf(node))]);
        out.push([arg, isScalar(arg.shape) && !isScalar(node.shape) ? A.call("sum", [product]) : product]);
      });
      break;
    }
    case "call": {
      const spec = getTypedOp(node.op);
      const args = node.args.map(valueOf);
      node.args.forEach((arg, i) => {
        if (isActive(arg)) out.push([arg, A.conform(spec.vjp[i](A, args, valueOf(node), adjoint), arg.shape)]);
      });
      break;
    }
  }
  return out;
}

export interface AdjointOptions<T> {
  /** A contribution known to be zero is dropped (the symbolic algebra's 0 * ones). */
  readonly isZero?: (x: T) => boolean;
  /** The zero of a node's shape, for an active node nothing reached. */
  readonly zeroOf?: (node: TExpr) => T;
}

/**
 * Reverse sweep from the root seeded with `seed` (1 for a gradient): the adjoint of every
 * active node, the sum of its parents' contributions, in reverse topological order.
 */
export function typedAdjointSweep<T>(graph: TypedGraph, A: TypedAlgebra<T>, valueOf: (node: TExpr) => T, seed: T, options: AdjointOptions<T> = {}): Map<TExpr, T> {
  const isZero = options.isZero ?? (() => false);
  const parts = new Map<TExpr, T>([[graph.root, seed]]);
  const adjoints = new Map<TExpr, T>();
  const isActive = (node: TExpr) => graph.active.has(node);
  for (let k = graph.order.length - 1; k >= 0; k--) {
    const node = graph.order[k];
    if (!isActive(node)) continue;
    const adjoint = parts.get(node) ?? options.zeroOf?.(node);
    if (adjoint === undefined) continue;
    adjoints.set(node, adjoint);
    if (isZero(adjoint)) continue;
    for (const [child, contribution] of contributions(node, adjoint, A, valueOf, isActive)) {
      if (isZero(contribution)) continue;
      const known = parts.get(child);
      parts.set(child, known === undefined ? contribution : A.map("add", [known, contribution]));
    }
  }
  return adjoints;
}

/**
 * Forward sweep of tangents: `seed` gives each active variable's tangent (one direction),
 * every other active node's is its op's JVP. Returns the root's tangent.
 */
export function typedTangentSweep<T>(graph: TypedGraph, A: TypedAlgebra<T>, valueOf: (node: TExpr) => T, seed: (node: TExpr & { kind: "var" }) => T): T {
  const tangents = new Map<TExpr, T>();
  const tangentOf = (node: TExpr): T | undefined => tangents.get(node);
  for (const node of graph.order) {
    if (!graph.active.has(node)) continue;
    switch (node.kind) {
      case "var":
        tangents.set(node, seed(node));
        break;
      case "num":
        break;
      case "literal":
        tangents.set(node, A.literal(node.elements.map((e) => tangentOf(e) ?? A.num(0)), node.shape));
        break;
      case "map": {
        const spec = getOp(node.op);
        const args = node.args.map(valueOf);
        const rules = scalarRules(A);
        // Ċ = Σᵢ ∂op/∂argᵢ .* Ȧᵢ
        const terms = node.args.map((_, i) => (t: T) => A.map("mul", [spec.partials[i](rules, args, valueOf(node)), t]));
        // a moving scalar broadcast into a vector result moves every entry: its tangent spreads too
        tangents.set(node, A.conform(tangentSum(A, node.args.map(tangentOf), terms), node.shape));
        break;
      }
      case "call":
        tangents.set(node, getTypedOp(node.op).jvp(A, node.args.map(valueOf), valueOf(node), node.args.map(tangentOf)));
        break;
    }
  }
  return tangents.get(graph.root) as T;
}
