// Ops that move or repeat entries: transpose and fill (a scalar spread into a shape).
import { ShapeError } from "../shape-error.js";
import { colsOf, describeShape, isScalar, rowsOf, sizeOf, transposeShape } from "../shape.js";
import { fillTensor, transposeTensor } from "../tensor.js";
import type { TExpr } from "../texpr.js";
import type { TypedOpSpec } from "./types.js";

/** X' (a vector's transpose is a row). */
export const transpose: TypedOpSpec = {
  name: "transpose",
  arity: 1,
  description: "the transpose X'",
  call: "transpose(A): A'",
  shape: ([a]) => transposeShape(a),
  kernel: ([a], _shape, alloc) => transposeTensor(a, alloc),
  // C = A': Ā = C̄'
  vjp: [(A, _args, _out, adjoint) => A.call("transpose", [adjoint])],
  jvp: (A, _args, _out, [t]) => A.call("transpose", [t as NonNullable<typeof t>]),
  textLevel: () => "postfix",
  text: ({ args: [a] }, p) => `${p.operand(a, "postfix", "left")}'`,
  latexLevel: () => "postfix",
  latex: ({ args: [a] }, p) => `${p.superscriptBase(a)}^\\top`,
  lower([a], node) {
    const rows = rowsOf(node.args[0].shape);
    const cols = colsOf(node.args[0].shape);
    // element (i, j) of the result is element (j, i) of the argument
    return Array.from({ length: sizeOf(node.shape) }, (_, k) => a[(k % rows) * cols + Math.floor(k / rows)]);
  },
  loweredNodes: () => 0, // it re-uses its argument's nodes
};

const isNumber = (node: TExpr, value: number): boolean => node.kind === "num" && Object.is(node.value, value);

/** The size written in ones(…): "3", "2, 3". */
const onesSize = (node: TExpr): string => (node.shape.kind === "matrix" ? `${rowsOf(node.shape)}, ${colsOf(node.shape)}` : String(sizeOf(node.shape)));

/** s * ones(m, n): a scalar repeated into a shape, which is how a derivative spreads a scalar adjoint. */
export const fill: TypedOpSpec = {
  name: "fill",
  arity: 1,
  description: "a scalar repeated into a shape, s * ones(m, n)",
  shape([a], at, given) {
    if (!isScalar(a)) throw new ShapeError(`fill takes a scalar, got ${describeShape(a)}`, at);
    if (given === undefined) throw new Error("internal: fill needs the shape to fill");
    return given;
  },
  kernel: ([a], shape, alloc) => fillTensor(a.data[0], shape, alloc),
  // C = s * ones: s̄ = sum(C̄)
  vjp: [(A, _args, _out, adjoint) => A.call("sum", [adjoint])],
  jvp: (A, _args, out, [t]) => A.call("fill", [t as NonNullable<typeof t>], A.shapeOf(out)),
  textLevel: ({ args: [a] }) => (isNumber(a, 1) ? "atom" : "product"),
  text: (node, p) => `${isNumber(node.args[0], 1) ? "" : `${p.operand(node.args[0], "product", "left")} * `}ones(${onesSize(node)})${node.shape.kind === "row" ? "'" : ""}`,
  latexLevel({ args: [a], shape }) {
    if (isNumber(a, 0) || isNumber(a, 1)) return shape.kind === "row" ? "postfix" : "atom";
    return "product";
  },
  latex({ args: [a], shape }, p) {
    const size = shape.kind === "matrix" ? `${rowsOf(shape)} \\times ${colsOf(shape)}` : String(sizeOf(shape));
    const transposed = shape.kind === "row" ? "^\\top" : "";
    if (isNumber(a, 0)) return `\\mathbf{0}_{${size}}${transposed}`;
    const ones = `\\mathbf{1}_{${size}}${transposed}`;
    if (isNumber(a, 1)) return ones;
    // s\,\mathbf{1} is read as an implicit product, tighter than \cdot and a sign: a b\,\mathbf{1} would be a (b 1).
    const loose = ["sum", "product", "matmul", "unary"].includes(p.level(a));
    return `${loose ? `\\left(${p.whole(a)}\\right)` : p.whole(a)}\\,${ones}`;
  },
  latexCarriesSuperscript: (node) => fill.latexLevel?.(node) === "atom",
  lower: ([a], node) => Array.from({ length: sizeOf(node.shape) }, () => a[0]),
  loweredNodes: () => 0,
};
