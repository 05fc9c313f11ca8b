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
  rowShape,
  rowsOf,
  SCALAR,
  sameShape,
  sizeOf,
  transposeShape,
  vectorShape,
  tooLarge,
  MAX_PRODUCT_TERMS,
  type Shape,
} from "./shape.js";

export type TExpr =
  | { readonly kind: "var"; readonly name: string; readonly shape: Shape }
  | { readonly kind: "num"; readonly value: number; readonly shape: Shape }
  /** A vector or matrix written out, [1, 2; 3, 4]: scalar elements, row-major. */
  | { readonly kind: "literal"; readonly elements: readonly TExpr[]; readonly shape: Shape }
  /** An op of the scalar table applied element by element (+, -, .*, ./, .^, sin, sigmoid, …); scalar arguments broadcast. */
  | { readonly kind: "map"; readonly op: string; readonly args: readonly TExpr[]; readonly shape: Shape }
  | { readonly kind: "matmul"; readonly left: TExpr; readonly right: TExpr; readonly shape: Shape }
  | { readonly kind: "transpose"; readonly arg: TExpr; readonly shape: Shape }
  | { readonly kind: "sum"; readonly arg: TExpr; readonly shape: Shape }
  | { readonly kind: "dot"; readonly left: TExpr; readonly right: TExpr; readonly shape: Shape }
  /** The Euclidean norm ‖v‖₂ (Frobenius for a matrix). */
  | { readonly kind: "norm2"; readonly arg: TExpr; readonly shape: Shape }
  /** A scalar repeated into a shape (s * ones(m, n)): how a derivative spreads a scalar adjoint. */
  | { readonly kind: "fill"; readonly arg: TExpr; readonly shape: Shape };

/** Where an operator was typed: 0-based offset, 1-based line and column, and its length. */
export interface SourceSpan {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  readonly length: number;
}

/** Operands that do not fit an operator; `at` is the operator's position when parsed from text. */
export class ShapeError extends Error {
  constructor(readonly reason: string, readonly at?: SourceSpan, readonly hint?: string) {
    super(reason + (hint !== undefined ? `; ${hint}` : ""));
    this.name = "ShapeError";
  }
}

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

/** The matrix product; vectors are columns (n×1), rows 1×n, and row times column is a scalar. */
export function tmatmul(left: TExpr, right: TExpr, at?: SourceSpan): TExpr {
  const a = left.shape;
  const b = right.shape;
  if (isScalar(a) || isScalar(b)) return tmap("mul", [left, right], at);
  const inner = colsOf(a);
  if (inner !== rowsOf(b)) {
    throw new ShapeError(
      `cannot multiply ${formatShape(a)} by ${formatShape(b)}: inner sizes ${inner} and ${rowsOf(b)} differ`,
      at,
      transposeFix(a, b),
    );
  }
  let shape: Shape;
  if (a.kind === "row" && b.kind === "vector") shape = SCALAR;
  else if (b.kind === "vector") shape = vectorShape(rowsOf(a));
  else if (a.kind === "row") shape = rowShape(colsOf(b));
  else shape = matrixShape(rowsOf(a), colsOf(b));
  const terms = rowsOf(a) * inner * colsOf(b);
  if (terms > MAX_PRODUCT_TERMS) {
    throw new ShapeError(`multiplying ${formatShape(a)} by ${formatShape(b)} takes ${terms.toExponential(1)} scalar products; the limit is ${MAX_PRODUCT_TERMS.toExponential(0)}`, at);
  }
  return freeze({ kind: "matmul", left, right, shape }, at);
}

function transposeFix(a: Shape, b: Shape): string | undefined {
  if (rowsOf(a) === rowsOf(b)) return `the left side transposed (${formatShape(transposeShape(a))}) would fit: write A' * B`;
  if (colsOf(a) === colsOf(b)) return `the right side transposed (${formatShape(transposeShape(b))}) would fit: write A * B'`;
  if (sameShape(a, b)) return "for the element-wise product write .*";
  return undefined;
}

/** `*` as typed: the matrix product, which with a scalar on either side is scaling. */
export const ttimes = tmatmul;

export function ttranspose(arg: TExpr): TExpr {
  if (isScalar(arg.shape)) return arg;
  return freeze({ kind: "transpose", arg, shape: transposeShape(arg.shape) });
}

export function tsum(arg: TExpr): TExpr {
  return freeze({ kind: "sum", arg, shape: SCALAR });
}

export function tdot(left: TExpr, right: TExpr, at?: SourceSpan): TExpr {
  if (!sameElements(left.shape, right.shape)) {
    throw new ShapeError(`cannot take dot(${formatShape(left.shape)}, ${formatShape(right.shape)}): shapes differ`, at, "dot needs two vectors of one length (or two matrices of one shape)");
  }
  return freeze({ kind: "dot", left, right, shape: SCALAR });
}

/** A vector and a row of one length pair up in dot, as do equal shapes. */
function sameElements(a: Shape, b: Shape): boolean {
  if (sameShape(a, b)) return true;
  const vectorLike = (s: Shape) => s.kind === "vector" || s.kind === "row";
  return vectorLike(a) && vectorLike(b) && sizeOf(a) === sizeOf(b);
}

export function tnorm2(arg: TExpr): TExpr {
  return freeze({ kind: "norm2", arg, shape: SCALAR });
}

export function tfill(arg: TExpr, shape: Shape): TExpr {
  if (!isScalar(arg.shape)) throw new ShapeError(`fill takes a scalar, got ${describeShape(arg.shape)}`);
  if (isScalar(shape)) return arg;
  return freeze({ kind: "fill", arg, shape });
}

/** The children of a node, in order. */
export function childrenOf(node: TExpr): readonly TExpr[] {
  switch (node.kind) {
    case "var":
    case "num":
      return [];
    case "literal":
      return node.elements;
    case "map":
      return node.args;
    case "matmul":
    case "dot":
      return [node.left, node.right];
    case "transpose":
    case "sum":
    case "norm2":
    case "fill":
      return [node.arg];
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
