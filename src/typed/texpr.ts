// Typed expressions: scalars, vectors and matrices, with each node's shape inferred when it is
// built. The constructors below are the only way to make a node, so a TExpr is always
// well-shaped; a mismatch throws ShapeError saying what did not fit (and, from the parser,
// where: the operator's position, for a caret).
import { getOp } from "../ops/table.js";
import {
  colsOf,
  describeShape,
  formatShape,
  isScalar,
  matrixShape,
  rowsOf,
  SCALAR,
  sameShape,
  vectorShape,
  tooLarge,
  type Shape,
} from "./shape.js";
import { getTypedOp } from "./ops/table.js";

export type TExpr =
  | { readonly kind: "var"; readonly name: string; readonly shape: Shape }
  | { readonly kind: "num"; readonly value: number; readonly shape: Shape }
  /** A vector or matrix written out, [1, 2; 3, 4]: scalar elements, row-major. */
  | { readonly kind: "literal"; readonly elements: readonly TExpr[]; readonly shape: Shape }
  /** An op of the scalar table applied element by element (+, -, .*, ./, .^, sin, sigmoid, …); scalar arguments broadcast. */
  | { readonly kind: "map"; readonly op: string; readonly args: readonly TExpr[]; readonly shape: Shape }
  /** An op of the typed table (src/typed/ops): matmul, transpose, sum, dot, norm2, fill, …. */
  | { readonly kind: "call"; readonly op: string; readonly args: readonly TExpr[]; readonly shape: Shape };

export { ShapeError, type SourceSpan } from "./shape-error.js";
import { ShapeError, type SourceSpan } from "./shape-error.js";

/** Every node is checked against the size limit as it is made (ones(1e10), x * x' for a long x). */
const freeze = <T extends TExpr>(node: T, at?: SourceSpan): T => {
  const problem = tooLarge(rowsOf(node.shape), colsOf(node.shape));
  if (problem !== undefined) throw new ShapeError(`the result would be too large: ${problem}`, at);
  return Object.freeze(node);
};

export function tvar(name: string, shape: Shape = SCALAR): TExpr {
  return freeze({ kind: "var", name, shape });
}

export function tnum(value: number): TExpr {
  return freeze({ kind: "num", value, shape: SCALAR });
}

/**
 * A literal from its rows. One row or one column makes a vector ([1, 2, 3] and [1; 2; 3] are
 * both the column vector of 3, as declared vectors are); more of each makes a matrix.
 */
export function tliteral(rows: readonly (readonly TExpr[])[], at?: SourceSpan): TExpr {
  const width = rows[0].length;
  rows.forEach((row, r) => {
    const entries = (n: number) => `${n} ${n === 1 ? "entry" : "entries"}`;
    if (row.length !== width) throw new ShapeError(`matrix rows differ in length: row 1 has ${entries(width)}, row ${r + 1} has ${entries(row.length)}`, at);
  });
  const elements = rows.flat();
  for (const e of elements) {
    if (!isScalar(e.shape)) throw new ShapeError(`a matrix literal holds scalars, got ${describeShape(e.shape)}`, at);
  }
  const shape = rows.length === 1 || width === 1 ? vectorShape(elements.length) : matrixShape(rows.length, width);
  return freeze({ kind: "literal", elements, shape });
}

const ELEMENTWISE_VERBS: Readonly<Record<string, string>> = {
  add: "add",
  sub: "subtract",
  mul: "multiply",
  div: "divide",
  pow: "raise",
};

/** An op of the scalar table, element-wise: every non-scalar argument has one shape; scalars broadcast. */
export function tmap(op: string, args: readonly TExpr[], at?: SourceSpan): TExpr {
  const spec = getOp(op);
  if (spec.arity !== args.length) throw new ShapeError(`${op} takes ${spec.arity} argument(s), got ${args.length}`, at);
  let shape: Shape = SCALAR;
  for (const arg of args) {
    if (isScalar(arg.shape)) continue;
    if (isScalar(shape)) {
      shape = arg.shape;
    } else if (!sameShape(shape, arg.shape)) {
      const verb = ELEMENTWISE_VERBS[op] ?? `apply ${op} to`;
      const operands = args.map((a) => formatShape(a.shape));
      const listed = operands.length === 2 ? operands.join(" and ") : operands.join(", ");
      throw new ShapeError(
        `cannot ${verb} ${listed} element-wise: shapes differ`,
        at,
        "element-wise operators need equal shapes, or a scalar on one side" + transposeHint(shape, arg.shape),
      );
    }
  }
  return freeze({ kind: "map", op, args: [...args], shape }, at);
}

function transposeHint(a: Shape, b: Shape): string {
  return rowsOf(a) === colsOf(b) && colsOf(a) === rowsOf(b) ? " (one side transposed with ' would fit)" : "";
}

/** A node of the typed table's op `op` (src/typed/ops), its shape from the entry's rule. */
export function tcall(op: string, args: readonly TExpr[], at?: SourceSpan, given?: Shape): TExpr {
  const spec = getTypedOp(op);
  if (spec.arity !== args.length) throw new ShapeError(`${op} takes ${spec.arity} argument(s), got ${args.length}`, at);
  const shape = spec.shape(args.map((a) => a.shape), at, given);
  return freeze({ kind: "call", op, args: [...args], shape }, at);
}

/** The matrix product; vectors are columns (n×1), rows 1×n, and row times column is a scalar. */
export function tmatmul(left: TExpr, right: TExpr, at?: SourceSpan): TExpr {
  if (isScalar(left.shape) || isScalar(right.shape)) return tmap("mul", [left, right], at);
  return tcall("matmul", [left, right], at);
}

/** `*` as typed: the matrix product, which with a scalar on either side is scaling. */
export const ttimes = tmatmul;

export function ttranspose(arg: TExpr): TExpr {
  if (isScalar(arg.shape)) return arg;
  return tcall("transpose", [arg]);
}

export function tsum(arg: TExpr): TExpr {
  return tcall("sum", [arg]);
}

export function tdot(left: TExpr, right: TExpr, at?: SourceSpan): TExpr {
  return tcall("dot", [left, right], at);
}

export function tnorm2(arg: TExpr): TExpr {
  return tcall("norm2", [arg]);
}

export function tfill(arg: TExpr, shape: Shape): TExpr {
  if (isScalar(shape) && isScalar(arg.shape)) return arg;
  return tcall("fill", [arg], undefined, shape);
}

/** Whether `node` is the typed table's op `op`. */
export const isCall = <Op extends string>(node: TExpr, op: Op): node is Extract<TExpr, { kind: "call" }> & { readonly op: Op } => node.kind === "call" && node.op === op;

/** The children of a node, in order. */
export function childrenOf(node: TExpr): readonly TExpr[] {
  switch (node.kind) {
    case "var":
    case "num":
      return [];
    case "literal":
      return node.elements;
    case "map":
    case "call":
      return node.args;
  }
}

/** Every distinct node (by identity) under `roots`, children before parents. */
export function typedTopologicalOrder(roots: TExpr | readonly TExpr[]): TExpr[] {
  const order: TExpr[] = [];
  const seen = new Set<TExpr>();
  const stack: { node: TExpr; expanded: boolean }[] = (Array.isArray(roots) ? [...(roots as readonly TExpr[])] : [roots as TExpr])
    .reverse()
    .map((node) => ({ node, expanded: false }));
  while (stack.length > 0) {
    const top = stack.pop() as { node: TExpr; expanded: boolean };
    if (top.expanded) {
      order.push(top.node);
      continue;
    }
    if (seen.has(top.node)) continue;
    seen.add(top.node);
    stack.push({ node: top.node, expanded: true });
    const children = childrenOf(top.node);
    for (let i = children.length - 1; i >= 0; i--) if (!seen.has(children[i])) stack.push({ node: children[i], expanded: false });
  }
  return order;
}

/** Every variable under `root` with its shape, in first-seen order. */
export function typedVariablesOf(root: TExpr | readonly TExpr[]): Map<string, Shape> {
  const found = new Map<string, Shape>();
  for (const node of typedTopologicalOrder(root)) if (node.kind === "var") found.set(node.name, node.shape);
  return found;
}
