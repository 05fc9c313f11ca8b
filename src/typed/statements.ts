// A typed program's text split into statements at top-level ";" (not inside ( ) or [ ], where
// ";" separates matrix rows), each classified as a declaration `x: R^3`, a definition
// `a = W * x`, or the final expression. Positions stay those of the whole text.
import { ParseError, type SourcePosition } from "../parse/errors.js";
import { readerWork } from "../parse/work.js";
import { splitOutsideBrackets } from "../util/split.js";
import { matrixShape, SCALAR, tooLarge, vectorShape, type Shape } from "./shape.js";

export type Statement =
  | { readonly kind: "declaration"; readonly name: string; readonly shape: Shape; readonly at: SourcePosition }
  /** The expression is `[start, end)` of the source; `from` is the position of `start`. */
  | { readonly kind: "definition"; readonly name: string; readonly at: SourcePosition; readonly start: number; readonly end: number; readonly from: SourcePosition }
  | { readonly kind: "expression"; readonly start: number; readonly end: number; readonly from: SourcePosition };

export const DECLARATION_HELP = "a declaration reads name: R (a scalar), name: R^3 (a vector of 3) or name: R^(3x4) (a 3×4 matrix)";

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

const DECLARATION = /^(\s*)([A-Za-z_][A-Za-z0-9_]*)(\s*):/;
const DEFINITION = /^(\s*)([A-Za-z_][A-Za-z0-9_]*)(\s*)=/;
// R, R^3, R^(3x4), R^(3×4), R^(3,4), R^{3x4}; ℝ for R.
const TYPE = /^\s*[Rℝ]\s*(?:\^\s*(?:([0-9]+)|[({]\s*([0-9]+)\s*[x×,*]\s*([0-9]+)\s*[)}]))?\s*$/;

export function splitStatements(source: string, positionAt = positionsIn(source)): Statement[] {
  return statementRanges(source).map(({ start, end }) => classify(source, start, end, positionAt));
}

function classify(source: string, start: number, end: number, positionAt: (offset: number) => SourcePosition): Statement {
  const text = source.slice(start, end);
  const declaration = DECLARATION.exec(text);
  if (declaration) {
    const [whole, lead, name] = declaration;
    const at = positionAt(start + lead.length);
    return { kind: "declaration", name, shape: readType(source, start + whole.length, end, positionAt), at };
  }
  const definition = DEFINITION.exec(text);
  if (definition) {
    const [whole, lead, name] = definition;
    return { kind: "definition", name, at: positionAt(start + lead.length), start: start + whole.length, end, from: positionAt(start + whole.length) };
  }
  return { kind: "expression", start, end, from: positionAt(start) };
}

function readType(source: string, start: number, end: number, positionAt: (offset: number) => SourcePosition): Shape {
  const text = source.slice(start, end);
  const match = TYPE.exec(text);
  const offset = start + (text.length - text.trimStart().length);
  const fail = (reason: string): never => {
    throw new ParseError({ reason, at: positionAt(offset), offending: text.trim() || " ", hint: DECLARATION_HELP }, source);
  };
  if (!match) return fail(`cannot read the type ${JSON.stringify(text.trim())}`);
  const [, length, rows, cols] = match;
  const problem = length !== undefined ? tooLarge(Number(length), 1) : rows !== undefined ? tooLarge(Number(rows), Number(cols)) : undefined;
  if (problem !== undefined) fail(problem);
  if (length !== undefined) return vectorShape(Number(length));
  if (rows !== undefined) return matrixShape(Number(rows), Number(cols));
  return SCALAR;
}
