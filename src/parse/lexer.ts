// The moo lexer for expressions. Whitespace is lexed (so moo tracks line and column) and
// then skipped before tokens reach the grammar.
import moo from "moo";
import type { SourcePosition } from "./errors.js";
import { GREEK_CHARACTERS, greekCommandNames, RADICALS, SUBSCRIPTS, SUPERSCRIPTS, UNICODE_OPERATORS, VULGAR_FRACTIONS } from "./notation.js";
import { readTokens } from "./read-tokens.js";
import { readerWork } from "./work.js";

/** The Unicode operators that mean the ASCII operator `ascii`. */
function unicodeOperators(ascii: string): string[] {
  return Object.keys(UNICODE_OPERATORS).filter((symbol) => UNICODE_OPERATORS[symbol] === ascii);
}

/** ASCII spellings of Greek letters, longest first (so "epsilon" is not read as "eta" and more). */
const GREEK_WORDS = `(?:${greekCommandNames().sort((a, b) => b.length - a.length).join("|")})`;

// Every rule matches in time linear in what it reads: no two parts of a rule may take the same
// digits (`[0-9]+\.?[0-9]*` could split n digits n ways, and failing on them took O(n²)).
const DIGITS = /(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)/.source;
/** Digits with at most one decimal point (`2`, `1.5`, `.5`, `3.`), then an optional exponent. */
const NUMBER = new RegExp(`${DIGITS}(?:[eE][+-]?[0-9]+)?`);
/** `2e+` with no digit after the sign: mathjs refuses it too, rather than reading 2*e + … */
const BAD_EXPONENT = new RegExp(`${DIGITS}[eE][+-](?![0-9])`);
/**
 * 0x1F, 0b101, 0o17, with an optional fraction (0xF.8), as mathjs reads them: the prefix takes
 * every letter and digit after it, so `0x1G` or `0x10y` is one malformed number (checked by
 * `radixNumber`), never 0·x1G or 16·y. The uppercase prefixes 0X, 0B, 0O are lexed the same way
 * and refused: mathjs reads 0X10 as 0·X10, which is surely not what was meant.
 */
const RADIX_NUMBER = /0[boxBOX][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]*)?/;

const GREEK = `[${GREEK_CHARACTERS}]`;
const SUBSCRIPT_RUN = `[${Object.keys(SUBSCRIPTS).join("")}]+`;
/** A subscript: `_{ji}`, `_j`, `₁₂` (ASCII names take `_j` themselves). */
const SUBSCRIPT = `(?:_[ \\t]*\\{[^{}]*\\}|_[A-Za-z0-9]+|${SUBSCRIPT_RUN})`;
/** A quantity in derivative notation: one letter or a Greek letter, digits, a subscript (J, u1, z_j, \alpha_{ji}, β₁). */
const QUANTITY = `(?:${GREEK_WORDS}|[A-Za-z]|${GREEK}|\\\\[A-Za-z]+[ \\t]*)[0-9]*${SUBSCRIPT}?`;
const D = `(?:d|∂|\\\\partial[ \\t]*)`;
/**
 * dJ/du, ∂J/∂u, \partial J/\partial u, \frac{dJ}{du}, \frac{\partial J}{\partial u} and dJdu: one
 * token, so derivative notation can never be read as a division of two variables.
 */
const DERIVATIVE = new RegExp(
  [
    `${D}${QUANTITY}[ \\t]*/[ \\t]*${D}${QUANTITY}(?![A-Za-z0-9_])`,
    `\\\\[dt]?frac[ \\t]*\\{[ \\t]*${D}${QUANTITY}[ \\t]*\\}[ \\t]*\\{[ \\t]*${D}${QUANTITY}[ \\t]*\\}`,
    `dJd${QUANTITY}(?![A-Za-z0-9_])`,
  ].join("|"),
);

/**
 * `\sum_j`, `\sum_{j=0}^{D}`, `Σ_j`, `∑_j`, `sum_{j}`: the head of a sum over the one-letter index j,
 * with the bounds as written (kept, not used: a backward sheet sums over the declared shape). A
 * longer subscript (Σ_{ji}, sum_jk) is no index: Σ_{ji} stays the name Sigma_ji.
 */
const INDEX_SUM = new RegExp(
  `(?:\\\\sum(?![A-Za-z])(?:[ \\t]*\\\\limits(?![A-Za-z]))?|Σ|∑|sum)[ \\t]*` +
    `_[ \\t]*(?:\\{[ \\t]*[A-Za-z][ \\t]*(?:=[^{}]*)?\\}|[A-Za-z](?![A-Za-z0-9_]))` +
    `(?:[ \\t]*\\^[ \\t]*(?:\\{[^{}]*\\}|[0-9]+|[A-Za-z](?![A-Za-z0-9_])|\\\\[A-Za-z]+))?`,
);

/**
 * `*` right after a name and before the end, a closing bracket, "," or ";": y* is the target y*
 * (where ASCII could only be an error; y* - 1 stays the product y*(-1), as mathjs reads it).
 */
const POSTFIX_STAR = /\*(?=[ \t\r\n]*(?:$|[)\]},;=|‖$/^'·⋅×÷]|\\(?:right|cdot|times)(?![A-Za-z])|\\\||\\\)))/;

const RULE_NAMES = {
  whitespace: { match: /[ \t\r\n]+/, lineBreaks: true },
  // \left[ … \right] and \left\{ … \right\} group as parentheses do (a bare [ ] is a literal).
  open: [{ match: "(" }, { match: /\\(?:left|[bB]igg?l?)[ \t]*(?:\[|\\\{)/ }],
  close: [{ match: ")" }, { match: /\\(?:right|[bB]igg?r?)[ \t]*(?:\]|\\\})/ }],
  // ½, ¼, …: a fraction of two digits, as \frac12.
  fracDigits: [{ match: /\\[dt]?frac[ \t]*[0-9][ \t]*[0-9]/ }, { match: Object.keys(VULGAR_FRACTIONS) }],
  // \mathbf{1}_{n}, \mathbf{1}_{m \times n}: ones(n), ones(m, n); \mathbf{0}_{…} zeros (0 ones(…)).
  filled: /\\(?:mathbf|boldsymbol|bm)[ \t]*\{[ \t]*[01][ \t]*\}[ \t]*_[ \t]*\{[ \t]*[0-9]+(?:[ \t]*(?:\\times|×|x)[ \t]*[0-9]+)?[ \t]*\}/,
  // \begin{bmatrix} a & b \\ c & d \end{bmatrix} is [a, b; c, d].
  lbracket: [{ match: "[" }, { match: /\\begin[ \t]*\{[ \t]*[bp]?matrix[ \t]*\}/ }],
  rbracket: [{ match: "]" }, { match: /\\end[ \t]*\{[ \t]*[bp]?matrix[ \t]*\}/ }],
  semicolon: [{ match: ";" }, { match: "\\\\" }],
  comma: [{ match: "," }, { match: "&" }],
  // ⟨a, b⟩, \langle a, b \rangle: the inner product dot(a, b).
  langle: [{ match: "⟨" }, { match: /\\langle(?![A-Za-z])/ }],
  rangle: [{ match: "⟩" }, { match: /\\rangle(?![A-Za-z])/ }],
  // Spacing and sizing commands and math delimiters ($, \( \), \[ \]) are skipped like spaces.
  spacing: /\$|\\[,;:! ()[\]]|\\(?:left|right)(?![A-Za-z])\.?|\\(?:q?quad|displaystyle|textstyle|[bB]igg?[lr]?)(?![A-Za-z])/,
  radixNumber: RADIX_NUMBER,
  badExponent: BAD_EXPONENT,
  number: NUMBER,
  derivative: DERIVATIVE,
  // Before latexCommand, greek and name, which would take \sum, Σ and sum_j.
  indexSum: INDEX_SUM,
  // x', xᵀ, x^T, x^\top, x^{T}: the transpose (to raise to a variable T, write x^(T)).
  transpose: [{ match: ["'", "ᵀ"] }, { match: /\^[ \t]*(?:\{[ \t]*(?:T|\\top|\\intercal|\\mathsf\{T\}|\\mathrm\{T\})[ \t]*\}|\\top(?![A-Za-z])|\\intercal(?![A-Za-z])|T(?![A-Za-z0-9_]))/ }],
  // y^*, y^{*}, y^\ast: the target y*.
  star: /\^[ \t]*(?:\{[ \t]*(?:\*|\\ast|\\star)[ \t]*\}|\*(?!\*)|\\ast(?![A-Za-z])|\\star(?![A-Za-z]))/,
  wrapped: /\\(?:operatorname|mathrm|mathit|mathbf|mathsf|boldsymbol|bm|text|textrm|textit|vec)[ \t]*\{[ \t]*(?:\\[A-Za-z]+|(?:[A-Za-z]|\\?_)(?:[A-Za-z0-9]|\\?_)*)[ \t]*\}/,
  latexCommand: /\\(?:[A-Za-z]+|\|)/,
  subscript: new RegExp(`_[ \\t]*\\{[^{}]*\\}|${SUBSCRIPT_RUN}`),
  superscript: new RegExp(`[${Object.keys(SUPERSCRIPTS).join("").replace("-", "\\-")}]+`),
  // A name never takes a "_" that starts a LaTeX subscript (x_{1}): that is a subscript token.
  name: /[A-Za-z_](?:[A-Za-z0-9]|_(?![ \t]*\{))*/,
  greek: new RegExp(GREEK),
  pi: "π",
  postfixStar: POSTFIX_STAR,
  // `.*` `./` `.^` are the element-wise forms, read by the same rules as `*` `/` `^`.
  power: ["**", "^", ".^"],
  plus: "+",
  minus: ["-", ...unicodeOperators("-")],
  times: ["*", ".*", ...unicodeOperators("*"), ...unicodeOperators(".*")],
  divide: ["/", "./", ...unicodeOperators("/"), ...unicodeOperators("./")],
  radical: Object.keys(RADICALS),
  norm: "‖",
  bar: "|",
  lbrace: "{",
  rbrace: "}",
  // Anything else becomes one error token holding the rest of the input.
  invalid: moo.error,
};
const baseLexer = moo.compile(RULE_NAMES);

/**
 * A lexed token: moo's token, spelled out here so that the published declarations do not
 * depend on @types/moo (a devDependency). The compiler checks that the two agree both ways:
 * `tokenize` returns moo's tokens as these, and `formatError` hands these back to moo.
 */
export interface Token {
  /** The rule that matched (`number`, `name`, `plus`, …). */
  type?: string | undefined;
  /** The matched text (moo's `value` transform is not used, so the same as `text`). */
  value: string;
  text: string;
  /** Position in the source: 0-based offset, 1-based line and column. */
  offset: number;
  line: number;
  col: number;
  /** Line breaks inside the token (only whitespace has any). */
  lineBreaks: number;
  toString(): string;
}
/** moo's saved lexer state (`save`, `reset`), spelled out for the same reason. */
export interface LexerState {
  line: number;
  col: number;
  state: string;
}

const START: SourcePosition = { offset: 0, line: 1, column: 1 };
const initialState = baseLexer.reset("").save();

/**
 * Every token of `text[from.offset, end)` except whitespace, in order; an `invalid` token ends
 * the list. Tokens carry their place in the whole `text` (`from` is where the slice starts), so
 * a statement of a long program is lexed on its own with the positions it has in the program.
 */
export function tokenize(text: string, from: SourcePosition = START, end: number = text.length): Token[] {
  const whole = from.offset === 0 && end === text.length;
  baseLexer.reset(whole ? text : text.slice(from.offset, end), { ...initialState, line: from.line, col: from.column });
  readerWork.characters += end - from.offset;
  const tokens: Token[] = [];
  for (let token = baseLexer.next(); token !== undefined; token = baseLexer.next()) {
    if (token.type === "whitespace") continue;
    if (!whole) token.offset += from.offset;
    tokens.push(token);
  }
  return readTokens(tokens, text, lexAt);
}

/** Lexes `ascii` (what a superscript stands for) as if it were written at `at`, one character per character. */
function lexAt(ascii: string, at: Token): Token[] {
  baseLexer.reset(ascii, { ...initialState, line: at.line, col: at.col });
  const tokens: Token[] = [];
  for (let token = baseLexer.next(); token !== undefined; token = baseLexer.next()) {
    if (token.type === "whitespace") continue;
    token.offset += at.offset;
    token.text = at.text.slice(token.offset - at.offset, token.offset - at.offset + token.text.length);
    tokens.push(token);
  }
  return tokens;
}

/** Every token type the grammar may see: the lexer's own and those the token pass makes. */
const TOKEN_TYPES = new Set([
  ...Object.keys(RULE_NAMES),
  "functionName", "functionWord", "bareFunction", "absOpen", "absClose", "normOpen", "normClose", "frac", "sqrt",
]);

/** What nearley's generated grammar needs: a lexer that never shows it whitespace. */
export const grammarLexer = {
  reset(chunk: string, state?: LexerState): void {
    baseLexer.reset(chunk, state);
  },
  next(): Token | undefined {
    let token = baseLexer.next();
    while (token !== undefined && token.type === "whitespace") token = baseLexer.next();
    return token;
  },
  save: (): LexerState => baseLexer.save(),
  formatError: (token: Token, message?: string): string => baseLexer.formatError(token, message),
  has: (tokenType: string): boolean => TOKEN_TYPES.has(tokenType),
};

const RADIXES: Readonly<Record<string, { readonly base: number; readonly name: string; readonly digits: string; readonly example: string }>> = {
  b: { base: 2, name: "a binary", digits: "0 and 1", example: "0b101" },
  o: { base: 8, name: "an octal", digits: "0 to 7", example: "0o17" },
  x: { base: 16, name: "a hexadecimal", digits: "0 to 9 and a to f (or A to F)", example: "0x1F" },
};

/**
 * The value of a `radixNumber` token (0x1F = 31, 0b1.1 = 1.5), computed as mathjs 15 does; or
 * what is wrong with it, and how to write what was probably meant.
 */
export function radixNumber(text: string): { readonly value: number } | { readonly problem: string; readonly hint: string } {
  const letter = text[1];
  const radix = RADIXES[letter.toLowerCase()];
  const digits = text.slice(2);
  const [whole, fraction] = digits.split(".");
  // What the text meant before radix numbers: 0 times a name.
  const name = text.slice(1);
  const product = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? ` (to multiply 0 by ${name}, write 0*${name})` : "";
  if (letter !== letter.toLowerCase()) {
    return { problem: `uppercase prefix 0${letter}`, hint: `${radix.name} number starts with 0${letter.toLowerCase()}, as in ${radix.example}${product}` };
  }
  const digitsHint = `${radix.name} number takes the digits ${radix.digits} after 0${letter}, as in ${radix.example}${product}`;
  if (fraction === undefined && /^[0-9a-fA-F]*i[0-9]*$/.test(whole)) {
    return { problem: "word-size suffix", hint: "mathjs's signed word-size forms (0xFFi8 = -1) are not supported; write the number itself, with its sign" };
  }
  if (whole === "") return { problem: `no digits after 0${letter}`, hint: digitsHint };
  const isDigit = (c: string): boolean => !Number.isNaN(Number.parseInt(c, radix.base));
  if (![...whole, ...(fraction ?? "")].every(isDigit)) return { problem: `not ${radix.name} number`, hint: digitsHint };
  if (fraction === undefined) return { value: Number(text) };
  // mathjs adds the fraction's digits one by one; doing the same gives the same float.
  let part = 0;
  for (let i = 0; i < fraction.length; i++) part += Number.parseInt(fraction[i], radix.base) / Math.pow(radix.base, i + 1);
  return { value: Number.parseInt(whole, radix.base) + part };
}
