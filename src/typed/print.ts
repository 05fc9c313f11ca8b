// Text for typed expressions, in the syntax the typed parser reads back: `*` for the matrix
// product and for scaling, `.*` `./` `.^` element-wise, `'` transposes, [1, 2; 3, 4] literals.
import { getOp } from "../ops/table.js";
import { formatNumber } from "../print/text.js";
import { colsOf, isScalar, rowsOf } from "./shape.js";
import { getTypedOp } from "./ops/table.js";
import type { PrintLevel } from "./ops/types.js";
import type { TExpr } from "./texpr.js";

// Binding strength as printed, loosest first; `-x^2` is -(x^2), `x'^2` is (x')^2.
const SUM = 1;
const PRODUCT = 2;
const UNARY = 3;
const POWER = 4;
const POSTFIX = 5;
const ATOM = 6;

/** The table's print levels as this printer's binding strengths (the matrix product is `*`). */
const TEXT_LEVELS: Readonly<Record<PrintLevel, number>> = { sum: SUM, product: PRODUCT, matmul: PRODUCT, unary: UNARY, power: POWER, postfix: POSTFIX, atom: ATOM };

/** Names to print instead of a node's own text (let-bound quantities, e.g. z1). */
export type PrintNames = ReadonlyMap<TExpr, string>;

export function printTyped(node: TExpr, names: PrintNames = new Map()): string {
  return print(node, names, true);
}

function precedence(node: TExpr, names: PrintNames): number {
  if (names.has(node)) return ATOM;
  switch (node.kind) {
    case "num":
      return node.value < 0 || Object.is(node.value, -0) ? UNARY : ATOM;
    case "map":
      switch (node.op) {
        case "add":
        case "sub":
          return SUM;
        case "mul":
        case "div":
          return PRODUCT;
        case "neg":
          return UNARY;
        case "pow":
          return POWER;
        default:
          return ATOM;
      }
    case "call":
      return TEXT_LEVELS[getTypedOp(node.op).textLevel?.(node) ?? "atom"];
    default:
      return ATOM;
  }
}

/** The child printed at `side` of a binary operator of `prec`, parenthesised as needed. */
function operand(child: TExpr, prec: number, side: "left" | "right", names: PrintNames, rightAssociative = false): string {
  const childPrec = precedence(child, names);
  const text = print(child, names, false);
  const sameLevelNeedsParens = childPrec === prec && (rightAssociative ? side === "left" : side === "right");
  return childPrec < prec || sameLevelNeedsParens ? `(${text})` : text;
}

function print(node: TExpr, names: PrintNames, isRoot: boolean): string {
  const name = names.get(node);
  if (name !== undefined && !isRoot) return name;
  switch (node.kind) {
    case "var":
      return node.name;
    case "num":
      return formatNumber(node.value);
    case "literal": {
      const cols = colsOf(node.shape);
      const rows = node.shape.kind === "matrix" ? rowsOf(node.shape) : 1;
      const width = node.shape.kind === "matrix" ? cols : node.elements.length;
      const text = Array.from({ length: rows }, (_, r) =>
        node.elements.slice(r * width, (r + 1) * width).map((e) => print(e, names, false)).join(", "),
      );
      return `[${text.join("; ")}]`;
    }
    case "call":
      return getTypedOp(node.op).text(node, {
        operand: (child, level, side) => operand(child, TEXT_LEVELS[level], side, names),
        whole: (child) => print(child, names, false),
      });
    case "map":
      return printMap(node, names);
  }
}

function printMap(node: Extract<TExpr, { kind: "map" }>, names: PrintNames): string {
  const [a, b] = node.args;
  const elementwise = node.args.every((arg) => !isScalar(arg.shape));
  switch (node.op) {
    case "add":
      return `${operand(a, SUM, "left", names)} + ${operand(b, SUM, "right", names)}`;
    case "sub":
      return `${operand(a, SUM, "left", names)} - ${operand(b, SUM, "right", names)}`;
    case "mul":
      return `${operand(a, PRODUCT, "left", names)} ${elementwise ? ".*" : "*"} ${operand(b, PRODUCT, "right", names)}`;
    case "div":
      return `${operand(a, PRODUCT, "left", names)} ${isScalar(b.shape) ? "/" : "./"} ${operand(b, PRODUCT, "right", names)}`;
    case "pow":
      return `${operand(a, POSTFIX, "left", names)}${isScalar(a.shape) ? "^" : ".^"}${operand(b, POSTFIX, "right", names)}`;
    case "neg":
      // -(2), not -2, which would read back as the number -2
      return `-${a.kind === "num" && !names.has(a) ? `(${print(a, names, false)})` : operand(a, UNARY, "right", names)}`;
  }
  const spec = getOp(node.op);
  if (spec.print.kind === "constant") return spec.print.name;
  const fn = spec.print.kind === "function" ? spec.print.name : node.op;
  return `${fn}(${node.args.map((arg) => print(arg, names, false)).join(", ")})`;
}
