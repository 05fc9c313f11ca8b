// The moo lexer for expressions. Whitespace is lexed (so moo tracks line and column) and
// then skipped before tokens reach the grammar.
import moo from "moo";

/** Digits with at most one decimal point (`2`, `1.5`, `.5`, `3.`), then an optional exponent. */
const NUMBER = /(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/;

const baseLexer = moo.compile({
  whitespace: { match: /[ \t\r\n]+/, lineBreaks: true },
  // `2e+` with no digit after the sign: mathjs refuses it too, rather than reading 2*e + …
  badExponent: /(?:[0-9]+\.?[0-9]*|\.[0-9]+)[eE][+-](?![0-9])/,
  number: NUMBER,
  // A name directly followed by "(" is a function name, so `x (y)` is always a call (as in
  // mathjs) and never the implicit product x*(y); the grammar needs no lookahead for it.
  functionName: /[A-Za-z_][A-Za-z0-9_]*(?=[ \t\r\n]*\()/,
  name: /[A-Za-z_][A-Za-z0-9_]*/,
  // `.*` `./` `.^` are the element-wise forms, read by the same rules as `*` `/` `^`.
  power: ["**", "^", ".^"],
  plus: "+",
  minus: "-",
  times: ["*", ".*"],
  divide: ["/", "./"],
  open: "(",
  close: ")",
  comma: ",",
  lbracket: "[",
  rbracket: "]",
  semicolon: ";",
  transpose: "'",
  // Anything else becomes one error token holding the rest of the input.
  invalid: moo.error,
});

export type Token = moo.Token;

/** Every token of `text` except whitespace, in order; an `invalid` token ends the list. */
export function tokenize(text: string): Token[] {
  baseLexer.reset(text);
  const tokens: Token[] = [];
  for (let token = baseLexer.next(); token !== undefined; token = baseLexer.next()) {
    if (token.type !== "whitespace") tokens.push(token);
  }
  return tokens;
}

/** What nearley's generated grammar needs: a lexer that never shows it whitespace. */
export const grammarLexer = {
  reset(chunk: string, state?: moo.LexerState): void {
    baseLexer.reset(chunk, state);
  },
  next(): Token | undefined {
    let token = baseLexer.next();
    while (token !== undefined && token.type === "whitespace") token = baseLexer.next();
    return token;
  },
  save: (): moo.LexerState => baseLexer.save(),
  formatError: (token: Token, message?: string): string => baseLexer.formatError(token, message),
  has: (tokenType: string): boolean => baseLexer.has(tokenType),
};
