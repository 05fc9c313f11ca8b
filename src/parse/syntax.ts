// The syntax tree the grammar's postprocessors build: plain objects that keep the tokens
// needed for error positions. `build.ts` turns it into hash-consed Expr nodes afterwards, so
// partial parses that Earley explores and drops never reach the intern table.
import type { Token } from "./lexer.js";

/** The scalar operators, and their element-wise forms `.*` `./` `.^` (typed expressions only). */
export type BinaryOp = "add" | "sub" | "mul" | "div" | "pow" | "emul" | "ediv" | "epow";

export type Syntax =
  | { readonly kind: "number"; readonly value: number; readonly token: Token }
  | { readonly kind: "name"; readonly token: Token }
  | { readonly kind: "call"; readonly name: Token; readonly args: readonly Syntax[] }
  /** `operator` is the typed token; absent for implicit products (`2x`). */
  | { readonly kind: "binary"; readonly op: BinaryOp; readonly left: Syntax; readonly right: Syntax; readonly operator?: Token }
  | { readonly kind: "neg"; readonly operand: Syntax }
  | { readonly kind: "transpose"; readonly operand: Syntax; readonly token: Token }
  /** [1, 2; 3, 4]: rows of entries; `token` is the "[". */
  | { readonly kind: "matrix"; readonly rows: readonly (readonly Syntax[])[]; readonly token: Token };

/** Call arguments as built left to right: a linked list, so no array is shared and mutated. */
export interface ArgumentList {
  readonly last: Syntax;
  readonly before: ArgumentList | undefined;
}

// Postprocessors receive nearley's untyped match array; each rule's shape fixes what it holds.

export function numberLiteral(d: unknown[]): Syntax {
  const token = d[0] as Token;
  return { kind: "number", value: Number(token.text), token };
}

/** `-2` folds into the number -2 (so the printer's `-2` reads back as num(-2)); `+2` is 2. */
export function signedNumber(d: unknown[]): Syntax {
  const [sign, token] = d as [Token, Token];
  const value = Number(token.text);
  return { kind: "number", value: sign.text === "-" ? -value : value, token };
}

export function nameReference(d: unknown[]): Syntax {
  return { kind: "name", token: d[0] as Token };
}

/** Unary minus makes a node; unary plus is dropped. */
export function signed(d: unknown[]): Syntax {
  const [sign, operand] = d as [Token, Syntax];
  return sign.text === "-" ? { kind: "neg", operand } : operand;
}

const BINARY_OPS: Readonly<Record<string, BinaryOp>> = {
  "+": "add",
  "-": "sub",
  "*": "mul",
  "/": "div",
  "^": "pow",
  "**": "pow",
  ".*": "emul",
  "./": "ediv",
  ".^": "epow",
};

/** `left op right` with the operator token in the middle. */
export function binary(d: unknown[]): Syntax {
  const [left, operator, right] = d as [Syntax, Token, Syntax];
  return { kind: "binary", op: BINARY_OPS[operator.text], left, right, operator };
}

/** `a'`: the transpose, postfix. */
export function transposed(d: unknown[]): Syntax {
  const [operand, token] = d as [Syntax, Token];
  return { kind: "transpose", operand, token };
}

/** Rows and entries of a literal, built left to right as linked lists (like call arguments). */
export interface ItemList<T> {
  readonly last: T;
  readonly before: ItemList<T> | undefined;
}

function listToArray<T>(list: ItemList<T>): T[] {
  const items: T[] = [];
  for (let item: ItemList<T> | undefined = list; item !== undefined; item = item.before) items.push(item.last);
  return items.reverse();
}

export function firstEntry(d: unknown[]): ItemList<Syntax> {
  return { last: d[0] as Syntax, before: undefined };
}

export function nextEntry(d: unknown[]): ItemList<Syntax> {
  const [before, , last] = d as [ItemList<Syntax>, Token, Syntax];
  return { last, before };
}

export function firstRow(d: unknown[]): ItemList<Syntax[]> {
  return { last: listToArray(d[0] as ItemList<Syntax>), before: undefined };
}

export function nextRow(d: unknown[]): ItemList<Syntax[]> {
  const [before, , last] = d as [ItemList<Syntax[]>, Token, ItemList<Syntax>];
  return { last: listToArray(last), before };
}

export function matrixLiteral(d: unknown[]): Syntax {
  const [token, rows] = d as [Token, ItemList<Syntax[]>];
  return { kind: "matrix", rows: listToArray(rows), token };
}

/** Two operands side by side: implicit multiplication, an ordinary `mul`. */
export function implicitProduct(d: unknown[]): Syntax {
  const [left, right] = d as [Syntax, Syntax];
  return { kind: "binary", op: "mul", left, right };
}

/** `( inner )`: parentheses make no node. */
export function parenthesized(d: unknown[]): Syntax {
  return d[1] as Syntax;
}

export function firstArgument(d: unknown[]): ArgumentList {
  return { last: d[0] as Syntax, before: undefined };
}

export function nextArgument(d: unknown[]): ArgumentList {
  const [before, , last] = d as [ArgumentList, Token, Syntax];
  return { last, before };
}

export function functionCall(d: unknown[]): Syntax {
  const [nameToken, , list] = d as [Token, Token, ArgumentList];
  const args: Syntax[] = [];
  for (let item: ArgumentList | undefined = list; item !== undefined; item = item.before) args.push(item.last);
  return { kind: "call", name: nameToken, args: args.reverse() };
}

// Power towers arrive as a flat list (see the grammar) and are grouped to the right here.

export interface SignList {
  readonly last: Token;
  readonly before: SignList | undefined;
}

/** One `^ [signs] operand` of a tower; `bareNumber` when the operand is a number token. */
export interface ExponentItem {
  /** The `^`, `**` or `.^` before the operand. */
  readonly operator: Token;
  readonly signs: SignList | undefined;
  readonly operand: Syntax;
  readonly bareNumber: boolean;
}

export interface ExponentList {
  readonly last: ExponentItem;
  readonly before: ExponentList | undefined;
}

export function firstSign(d: unknown[]): SignList {
  return { last: d[0] as Token, before: undefined };
}

export function nextSign(d: unknown[]): SignList {
  const [before, last] = d as [SignList, Token];
  return { last, before };
}

/** Operand of an exponent: `Number` or `Open`, told apart by the grammar rule. */
export function bareNumberOperand(d: unknown[]): { operand: Syntax; bareNumber: boolean } {
  return { operand: d[0] as Syntax, bareNumber: true };
}

export function openOperand(d: unknown[]): { operand: Syntax; bareNumber: boolean } {
  return { operand: d[0] as Syntax, bareNumber: false };
}

export function exponent(d: unknown[]): ExponentItem {
  const [operator, operand] = d as [Token, { operand: Syntax; bareNumber: boolean }];
  return { operator, signs: undefined, ...operand };
}

export function signedExponent(d: unknown[]): ExponentItem {
  const [operator, signs, operand] = d as [Token, SignList, { operand: Syntax; bareNumber: boolean }];
  return { operator, signs, ...operand };
}

export function firstExponent(d: unknown[]): ExponentList {
  return { last: d[0] as ExponentItem, before: undefined };
}

export function nextExponent(d: unknown[]): ExponentList {
  const [before, last] = d as [ExponentList, ExponentItem];
  return { last, before };
}

/** base ^ s0 e0 ^ s1 e1 ^ … = base ^ (s0 (e0 ^ (s1 (e1 ^ …)))), built from the right. */
export function powerTower(d: unknown[]): Syntax {
  const [base, list] = d as [Syntax, ExponentList];
  // The list is linked from its last item, the one grouped first.
  let item: ExponentList | undefined = list;
  let grouped = withSigns(item.last.signs, item.last.operand, item.last.bareNumber);
  // Each operand's power operator is the one before it; the base takes the first.
  let operator = item.last.operator;
  for (item = item.before; item !== undefined; item = item.before) {
    const power: Syntax = { kind: "binary", op: BINARY_OPS[operator.text], left: item.last.operand, right: grouped, operator };
    grouped = withSigns(item.last.signs, power, false);
    operator = item.last.operator;
  }
  return { kind: "binary", op: BINARY_OPS[operator.text], left: base, right: grouped, operator };
}

/** Applies signs (innermost last) to an operand; the sign right before a number token folds into it. */
function withSigns(signs: SignList | undefined, operand: Syntax, bareNumber: boolean): Syntax {
  let result = operand;
  let sign = signs;
  if (sign !== undefined && bareNumber && result.kind === "number") {
    result = { ...result, value: sign.last.text === "-" ? -result.value : result.value };
    sign = sign.before;
  }
  for (; sign !== undefined; sign = sign.before) {
    if (sign.last.text === "-") result = { kind: "neg", operand: result };
  }
  return result;
}
