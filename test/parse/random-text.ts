// Random expression text for the grammar tests: valid text in the syntax mathjs reads
// (implicit products, rule-2 divisions, signs, powers, calls, spacing variants), and token
// soup that is mostly invalid. `choose(n)` returns an integer in [0, n).
import fc from "fast-check";
import { mulberry32 } from "../../src/util/prng.js";

export type Choose = (n: number) => number;

type TokenClass = "number" | "name" | "function" | "punctuation";
interface Token {
  readonly text: string;
  readonly cls: TokenClass;
}

const NUMBERS = ["2", "1.5", ".5", "3.", "1e-3", "2.5E+4", "7", "12", "0.25", "4e2", "0x1F", "0b101", "0o17", "0xF.8"];
const NAMES = ["x", "y", "z", "alpha_2"];
const CONSTANTS = ["pi", "e"];
/** Functions mathjs knows by the same name, with our arity. */
const FUNCTIONS: readonly (readonly [string, number])[] = [
  ["sin", 1], ["cos", 1], ["exp", 1], ["log", 1], ["log", 2], ["sqrt", 1], ["abs", 1],
  ["tanh", 1], ["atan", 1], ["cbrt", 1], ["pow", 2], ["nthRoot", 2],
];

const num = (text: string): Token => ({ text, cls: "number" });
const name = (text: string): Token => ({ text, cls: "name" });
const punct = (text: string): Token => ({ text, cls: "punctuation" });
const pick = <T>(choose: Choose, items: readonly T[]): T => items[choose(items.length)];

/**
 * One operand of an implicit product. `open`: a name, call or parenthesis, after which a
 * number may follow; `bareName`: a lone name, after which "(" would make a call.
 */
interface Unit {
  readonly tokens: Token[];
  readonly open: boolean;
  /** Ends with a name token, so a following "(" would make it a call. */
  readonly bareName: boolean;
  readonly startsWith: "number" | "name" | "paren";
  /** A rule-2 division (`1/2`), which must be followed by a name or "(". */
  readonly ratio: boolean;
}

function atom(choose: Choose, depth: number, allowParenStart: boolean): Unit {
  const kinds = depth <= 0 ? 3 : allowParenStart ? 5 : 4;
  switch (choose(kinds)) {
    case 0:
      return { tokens: [num(pick(choose, NUMBERS))], open: false, bareName: false, startsWith: "number", ratio: false };
    case 1:
      return { tokens: [name(pick(choose, NAMES))], open: true, bareName: true, startsWith: "name", ratio: false };
    case 2:
      return { tokens: [name(pick(choose, CONSTANTS))], open: true, bareName: true, startsWith: "name", ratio: false };
    case 3: {
      const [fn, arity] = pick(choose, FUNCTIONS);
      const tokens: Token[] = [{ text: fn, cls: "function" }, punct("(")];
      for (let i = 0; i < arity; i++) {
        if (i > 0) tokens.push(punct(","));
        tokens.push(...sum(choose, depth - 1));
      }
      tokens.push(punct(")"));
      return { tokens, open: true, bareName: false, startsWith: "name", ratio: false };
    }
    default:
      return { tokens: [punct("("), ...sum(choose, depth - 1), punct(")")], open: true, bareName: false, startsWith: "paren", ratio: false };
  }
}

function signs(choose: Choose, max: number): Token[] {
  return Array.from({ length: choose(max + 1) }, () => punct(pick(choose, ["-", "+"])));
}

/** An atom, or an atom raised to (possibly signed) powers. */
function unsignedUnit(choose: Choose, depth: number, allowParenStart: boolean, allowNumberStart: boolean): Unit {
  let base = atom(choose, depth, allowParenStart);
  while (!allowNumberStart && base.startsWith === "number") base = atom(choose, depth, allowParenStart);
  if (choose(4) !== 0) return base;
  const tokens = [...base.tokens];
  for (let level = 0, levels = 1 + choose(2); level < levels; level++) {
    tokens.push(punct("^"), ...signs(choose, 2), ...atom(choose, depth - 1, true).tokens);
  }
  return { tokens, open: false, bareName: tokens[tokens.length - 1].cls === "name", startsWith: base.startsWith, ratio: false };
}

function firstUnit(choose: Choose, depth: number): Unit {
  const choice = choose(6);
  if (choice === 0) {
    // [sign]number / number: a rule-2 division when a name or "(" follows.
    return { tokens: [...signs(choose, 1), num(pick(choose, NUMBERS)), punct("/"), num(pick(choose, NUMBERS))], open: false, bareName: false, startsWith: "number", ratio: true };
  }
  if (choice === 1) {
    const unit = unsignedUnit(choose, depth, true, true);
    return { ...unit, tokens: [...signs(choose, 2), ...unit.tokens], open: false };
  }
  return unsignedUnit(choose, depth, true, true);
}

/** Operands side by side, each allowed by what precedes it (as mathjs decides). */
function implicitProduct(choose: Choose, depth: number): Token[] {
  let previous = firstUnit(choose, depth);
  const tokens = [...previous.tokens];
  for (let more = choose(3); more > 0 || previous.ratio; more--) {
    let next: Unit;
    if (previous.open && !previous.ratio && choose(5) === 0) {
      next = { tokens: [num(pick(choose, NUMBERS)), punct("/"), num(pick(choose, NUMBERS))], open: false, bareName: false, startsWith: "number", ratio: true };
    } else {
      // After a lone name "(" would start a call; after a closed operand no number may follow.
      next = unsignedUnit(choose, depth, !previous.bareName, previous.open && !previous.ratio);
    }
    tokens.push(...next.tokens);
    previous = next;
  }
  return tokens;
}

function product(choose: Choose, depth: number): Token[] {
  const tokens = implicitProduct(choose, depth);
  for (let more = choose(depth > 2 ? 3 : 2); more > 0; more--) tokens.push(punct(pick(choose, ["*", "/"])), ...implicitProduct(choose, depth));
  return tokens;
}

function sum(choose: Choose, depth: number): Token[] {
  const tokens = product(choose, depth);
  for (let more = choose(depth > 2 ? 3 : 2); more > 0; more--) tokens.push(punct(pick(choose, ["+", "-"])), ...product(choose, depth));
  return tokens;
}

/** Joins tokens with random spacing, keeping the spaces that change how text lexes. */
export function joinTokens(choose: Choose, tokens: readonly Token[]): string {
  let text = "";
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const before = tokens[i - 1];
    if (before !== undefined) text += needsSpace(before, token) ? " ".repeat(1 + choose(2)) : pick(choose, ["", "", " ", "  "]);
    text += token.text;
  }
  return text;
}

function needsSpace(a: Token, b: Token): boolean {
  const wordLike = (t: Token): boolean => t.cls !== "punctuation";
  // `2x` and `1e-3x` lex as a number then a name, but `2e` + `+3` would be one number.
  // A radix number takes every letter and digit after it: `0x1F y` needs its space.
  if (a.cls === "number" && (b.cls === "name" || b.cls === "function")) return /^[eE]/.test(b.text) || a.text === "0" || /^0[box]/.test(a.text);
  if (wordLike(a) && wordLike(b)) return true;
  // `3.*2` is mathjs's element-wise product, `3./2` its element-wise division.
  if (a.text.endsWith(".") && /^[*/^]/.test(b.text)) return true;
  // `* *` glued would be our `**`, which mathjs does not have.
  if (a.text === "*" && b.text === "*") return true;
  return false;
}

/** Valid text in the syntax mathjs reads; `depth` bounds the nesting of calls and parentheses. */
export function validText(choose: Choose, depth = 1 + choose(3)): string {
  return joinTokens(choose, sum(choose, depth));
}

const SOUP: readonly Token[] = [
  ...NUMBERS.map(num),
  ...NAMES.map(name),
  ...CONSTANTS.map(name),
  ...["sin", "log", "pow", "foo"].map((text) => ({ text, cls: "function" as const })),
  ...["+", "-", "*", "/", "^", "(", "(", ")", ")", ","].map(punct),
];

/** Random tokens (a function name is always followed by "("), mostly not a valid expression. */
export function tokenSoup(choose: Choose, maxTokens = 12): string {
  const tokens: Token[] = [];
  for (let n = 1 + choose(maxTokens); n > 0; n--) {
    const token = pick(choose, SOUP);
    tokens.push(token);
    if (token.cls === "function") tokens.push(punct("("));
  }
  return joinTokens(choose, tokens);
}

/** A deterministic `choose` from a seed (mulberry32). */
export function seededChoose(seed: number): Choose {
  const random = mulberry32(seed);
  return (n) => Math.floor(random() * n);
}

/** A fast-check arbitrary of text built by `build` from a random seed (failures print the text). */
export function textArbitrary(build: (choose: Choose) => string): fc.Arbitrary<string> {
  return fc.noShrink(fc.integer()).map((seed) => build(seededChoose(seed)));
}
