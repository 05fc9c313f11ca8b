// Syntax tree -> typed expression: names resolve to declared variables, let-bound quantities
// or scalars; operators take their vector and matrix meaning; every shape mismatch becomes a
// ParseError with a caret under the operator.
import { bareCallOfProduct, derivativeNotUsable, positionOf, problemVariables, productNote, productUnderPostfix, readsAsProduct, resolveFunction } from "../parse/build.js";
import { ParseError } from "../parse/errors.js";
import type { Token } from "../parse/lexer.js";
import type { Syntax } from "../parse/syntax.js";
import { CONSTANT_NAMES, functionsNamed } from "../ops/table.js";
import { getTypedOp, TYPED_CALLS } from "./ops/table.js";
import { describeShape, formatShape, isScalar, matrixShape, SCALAR, tooLarge, vectorShape, type Shape } from "./shape.js";
import {
  ShapeError,
  tcall,
  tfill,
  tliteral,
  tmap,
  tmatmul,
  tnum,
  ttranspose,
  tvar,
  type SourceSpan,
  type TExpr,
} from "./texpr.js";

/** What a name means while building: the program's declared shapes and bindings so far. */
export interface Scope {
  readonly shapes: ReadonlyMap<string, Shape>;
  readonly bindings: ReadonlyMap<string, TExpr>;
  /** Called for every variable used, so the program can list scalars nobody declared. */
  readonly used: (name: string, token: Token) => void;
  /** Collects how reading rules read the text (an implicit product written like a call, \sin x). */
  readonly notes?: string[];
  /** The problem's variables beyond this program's own (a homework answer's function's). */
  readonly variables?: ReadonlySet<string>;
  /** For an answer: the function's names a name means (z_1 for z1, wx for w*x); see variableMatcher. */
  readonly matchVariable?: (name: string) => readonly string[];
}

/** Functions of vectors and matrices (the typed table's, and ones), with their help. */
export const TYPED_FUNCTIONS: Readonly<Record<string, string>> = {
  ...Object.fromEntries([...TYPED_CALLS].map(([name, spec]) => [name, spec.call as string])),
  ones: "ones(n) or ones(m, n): a vector or matrix of ones",
};

function spanOf(token: Token): SourceSpan {
  return { ...positionOf(token), length: token.text.length };
}

/** The first token of a syntax node, for carets on implicit products. */
function firstToken(node: Syntax): Token {
  switch (node.kind) {
    case "number":
    case "name":
    case "transpose":
    case "matrix":
      return node.kind === "transpose" ? firstToken(node.operand) : node.token;
    case "call":
      return node.name;
    case "binary":
      return firstToken(node.left);
    case "neg":
      return firstToken(node.operand);
    case "derivative":
      return node.token;
  }
}

export function buildTyped(root: Syntax, source: string, scope: Scope): TExpr {
  const known = new Set([...scope.shapes.keys(), ...scope.bindings.keys(), ...(scope.variables ?? [])]);
  const variables = problemVariables(root, { variables: known });
  try {
    return build(root, source, { ...scope, variables });
  } catch (error) {
    // Typed expressions are built recursively; thousands of nested calls exhaust the stack.
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      throw new ParseError({ reason: "expression too deeply nested for vectors and matrices", at: { offset: 0, line: 1, column: 1 }, offending: "", hint: "the scalar reader takes deeper nesting: without --shape and typed syntax" }, source);
    }
    if (error instanceof ShapeError) {
      const at = error.at ?? { offset: 0, line: 1, column: 1, length: 1 };
      throw new ParseError({ reason: error.reason, at, offending: source.slice(at.offset, at.offset + at.length), hint: error.hint }, source);
    }
    throw error;
  }
}

// Recursive: typed expressions are written by hand, far from the call stack's depth.
function build(given: Syntax, source: string, scope: Scope): TExpr {
  const sub = (child: Syntax) => build(child, source, scope);
  const postfix = productUnderPostfix(given, scope.variables ?? new Set());
  if (postfix !== undefined) scope.notes?.push(productNote(postfix.call));
  const node = postfix?.regrouped ?? given;
  switch (node.kind) {
    case "number":
      return tnum(node.value);
    case "name":
      return resolveName(node.token, source, scope);
    case "neg":
      return tmap("neg", [sub(node.operand)], spanOf(firstToken(node)));
    case "transpose":
      return ttranspose(sub(node.operand));
    case "matrix":
      return tliteral(node.rows.map((row) => row.map(sub)), spanOf(node.token));
    case "call":
      return buildCall(node, source, scope, sub);
    case "binary":
      return buildBinary(node, sub);
    case "derivative":
      throw derivativeNotUsable(node, source);
  }
}

function buildBinary(node: Extract<Syntax, { kind: "binary" }>, sub: (child: Syntax) => TExpr): TExpr {
  const at = spanOf(node.operator ?? firstToken(node.right));
  const left = sub(node.left);
  // A^T: the transpose (T is not a variable in typed expressions).
  if ((node.op === "pow" || node.op === "epow") && node.right.kind === "name" && node.right.token.value === "T" && !isScalar(left.shape)) {
    return ttranspose(left);
  }
  const right = sub(node.right);
  switch (node.op) {
    case "add":
    case "sub":
      return tmap(node.op, [left, right], at);
    case "mul":
      return tmatmul(left, right, at);
    case "emul":
      return tmap("mul", [left, right], at);
    case "ediv":
      return tmap("div", [left, right], at);
    case "epow":
      return tmap("pow", [left, right], at);
    case "div":
      if (!isScalar(right.shape)) {
        throw new ShapeError(`cannot divide by ${describeShape(right.shape)}`, at, "/ divides by a scalar; for element-wise division write ./");
      }
      return tmap("div", [left, right], at);
    case "pow":
      // A^-1: the inverse of a square matrix
      if (left.shape.kind === "matrix" && node.right.kind === "number" && node.right.value === -1) return tcall("inv", [left], at);
      if (!isScalar(left.shape)) {
        throw new ShapeError(
          `cannot raise ${describeShape(left.shape)} to a power with ^`,
          at,
          "a matrix power is not supported; for element-wise powers write .^, for the transpose ^T or ', for the inverse A^-1",
        );
      }
      return tmap("pow", [left, right], at);
  }
}

function resolveName(token: Token, source: string, scope: Scope): TExpr {
  const name = token.value;
  if (CONSTANT_NAMES.includes(name)) return tmap(name, []);
  const bound = scope.bindings.get(name);
  if (bound !== undefined) return bound;
  if (scope.matchVariable !== undefined && !scope.shapes.has(name)) {
    const meant = scope.matchVariable(name);
    if (meant.length > 1 || meant[0] !== name) {
      return meant.map((factor) => resolveName({ ...token, value: factor }, source, { ...scope, matchVariable: undefined })).reduce((product, factor) => tmatmul(product, factor, spanOf(token)));
    }
  }
  if (functionsNamed(name) !== undefined || Object.hasOwn(TYPED_FUNCTIONS, name)) {
    throw new ParseError({ reason: `${name} is a function, not a variable`, at: positionOf(token), offending: name, hint: `call it as ${name}(…)` }, source);
  }
  scope.used(name, token);
  return tvar(name, scope.shapes.get(name) ?? SCALAR);
}

function buildCall(node: Extract<Syntax, { kind: "call" }>, source: string, scope: Scope, sub: (child: Syntax) => TExpr): TExpr {
  const variables = scope.variables ?? new Set<string>();
  const regrouped = bareCallOfProduct(node, variables);
  if (regrouped !== undefined) {
    scope.notes?.push(productNote(node.args[0] as Extract<Syntax, { kind: "call" }>));
    return sub(regrouped);
  }
  if (readsAsProduct(node, variables)) {
    scope.notes?.push(productNote(node));
    return sub({ kind: "binary", op: "mul", left: { kind: "name", token: node.name }, right: node.args[0] });
  }
  if (node.reading !== undefined) scope.notes?.push(node.reading);
  const name = node.name.value;
  const at = spanOf(node.name);
  const arityError = (expected: string) =>
    new ParseError({ reason: `${name} takes ${expected}, got ${node.args.length}`, at: positionOf(node.name), offending: name, hint: TYPED_FUNCTIONS[name] }, source);
  // max(v) is the typed reduction, max(a, b) the scalar table's: the number of arguments decides
  const typedFunction = Object.hasOwn(TYPED_FUNCTIONS, name) && !scope.bindings.has(name);
  const scalarOfArity = typedFunction && name !== "ones" && name !== "eye" && getTypedOp(name).arity !== node.args.length && functionsNamed(name)?.has(node.args.length) === true;
  if (typedFunction && !scalarOfArity) {
    if (name === "ones") return buildOnes(node, source);
    if (name === "eye") return buildEye(node, source);
    const expected = getTypedOp(name).arity;
    if (node.args.length !== expected) throw arityError(expected === 1 ? "1 argument" : `${expected} arguments`);
    const args = node.args.map(sub);
    // a scalar's transpose is the scalar itself, as x' is
    return name === "transpose" ? ttranspose(args[0]) : tcall(name, args, at);
  }
  const op = resolveFunction(node.name, node.args.length, source);
  return tmap(op, node.args.map(sub), at);
}

/** The sizes of ones(n), ones(m, n) or eye(n), written as whole numbers; `counts` says how many may be given. */
function readSizes(node: Extract<Syntax, { kind: "call" }>, source: string, counts: string): number[] {
  const name = node.name.value;
  const sizes = node.args.map((arg) => {
    if (arg.kind !== "number" || !Number.isInteger(arg.value) || arg.value < 1) {
      const token = firstToken(arg);
      throw new ParseError({ reason: `${name} takes sizes written as whole numbers`, at: positionOf(token), offending: token.text, hint: TYPED_FUNCTIONS[name] }, source);
    }
    return arg.value;
  });
  const most = counts === "1" ? 1 : 2;
  if (sizes.length < 1 || sizes.length > most) {
    throw new ParseError({ reason: `${name} takes ${counts} size${most === 1 ? "" : "s"}, got ${sizes.length}`, at: positionOf(node.name), offending: name, hint: TYPED_FUNCTIONS[name] }, source);
  }
  const problem = tooLarge(sizes[0], sizes[1] ?? (name === "eye" ? sizes[0] : 1));
  if (problem !== undefined) throw new ParseError({ reason: `${name}(…) would be too large: ${problem}`, at: positionOf(node.name), offending: name }, source);
  return sizes;
}

/** ones(n) or ones(m, n), with sizes written as whole numbers. */
function buildOnes(node: Extract<Syntax, { kind: "call" }>, source: string): TExpr {
  const sizes = readSizes(node, source, "1 or 2");
  const shape = sizes.length === 1 ? vectorShape(sizes[0]) : matrixShape(sizes[0], sizes[1]);
  return tfill(tnum(1), shape);
}

/** eye(n): the n×n identity. */
function buildEye(node: Extract<Syntax, { kind: "call" }>, source: string): TExpr {
  const [n] = readSizes(node, source, "1");
  return tcall("eye", [], spanOf(node.name), matrixShape(n, n));
}

/** "x (a vector of 3)" for messages. */
export function describeVariable(name: string, shape: Shape): string {
  return `${name} (${isScalar(shape) ? "scalar" : formatShape(shape)})`;
}
