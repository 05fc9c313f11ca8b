// A typed program's text split into statements at top-level ";" (not inside ( ) or [ ], where
// ";" separates matrix rows), each classified as a declaration `x: R^3` (or `x ∈ ℝ³`,
// `x \in \mathbb{R}^3`), a definition
// `a = W * x`, or the final expression. Positions stay those of the whole text.
import { ParseError, type SourcePosition } from "../parse/errors.js";
import { canonicalVariableName } from "../parse/parse.js";
import { readerWork } from "../parse/work.js";
import { splitOutsideBrackets } from "../util/split.js";
import { matrixShape, SCALAR, tooLarge, vectorShape, type Shape } from "./shape.js";

export type Statement =
  | { readonly kind: "declaration"; readonly name: string; readonly shape: Shape; readonly at: SourcePosition }
  /** The expression is `[start, end)` of the source; `from` is the position of `start`. */
  | { readonly kind: "definition"; readonly name: string; readonly at: SourcePosition; readonly start: number; readonly end: number; readonly from: SourcePosition }
  | { readonly kind: "expression"; readonly start: number; readonly end: number; readonly from: SourcePosition };

export const DECLARATION_HELP =
  "a declaration reads name: R (a scalar), name: R^3 (a vector of 3) or name: R^(3x4) (a 3×4 matrix); " +
  "also x ∈ ℝ³, W ∈ ℝ^{3×4}, W ∈ ℝ³ˣ⁴, x \\in \\mathbb{R}^3, W \\in \\mathbb{R}^{3 \\times 4}";

/**
 * Positions of character offsets in `source` (1-based line and column). The line starts are
 * found once, each position by binary search, so a long program's statements cost no rescan.
 */
export function positionsIn(source: string): (offset: number) => SourcePosition {
  const lineStarts = [0];
  for (let i = source.indexOf("\n"); i !== -1; i = source.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  readerWork.characters += source.length;
  return (offset) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (lineStarts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return { offset, line: low + 1, column: offset - lineStarts[low] + 1 };
  };
}

/** [start, end) of each top-level statement; an empty last one (a trailing ";") is dropped. */
function statementRanges(source: string): { start: number; end: number }[] {
  const ranges = splitOutsideBrackets(source, ";");
  const last = ranges[ranges.length - 1];
  if (ranges.length > 1 && source.slice(last.start).trim() === "") ranges.pop();
  return ranges;
}

// x: …, x ∈ …, x \in … (LaTeX); the type is read by readType. The name may be written as
// notes write it (α, \alpha, \mathbf{x}, \boldsymbol{\beta}, \alpha^{(1)}): it is read to its ASCII name.
const DECLARATION = /^(\s*)((?:[A-Za-z_][A-Za-z0-9_]*|[\u0370-\u03ff][A-Za-z0-9_]*|\\[A-Za-z]+(?:\s*\{[^{}]*\})?)(?:\^\{\(\d+\)\}|\^\(\d+\)|_\{[^{}]*\})*)(\s*)(?::|∈|\\in(?![A-Za-z]))/;
const DEFINITION = /^(\s*)([A-Za-z_][A-Za-z0-9_]*)(\s*)=/;

export function splitStatements(source: string, positionAt = positionsIn(source)): Statement[] {
  return statementRanges(source).map(({ start, end }) => classifyStatement(source, start, end, positionAt));
}

/** One statement of [start, end): a declaration (its shape read), a definition, or the expression. */
export function classifyStatement(source: string, start: number, end: number, positionAt: (offset: number) => SourcePosition): Statement {
  const text = source.slice(start, end);
  const declaration = DECLARATION.exec(text);
  if (declaration) {
    const [whole, lead, written] = declaration;
    const at = positionAt(start + lead.length);
    return { kind: "declaration", name: canonicalVariableName(written), shape: readType(source, start + whole.length, end, positionAt), at };
  }
  const definition = DEFINITION.exec(text);
  if (definition) {
    const [whole, lead, name] = definition;
    return { kind: "definition", name, at: positionAt(start + lead.length), start: start + whole.length, end, from: positionAt(start + whole.length) };
  }
  return { kind: "expression", start, end, from: positionAt(start) };
}

// The reals: R, ℝ, \mathbb{R}, \mathbb R, \R.
const REALS = /^(?:R|ℝ|\\mathbb\s*\{\s*R\s*\}|\\mathbb\s+R|\\R)(?![A-Za-z0-9_])/;
// Between rows and columns: x, ×, *, ",", \times.
const BY = /^(?:[x×*,]|\\times(?![A-Za-z]))/;
const SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹";
const CLOSING: Readonly<Record<string, string>> = { "(": ")", "{": "}" };

/**
 * A type: R (a scalar), R^3 or ℝ³ (a vector), R^(3x4), ℝ^{3×4}, ℝ³ˣ⁴ or \mathbb{R}^{3 \times 4}
 * (a matrix). Read left to right, so a malformed one is refused where it goes wrong.
 */
function readType(source: string, start: number, end: number, positionAt: (offset: number) => SourcePosition): Shape {
  const text = source.slice(start, end);
  let i = 0;
  const skipSpace = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  // Quoted as typed: a backslash prints as one backslash (JSON.stringify would double it).
  const quote = (t: string) => `"${t}"`;
  const fail = (expected: string): never => {
    const rest = text.slice(i).trimEnd();
    const reason = `cannot read the type ${quote(text.trim())}: ${i >= text.trimEnd().length ? "it ends where" : `at ${quote(rest)},`} ${expected} was expected`;
    throw new ParseError({ reason, at: positionAt(start + i), offending: rest === "" ? " " : rest, hint: DECLARATION_HELP }, source);
  };
  const digits = (alphabet: string): number | undefined => {
    let n = "";
    while (i < text.length && alphabet.includes(text[i])) n += String(alphabet.indexOf(text[i++]));
    return n === "" ? undefined : Number(n);
  };
  const size = (what: string) => {
    skipSpace();
    return digits("0123456789") ?? fail(what);
  };
  skipSpace();
  const reals = REALS.exec(text.slice(i));
  if (reals === null) fail("R, ℝ or \\mathbb{R}");
  i += (reals as RegExpExecArray)[0].length;
  skipSpace();
  let rows: number | undefined;
  let cols: number | undefined;
  const superscript = digits(SUPERSCRIPT_DIGITS);
  if (superscript !== undefined) {
    rows = superscript;
    if (text[i] === "ˣ") {
      i++;
      cols = digits(SUPERSCRIPT_DIGITS) ?? fail("the number of columns (a superscript, as in ℝ³ˣ⁴)");
    }
  } else if (text[i] === "^") {
    i++;
    skipSpace();
    const open = CLOSING[text[i]] === undefined ? undefined : text[i++];
    rows = size(open === undefined ? "a size (R^3) or a bracket (R^(3x4), R^{3×4})" : "the number of rows");
    skipSpace();
    const by = BY.exec(text.slice(i));
    if (by !== null) {
      i += by[0].length;
      cols = size(`the number of columns after ${quote(by[0])}`);
      skipSpace();
    }
    if (open !== undefined) {
      if (text[i] !== CLOSING[open]) fail(`${quote(CLOSING[open])} closing ${quote(open)}${by === null ? " (or x and the number of columns)" : ""}`);
      i++;
    }
  }
  skipSpace();
  if (i < text.length) fail("the end of the declaration (a ; before the next statement)");
  const problem = rows === undefined ? undefined : tooLarge(rows, cols ?? 1);
  if (problem !== undefined) {
    const offset = start + (text.length - text.trimStart().length);
    throw new ParseError({ reason: problem, at: positionAt(offset), offending: text.trim(), hint: DECLARATION_HELP }, source);
  }
  if (rows === undefined) return SCALAR;
  return cols === undefined ? vectorShape(rows) : matrixShape(rows, cols);
}
