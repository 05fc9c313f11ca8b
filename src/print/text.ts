// Text printer: minimal parentheses, re-parseable by diffscope and, for the functions mathjs
// knows, by mathjs (`^` for powers, `log` for the natural log).
import type { Expr } from "../ast/expr.js";
import { dagSize, topologicalOrder } from "../ast/walk.js";
import { PRECEDENCE } from "../ops/arithmetic.js";
import { getOp } from "../ops/table.js";

/** Refuse to print trees bigger than this; a swollen derivative can have 2^30 nodes. */
export const MAX_PRINTED_TREE_NODES = 2_000_000;

/** 2000001 → "2,000,001"; past 1e12 (tree sizes of swollen derivatives reach 1e300), 1.234e+15. */
const count = (n: number): string => (n <= 1e12 ? n.toLocaleString("en-US") : n.toExponential(3));

/** The shared form is "much smaller" when sharing divides the size by at least this. */
const MUCH_SMALLER = 10;

export class ExpressionTooLargeError extends Error {
  /** `dagNodes`: its distinct sub-expressions, when known; the message says how they compare. */
  constructor(readonly treeNodes: number, readonly dagNodes?: number) {
    super(
      `expression too large to print as a tree (${count(treeNodes)} nodes, limit ${count(MAX_PRINTED_TREE_NODES)})` +
        (dagNodes === undefined
          ? ""
          : dagNodes * MUCH_SMALLER <= treeNodes
            ? `; its shared form is much smaller: ${count(dagNodes)} distinct sub-expressions`
            : `; sharing does not make it much smaller: ${count(dagNodes)} distinct sub-expressions`),
    );
    this.name = "ExpressionTooLargeError";
  }
}

/**
 * Round-trip-exact numeral: shortest digits that parse back to the same float64. A non-finite
 * constant (only the library builds one: the reader refuses 1e309) has no literal; it prints as
 * the division that reads back to its value, (1/0), (-1/0) or (0/0), never as a name such as
 * Infinity, which would read back as a variable.
 */
export function formatNumber(value: number): string {
  if (Object.is(value, -0)) return "-0";
  if (Number.isNaN(value)) return "(0/0)";
  if (value === Infinity) return "(1/0)";
  if (value === -Infinity) return "(-1/0)";
  return String(value);
}

/** Binding strength of a node as printed (higher binds tighter). */
export function precedenceOf(node: Expr): number {
  if (node.kind === "num") return node.value < 0 || Object.is(node.value, -0) ? PRECEDENCE.unary : PRECEDENCE.atom;
  if (node.kind === "var") return PRECEDENCE.atom;
  const print = getOp(node.op).print;
  if (print.kind === "infix" || print.kind === "prefix") return print.prec;
  return PRECEDENCE.atom;
}

/** Whether `child` needs parentheses as argument `side` of an infix op of `prec`/`assoc`. */
export function needsParens(child: Expr, prec: number, assoc: "left" | "right", side: "left" | "right"): boolean {
  const childPrec = precedenceOf(child);
  if (childPrec < prec) return true;
  // Same level: a - (b - c), (a ^ b) ^ c keep their grouping; also a * (b * c) so the
  // re-parsed tree is the same node.
  if (childPrec === prec && childPrec !== PRECEDENCE.atom) return assoc !== side;
  return false;
}

/**
 * Refuse to print text longer than this: a tree within the node limit still prints to more than
 * a JavaScript string holds (~5e8 characters) when its names are long (80 KB of input, 7th derivative).
 */
export const MAX_PRINTED_CHARACTERS = 50_000_000;

/** The text would be longer than MAX_PRINTED_CHARACTERS (an ExpressionTooLargeError, exit 2). */
export class TextTooLongError extends ExpressionTooLargeError {
  constructor(treeNodes: number, readonly characters: number) {
    super(treeNodes);
    this.message =
      `expression too long to print (${characters.toExponential(1)} characters or more for ${treeNodes.toExponential(1)} nodes; ` +
      `the limit is ${MAX_PRINTED_CHARACTERS.toExponential(0)} characters)`;
    this.name = "TextTooLongError";
  }
}

/**
 * Prints bottom-up over distinct nodes, not by recursion (a 100,000-deep chain must not overflow
 * the stack), refusing trees and texts past the limits before they exhaust memory.
 */
export function printBottomUp(expr: Expr, renderNode: (node: Expr, render: (child: Expr) => string) => string): string {
  if (expr.treeSize > MAX_PRINTED_TREE_NODES) throw new ExpressionTooLargeError(expr.treeSize, dagSize(expr));
  const printed = new Map<number, string>();
  const render = (child: Expr) => printed.get(child.id) as string;
  for (const node of topologicalOrder(expr)) {
    const text = renderNode(node, render);
    // Each text is at most a few times its arguments' (each within the limit), so the check comes in time.
    if (text.length > MAX_PRINTED_CHARACTERS) throw new TextTooLongError(expr.treeSize, text.length);
    printed.set(node.id, text);
  }
  return printed.get(expr.id) as string;
}

export function printExpr(expr: Expr): string {
  return printBottomUp(expr, (node, render) => renderNode(node, render));
}

/**
 * One node's text, given its arguments' texts. `atomic(child)`: the child prints as a name, so
 * it needs no parentheses whatever its op.
 */
export function renderNode(node: Expr, render: (child: Expr) => string, atomic: (child: Expr) => boolean = () => false): string {
  if (node.kind === "num") return formatNumber(node.value);
  if (node.kind === "var") return node.name;
  const print = getOp(node.op).print;
  switch (print.kind) {
    case "constant":
      return print.name;
    case "function":
      return `${print.name}(${node.args.map(render).join(", ")})`;
    case "prefix": {
      const arg = node.args[0];
      // A prefix operand that is itself signed gets parentheses: -(-x), -(-2), -(2).
      const wrap = !atomic(arg) && (precedenceOf(arg) <= print.prec || arg.kind === "num");
      return `${print.symbol}${wrap ? `(${render(arg)})` : render(arg)}`;
    }
    case "infix": {
      const [left, right] = node.args;
      const l = !atomic(left) && needsParens(left, print.prec, print.assoc, "left") ? `(${render(left)})` : render(left);
      // x^(T): a bare ^T reads as a transpose.
      const transposeLike = node.op === "pow" && right.kind === "var" && right.name === "T";
      const r = transposeLike || (!atomic(right) && needsParens(right, print.prec, print.assoc, "right")) ? `(${render(right)})` : render(right);
      const spaced = print.prec === PRECEDENCE.sum;
      return spaced ? `${l} ${print.symbol} ${r}` : `${l}${print.symbol}${r}`;
    }
  }
}

/** Prints, or for a tree too large to print names what it is. */
export function printBounded(node: Expr): string {
  try {
    return printExpr(node);
  } catch {
    return `<${node.kind === "call" ? node.op : node.kind} expression of ${node.treeSize} nodes>`;
  }
}
