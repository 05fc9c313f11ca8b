// Text -> TypedProgram. A program is statements separated by ";": declarations (x: R^3),
// definitions (a = W * x) and, last, the expression itself. Shapes may also come from the
// caller (--shape on the command line); undeclared names are scalars.
import { ParseError, type SourcePosition } from "../parse/errors.js";
import type { Token } from "../parse/lexer.js";
import { readSyntax, usesNotation } from "../parse/parse.js";
import { positionOf, variableMatcher } from "../parse/build.js";
import { CONSTANT_NAMES, functionsNamed } from "../ops/table.js";
import { buildTyped, TYPED_FUNCTIONS } from "./build.js";
import { elementNames } from "./lower.js";
import type { TypedBinding, TypedProgram } from "./program.js";
import { describeShape, SCALAR, sameShape, type Shape } from "./shape.js";
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

/**
 * Two variables must not share a scalar name after lowering: a scalar x_1 next to a vector x,
 * or a vector x_1 of 2 next to a 2×2 x (both have an element x_1_1), would mix their values.
 */
function checkElementNames(shapes: ReadonlyMap<string, Shape>, used: ReadonlyMap<string, Token>, declaredAt: ReadonlyMap<string, SourcePosition>, source: string): void {
  const owners = new Map<string, string>();
  for (const [name, shape] of shapes) {
    const own = new Set([name, ...elementNames(name, shape)]);
    for (const element of own) {
      const other = owners.get(element);
      if (other === undefined) continue;
      // Report the variable whose own name is the other's element (else the later one).
      const [culprit, owner] = element === other ? [other, name] : [name, other];
      const token = used.get(culprit);
      const at = token !== undefined ? positionOf(token) : (declaredAt.get(culprit) ?? { offset: 0, line: 1, column: 1 });
      const reason = element === culprit ? `${culprit} is also the name of an element of ${owner}` : `${culprit}'s element ${element} is also an element of ${owner}`;
      const ownerElements = elementNames(owner, shapes.get(owner) as Shape);
      throw new ParseError({ reason, at, offending: culprit, hint: `rename it: ${owner}'s elements are named ${ownerElements.slice(0, 2).join(", ")}, …` }, source);
    }
    for (const element of own) owners.set(element, name);
  }
}
