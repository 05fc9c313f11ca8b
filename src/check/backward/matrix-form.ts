// Matrix form in a backward sheet and its forward program, as Quiz 2 is written:
//   z1 = σ(α1ᵀ x)        dy/dβ = y (1 − y) z2        dJ/dW = (z − t) .* z .* (1 − z) * x'
// Each formula is read by the typed layer, with every quantity a variable of its shape, and
// lowered to its entries (z1_1, z1_2, …), so the scalar judge sees one line per entry.
import type { Expr } from "../../ast/expr.js";
import { ParseError, type SourcePosition } from "../../parse/errors.js";
import { tokenize } from "../../parse/lexer.js";
import { parseSyntax } from "../../parse/parse.js";
import { substitute } from "../../trace/program.js";
import { elementNames, lower } from "../../typed/lower.js";
import { parseTyped } from "../../typed/parse.js";
import { colsOf, describeShape, isScalar, rowsOf, sameShape, SCALAR, type Shape } from "../../typed/shape.js";
import { derivativePlaceholder } from "./indices.js";
import type { Piece } from "./forward.js";

/** The names a formula mentions (canonical, as the reader names them). */
export function mentionedNames(text: string, piece: Piece, positionAt: (offset: number) => SourcePosition): string[] {
  return tokenize(text, positionAt(piece.start), piece.end).filter((t) => t.type === "name").map((t) => t.value);
}

/**
 * A formula of `text[piece]` read by the typed layer, every quantity in `shapes` a variable of its
 * shape: its shape and its entries (row-major). Errors are shown in `text` at their own place.
 */
export function readMatrixFormula(text: string, piece: Piece, shapes: ReadonlyMap<string, Shape>): { shape: Shape; entries: Expr[] } {
  // The formula alone, at its own offsets: the rest of the text blanked (line breaks kept).
  const alone = text.replace(/[^\n]/g, (c, offset: number) => (offset >= piece.start && offset < piece.end ? c : " "));
  try {
    const program = parseTyped(alone, shapes);
    const lowered = lower(program.result);
    return { shape: lowered.shape, entries: [...lowered.elements] };
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    throw new ParseError({ reason: error.reason, at: { offset: error.offset, line: error.line, column: error.column }, offending: error.offending, hint: error.hint, expected: error.expected }, text);
  }
}

/**
 * A matrix-form right side (dJ/dW = (z − t) .* z .* (1 − z) * x') as the lines of its entries,
 * each entry's adjoints (dJ/dz) left as placeholders of their entries (dJ/dz_1) to resolve later.
 * A result of the wrong shape is a mistake of the line, not of reading: `shapeMistake` says which.
 */
export function matrixLineEntries(
  text: string,
  right: Piece,
  wrt: string,
  output: string,
  shapes: ReadonlyMap<string, Shape>,
  quantityName: (written: string) => string,
  positionAt: (offset: number) => SourcePosition,
  fail: (reason: string, at: number, offending: string, hint?: string) => never,
): { entries: { quantity: string; value: Expr }[]; shapeMistake?: string } {
  const target = shapes.get(wrt) ?? SCALAR;
  // Each dJ/dz becomes a variable of z's shape (qq0, qq1: no longer than the shortest derivative, dJdz, so offsets stay put).
  const adjointShapes = new Map(shapes);
  const placeholders = new Map<string, Expr>();
  let rewritten = text;
  const derivatives = tokenize(text, positionAt(right.start), right.end).filter((t) => t.type === "derivative");
  for (const token of [...derivatives].reverse()) {
    const syntax = parseSyntax(text, positionAt(token.offset), token.offset + token.text.length);
    if (syntax.kind !== "derivative") continue;
    const quantity = quantityName(syntax.wrt);
    const shape = shapes.get(quantity) ?? SCALAR;
    const name = `qq${derivatives.indexOf(token)}`;
    adjointShapes.set(name, shape);
    elementNames(name, shape).forEach((element, k) => placeholders.set(element, derivativePlaceholder(syntax.of, elementNames(quantity, shape)[k])));
    rewritten = rewritten.slice(0, token.offset) + name.padEnd(token.text.length, " ") + rewritten.slice(token.offset + token.text.length);
  }
  const { shape, entries } = readMatrixFormula(rewritten, right, adjointShapes);
  const names = elementNames(wrt, target);
  if (!sameShape(shape, target)) {
    const transposed = rowsOf(shape) === colsOf(target) && colsOf(shape) === rowsOf(target);
    return { entries: [], shapeMistake: `this is ${describeShape(shape)}, d${output}/d${wrt} has the shape of ${wrt}, ${describeShape(target)}${transposed ? " (the transposed layout: numerator layout, where the sheet's is denominator layout)" : ""}` };
  }
  return { entries: names.map((quantity, k) => ({ quantity, value: substitute(entries[k], placeholders) })) };
}
