// The syntax tree the grammar's postprocessors build: plain objects that keep the tokens
// needed for error positions. `build.ts` turns it into hash-consed Expr nodes afterwards, so
// partial parses that Earley explores and drops never reach the intern table.
import type { Token } from "./lexer.js";
import { readerWork } from "./work.js";

/** The scalar operators, and their element-wise forms `.*` `./` `.^` (typed expressions only). */
export type BinaryOp = "add" | "sub" | "mul" | "div" | "pow" | "emul" | "ediv" | "epow";

export type Syntax =
  | { readonly kind: "number"; readonly value: number; readonly token: Token }
  | { readonly kind: "name"; readonly token: Token }
  /**
   * `name` is the function's token; its `value` is the function's name (`\ln` → log). `reading`
   * says how a notation was read, for "read as" (\sin x, e^{x}, |x|). With `sum`, the call is
   * `Σ_j body` (args [body], `name` the Σ_j token): a sum over an index, which only a reader told
   * to (ReadContext.indexSums) builds. It is a call, not a kind of its own, so that readers that
   * know nothing of index sums (src/typed) need no case for it: they are refused before them.
   */
  | { readonly kind: "call"; readonly name: Token; readonly args: readonly Syntax[]; readonly reading?: string; readonly bare?: boolean; readonly sum?: IndexSumHead }
  /** dJ/du, ∂J/∂u, \frac{\partial J}{\partial u}, dJdu: the derivative of `of` with respect to `wrt`. */
  | { readonly kind: "derivative"; readonly of: string; readonly wrt: string; readonly token: Token }
  /** `operator` is the typed token; absent for implicit products (`2x`). */
  | { readonly kind: "binary"; readonly op: BinaryOp; readonly left: Syntax; readonly right: Syntax; readonly operator?: Token }
  | { readonly kind: "neg"; readonly operand: Syntax }
  | { readonly kind: "transpose"; readonly operand: Syntax; readonly token: Token }
  /** [1, 2; 3, 4]: rows of entries; `token` is the "[". */
  | { readonly kind: "matrix"; readonly rows: readonly (readonly Syntax[])[]; readonly token: Token };

/** `\sum_{j=0}^{D}`: the index j, and the bounds as written ("0", "D"), which nothing sums over. */
export interface IndexSumHead {
  readonly index: string;
  readonly lower?: string;
  readonly upper?: string;
}

// Postprocessors receive nearley's untyped match array; each rule's shape fixes what it holds.

/** A token's number: its `value`, which for 0x1F, 0b101 and 0o17 is already the decimal value. */
export function numberLiteral(d: unknown[]): Syntax {
  const token = d[0] as Token;
  return { kind: "number", value: Number(token.value), token };
}

/** `-2` folds into the number -2 (so the printer's `-2` reads back as num(-2)); `+2` is 2. */
export function signedNumber(d: unknown[]): Syntax {
  const [sign, token] = d as [Token, Token];
  const value = Number(token.value);
  return { kind: "number", value: sign.value === "-" ? -value : value, token };
}

export function nameReference(d: unknown[]): Syntax {
  return { kind: "name", token: d[0] as Token };
}

/** Unary minus makes a node; unary plus is dropped. */
export function signed(d: unknown[]): Syntax {
  const [sign, operand] = d as [Token, Syntax];
  return sign.value === "-" ? { kind: "neg", operand } : operand;
}

/** Operators by their ASCII spelling (a token's `value`: · and \cdot are `*`). */
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
  return { kind: "binary", op: BINARY_OPS[operator.value], left, right, operator };
}

/** `a'`: the transpose, postfix. */
export function transposed(d: unknown[]): Syntax {
  const [operand, token] = d as [Syntax, Token];
  return { kind: "transpose", operand, token };
}

// Postprocessors run each time their rule completes, and Earley completes a list rule after
// every item (Entries after each entry, Rows after each row): they must take constant time,
// so lists stay linked while they grow and become arrays only in the rule that closes them.

/** Rows and entries of a literal, call arguments and signs, built left to right as linked lists. */
export interface ItemList<T> {
  readonly last: T;
  readonly before: ItemList<T> | undefined;
}

function listToArray<T>(list: ItemList<T>): T[] {
  const items: T[] = [];
  for (let item: ItemList<T> | undefined = list; item !== undefined; item = item.before) items.push(item.last);
  readerWork.items += items.length;
  return items.reverse();
}

/** The first item of a list: an entry, row, argument or sign. */
export function firstItem<T>(d: unknown[]): ItemList<T> {
  return { last: d[0] as T, before: undefined };
}

/** The list so far, a separator ("," or ";"), and the next item. */
export function nextSeparatedItem<T>(d: unknown[]): ItemList<T> {
  const [before, , last] = d as [ItemList<T>, Token, T];
  return { last, before };
}

/** The list so far and the next item, side by side (signs). */
export function nextItem<T>(d: unknown[]): ItemList<T> {
  const [before, last] = d as [ItemList<T>, T];
  return { last, before };
}

/** `[ rows ]`: the "]" closes the literal, so its lists become arrays here, once. */
export function matrixLiteral(d: unknown[]): Syntax {
  const [token, rows] = d as [Token, ItemList<ItemList<Syntax>>];
  return { kind: "matrix", rows: listToArray(rows).map(listToArray), token };
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

/** What LaTeX braces hold, remembered as braced: {e}^{x} is a power of e, \sqrt[{3}]{x} nthRoot. */
const bracedGroups = new WeakSet<Syntax>();

export function braced(d: unknown[]): Syntax {
  const inner = d[1] as Syntax;
  bracedGroups.add(inner);
  return inner;
}

export function functionCall(d: unknown[]): Syntax {
  const [nameToken, , list] = d as [Token, Token, ItemList<Syntax>];
  return { kind: "call", name: nameToken, args: listToArray(list) };
}

// Power towers arrive as a flat list (see the grammar) and are grouped to the right when the
// tree is read: grouping in the postprocessor would redo the whole tower after each operand.

/** One `^ [signs] operand` of a tower; `bareNumber` when the operand is a number token. */
export interface ExponentItem {
  /** The `^`, `**` or `.^` before the operand. */
  readonly operator: Token;
  readonly signs: ItemList<Token> | undefined;
  readonly operand: Syntax;
  readonly bareNumber: boolean;
  /** The operand is a LaTeX brace group (x^{2}, or a superscript). */
  readonly braced: boolean;
}

/** The exponents so far, linked from the last; `first` is the one whose operator the base takes. */
export interface ExponentList extends ItemList<ExponentItem> {
  readonly before: ExponentList | undefined;
  readonly first: ExponentItem;
}

/** Operand of an exponent: `Number` or `Open`, told apart by the grammar rule. */
type OperandItem = Pick<ExponentItem, "operand" | "bareNumber" | "braced">;

export function bareNumberOperand(d: unknown[]): OperandItem {
  return { operand: d[0] as Syntax, bareNumber: true, braced: false };
}

export function openOperand(d: unknown[]): OperandItem {
  return { operand: d[0] as Syntax, bareNumber: false, braced: false };
}

export function bracedOperand(d: unknown[]): OperandItem {
  return { operand: d[0] as Syntax, bareNumber: false, braced: true };
}

export function exponent(d: unknown[]): ExponentItem {
  const [operator, operand] = d as [Token, OperandItem];
  return { operator, signs: undefined, ...operand };
}

export function signedExponent(d: unknown[]): ExponentItem {
  const [operator, signs, operand] = d as [Token, ItemList<Token>, OperandItem];
  return { operator, signs, ...operand };
}

export function firstExponent(d: unknown[]): ExponentList {
  const first = d[0] as ExponentItem;
  return { last: first, before: undefined, first };
}

export function nextExponent(d: unknown[]): ExponentList {
  const [before, last] = d as [ExponentList, ExponentItem];
  return { last, before, first: before.first };
}

/**
 * base ^ s0 e0 ^ s1 e1 ^ … = base ^ (s0 (e0 ^ (s1 (e1 ^ …)))). The node is made at once; its
 * right side is grouped the first time it is read, so only the tower of the final parse is
 * ever grouped, once.
 */
export function powerTower(d: unknown[]): Syntax {
  const [base, list] = d as [Syntax, ExponentList];
  const { operator } = list.first;
  let right: Syntax | undefined;
  // e^{…} (braces, or a superscript) is exp(…): what a person means, and what exp prints as.
  if (base.kind === "name" && base.token.value === "e" && !bracedGroups.has(base) && list.first.braced && list.first.signs === undefined && operator.value === "^") {
    return {
      kind: "call",
      name: { ...base.token, value: "exp" },
      reading: "e^{…} read as exp(…)",
      get args(): readonly Syntax[] {
        return [(right ??= groupExponents(list))];
      },
    };
  }
  return {
    kind: "binary",
    op: BINARY_OPS[operator.value],
    left: base,
    operator,
    get right(): Syntax {
      return (right ??= groupExponents(list));
    },
  };
}

/** The right side of a tower, built from its last exponent. */
function groupExponents(list: ExponentList): Syntax {
  let item: ExponentList | undefined = list;
  let grouped = withSigns(item.last.signs, item.last.operand, item.last.bareNumber);
  // Each operand's power operator is the one before it.
  let operator = item.last.operator;
  for (item = item.before; item !== undefined; item = item.before) {
    const power: Syntax = { kind: "binary", op: BINARY_OPS[operator.value], left: item.last.operand, right: grouped, operator };
    grouped = withSigns(item.last.signs, power, false);
    operator = item.last.operator;
    readerWork.items++;
  }
  return grouped;
}

/** Applies signs (innermost last) to an operand; the sign right before a number token folds into it. */
function withSigns(signs: ItemList<Token> | undefined, operand: Syntax, bareNumber: boolean): Syntax {
  let result = operand;
  let sign = signs;
  if (sign !== undefined && bareNumber && result.kind === "number") {
    result = { ...result, value: sign.last.value === "-" ? -result.value : result.value };
    sign = sign.before;
  }
  for (; sign !== undefined; sign = sign.before) {
    if (sign.last.value === "-") result = { kind: "neg", operand: result };
    readerWork.items++;
  }
  return result;
}

// ---- LaTeX and Unicode forms: each builds the node its ASCII form would ----

/** A call of `name` made by a notation (\sqrt{x}, |x|), named at `at`. */
function notationCall(at: Token, name: string, args: readonly Syntax[], reading: string): Syntax {
  return { kind: "call", name: { ...at, value: name }, args, reading };
}

/** `\frac{a}{b}`: a / b. */
export function fraction(d: unknown[]): Syntax {
  const [operator, left, right] = d as [Token, Syntax, Syntax];
  return { kind: "binary", op: "div", left, right, operator };
}

/** `\frac12`, `½`: 1 / 2 (the token's value is "1/2"). */
export function digitFraction(d: unknown[]): Syntax {
  const token = d[0] as Token;
  const [numerator, denominator] = token.value.split("/").map((digits): Syntax => ({ kind: "number", value: Number(digits), token }));
  return { kind: "binary", op: "div", left: numerator, right: denominator, operator: token };
}

/** `\sqrt{x}`. */
export function squareRoot(d: unknown[]): Syntax {
  const [token, radicand] = d as [Token, Syntax];
  return notationCall(token, "sqrt", [radicand], "\\sqrt{x} read as sqrt(x)");
}

/** `\sqrt[n]{x}`: nthRoot(x, n), and `\sqrt[3]{x}` is cbrt(x) (as cbrt prints). */
export function indexedRoot(d: unknown[]): Syntax {
  const [token, , index, , radicand] = d as [Token, Token, Syntax, Token, Syntax];
  if (index.kind === "number" && index.value === 3 && !bracedGroups.has(index)) return notationCall(token, "cbrt", [radicand], "\\sqrt[3]{x} read as cbrt(x)");
  return notationCall(token, "nthRoot", [radicand, index], "\\sqrt[n]{x} read as nthRoot(x, n)");
}

/** `|x|`. */
export function absoluteValue(d: unknown[]): Syntax {
  const [token, inner] = d as [Token, Syntax];
  return notationCall(token, "abs", [inner], "|x| read as abs(x)");
}

/** `‖x‖`, `\|x\|`: the Euclidean norm (Frobenius for a matrix). */
export function norm(d: unknown[]): Syntax {
  const [token, inner] = d as [Token, Syntax];
  return notationCall(token, "norm2", [inner], "‖x‖ read as norm2(x)");
}

/** `⟨a, b⟩`, `\langle a, b \rangle`, `⟨A, B⟩_F`: the inner product dot(a, b). */
export function innerProduct(d: unknown[]): Syntax {
  const [token, left, , right] = d as [Token, Syntax, Token, Syntax];
  return notationCall(token, "dot", [left, right], "⟨a, b⟩ read as dot(a, b)");
}

/** An index sum's head, read from its token's text once (a postprocessor runs at every completion). */
const sumHeads = new WeakMap<Token, IndexSumHead>();

function sumHead(token: Token): IndexSumHead {
  let head = sumHeads.get(token);
  if (head === undefined) {
    const lower = /=\s*([^{}]*?)\s*\}/.exec(token.text)?.[1];
    const upper = /\^\s*(?:\{\s*([^{}]*?)\s*\}|(\S+))\s*$/.exec(token.text);
    head = { index: token.value, ...(lower !== undefined && { lower }), ...(upper !== null && { upper: upper[1] ?? upper[2] }) };
    sumHeads.set(token, head);
  }
  return head;
}

/** `Σ_j body`: the token's value is the index j. */
export function sumOverIndex(d: unknown[]): Syntax {
  const [token, body] = d as [Token, Syntax];
  const sum = sumHead(token);
  const range = [sum.lower !== undefined ? `from ${sum.lower}` : "", sum.upper !== undefined ? `to ${sum.upper}` : ""].filter((part) => part !== "").join(" ");
  const bounds = range === "" ? "" : ` (written ${range}; ${sum.index} runs over the declared shape)`;
  return { kind: "call", name: token, args: [body], sum, reading: `${token.text} read as the sum over ${sum.index} of the term after it${bounds}` };
}

/** dJ/du and its spellings; the token's value is "J/u". */
export function derivativeNotation(d: unknown[]): Syntax {
  const token = d[0] as Token;
  const [of, wrt] = token.value.split("/");
  return { kind: "derivative", of, wrt, token };
}

/** `\sin x`, `√x`: a function applied without parentheses. */
export function bareCall(d: unknown[]): Syntax {
  const [name, argument] = d as [Token, Syntax];
  return { kind: "call", name, args: [argument], reading: `${name.text} without parentheses applies to what follows`, bare: true };
}

/** The power of a function written between it and its argument: tanh^2 x, \sin^{2}(x). */
export interface FunctionPowerItem {
  readonly operator: Token;
  readonly exponent: Syntax;
}

export function functionPower(d: unknown[]): FunctionPowerItem {
  const [operator, exponent] = d as [Token, Syntax];
  return { operator, exponent };
}

export function bracedFunctionPower(d: unknown[]): FunctionPowerItem {
  const [operator, , exponent] = d as [Token, Token, Syntax];
  return { operator, exponent };
}

/** `tanh^2(x)` is (tanh x)^2, as the lecture writes it. */
export function poweredBareCall(d: unknown[]): Syntax {
  const [name, power, argument] = d as [Token, FunctionPowerItem, Syntax];
  const applied: Syntax = { kind: "call", name, args: [argument], reading: `${name.text}^n(x) read as (${name.value}(x))^n`, bare: true };
  return { kind: "binary", op: "pow", left: applied, right: power.exponent, operator: power.operator };
}
