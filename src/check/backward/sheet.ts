// A backward sheet: the lecture's backward pass as a student writes it, one adjoint per line —
//   dJ/du = -sin(u)                           sets dJ/du
//   dJ/dt += dJ/du1 · du1/dt                  adds one path to dJ/dt
//   \frac{dJ}{du_1} += \frac{dJ}{du} \frac{du}{du_1}, \quad \frac{du}{du_1} = 1
// On the right, dJ/dv is the adjoint of v (its true value: one mistake does not condemn every
// later line), dv/dq is the local partial ∂v/∂q, names are forward quantities. After the first
// top-level comma come claims about local partials (du/du_1 = 1), judged on their own.
import type { Expr } from "../../ast/expr.js";
import { callNode, num, variable } from "../../ast/expr.js";
import { variablesOf } from "../../ast/walk.js";
import { ParseError } from "../../parse/errors.js";
import { printExpr } from "../../print/text.js";
import { variableMatcher } from "../../parse/build.js";
import { parseSyntax, readExpression, type Reading } from "../../parse/parse.js";
import type { BackwardPass } from "../../trace/adjoints.js";
import { substitute, type ForwardProgram } from "../../trace/program.js";
import { elementNames } from "../../typed/lower.js";
import { colsOf, isScalar, rowsOf, SCALAR, type Shape } from "../../typed/shape.js";
import { matrixLineEntries, mentionedNames } from "./matrix-form.js";
import { positionsIn } from "../../typed/statements.js";
import { splitOutsideBrackets } from "../../util/split.js";
import { splitAtEquals, statementsOf, trimmed, type Piece, type ReadProgram } from "./forward.js";
import { assignments, boundName, derivativePlaceholder, describeAssignment, expandIndices, INDEX_SUM, IndexError, indexRanges, placeholderDerivative, printIndexed, subscriptLetters } from "./indices.js";

/** A claim about a local partial written beside a line: du/du_1 = 1. */
export interface LocalClaim {
  readonly of: string;
  readonly wrt: string;
  readonly written: string;
  readonly value: Expr;
  /** For a claim in index notation, the entry this is (j = 1, i = 2). */
  readonly at?: string;
}

export interface SheetLine {
  /** 1-based line of the sheet. */
  readonly line: number;
  readonly written: string;
  /** q, for the adjoint dJ/dq this line sets or adds to. */
  readonly quantity: string;
  readonly accumulate: boolean;
  /** The right-hand side in the program's names, adjoints and local partials written out. */
  readonly value: Expr;
  /** How the right-hand side was read. */
  readonly reading: Reading;
  /** The line as read, in ASCII, with adjoints and local derivatives as written (dJ/du * du/du_1): shown as "read as" without revealing their values. */
  readonly asRead: string;
  readonly claims: readonly LocalClaim[];
  /** For a line in index notation, the entry this is (j = 1, i = 2); the line stands for one per entry. */
  readonly entry?: { readonly of: string; readonly at: string };
  /** An index the right side uses that is neither on the left nor summed (the notes' dJ/dx_i). */
  readonly unsummed?: string;
  /** For a line of a program with shapes: its right side as written, indices unexpanded (to try index mistakes on). */
  readonly indexedRight?: Expr;
  /** For a square matrix-form line: this entry's value had the sheet meant the transposed layout. */
  readonly transposedValue?: Expr;
  /** A mistake found in reading the line (a matrix right side of the wrong shape, an index over two ranges): what it is. */
  readonly readingMistake?: string;
}

/** Reads a sheet against a program; a line that cannot be read is a ParseError with its line and column. */
export function readSheet(text: string, program: ReadProgram, pass: BackwardPass): SheetLine[] {
  const positionAt = positionsIn(text);
  const names = new Set([...program.inputs, ...program.definitions.map((d) => d.name)]);
  const quantities = [...pass.order].join(", ");
  const fail = (reason: string, at: number, offending: string, hint?: string): never => {
    throw new ParseError({ reason, at: positionAt(at), offending, hint }, text);
  };
  const isOutput = (of: string): boolean => isOutputOf(program, of);
  const meaning = derivativeMeaning(program, pass);
  const shapes = program.shapes ?? new Map<string, Shape>();
  // dJ/du is left as a placeholder until indices are bound; without shapes it is checked as read, so a bad one is shown where it is.
  // z_2 on a sheet is the program's z2, as in answers (the variable matcher's underscore rule).
  const matchQuantity = variableMatcher({ variables: new Set([...pass.order, ...shapes.keys()]) }, []);
  const quantityName = (written: string): string => {
    if (pass.adjoints.has(written) || shapes.has(written) || subscriptLetters(written, shapes) !== undefined) return written;
    const matched = matchQuantity(written);
    return matched.length === 1 ? matched[0] : written;
  };
  const placeholder = (of: string, written: string): Expr | { problem: string; hint?: string } => {
    const wrt = quantityName(written);
    const known = shapes.size === 0 ? meaning(of, wrt) : undefined;
    return known !== undefined && "problem" in known ? known : derivativePlaceholder(of, wrt);
  };
  const lines: SheetLine[] = [];
  for (const piece of statementsOf(text)) {
    const parts = splitAtEquals(text, piece) ?? fail("a line of a backward sheet sets an adjoint: dJ/du = … or dJ/du += …", piece.start, text.slice(piece.start, piece.end));
    const lhs = parseSyntax(text, positionAt(parts.left.start), parts.left.end);
    if (lhs.kind !== "derivative" || !isOutput(lhs.of)) {
      fail(`the left side must be an adjoint, as dJ/du, ∂J/∂u or \\frac{dJ}{du}`, parts.left.start, text.slice(parts.left.start, parts.left.end), `the program's output is ${program.output}`);
    }
    const wrt = quantityName((lhs as Extract<typeof lhs, { kind: "derivative" }>).wrt);
    const [right, ...claimPieces] = sideParts(text, parts.right);
    const line = positionAt(piece.start).line;
    const written = text.slice(piece.start, piece.end);
    // Matrix form: the quantity is a vector or matrix, or the right side names one whole (βᵀ z2 for a scalar b).
    if (shapes.size > 0 && [wrt, ...mentionedNames(text, right, positionAt)].some((name) => !isScalar(shapes.get(name) ?? SCALAR))) {
      lines.push(...matrixLines({ text, right, wrt, line, written, accumulate: parts.accumulate, output: program.output, shapes, quantityName, known: new Set(pass.adjoints.keys()) }, meaning, positionAt, fail));
      continue;
    }
    const reading = readExpression(text, { variables: names, derivative: placeholder, indexSums: true }, { from: positionAt(right.start), end: right.end });
    const asRead = `d${program.output}/d${wrt} ${parts.accumulate ? "+=" : "="} ${printIndexed(reading.expr)}`;
    const claims = claimPieces.flatMap((claim) => readClaim(text, claim, { names, shapes, placeholder, meaning }, positionAt, fail));
    const failAtLeft = (reason: string, hint?: string): never => fail(reason, parts.left.start, text.slice(parts.left.start, parts.left.end), hint);
    entryLines(wrt, reading.expr, shapes, failAtLeft).forEach((entry, k) => {
      if (!pass.adjoints.has(entry.quantity)) failAtLeft(`the program has no quantity ${entry.quantity}`, `its quantities: ${quantities}`);
      const value = resolvePlaceholders(entry.value, meaning, (problem) => fail(problem.problem, right.start, text.slice(right.start, right.end), problem.hint));
      lines.push({
        line,
        written,
        quantity: entry.quantity,
        accumulate: parts.accumulate,
        value,
        reading,
        asRead,
        claims: k === 0 ? claims : [],
        ...(entry.entry !== undefined && { entry: entry.entry }),
        ...(entry.unsummed !== undefined && { unsummed: entry.unsummed }),
        ...(entry.readingMistake !== undefined && { readingMistake: entry.readingMistake }),
        ...(shapes.size > 0 && { indexedRight: reading.expr }),
      });
    });
  }
  if (lines.length === 0) fail("the backward sheet has no lines", 0, "", "e.g. dJ/du = -sin(u)");
  return lines;
}

/** Whether `of` names the program's output in dOf/dq: its own name, or J as the lecture calls any loss. */
function isOutputOf(program: ForwardProgram, of: string): boolean {
  return of === program.output || of === "J";
}

/** What dOf/dWrt means on a sheet: the true adjoint when Of is the output, else the local partial, or why neither. */
export function derivativeMeaning(program: ForwardProgram, pass: BackwardPass): (of: string, wrt: string) => Expr | { problem: string; hint?: string } {
  const names = new Set([...program.inputs, ...program.definitions.map((d) => d.name)]);
  const quantities = [...pass.order].join(", ");
  return (of, wrt) => {
    if (isOutputOf(program, of)) {
      const adjoint = pass.adjoints.get(wrt);
      return adjoint ?? { problem: `the program has no quantity ${wrt}, so no adjoint d${of}/d${wrt}`, hint: `its quantities: ${quantities}` };
    }
    const local = pass.localPartial(of, wrt);
    if (local !== undefined) return local;
    return { problem: `d${of}/d${wrt} is no local derivative of the program`, hint: names.has(of) ? `${of} is an input; local derivatives are of quantities, as du/dt` : `its quantities: ${quantities}` };
  };
}

/** The right side and the claims after it: split at top-level commas, with \quad and words dropped. */
function sideParts(text: string, right: Piece): Piece[] {
  return splitOutsideBrackets(text.slice(right.start, right.end), ",").map(({ start, end }) => {
    const piece = trimmed(text, right.start + start, right.start + end);
    const lead = /^(?:\s|\\q?quad\b|\\text\{[^}]*\}|where\b|with\b)*/.exec(text.slice(piece.start, piece.end))?.[0] ?? "";
    return { start: piece.start + lead.length, end: piece.end };
  });
}

function readClaim(
  text: string,
  piece: Piece,
  reader: {
    readonly names: ReadonlySet<string>;
    readonly shapes: ReadonlyMap<string, Shape>;
    readonly placeholder: (of: string, wrt: string) => Expr | { problem: string; hint?: string };
    readonly meaning: (of: string, wrt: string) => Expr | { problem: string; hint?: string };
  },
  positionAt: (offset: number) => ReturnType<ReturnType<typeof positionsIn>>,
  fail: (reason: string, at: number, offending: string, hint?: string) => never,
): LocalClaim[] {
  const { names, shapes, placeholder, meaning } = reader;
  const written = text.slice(piece.start, piece.end);
  const parts = splitAtEquals(text, piece) ?? fail("after a comma comes a local derivative, as du/du_1 = 1", piece.start, written);
  const lhs = parseSyntax(text, positionAt(parts.left.start), parts.left.end);
  const failAtLeft = (reason: string, hint?: string): never => fail(reason, parts.left.start, text.slice(parts.left.start, parts.left.end), hint);
  if (lhs.kind !== "derivative") failAtLeft("a claim beside a line names a local derivative, as du/du_1 = 1");
  const { of, wrt } = lhs as Extract<typeof lhs, { kind: "derivative" }>;
  const right = readExpression(text, { variables: names, derivative: placeholder, indexSums: true }, { from: positionAt(parts.right.start), end: parts.right.end }).expr;
  try {
    const letters = [...new Set([...(subscriptLetters(of, shapes) ?? []), ...(subscriptLetters(wrt, shapes) ?? [])])];
    const ranges = indexRanges(right, shapes, indexRanges(callNode("add", [variable(of), variable(wrt)]), shapes));
    return assignments(letters, ranges).map((bound) => {
      const [ofEntry, wrtEntry] = [boundName(of, shapes, bound), boundName(wrt, shapes, bound)];
      const truth = meaning(ofEntry, wrtEntry);
      if ("problem" in truth) failAtLeft(truth.problem, truth.hint);
      const value = resolvePlaceholders(expandIndices(right, shapes, bound), meaning, (problem) => fail(problem.problem, parts.right.start, text.slice(parts.right.start, parts.right.end), problem.hint));
      return { of: ofEntry, wrt: wrtEntry, written, value, ...(letters.length > 0 && { at: describeAssignment(bound) }) };
    });
  } catch (error) {
    if (error instanceof IndexError) return fail(error.message, piece.start, written, error.hint);
    throw error;
  }
}

/**
 * One line in index notation as its entries: dJ/dα_ji = … is one line per (j, i). An index on the
 * right that is neither on the left nor summed is read as summed, and the line marked for it.
 */
export function entryLines(
  wrt: string,
  right: Expr,
  shapes: ReadonlyMap<string, Shape>,
  fail: (reason: string, hint?: string) => never,
): { quantity: string; value: Expr; entry?: { of: string; at: string }; unsummed?: string; readingMistake?: string }[] {
  try {
    const letters = subscriptLetters(wrt, shapes) ?? [];
    const ranges = indexRanges(right, shapes, indexRanges(variable(wrt), shapes));
    return assignments(letters, ranges).map((bound) => {
      const quantity = boundName(wrt, shapes, bound);
      const entry = letters.length > 0 ? { of: wrt, at: describeAssignment(bound) } : undefined;
      try {
        return { quantity, value: expandIndices(right, shapes, bound), ...(entry !== undefined && { entry }) };
      } catch (error) {
        if (!(error instanceof IndexError) || error.letter === undefined || bound.has(error.letter)) throw error;
        return { quantity, value: expandIndices(callNode(INDEX_SUM, [variable(error.letter), right]), shapes, bound), ...(entry !== undefined && { entry }), unsummed: error.letter };
      }
    });
  } catch (error) {
    if (!(error instanceof IndexError)) throw error;
    if (!error.conflict) return fail(error.message, error.hint);
    // An index over two ranges is a wrong index, not unreadable: the line is wrong at every entry.
    const letters = subscriptLetters(wrt, shapes) ?? [];
    return assignments(letters, indexRanges(variable(wrt), shapes)).map((bound) => ({
      quantity: boundName(wrt, shapes, bound),
      value: num(Number.NaN),
      ...(letters.length > 0 && { entry: { of: wrt, at: describeAssignment(bound) } }),
      readingMistake: error.message,
    }));
  }
}

/** The expanded right side with each dJ/dq and dv/dq placeholder replaced by what it means. */
export function resolvePlaceholders(expr: Expr, meaning: (of: string, wrt: string) => Expr | { problem: string; hint?: string }, fail: (problem: { problem: string; hint?: string }) => never): Expr {
  const values = new Map<string, Expr>();
  for (const name of variablesOf(expr)) {
    const derivative = placeholderDerivative(name);
    if (derivative === undefined) continue;
    const value = meaning(derivative[0], derivative[1]);
    values.set(name, "problem" in value ? fail(value) : value);
  }
  return substitute(expr, values);
}

/**
 * A matrix-form line (dJ/dW = … with W a matrix) as the lines of its entries, judged like an
 * indexed line's; of the wrong shape it is one line carrying that mistake.
 */
function matrixLines(
  at: { text: string; right: Piece; wrt: string; line: number; written: string; accumulate: boolean; output: string; shapes: ReadonlyMap<string, Shape>; quantityName: (written: string) => string; known: ReadonlySet<string> },
  meaning: (of: string, wrt: string) => Expr | { problem: string; hint?: string },
  positionAt: (offset: number) => ReturnType<ReturnType<typeof positionsIn>>,
  fail: (reason: string, at: number, offending: string, hint?: string) => never,
): SheetLine[] {
  const { text, right, wrt, shapes, known } = at;
  const { entries, shapeMistake: readingMistake } = matrixLineEntries(text, right, wrt, at.output, shapes, at.quantityName, positionAt, fail);
  const asWritten = text.slice(right.start, right.end);
  const reading = { expr: num(Number.NaN), notes: [], usedNotation: false };
  const common = { line: at.line, written: at.written, accumulate: at.accumulate, reading, asRead: `d${at.output}/d${wrt} ${at.accumulate ? "+=" : "="} ${asWritten}`, claims: [] };
  const target = shapes.get(wrt) ?? SCALAR;
  if (readingMistake !== undefined) return [{ ...common, quantity: elementNames(wrt, target)[0], value: num(Number.NaN), readingMistake }];
  const quantities = elementNames(wrt, target);
  if (!quantities.every((q) => known.has(q))) fail(`the program has no quantity ${wrt}`, right.start, asWritten, `its quantities: ${[...known].join(", ")}`);
  const resolve = (value: Expr): Expr => resolvePlaceholders(value, meaning, (problem) => fail(problem.problem, right.start, asWritten, problem.hint));
  const [rows, cols] = [rowsOf(target), colsOf(target)];
  return entries.map(({ quantity, value }, k) => {
    const [row, col] = [Math.floor(k / cols), k % cols];
    const where = target.kind === "matrix" ? `row ${row + 1}, column ${col + 1}` : `entry ${k + 1}`;
    const square = target.kind === "matrix" && rows === cols && rows > 1;
    return { ...common, quantity, value: resolve(value), entry: { of: wrt, at: where }, ...(square && { transposedValue: resolve(entries[col * cols + row].value) }) };
  });
}
