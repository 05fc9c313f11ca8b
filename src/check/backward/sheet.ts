// A backward sheet: the lecture's backward pass as a student writes it, one adjoint per line —
//   dJ/du = -sin(u)                           sets dJ/du
//   dJ/dt += dJ/du1 · du1/dt                  adds one path to dJ/dt
//   \frac{dJ}{du_1} += \frac{dJ}{du} \frac{du}{du_1}, \quad \frac{du}{du_1} = 1
// On the right, dJ/dv is the adjoint of v (its true value: one mistake does not condemn every
// later line), dv/dq is the local partial ∂v/∂q, names are forward quantities. After the first
// top-level comma come claims about local partials (du/du_1 = 1), judged on their own.
import type { Expr } from "../../ast/expr.js";
import { variable } from "../../ast/expr.js";
import { ParseError } from "../../parse/errors.js";
import { printExpr } from "../../print/text.js";
import { parseSyntax, readExpression, type Reading } from "../../parse/parse.js";
import type { BackwardPass } from "../../trace/adjoints.js";
import type { ForwardProgram } from "../../trace/program.js";
import { positionsIn } from "../../typed/statements.js";
import { splitOutsideBrackets } from "../../util/split.js";
import { splitAtEquals, statementsOf, trimmed, type Piece } from "./forward.js";

/** A claim about a local partial written beside a line: du/du_1 = 1. */
export interface LocalClaim {
  readonly of: string;
  readonly wrt: string;
  readonly written: string;
  readonly value: Expr;
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
}

/** Reads a sheet against a program; a line that cannot be read is a ParseError with its line and column. */
export function readSheet(text: string, program: ForwardProgram, pass: BackwardPass): SheetLine[] {
  const positionAt = positionsIn(text);
  const names = new Set([...program.inputs, ...program.definitions.map((d) => d.name)]);
  const quantities = [...pass.order].join(", ");
  const fail = (reason: string, at: number, offending: string, hint?: string): never => {
    throw new ParseError({ reason, at: positionAt(at), offending, hint }, text);
  };
  const isOutput = (of: string): boolean => of === program.output || of === "J";
  const meaning = (of: string, wrt: string): Expr | { problem: string; hint?: string } => {
    if (isOutput(of)) {
      const adjoint = pass.adjoints.get(wrt);
      return adjoint ?? { problem: `the program has no quantity ${wrt}, so no adjoint d${of}/d${wrt}`, hint: `its quantities: ${quantities}` };
    }
    const local = pass.localPartial(of, wrt);
    if (local !== undefined) return local;
    return { problem: `d${of}/d${wrt} is no local derivative of the program`, hint: names.has(of) ? `${of} is an input; local derivatives are of quantities, as du/dt` : `its quantities: ${quantities}` };
  };
  const lines: SheetLine[] = [];
  for (const piece of statementsOf(text)) {
    const parts = splitAtEquals(text, piece) ?? fail("a line of a backward sheet sets an adjoint: dJ/du = … or dJ/du += …", piece.start, text.slice(piece.start, piece.end));
    const lhs = parseSyntax(text, positionAt(parts.left.start), parts.left.end);
    if (lhs.kind !== "derivative" || !isOutput(lhs.of)) {
      fail(`the left side must be an adjoint, as dJ/du, ∂J/∂u or \\frac{dJ}{du}`, parts.left.start, text.slice(parts.left.start, parts.left.end), `the program's output is ${program.output}`);
    }
    const { wrt } = lhs as Extract<typeof lhs, { kind: "derivative" }>;
    if (!pass.adjoints.has(wrt)) fail(`the program has no quantity ${wrt}`, parts.left.start, text.slice(parts.left.start, parts.left.end), `its quantities: ${quantities}`);
    const [right, ...claimPieces] = sideParts(text, parts.right);
    const reading = readExpression(text, { variables: names, derivative: meaning }, { from: positionAt(right.start), end: right.end });
    const claims = claimPieces.map((claim) => readClaim(text, claim, names, meaning, positionAt, fail));
    const line = positionAt(piece.start).line;
    const asWritten = readExpression(text, { variables: names, derivative: (of, q) => variable(`d${of}/d${q}`) }, { from: positionAt(right.start), end: right.end }).expr;
    const asRead = `d${program.output}/d${wrt} ${parts.accumulate ? "+=" : "="} ${printExpr(asWritten)}`;
    lines.push({ line, written: text.slice(piece.start, piece.end), quantity: wrt, accumulate: parts.accumulate, value: reading.expr, reading, asRead, claims });
  }
  if (lines.length === 0) fail("the backward sheet has no lines", 0, "", "e.g. dJ/du = -sin(u)");
  return lines;
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
  names: ReadonlySet<string>,
  meaning: (of: string, wrt: string) => Expr | { problem: string; hint?: string },
  positionAt: (offset: number) => ReturnType<ReturnType<typeof positionsIn>>,
  fail: (reason: string, at: number, offending: string, hint?: string) => never,
): LocalClaim {
  const written = text.slice(piece.start, piece.end);
  const parts = splitAtEquals(text, piece) ?? fail("after a comma comes a local derivative, as du/du_1 = 1", piece.start, written);
  const lhs = parseSyntax(text, positionAt(parts.left.start), parts.left.end);
  if (lhs.kind !== "derivative") fail("a claim beside a line names a local derivative, as du/du_1 = 1", parts.left.start, text.slice(parts.left.start, parts.left.end));
  const { of, wrt } = lhs as Extract<typeof lhs, { kind: "derivative" }>;
  const truth = meaning(of, wrt);
  if ("problem" in truth) fail(truth.problem, parts.left.start, text.slice(parts.left.start, parts.left.end), truth.hint);
  const value = readExpression(text, { variables: names, derivative: meaning }, { from: positionAt(parts.right.start), end: parts.right.end }).expr;
  return { of, wrt, written, value };
}
