// The forward program a backward sheet is checked against: an expression (its quantities named
// as `trace` names them: t, u1, u2, u, J), or definitions as the lecture writes them, one per
// line or separated by ";", in any order (J = cos(u) first, t = x^2 last), in any notation.
import type { Expr } from "../../ast/expr.js";
import { variablesOf } from "../../ast/walk.js";
import { ParseError } from "../../parse/errors.js";
import { canonicalVariableName, parse, readExpression } from "../../parse/parse.js";
import { programOf, type Definition, type ForwardProgram } from "../../trace/program.js";
import type { SourcePosition } from "../../parse/errors.js";
import { elementNames } from "../../typed/lower.js";
import { isScalar, SCALAR, type Shape } from "../../typed/shape.js";
import { classifyStatement, positionsIn } from "../../typed/statements.js";
import { mentionedNames, readMatrixFormula } from "./matrix-form.js";
import { assignments, boundName, expandIndices, IndexError, indexedLeftSide, indexRanges, shapeOfIndexed } from "./indices.js";
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

/** A forward program read from text, with the shapes its declarations and indexed definitions give (x ∈ ℝ², a_j = …). */
export interface ReadProgram extends ForwardProgram {
  /** Vector and matrix quantities by base name (x, alpha, a); none when the program is all scalars. */
  readonly shapes?: ReadonlyMap<string, Shape>;
}

/**
 * Reads a forward program: definitions (any order, any notation), or a single expression.
 * Declarations (x ∈ ℝ², \alpha \in \mathbb{R}^{2 \times 2}) let definitions use index
 * notation (a_j = \sum_i \alpha_{ji} x_i), expanded to one definition per entry (a_1, a_2).
 * With `unnamedValue: false`, a last statement without a name is refused rather than named J.
 * Throws ParseError, with the line and column in `text`, for anything it cannot read.
 */
export function readForwardProgram(text: string, options: { readonly unnamedValue?: boolean } = {}): ReadProgram {
  const positionAt = positionsIn(text);
  const fail = (reason: string, at: number, offending: string, hint?: string): never => {
    throw new ParseError({ reason, at: positionAt(at), offending, hint }, text);
  };
  const declared = new Map<string, Shape>();
  const pieces = statementsOf(text).filter((piece) => {
    const statement = classifyStatement(text, piece.start, piece.end, positionAt);
    if (statement.kind !== "declaration") return true;
    if (declared.has(statement.name)) fail(`${statement.name} is declared twice`, piece.start, text.slice(piece.start, piece.end));
    declared.set(statement.name, statement.shape);
    return false;
  });
  if (pieces.length === 0) fail("the program declares shapes but defines nothing", text.length, "", "e.g. a_j = \\sum_i \\alpha_{ji} x_i");
  const split = pieces.map((piece) => ({ piece, parts: splitAtEquals(text, piece) }));
  if (split.every((s) => s.parts === undefined)) {
    if (pieces.length !== 1) fail("a forward program is definitions (name = formula), or one expression", pieces[1].start, text.slice(pieces[1].start, pieces[1].end));
    return { ...programOf(parse(text)), shapes: new Map() };
  }
  const named: { name: string; at: number; right: Piece }[] = [];
  // A typed program's last statement is its value, unnamed (…; z = σ(W x); 0.5 norm2(z − t)^2): it is J.
  const last = split[split.length - 1];
  const unnamedValue = options.unnamedValue !== false && last.parts === undefined && split.slice(0, -1).every((s) => s.parts !== undefined) ? last.piece : undefined;
  for (const { piece, parts: maybe } of unnamedValue === undefined ? split : split.slice(0, -1)) {
    const parts = maybe ?? fail("every line of a forward program defines a quantity: name = formula", piece.start, text.slice(piece.start, piece.end), "e.g. u = u1 + u2");
    if (parts.accumulate) fail("+= belongs in a backward sheet; the forward pass defines each quantity once", parts.left.end, "+=");
    const written = text.slice(parts.left.start, parts.left.end);
    const name = canonicalVariableName(written);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) fail(`${written} is not a name a quantity can have`, parts.left.start, written, "e.g. u_1 = \\sin(t)");
    if (named.some((n) => n.name === name)) fail(`${name} is defined twice`, parts.left.start, written);
    named.push({ name, at: parts.left.start, right: withoutForAll(text, parts.right) });
  }
  if (unnamedValue !== undefined) {
    if (named.some((n) => n.name === "J")) fail("the program ends in a value without a name, and J is taken", unnamedValue.start, text.slice(unnamedValue.start, unnamedValue.end), "name it: y = …");
    named.push({ name: "J", at: unnamedValue.start, right: unnamedValue });
  }
  const names = new Set([...named.map((n) => n.name), ...declared.keys()]);
  const matrixForm = matrixFormDefinitions(text, named, declared, positionAt);
  const written = named.map(({ name, at, right }) => ({ name, at, right, formula: matrixForm.has(name) ? undefined : readExpression(text, { variables: names, indexSums: true }, { from: positionAt(right.start), end: right.end }).expr }));
  const { formulas, shapes } = expandedDefinitions(text, written, declared, fail);
  const definitions = topologicalDefinitions([...formulas.keys()], formulas, (name) => fail(`${name} is defined in terms of itself (a cycle)`, named.find((n) => n.name === name)?.at ?? 0, name));
  const used = new Set(definitions.flatMap((d) => variablesOf(d.formula)));
  const outputs = definitions.filter((d) => !used.has(d.name)).map((d) => d.name);
  const output = outputs.length === 1 ? outputs[0] : outputs.includes("J") ? "J" : fail(`the program has ${outputs.length} outputs (${outputs.join(", ")}): no quantity uses them`, 0, "", "end the computation in one quantity, J");
  const inputs = [...new Set(definitions.flatMap((d) => variablesOf(d.formula)))].filter((v) => !formulas.has(v));
  return { inputs, definitions: [...definitions.filter((d) => d.name !== output), definitions.find((d) => d.name === output) as Definition], output, shapes };
}

/**
 * The definitions with index notation expanded: a_j = Σ_i α_ji x_i becomes a_1 = …, a_2 = …, and
 * a gets the shape its indices' ranges give. A definition is expanded once the shapes of the
 * indexed quantities it uses are known, so the lecture's order (J first) works.
 */
function expandedDefinitions(
  text: string,
  written: readonly { name: string; at: number; right: Piece; formula: Expr | undefined }[],
  declared: ReadonlyMap<string, Shape>,
  fail: (reason: string, at: number, offending: string, hint?: string) => never,
): { formulas: Map<string, Expr>; shapes: Map<string, Shape> } {
  const shapes = new Map(declared);
  const formulas = new Map<string, Expr>();
  if (declared.size === 0) {
    for (const { name, formula } of written) formulas.set(name, formula as Expr);
    return { formulas, shapes };
  }
  const positionAt = positionsIn(text);
  // Quantities whose shape is known only once their definition is read: a_j, and z = σ(a) in matrix form.
  const shapedLater = new Set(written.flatMap((w) => (w.formula === undefined ? [w.name] : (indexedLeftSide(w.name)?.base ?? []))));
  const done = new Set<string>();
  const waits = (w: (typeof written)[number]): boolean =>
    w.formula === undefined
      ? mentionedNames(text, w.right, positionAt).some((v) => v !== w.name && shapedLater.has(v) && !done.has(v))
      : variablesOf(w.formula).some((v) => [...shapedLater].some((base) => !done.has(base) && (v === base || v.startsWith(`${base}_`))));
  const pending = [...written];
  while (pending.length > 0) {
    const ready = pending.findIndex((w) => !waits(w));
    const { name, at, right, formula } = pending.splice(Math.max(ready, 0), 1)[0];
    if (ready < 0) fail(`the shape of ${name} depends on itself`, at, name, "an indexed quantity's shape comes from the declared quantities it uses");
    done.add(indexedLeftSide(name)?.base ?? name);
    if (formula === undefined) {
      const { shape, entries } = readMatrixFormula(text, right, shapes);
      if (!isScalar(shape)) shapes.set(name, shape);
      elementNames(name, shape).forEach((entry, k) => formulas.set(entry, entries[k]));
      continue;
    }
    try {
      const left = indexedLeftSide(name);
      const ranges = indexRanges(formula, shapes);
      if (left !== undefined && !shapes.has(name) && left.letters.every((l) => ranges.has(l))) {
        shapes.set(left.base, shapeOfIndexed(left.letters, ranges));
        for (const bound of assignments(left.letters, ranges)) formulas.set(boundName(name, shapes, bound), expandIndices(formula, shapes, bound));
      } else formulas.set(name, expandIndices(formula, shapes));
    } catch (error) {
      if (error instanceof IndexError) fail(`in the definition of ${name}: ${error.message}`, at, name, error.hint);
      throw error;
    }
  }
  return { formulas, shapes };
}

/** The definitions in matrix form: those naming a declared vector or matrix whole, and those using them. */
function matrixFormDefinitions(text: string, named: readonly { name: string; right: Piece }[], declared: ReadonlyMap<string, Shape>, positionAt: (offset: number) => SourcePosition): Set<string> {
  const found = new Set<string>();
  if (declared.size === 0) return found;
  const mentions = new Map(named.map((n) => [n.name, mentionedNames(text, n.right, positionAt)]));
  for (let grew = true; grew; ) {
    grew = false;
    for (const { name } of named) {
      if (found.has(name)) continue;
      if ((mentions.get(name) as string[]).some((v) => found.has(v) || !isScalar(declared.get(v) ?? SCALAR))) {
        found.add(name);
        grew = true;
      }
    }
  }
  return found;
}

/** A definition's right side without the lecture's trailing ", \\forall j" (∀j, for all j): the index says it already. */
function withoutForAll(text: string, right: Piece): Piece {
  const forAll = /,?\s*(?:\\q?quad\s*)?(?:\\forall|∀|for (?:all|every))\s*[a-z](?:\s*,\s*[a-z])*\s*$/.exec(text.slice(right.start, right.end));
  return forAll === null ? right : trimmed(text, right.start, right.end - forAll[0].length);
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
