// Lowering: a typed expression becomes one scalar expression per element, built from the op
// table with `call`, so the four differentiators, the evaluator and the printer work on it
// unchanged. Element (i, j) of matrix W is the scalar variable W_i_j, element i of vector x is
// x_i (1-based, as the network builder names its parameters). Nodes shared in the typed graph
// (a let-bound z used twice) lower once, and hash-consing shares equal scalar sub-expressions.
import { num, variable, type Expr } from "../ast/expr.js";
import { call } from "../ops/table.js";
import { Progress, requireWithin } from "../util/budget.js";
import { colsOf, MAX_LOWERED_NODES, rowsOf, sizeOf, type Shape } from "./shape.js";
import { getTypedOp } from "./ops/table.js";
import { typedTopologicalOrder, type TExpr } from "./texpr.js";

/** A typed value as scalars: row-major elements (one for a scalar). */
export interface Lowered {
  readonly shape: Shape;
  readonly elements: readonly Expr[];
}

/** The scalar variable name of one element (0-based row and column in, 1-based names out). */
export function elementName(name: string, shape: Shape, row: number, col: number): string {
  switch (shape.kind) {
    case "scalar":
      return name;
    case "vector":
      return `${name}_${row + 1}`;
    case "row":
      return `${name}_${col + 1}`;
    case "matrix":
      return `${name}_${row + 1}_${col + 1}`;
  }
}

/** All element names of a variable, row-major. */
export function elementNames(name: string, shape: Shape): string[] {
  const names: string[] = [];
  for (let r = 0; r < rowsOf(shape); r++) for (let c = 0; c < colsOf(shape); c++) names.push(elementName(name, shape, r, c));
  return names;
}

/**
 * How many scalar nodes lowering `roots` builds at most (before hash-consing shares equal ones),
 * counted from the shapes alone: what lowering would cost, known before it starts.
 */
export function loweredNodeCount(roots: TExpr | readonly TExpr[]): number {
  return nodesBuiltByAll(typedTopologicalOrder(roots));
}

function nodesBuiltByAll(order: readonly TExpr[]): number {
  let total = 0;
  for (const node of order) total += nodesBuiltBy(node);
  return total;
}

/** Scalar nodes lowerNode builds for one typed node (lowerNode's cases, counted). */
function nodesBuiltBy(node: TExpr): number {
  switch (node.kind) {
    case "var":
    case "map":
      return sizeOf(node.shape);
    case "num":
      return 1;
    case "literal":
      return 0; // it re-uses its elements' nodes
    case "call":
      return getTypedOp(node.op).loweredNodes(node);
  }
}

/**
 * Lowers every node under `roots` once; the map gives each typed node's scalar elements.
 * Refuses (CostLimitError) before building anything when the scalar graph would pass
 * MAX_LOWERED_NODES, which is what fits in memory with room for a differentiator's own.
 */
export function lowerAll(roots: TExpr | readonly TExpr[]): Map<TExpr, Lowered> {
  const order = typedTopologicalOrder(roots);
  const total = nodesBuiltByAll(order);
  requireWithin("lowering the expression to scalars", total, MAX_LOWERED_NODES, "scalar nodes", "use smaller vectors and matrices");
  const progress = new Progress("lowering to scalars (nodes)", total, 1);
  const lowered = new Map<TExpr, Lowered>();
  const of = (node: TExpr): readonly Expr[] => (lowered.get(node) as Lowered).elements;
  let built = 0;
  for (const node of order) {
    lowered.set(node, { shape: node.shape, elements: lowerNode(node, of) });
    built += nodesBuiltBy(node);
    progress.tick(built);
  }
  return lowered;
}

/** The scalar elements of one typed expression. */
export function lower(root: TExpr): Lowered {
  return lowerAll(root).get(root) as Lowered;
}

/** A scalar-valued typed expression as one scalar expression. */
export function lowerScalar(root: TExpr): Expr {
  const { elements } = lower(root);
  if (elements.length !== 1) throw new RangeError(`expected a scalar-valued expression, got ${elements.length} elements`);
  return elements[0];
}

function lowerNode(node: TExpr, of: (node: TExpr) => readonly Expr[]): Expr[] {
  switch (node.kind) {
    case "var":
      return elementNames(node.name, node.shape).map((name) => variable(name));
    case "num":
      return [num(node.value)];
    case "literal":
      return node.elements.map((e) => of(e)[0]);
    case "map": {
      const args = node.args.map(of);
      return Array.from({ length: sizeOf(node.shape) }, (_, k) => call(node.op, args.map((a) => (a.length === 1 ? a[0] : a[k]))));
    }
    case "call":
      return getTypedOp(node.op).lower(node.args.map(of), node);
  }
}
