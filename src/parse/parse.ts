// Text -> Expr. The moo lexer and the nearley grammar (grammar/expr.ne, compiled to
// grammar.generated.ts) do the reading; this file feeds them, turns every failure into a
// ParseError with line:col and what was expected, and exposes only typed functions.
import nearley from "nearley";
import type { Expr } from "../ast/expr.js";
import { buildExpr, indexSumNotUsable, type ReadContext } from "./build.js";
import { ParseError, type SourcePosition } from "./errors.js";
import grammar from "./grammar.generated.js";
import { radixNumber, tokenize, type Token } from "./lexer.js";
import { ENDS_OPERAND, isNotation, STARTS_OPERAND } from "./read-tokens.js";
import type { Syntax } from "./syntax.js";
import { readerWork } from "./work.js";

export { ParseError } from "./errors.js";
export { INDEX_SUM_OP } from "./build.js";
export type { ReadContext } from "./build.js";

/** An expression as read, with how it was read. */
export interface Reading {
  readonly expr: Expr;
  /** Reading rules that fired (an implicit product written like a call, \sin x, e^{x}), in source order. */
  readonly notes: readonly string[];
  /** The text used LaTeX, Unicode or a lecture spelling (y*, sin x), not only plain ASCII syntax. */
  readonly usedNotation: boolean;
}

/**
 * Deepest nesting accepted, counting every level the reader nests: parentheses, brackets and
 * calls, unary signs (- - x), and powers (x^y^z, which group to the right). Flat chains (a sum
 * of 100,000 terms) nest nothing. Parsing is iterative, so this is not a stack limit; it bounds
 * work and memory, and the depth of every tree later stages walk, with a clear message.
 */
export const MAX_NESTING_DEPTH = 10_000;

const compiledGrammar = nearley.Grammar.fromCompiled(grammar);

/** Reads `text` as an expression; throws ParseError (and nothing else) on bad input. */
export function parse(text: string, context?: ReadContext): Expr {
  return readExpression(text, context).expr;
}

/**
 * Reads `text` as an expression, saying how: the notes of the reading rules that fired and
 * whether any notation beyond ASCII was used. Throws ParseError (and nothing else) on bad input.
 * With `slice`, only that part of `text` is read (a line of a sheet), and errors keep their place.
 */
export function readExpression(text: string, context: ReadContext = {}, slice?: { readonly from: SourcePosition; readonly end: number }): Reading {
  return guarded(text, () => {
    const { syntax, tokens } = singleParse(text, slice?.from, slice?.end);
    const notes: string[] = [];
    const expr = buildExpr(syntax, text, context, notes);
    return { expr, notes: [...new Set(notes)], usedNotation: usesNotation(text.slice(slice?.from.offset ?? 0, slice?.end), tokens) };
  });
}

/**
 * The syntax tree of `text`, before names are resolved (the typed reader builds from it). With
 * `from` and `end`, only that slice of `text` is read (a statement of a program), and tokens and
 * errors keep their place in the whole text.
 */
export function parseSyntax(text: string, from?: SourcePosition, end?: number): Syntax {
  return guarded(text, () => withoutIndexSums(singleParse(text, from, end), text).syntax);
}

/**
 * A variable named outside an expression (--wrt, --at, a batch file's keys) as an expression
 * names it: `α`, `\alpha`, `x_{1}`, `x₁` and `y*` are alpha, alpha, x_1, x_1 and ystar. ASCII
 * names, and text that is not one variable, stay as written (the caller says what is wrong).
 */
export function canonicalVariableName(text: string): string {
  // Only notation is read: ASCII text ("a ", "1x") is left for the caller to accept or refuse.
  if (!/[\\{}*^]|[^\x00-\x7f]/.test(text)) return text;
  try {
    const { expr } = readExpression(text);
    return expr.kind === "var" ? expr.name : text;
  } catch (error) {
    if (error instanceof ParseError) return text;
    throw error;
  }
}

/**
 * Whether `text` is more than plain ASCII syntax: LaTeX (a backslash, $, braces), Unicode, or (by
 * its `tokens`, when given) a lecture spelling (y*, sin x). Every reader's "read as" asks this.
 */
export function usesNotation(text: string, tokens: readonly Token[] = []): boolean {
  return /[\\${}]|[^\x00-\x7f]/.test(text) || tokens.some(isNotation);
}

/** Syntax for a builder that knows nothing of Σ_j (only buildExpr does): a sum in it is refused where it stands. */
function withoutIndexSums<T extends { readonly tokens: readonly Token[] }>(parsed: T, text: string): T {
  const sum = parsed.tokens.find((token) => token.type === "indexSum");
  if (sum !== undefined) throw indexSumNotUsable(sum, text);
  return parsed;
}

/** The syntax tree of a slice of `text`, and whether it used notation beyond ASCII. */
export function readSyntax(text: string, from?: SourcePosition, end?: number): { readonly syntax: Syntax; readonly usedNotation: boolean } {
  return guarded(text, () => {
    const { syntax, tokens } = withoutIndexSums(singleParse(text, from, end), text);
    return { syntax, usedNotation: usesNotation(text.slice(from?.offset ?? 0, end), tokens) };
  });
}

/** How many parses the grammar finds for `text`: 1 for every valid input (a ParseError instead of 0). */
export function countParses(text: string): number {
  return guarded(text, () => runParser(text).results.length);
}

function guarded<T>(text: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof RangeError) {
      throw new ParseError(
        { reason: "expression too deeply nested to read", at: { offset: 0, line: 1, column: 1 }, offending: "" },
        text,
      );
    }
    throw error;
  }
}

function singleParse(text: string, from?: SourcePosition, end?: number): { syntax: Syntax; tokens: readonly Token[] } {
  const { results, tokens } = runParser(text, from, end);
  if (results.length !== 1) throw new Error(`internal: the grammar is ambiguous (${results.length} parses of ${JSON.stringify(text)})`);
  return { syntax: results[0], tokens };
}

/** The parse results; throws ParseError for lexer errors, unexpected tokens and incomplete input. */
function runParser(text: string, from: SourcePosition = { offset: 0, line: 1, column: 1 }, end: number = text.length): { results: Syntax[]; tokens: readonly Token[] } {
  const tokens = tokenize(text, from, end);
  checkTokens(tokens, text, from);
  // nearley reads the tokens already lexed and checked above, not the text a second time.
  let next = 0;
  const replay = {
    reset: (): void => undefined,
    next: (): Token | undefined => {
      // nearley asks for a token when the column before it is complete (and drops old columns).
      const { table, current } = parser as unknown as ParseTable;
      readerWork.states += table[current].states.length;
      return tokens[next++];
    },
    save: (): Record<string, never> => ({}),
    formatError: (): string => "",
    has: (): boolean => true,
  };
  const parser = new nearley.Parser(compiledGrammar, { lexer: replay });
  // nearley's own report walks the parse stack recursively (and slowly when nesting is deep);
  // we build our own message from the parse table instead.
  Object.assign(parser, { reportError: (): string => "syntax error" });
  try {
    parser.feed(text);
  } catch (error) {
    const token = tokens[next - 1];
    if (!(error instanceof Error) || token === undefined || (error as { token?: unknown }).token !== token) throw error;
    throw unexpectedToken(token, expectedAt(parser), text);
  }
  const results = parser.results as Syntax[];
  if (results.length === 0) {
    const last = tokens[tokens.length - 1];
    const at = { offset: last.offset + last.text.length, line: last.line, column: last.col + last.text.length };
    throw new ParseError({ reason: "unexpected end of input", at, offending: "", expected: expectedAt(parser) }, text);
  }
  return { results, tokens };
}

function positionOf(token: Token): SourcePosition {
  return { offset: token.offset, line: token.line, column: token.col };
}

/** Lexer errors, malformed numbers, empty input and runaway nesting, before parsing. */
function checkTokens(tokens: readonly Token[], text: string, from: SourcePosition): void {
  checkLexemes(tokens, text, from);
  checkBraces(tokens, text);
  const { depth, token } = deepest(tokens, MAX_NESTING_DEPTH);
  if (depth > MAX_NESTING_DEPTH) throw tooDeep(token as Token, text);
}

/**
 * Lexer errors, malformed numbers and empty input. Radix numbers (0x1F) become number tokens
 * whose `value` is their decimal value.
 */
function checkLexemes(tokens: readonly Token[], text: string, from: SourcePosition): void {
  if (tokens.length === 0) {
    throw new ParseError({ reason: "empty expression", at: from, offending: "", expected: OPERAND_WORDS }, text);
  }
  for (const token of tokens) {
    if (token.type === "invalid") {
      const character = String.fromCodePoint(token.text.codePointAt(0) as number);
      throw new ParseError({ reason: `unexpected character ${quoted(character)}`, at: positionOf(token), offending: character }, text);
    }
    if (token.type === "badExponent") {
      throw new ParseError(
        {
          reason: `malformed number "${token.text}"`,
          at: positionOf(token),
          offending: token.text,
          hint: `an exponent needs digits after the sign, as in 2e+3 (to multiply by e, write ${token.text.slice(0, -2)}*e)`,
        },
        text,
      );
    }
    if (token.type === "radixNumber") {
      const read = radixNumber(token.text);
      if ("problem" in read) {
        throw new ParseError({ reason: `malformed number "${token.text}": ${read.problem}`, at: positionOf(token), offending: token.text, hint: read.hint }, text);
      }
      token.type = "number";
      token.value = String(read.value);
    }
    // 1e309 would be Infinity, which prints as a name (a variable when read back): refused here.
    if (token.type === "number" && !Number.isFinite(Number(token.value))) throw overflowingLiteral(token, text);
  }
}

/** LaTeX braces in pairs: an unbalanced one is named, where it is, before parsing. */
function checkBraces(tokens: readonly Token[], text: string): void {
  const open: Token[] = [];
  for (const token of tokens) {
    if (token.type === "lbrace" && token.text !== "") open.push(token);
    if (token.type === "rbrace" && token.text !== "" && open.pop() === undefined) {
      throw new ParseError({ reason: `unbalanced brace: this } closes no {`, at: positionOf(token), offending: "}", hint: "braces { } group in pairs, as in \\frac{a}{b} or x^{2}" }, text);
    }
  }
  const unclosed = open.pop();
  if (unclosed !== undefined) {
    throw new ParseError({ reason: "unbalanced brace: this { is never closed", at: positionOf(unclosed), offending: "{", hint: "braces { } group in pairs, as in \\frac{a}{b} or x^{2}" }, text);
  }
}

/** A literal past float64's range (1e309, a 400-digit integer): what, where, what fits. */
function overflowingLiteral(token: Token, text: string): ParseError {
  const shown = token.text.length > 40 ? `${token.text.slice(0, 37)}…` : token.text;
  return new ParseError(
    {
      reason: `the number ${shown} is too large for float64 (it would be Infinity)`,
      at: positionOf(token),
      offending: token.text,
      hint: `numbers up to ${Number.MAX_VALUE} (about 1.8e308) are accepted; to write an infinite value, use 1/0`,
    },
    text,
  );
}

/** How deeply `text` nests, as the limit counts it (for tests); throws ParseError for bad tokens. */
export function nestingDepth(text: string): number {
  const tokens = tokenize(text);
  checkLexemes(tokens, text, { offset: 0, line: 1, column: 1 });
  return deepest(tokens, Infinity).depth;
}


/**
 * The deepest nesting of `tokens` and the first token that reaches it, stopping at the first
 * token deeper than `limit`. A bracket, a call's "(", a unary sign and a "^" each open a level.
 * Nesting at a token is `base` (the levels around the current bracket) plus `run` (the signs
 * and powers that still apply at this point of the current operand: a binary operator, an
 * implicit product, a "," or a ";" ends the operand, and their reach with it).
 */
function deepest(tokens: readonly Token[], limit: number): { depth: number; token: Token | undefined } {
  const enclosing: { base: number; run: number }[] = [];
  let base = 0;
  let run = 0;
  let max = { depth: 0, token: undefined as Token | undefined };
  let previous: Token | undefined;
  for (const token of tokens) {
    const afterOperand = previous !== undefined && ENDS_OPERAND.has(previous.type as string);
    previous = token;
    if (afterOperand && STARTS_OPERAND.has(token.type as string)) run = 0;
    let opens = false;
    switch (token.type) {
      case "open":
      case "lbracket":
      case "lbrace":
      case "absOpen":
      case "normOpen":
        enclosing.push({ base, run });
        base += run + 1;
        run = 0;
        opens = true;
        break;
      case "close":
      case "rbracket":
      case "rbrace":
      case "absClose":
      case "normClose":
        ({ base, run } = enclosing.pop() ?? { base: 0, run: 0 });
        break;
      case "plus":
      case "minus":
        if (afterOperand) {
          run = 0;
        } else {
          run++;
          opens = true;
        }
        break;
      case "power":
      case "bareFunction":
      case "indexSum":
        run++;
        opens = true;
        break;
      case "times":
      case "divide":
      case "comma":
      case "semicolon":
        run = 0;
        break;
    }
    if (opens && base + run > max.depth) {
      max = { depth: base + run, token };
      if (max.depth > limit) break;
    }
  }
  return max;
}

function tooDeep(token: Token, text: string): ParseError {
  return new ParseError(
    {
      reason: `too deeply nested: more than ${MAX_NESTING_DEPTH} levels`,
      at: positionOf(token),
      offending: token.text,
      hint: "parentheses, brackets and calls count one level each, and so does each unary sign and each ^ of a power tower (a^b^c); long sums and products nest nothing",
    },
    text,
  );
}

const OPERAND_WORDS = ["a number", "a variable", "a function call", '"("'];

/** What each token type is called in "expected …". */
const TOKEN_WORDS: Readonly<Record<string, string>> = {
  number: "a number",
  name: "a variable",
  functionName: "a function call",
  open: '"("',
  // Operands LaTeX and Unicode add ({…}, |x|, \frac, \sin x) go unnamed: "a number, a variable, …" covers them.
  rbrace: '"}"',
  absClose: '"|"',
  normClose: '"‖"',
  plus: "an operator",
  minus: "an operator",
  times: "an operator",
  divide: "an operator",
  power: "an operator",
  comma: '","',
  close: '")"',
  semicolon: '";"',
  rbracket: '"]"',
};
const END_OF_INPUT = "the end of the input";
const WORD_ORDER = [...OPERAND_WORDS, "an operator", '","', '";"', '")"', '"]"', '"}"', '"|"', '"‖"', END_OF_INPUT];

/** The part of nearley's parse table we read to say what was expected. */
interface ParseTable {
  readonly table: readonly { readonly states: readonly ParseState[] }[];
  readonly current: number;
}
interface ParseState {
  readonly rule: { readonly name: string; readonly symbols: readonly unknown[] };
  readonly dot: number;
  /** Index of the column where the state started. */
  readonly reference: number;
}

/**
 * What the parser could have accepted next, in words. After a complete operand that is "an
 * operator" (and "," or ")" inside parentheses, or the end of the input): the operands an
 * implicit product could continue with are left out, as are unary signs where an operand is
 * expected.
 */
function expectedAt(parser: nearley.Parser): string[] {
  const { table, current } = parser as unknown as ParseTable;
  const types = new Set<string>();
  const words = new Set<string>();
  for (const state of table[current]?.states ?? []) {
    const isWholeExpression = state.rule.name === grammar.ParserStart && state.reference === 0;
    if (isWholeExpression && state.dot === state.rule.symbols.length) words.add(END_OF_INPUT);
    const symbol = state.rule.symbols[state.dot];
    if (typeof symbol === "object" && symbol !== null && "type" in symbol && typeof symbol.type === "string") types.add(symbol.type);
  }
  const afterOperand = types.has("times");
  for (const type of types) {
    const word = TOKEN_WORDS[type];
    if (word === undefined) continue;
    const isOperandStart = OPERAND_WORDS.includes(word);
    if (afterOperand ? !isOperandStart : word !== "an operator") words.add(word);
  }
  return WORD_ORDER.filter((word) => words.has(word));
}

function unexpectedToken(token: Token, expected: string[], text: string): ParseError {
  // After an operand, a name, a call or "(" would always be read as a product; a number only
  // after a name, a call or a parenthesis (as in mathjs), so say so.
  const hint =
    token.type === "number" && expected.includes("an operator")
      ? "a number may directly follow a name, a call or a parenthesis, but not a number or a power; write * to multiply"
      : token.type === "indexSum"
        ? `a sum ${token.text} starts a term (first, after + or −, or in parentheses) and takes the whole term after it`
        : undefined;
  return new ParseError(
    { reason: `unexpected ${quoted(token.text)}`, at: positionOf(token), offending: token.text, expected, hint },
    text,
  );
}

/** Source text in quotes, as written: a backslash stays one backslash (JSON.stringify would double it). */
function quoted(text: string): string {
  return `"${text.replace(/\n/g, "\\n")}"`;
}
