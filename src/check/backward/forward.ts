// The forward program a backward sheet is checked against: an expression (its quantities named
// as `trace` names them: t, u1, u2, u, J), or definitions as the lecture writes them, one per
// line or separated by ";", in any order (J = cos(u) first, t = x^2 last), in any notation.
import type { Expr } from "../../ast/expr.js";
import { variablesOf } from "../../ast/walk.js";
import { ParseError } from "../../parse/errors.js";
import { canonicalVariableName, parse, readExpression } from "../../parse/parse.js";
import { programOf, type Definition, type ForwardProgram } from "../../trace/program.js";
import { positionsIn } from "../../typed/statements.js";
import { splitOutsideBrackets } from "../../util/split.js";

/** A piece of the source: [start, end), trimmed of spaces and of LaTeX's $$ and trailing , . */
export interface Piece {
  readonly start: number;
  readonly end: number;
}

/** The statements of `text`: split at line ends and at ";" outside brackets, without empty ones. */
export function statementsOf(text: string): Piece[] {
  const pieces: Piece[] = [];
  let lineStart = 0;
  for (const line of text.split("\n")) {
    // A comment line is skipped whole: a ";" in it does not start a statement.
    if (!line.trimStart().startsWith("#")) for (const { start, end } of splitOutsideBrackets(line, ";")) pieces.push(trimmed(text, lineStart + start, lineStart + end));
    lineStart += line.length + 1;
  }
  return pieces.filter((p) => p.end > p.start && !text.slice(p.start, p.end).startsWith("#"));
}

/** A piece without surrounding spaces, `$$`, `\[ \]`, or a final "," or ".". */
export function trimmed(text: string, start: number, end: number): Piece {
  let s = start;
  let e = end;
  const skipStart = /^(?:\s|\$|\\\[)/;
  const skipEnd = /(?:\s|\$|\\\]|[,.])$/;
  while (s < e && skipStart.test(text.slice(s, s + 2))) s += text.slice(s, s + 2).startsWith("\\[") ? 2 : 1;
  while (e > s && skipEnd.test(text.slice(Math.max(s, e - 2), e))) e -= text.slice(Math.max(s, e - 2), e).endsWith("\\]") ? 2 : 1;
  return { start: s, end: e };
}

/** `name = formula` at the top level of a piece (not inside brackets, not part of +=, <=, ==). */
export function splitAtEquals(text: string, piece: Piece): { readonly left: Piece; readonly right: Piece; readonly accumulate: boolean } | undefined {
  let depth = 0;
  for (let i = piece.start; i < piece.end; i++) {
    const c = text[i];
    if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth--;
    else if (c === "=" && depth === 0 && text[i + 1] !== "=" && text[i - 1] !== "<" && text[i - 1] !== ">" && text[i - 1] !== "!") {
      const accumulate = text[i - 1] === "+";
      return { left: trimmed(text, piece.start, accumulate ? i - 1 : i), right: trimmed(text, i + 1, piece.end), accumulate };
    }
  }
  return undefined;
}

/**
 * Reads a forward program: definitions (any order, any notation), or a single expression.
 * Throws ParseError, with the line and column in `text`, for anything it cannot read.
 */
export function readForwardProgram(text: string): ForwardProgram {
  const pieces = statementsOf(text);
  const positionAt = positionsIn(text);
  const fail = (reason: string, at: number, offending: string, hint?: string): never => {
    throw new ParseError({ reason, at: positionAt(at), offending, hint }, text);
  };
  const split = pieces.map((piece) => ({ piece, parts: splitAtEquals(text, piece) }));
  if (split.every((s) => s.parts === undefined)) {
    if (pieces.length !== 1) fail("a forward program is definitions (name = formula), or one expression", pieces[1].start, text.slice(pieces[1].start, pieces[1].end));
    return programOf(parse(text));
  }
  const named: { name: string; at: number; right: Piece }[] = [];
  for (const { piece, parts: maybe } of split) {
    const parts = maybe ?? fail("every line of a forward program defines a quantity: name = formula", piece.start, text.slice(piece.start, piece.end), "e.g. u = u1 + u2");
    if (parts.accumulate) fail("+= belongs in a backward sheet; the forward pass defines each quantity once", parts.left.end, "+=");
    const written = text.slice(parts.left.start, parts.left.end);
    const name = canonicalVariableName(written);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) fail(`${written} is not a name a quantity can have`, parts.left.start, written, "e.g. u_1 = \\sin(t)");
    if (named.some((n) => n.name === name)) fail(`${name} is defined twice`, parts.left.start, written);
    named.push({ name, at: parts.left.start, right: parts.right });
  }
  const names = new Set(named.map((n) => n.name));
  const formulas = new Map<string, Expr>();
  for (const { name, right } of named) {
    const reading = readExpression(text, { variables: names }, { from: positionAt(right.start), end: right.end });
    formulas.set(name, reading.expr);
  }
  const definitions = topologicalDefinitions(named.map((n) => n.name), formulas, (name) => fail(`${name} is defined in terms of itself (a cycle)`, (named.find((n) => n.name === name) as { at: number }).at, name));
  const used = new Set(definitions.flatMap((d) => variablesOf(d.formula)));
  const outputs = definitions.filter((d) => !used.has(d.name)).map((d) => d.name);
  const output = outputs.length === 1 ? outputs[0] : outputs.includes("J") ? "J" : fail(`the program has ${outputs.length} outputs (${outputs.join(", ")}): no quantity uses them`, 0, "", "end the computation in one quantity, J");
  const inputs = [...new Set(definitions.flatMap((d) => variablesOf(d.formula)))].filter((v) => !names.has(v));
  return { inputs, definitions: [...definitions.filter((d) => d.name !== output), definitions.find((d) => d.name === output) as Definition], output };
}

/** Definitions ordered so each comes after the quantities it uses; `cycle` is told a name on a cycle. */
function topologicalDefinitions(names: readonly string[], formulas: ReadonlyMap<string, Expr>, cycle: (name: string) => never): Definition[] {
  const state = new Map<string, "visiting" | "done">();
  const ordered: Definition[] = [];
  const visit = (name: string): void => {
    if (state.get(name) === "done") return;
    if (state.get(name) === "visiting") cycle(name);
    state.set(name, "visiting");
    const formula = formulas.get(name) as Expr;
    for (const used of variablesOf(formula)) if (formulas.has(used)) visit(used);
    state.set(name, "done");
    ordered.push({ name, formula });
  };
  for (const name of names) visit(name);
  return ordered;
}
