// Syntax tree -> hash-consed Expr, resolving names through the op table. Iterative (an
// explicit stack), so 5000-deep nesting cannot overflow the call stack. Errors come out in
// source order: a call's name is checked before its arguments.
import { callNode, num, variable, type Expr } from "../ast/expr.js";
import { CONSTANT_NAMES, call, functionsNamed, knownFunctionNames } from "../ops/table.js";
import { closestNames, joinWords, ParseError } from "./errors.js";
import type { Token } from "./lexer.js";
import type { BinaryOp, Syntax } from "./syntax.js";

type ScalarBinaryOp = Exclude<BinaryOp, "emul" | "ediv" | "epow">;

/** A hint shared by every "this needs shapes" error. */
export const DECLARE_SHAPES_HINT = "vectors and matrices need declared shapes: --shape x=3,W=3x4 on the command line, or a header in the text (x: R^3; W: R^(3x4); …)";

/** Element-wise operators, transposes and literals mean something only for typed expressions. */
function typedOnly(node: Syntax, source: string): ParseError {
  const token = node.kind === "transpose" || node.kind === "matrix" ? node.token : node.kind === "binary" ? node.operator : undefined;
  const what = node.kind === "transpose" ? "a transpose" : node.kind === "matrix" ? "a matrix literal" : `the element-wise operator ${token?.text ?? ""}`;
  return new ParseError(
    { reason: `${what} in a scalar expression`, at: token ? positionOf(token) : { offset: 0, line: 1, column: 1 }, offending: token?.text ?? "", hint: DECLARE_SHAPES_HINT },
    source,
  );
}

export function buildExpr(root: Syntax, source: string): Expr {
  const pending: { node: Syntax; childrenDone: boolean }[] = [{ node: root, childrenDone: false }];
  const built: Expr[] = [];
  while (pending.length > 0) {
    const { node, childrenDone } = pending.pop() as { node: Syntax; childrenDone: boolean };
    switch (node.kind) {
      case "number":
        built.push(num(node.value));
        break;
      case "name":
        built.push(resolveName(node.token, source));
        break;
      case "neg":
        if (!childrenDone) {
          pending.push({ node, childrenDone: true }, { node: node.operand, childrenDone: false });
        } else {
          built.push(callNode("neg", [built.pop() as Expr]));
        }
        break;
      case "transpose":
      case "matrix":
        throw typedOnly(node, source);
      case "binary":
        if (node.op === "emul" || node.op === "ediv" || node.op === "epow") throw typedOnly(node, source);
        if (!childrenDone) {
          pending.push({ node, childrenDone: true }, { node: node.right, childrenDone: false }, { node: node.left, childrenDone: false });
        } else {
          const right = built.pop() as Expr;
          const left = built.pop() as Expr;
          built.push(callNode(node.op as ScalarBinaryOp, [left, right]));
        }
        break;
      case "call":
        if (!childrenDone) {
          resolveFunction(node.name, node.args.length, source);
          pending.push({ node, childrenDone: true });
          for (let i = node.args.length - 1; i >= 0; i--) pending.push({ node: node.args[i], childrenDone: false });
        } else {
          const args = built.splice(built.length - node.args.length, node.args.length);
          built.push(call(resolveFunction(node.name, args.length, source), args));
        }
        break;
    }
  }
  return built[0];
}

export function positionOf(token: Token): { offset: number; line: number; column: number } {
  return { offset: token.offset, line: token.line, column: token.col };
}

/** `e` and `pi` are constants; a function name without "(" is an error; anything else is a variable. */
function resolveName(token: Token, source: string): Expr {
  const name = token.text;
  if (CONSTANT_NAMES.includes(name)) return call(name, []);
  if (functionsNamed(name) !== undefined) {
    throw new ParseError(
      { reason: `${name} is a function, not a variable`, at: positionOf(token), offending: name, hint: `call it as ${name}(…)` },
      source,
    );
  }
  return variable(name);
}

/** The op name for a call of `typed` with `arity` arguments, or a ParseError saying why not. */
export function resolveFunction(nameToken: Token, arity: number, source: string): string {
  const typed = nameToken.text;
  const at = positionOf(nameToken);
  if (CONSTANT_NAMES.includes(typed)) {
    throw new ParseError(
      { reason: `${typed} is a constant, not a function`, at, offending: typed, hint: `to multiply, write ${typed}*(…)` },
      source,
    );
  }
  const byArity = functionsNamed(typed);
  if (byArity === undefined) {
    const known = knownFunctionNames();
    const close = closestNames(typed, known);
    const suggestion = close.length > 0 ? `did you mean ${joinWords(close)}? ` : "";
    const product = `to multiply, write ${typed}*(…)`;
    throw new ParseError(
      {
        reason: `unknown function "${typed}"`,
        at,
        offending: typed,
        hint: `${suggestion}known functions: ${known.join(", ")} (${product})`,
      },
      source,
    );
  }
  const op = byArity.get(arity);
  if (op === undefined) {
    const arities = [...byArity.keys()].sort((a, b) => a - b);
    const counts = joinWords(arities.map(String));
    const noun = arities.length === 1 && arities[0] === 1 ? "argument" : "arguments";
    throw new ParseError(
      { reason: `${typed} takes ${counts} ${noun}, got ${arity}`, at, offending: typed },
      source,
    );
  }
  return op.name;
}
