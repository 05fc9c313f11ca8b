// A typed program's text split into statements at top-level ";" (not inside ( ) or [ ], where
// ";" separates matrix rows), each classified as a declaration `x: R^3`, a definition
// `a = W * x`, or the final expression. Positions stay those of the whole text.
import { ParseError, type SourcePosition } from "../parse/errors.js";
import { splitOutsideBrackets } from "../util/split.js";
import { matrixShape, SCALAR, tooLarge, vectorShape, type Shape } from "./shape.js";

export type Statement =
  | { readonly kind: "declaration"; readonly name: string; readonly shape: Shape; readonly at: SourcePosition }
  | { readonly kind: "definition"; readonly name: string; readonly at: SourcePosition; readonly start: number; readonly end: number }
  | { readonly kind: "expression"; readonly start: number; readonly end: number };

export const DECLARATION_HELP = "a declaration reads name: R (a scalar), name: R^3 (a vector of 3) or name: R^(3x4) (a 3×4 matrix)";

/** Position of a character offset in `source` (1-based line and column). */
export function positionAt(source: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (source[i] === "\n") {
      line++;
      lineStart = i + 1;
    }
  }
  return { offset, line, column: offset - lineStart + 1 };
}

/** [start, end) of each top-level statement; an empty last one (a trailing ";") is dropped. */
function statementRanges(source: string): { start: number; end: number }[] {
  const ranges = splitOutsideBrackets(source, ";");
  const last = ranges[ranges.length - 1];
  if (ranges.length > 1 && source.slice(last.start).trim() === "") ranges.pop();
  return ranges;
}

const DECLARATION = /^(\s*)([A-Za-z_][A-Za-z0-9_]*)(\s*):/;
const DEFINITION = /^(\s*)([A-Za-z_][A-Za-z0-9_]*)(\s*)=/;
// R, R^3, R^(3x4), R^(3×4), R^(3,4), R^{3x4}; ℝ for R.
const TYPE = /^\s*[Rℝ]\s*(?:\^\s*(?:([0-9]+)|[({]\s*([0-9]+)\s*[x×,*]\s*([0-9]+)\s*[)}]))?\s*$/;

export function splitStatements(source: string): Statement[] {
  return statementRanges(source).map(({ start, end }) => classify(source, start, end));
}

function classify(source: string, start: number, end: number): Statement {
  const text = source.slice(start, end);
  const declaration = DECLARATION.exec(text);
  if (declaration) {
    const [whole, lead, name] = declaration;
    const at = positionAt(source, start + lead.length);
    return { kind: "declaration", name, shape: readType(source, start + whole.length, end), at };
  }
  const definition = DEFINITION.exec(text);
  if (definition) {
    const [whole, lead, name] = definition;
    return { kind: "definition", name, at: positionAt(source, start + lead.length), start: start + whole.length, end };
  }
  return { kind: "expression", start, end };
}

function readType(source: string, start: number, end: number): Shape {
  const text = source.slice(start, end);
  const match = TYPE.exec(text);
  const offset = start + (text.length - text.trimStart().length);
  const fail = (reason: string): never => {
    throw new ParseError({ reason, at: positionAt(source, offset), offending: text.trim() || " ", hint: DECLARATION_HELP }, source);
  };
  if (!match) return fail(`cannot read the type ${JSON.stringify(text.trim())}`);
  const [, length, rows, cols] = match;
  const problem = length !== undefined ? tooLarge(Number(length), 1) : rows !== undefined ? tooLarge(Number(rows), Number(cols)) : undefined;
  if (problem !== undefined) fail(problem);
  if (length !== undefined) return vectorShape(Number(length));
  if (rows !== undefined) return matrixShape(Number(rows), Number(cols));
  return SCALAR;
}

/** The source with everything outside [start, end) blanked (newlines kept), so tokens keep their line:col. */
export function isolate(source: string, start: number, end: number): string {
  const blank = (s: string) => s.replace(/[^\n]/g, " ");
  return blank(source.slice(0, start)) + source.slice(start, end) + blank(source.slice(end));
}
