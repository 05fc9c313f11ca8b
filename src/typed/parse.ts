// Text -> TypedProgram. A program is statements separated by ";": declarations (x: R^3),
// definitions (a = W * x) and, last, the expression itself. Shapes may also come from the
// caller (--shape on the command line); undeclared names are scalars.
import { ParseError, type SourcePosition } from "../parse/errors.js";
import type { Token } from "../parse/lexer.js";
import { readSyntax, usesNotation } from "../parse/parse.js";
import { positionOf, variableMatcher } from "../parse/build.js";
import { CONSTANT_NAMES, functionsNamed } from "../ops/table.js";
import { buildTyped, TYPED_FUNCTIONS } from "./build.js";
import { elementName } from "./lower.js";
import type { TypedBinding, TypedProgram } from "./program.js";
import { colsOf, describeShape, SCALAR, sameShape, sizeOf, type Shape } from "./shape.js";
import { positionsIn, splitStatements } from "./statements.js";
import type { TExpr } from "./texpr.js";

/**
 * Reads a typed program. `shapes` are declared by the caller; a declaration in the text must
 * agree with them. Throws ParseError (with line:col and a caret) for anything it cannot read,
 * including shape mismatches. With `context`, that program's shapes and definitions are in scope.
 */
export function parseTyped(source: string, shapes: ReadonlyMap<string, Shape> = new Map(), context?: TypedProgram): TypedProgram {
  // Read in the context of another program (a homework answer in terms of the function's
  // z and y): its shapes and definitions are known here too.
  const declared = new Map([...(context?.shapes ?? []), ...shapes]);
  const bindings: TypedBinding[] = [];
  const bound = new Map<string, TExpr>(context?.bindings.map((b) => [b.name, b.expr]));
  const used = new Map<string, Token>();
  const declaredAt = new Map<string, SourcePosition>();
  const notes: string[] = [];
  let usedNotation = false;
  // Names are matched to the declared and defined ones (and an answer's to its function's): Wx
  // with W and x declared is W*x, z_1 is z1, as a scalar answer's names are. The set grows as
  // statements declare and define names.
  const matchable = new Set([...declared.keys(), ...bound.keys()]);
  const scope = { shapes: declared, bindings: bound, used: (name: string, token: Token) => void (used.has(name) || used.set(name, token)), notes, matchVariable: variableMatcher({ variables: matchable }, notes) };
  const positionAt = positionsIn(source);
  const statements = splitStatements(source, positionAt);
  let result: TExpr | undefined;
  statements.forEach((statement, index) => {
    const isLast = index === statements.length - 1;
    const fail = (reason: string, at: { offset: number; line: number; column: number }, offending: string, hint?: string): never => {
      throw new ParseError({ reason, at, offending, hint }, source);
    };
    if (statement.kind !== "expression") {
      const { name, at } = statement;
      if (CONSTANT_NAMES.includes(name)) fail(`${name} is a constant and cannot be ${statement.kind === "declaration" ? "declared" : "defined"}`, at, name, "choose another name");
      if (functionsNamed(name) !== undefined || Object.hasOwn(TYPED_FUNCTIONS, name)) fail(`${name} is a function and cannot be ${statement.kind === "declaration" ? "declared" : "defined"}`, at, name, "choose another name");
    }
    if (statement.kind === "declaration") {
      const { name, shape, at } = statement;
      const earlier = declared.get(name);
      if (earlier !== undefined && !sameShape(earlier, shape)) fail(`${name} is declared ${describeShape(shape)} here but ${describeShape(earlier)} elsewhere`, at, name);
      if (used.has(name) || bound.has(name)) fail(`${name} is declared after it is used`, at, name, "declarations go first");
      declared.set(name, shape);
      matchable.add(name);
      if (!declaredAt.has(name)) declaredAt.set(name, at);
      if (isLast) fail("the program ends without an expression", positionAt(source.length), "", "end with the expression to evaluate or differentiate");
      return;
    }
    const text = source.slice(statement.start, statement.end);
    if (text.trim() === "") fail("empty statement", positionAt(statement.start), " ", "statements are separated by ;");
    // Each statement is lexed and parsed on its own, with its place in the whole source.
    const read = readSyntax(source, statement.from, statement.end);
    usedNotation ||= read.usedNotation;
    const expr = buildTyped(read.syntax, source, scope);
    if (statement.kind === "definition") {
      const { name, at } = statement;
      if (bound.has(name)) fail(`${name} is defined twice`, at, name);
      if (declared.has(name) || used.has(name)) fail(`${name} is already a variable`, at, name, "a definition needs a new name");
      bindings.push({ name, expr });
      bound.set(name, expr);
      matchable.add(name);
      if (isLast) fail("the program ends without an expression", positionAt(source.length), "", `end with the expression, e.g. …; ${name}`);
      return;
    }
    if (!isLast) fail("only the last statement may be a bare expression", positionAt(statement.start + (text.length - text.trimStart().length)), text.trim(), "name it (a = …) or move it last");
    result = expr;
  });
  // Declared variables first (even unused ones: their gradient is zero), then undeclared scalars.
  const allShapes = new Map<string, Shape>(declared);
  for (const name of used.keys()) if (!allShapes.has(name)) allShapes.set(name, SCALAR);
  checkElementNames(allShapes, used, declaredAt, source);
  // A declaration in notation (x ∈ ℝ³) counts too.
  usedNotation ||= usesNotation(source);
  return { source, shapes: allShapes, bindings, result: result as TExpr, readingNotes: [...new Set(notes)], usedNotation };
}

/** The index bounds of a shape's element names (x_i: one, W_i_j: two, a scalar none). */
function indexBounds(shape: Shape): number[] {
  if (shape.kind === "scalar") return [];
  if (shape.kind === "matrix") return [shape.rows, shape.cols];
  return [shape.length];
}

/**
 * How `name` collides with the element names of `owner` (shape `ownerShape`) after lowering:
 * "own" when `name` itself is one of them, "element" when one of name's own elements is, else
 * undefined. Worked out from the names' indices, so no element name is ever built (a 784×256
 * matrix has 2e5 of them).
 */
function collision(name: string, shape: Shape, owner: string, ownerShape: Shape): "own" | "element" | undefined {
  if (!name.startsWith(`${owner}_`)) return undefined;
  const rest = name.slice(owner.length + 1).split("_");
  const bounds = indexBounds(ownerShape);
  // each index as lowering writes it: 1-based, no leading zero, within the owner's bound
  const fits = rest.length <= bounds.length && rest.every((d, k) => /^[1-9][0-9]*$/.test(d) && Number(d) <= bounds[k]);
  if (!fits) return undefined;
  if (rest.length === bounds.length) return "own";
  // name's elements add its own indices, all starting at 1
  return rest.length + indexBounds(shape).length === bounds.length ? "element" : undefined;
}

/**
 * Two variables must not share a scalar name after lowering: a scalar x_1 next to a vector x,
 * or a vector x_1 of 2 next to a 2×2 x (both have an element x_1_1), would mix their values.
 */
function checkElementNames(shapes: ReadonlyMap<string, Shape>, used: ReadonlyMap<string, Token>, declaredAt: ReadonlyMap<string, SourcePosition>, source: string): void {
  for (const [name, shape] of shapes) {
    for (const [owner, ownerShape] of shapes) {
      const kind = owner === name ? undefined : collision(name, shape, owner, ownerShape);
      if (kind === undefined) continue;
      const token = used.get(name);
      const at = token !== undefined ? positionOf(token) : (declaredAt.get(name) ?? { offset: 0, line: 1, column: 1 });
      const element = kind === "own" ? name : elementName(name, shape, 0, 0);
      const reason = kind === "own" ? `${name} is also the name of an element of ${owner}` : `${name}'s element ${element} is also an element of ${owner}`;
      // the owner's first two elements, row-major
      const cols = colsOf(ownerShape);
      const examples = [0, 1].filter((k) => k < sizeOf(ownerShape)).map((k) => elementName(owner, ownerShape, Math.floor(k / cols), k % cols));
      throw new ParseError({ reason, at, offending: name, hint: `rename it: ${owner}'s elements are named ${examples.join(", ")}, …` }, source);
    }
  }
}
