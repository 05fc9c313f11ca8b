// Syntax tree -> hash-consed Expr, resolving names through the op table. Iterative (an
// explicit stack), so 5000-deep nesting cannot overflow the call stack. Errors come out in
// source order: a call's name is checked before its arguments.
import { callNode, num, variable, type Expr } from "../ast/expr.js";
import { CONSTANT_NAMES, call, functionsNamed, knownFunctionNames } from "../ops/table.js";
import { closestNames, joinWords, ParseError } from "./errors.js";
import type { Token } from "./lexer.js";
import { INDEX_SUM_HINT } from "./notation.js";
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

/** What the reader knows about the problem an expression belongs to. */
export interface ReadContext {
  /** The problem's variables (a homework answer's function's): `y(1-y)` with y among them is a product. */
  readonly variables?: ReadonlySet<string>;
  /**
   * What derivative notation means here (a backward pass: dJ/du is an adjoint, du/dt a local
   * partial): the expression it stands for, or why it cannot be used. Without it, dJ/du is refused.
   */
  readonly derivative?: (of: string, wrt: string) => Expr | { readonly problem: string; readonly hint?: string };
  /**
   * Read Σ_j body (\sum_j, ∑_j, sum_j, with or without bounds) as the call INDEX_SUM_OP(j, body),
   * for a reader that runs the sum over declared shapes (a backward sheet). Without it, refused.
   */
  readonly indexSums?: boolean;
}

/** The op of a sum over an index: `Σ_j body` is callNode(INDEX_SUM_OP, [variable("j"), body]). */
export const INDEX_SUM_OP = "indexSum";

/** Σ_j … where nothing gives it a meaning: what it is, where, and where it is read. */
export function indexSumNotUsable(token: Token, source: string): ParseError {
  return new ParseError({ reason: `${token.text} cannot be used here`, at: positionOf(token), offending: token.text, hint: INDEX_SUM_HINT }, source);
}

/**
 * Builds the Expr of a syntax tree. `notes` collects how reading rules read it (an implicit
 * product written like a call, a function without parentheses), for "read as".
 */
export function buildExpr(root: Syntax, source: string, context: ReadContext = {}, notes: string[] = []): Expr {
  const variables = problemVariables(root, context);
  const matchVariable = variableMatcher(context, notes);
  const pending: { node: Syntax; childrenDone: boolean }[] = [{ node: root, childrenDone: false }];
  const built: Expr[] = [];
  while (pending.length > 0) {
    const popped = pending.pop() as { node: Syntax; childrenDone: boolean };
    const { childrenDone } = popped;
    const postfix = childrenDone ? undefined : productUnderPostfix(popped.node, variables);
    if (postfix !== undefined) notes.push(productNote(postfix.call));
    const node = postfix?.regrouped ?? popped.node;
    switch (node.kind) {
      case "number":
        built.push(num(node.value));
        break;
      case "name":
        built.push(resolveName(node.token, source, matchVariable));
        break;
      case "derivative": {
        const meaning = context.derivative?.(node.of, node.wrt);
        if (meaning === undefined) throw derivativeNotUsable(node, source);
        if ("problem" in meaning) throw new ParseError({ reason: meaning.problem, at: positionOf(node.token), offending: node.token.text, hint: meaning.hint }, source);
        built.push(meaning);
        break;
      }
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
        if (node.sum !== undefined) {
          if (context.indexSums !== true) throw indexSumNotUsable(node.name, source);
          if (!childrenDone) {
            notes.push(node.reading as string);
            pending.push({ node, childrenDone: true }, { node: node.args[0], childrenDone: false });
          } else {
            built.push(callNode(INDEX_SUM_OP, [variable(node.sum.index), built.pop() as Expr]));
          }
          break;
        }
        if (!childrenDone && bareCallOfProduct(node, variables) !== undefined) {
          notes.push(productNote(node.args[0] as CallSyntax));
          pending.push({ node: bareCallOfProduct(node, variables) as Syntax, childrenDone: false });
          break;
        }
        if (!childrenDone && readsAsProduct(node, variables)) {
          // y(1 - y): the variable y times (1 - y).
          notes.push(productNote(node));
          pending.push({ node: { kind: "binary", op: "mul", left: { kind: "name", token: node.name }, right: node.args[0] }, childrenDone: false });
          break;
        }
        if (!childrenDone) {
          const scalarNorm = node.name.value === "norm2" && node.reading !== undefined;
          if (node.reading !== undefined) notes.push(scalarNorm ? "‖x‖ of a scalar read as abs(x)" : node.reading);
          if (!scalarNorm) resolveFunction(node.name, node.args.length, source);
          pending.push({ node, childrenDone: true });
          for (let i = node.args.length - 1; i >= 0; i--) pending.push({ node: node.args[i], childrenDone: false });
        } else {
          const args = built.splice(built.length - node.args.length, node.args.length);
          // ‖x‖ of a scalar is |x|.
          const name = node.name.value === "norm2" && node.reading !== undefined ? "abs" : resolveFunction(node.name, args.length, source);
          built.push(call(name, args));
        }
        break;
    }
  }
  return built[0];
}

export function positionOf(token: Token): { offset: number; line: number; column: number } {
  return { offset: token.offset, line: token.line, column: token.col };
}

/**
 * The problem's variables: the context's, and the names the text itself uses as variables (so in
 * `y(1-y)` alone, y is one).
 */
export function problemVariables(root: Syntax, context: ReadContext): ReadonlySet<string> {
  const names = new Set(context.variables);
  const pending: Syntax[] = [root];
  while (pending.length > 0) {
    const node = pending.pop() as Syntax;
    switch (node.kind) {
      case "name":
        if (!CONSTANT_NAMES.includes(node.token.value)) names.add(node.token.value);
        break;
      case "neg":
      case "transpose":
        pending.push(node.operand);
        break;
      case "binary":
        pending.push(node.left, node.right);
        break;
      case "call":
        pending.push(...node.args);
        break;
      case "matrix":
        for (const row of node.rows) pending.push(...row);
        break;
    }
  }
  return names;
}

type CallSyntax = Extract<Syntax, { kind: "call" }>;

/**
 * `\sigma z (1 - \sigma z)`: a function without parentheses whose argument reads as a product
 * `z(…)` applies to z alone, and the product multiplies its result: sigmoid(z) * (…).
 */
export function bareCallOfProduct(node: CallSyntax, variables: ReadonlySet<string>): Syntax | undefined {
  const [argument] = node.args;
  if (node.bare !== true || argument.kind !== "call" || !readsAsProduct(argument, variables)) return undefined;
  const applied: Syntax = { ...node, args: [{ kind: "name", token: argument.name }] };
  return { kind: "binary", op: "mul", left: applied, right: argument.args[0] };
}

/**
 * `y(1-y)^2` and `x (v)'`: when `y(…)` reads as a product, a power or transpose written after
 * it applies to the parenthesis only, as it would after `y*(…)`: y * (1-y)^2, x * v'.
 */
export function productUnderPostfix(node: Syntax, variables: ReadonlySet<string>): { readonly regrouped: Syntax; readonly call: CallSyntax } | undefined {
  const inner = node.kind === "binary" && (node.op === "pow" || node.op === "epow") ? node.left : node.kind === "transpose" ? node.operand : undefined;
  if (inner === undefined || inner.kind !== "call" || !readsAsProduct(inner, variables)) return undefined;
  const applied: Syntax = node.kind === "transpose" ? { ...node, operand: inner.args[0] } : { ...(node as Extract<Syntax, { kind: "binary" }>), left: inner.args[0] };
  return { regrouped: { kind: "binary", op: "mul", left: { kind: "name", token: inner.name }, right: applied }, call: inner };
}

/** `y(…)` with one argument, where y is no function but a variable of the problem: a product. */
export function readsAsProduct(node: CallSyntax, variables: ReadonlySet<string>): boolean {
  // z_1(…) with the variable z1 is a product too: the variable matcher reads z_1 as z1.
  const name = node.name.value.replace(/_/g, "");
  return node.args.length === 1 && node.reading === undefined && functionsNamed(node.name.value) === undefined && (variables.has(node.name.value) || [...variables].some((v) => v.replace(/_/g, "") === name));
}

/** The note for a call read as a product, which the text could also have meant as a call. */
export function productNote(node: CallSyntax): string {
  const name = node.name.value;
  return `${node.name.text}(…) read as the product ${name}*(…): ${name} is a variable here, not a function`;
}

/** dJ/du in a command that reads expressions: what it is, and what to write instead. */
export function derivativeNotUsable(node: Extract<Syntax, { kind: "derivative" }>, source: string): ParseError {
  const { of, wrt, token } = node;
  return new ParseError(
    {
      reason: `${token.text} is derivative notation (d${of}/d${wrt}), not a division`,
      at: positionOf(token),
      offending: token.text,
      hint: `an expression here cannot refer to a derivative by name; write it out in terms of the variables (d${of}/d${wrt} as a line of a backward pass is read by the backward-pass checker)`,
    },
    source,
  );
}

/**
 * The problem's variables a name means: itself; the one variable it matches but for underscores
 * (z_1 in LaTeX for the function's z1, y_star for ystar); or letters side by side that spell
 * variables in exactly one way (xz for x*z, as LaTeX writes a product), with a note saying so.
 */
export function variableMatcher(context: ReadContext, notes: string[]): (name: string) => readonly string[] {
  const known = context.variables;
  if (known === undefined) return (name) => [name];
  const squash = (name: string): string => name.replace(/_/g, "");
  // `known` is read at each call: a typed program adds its names as it declares them.
  return (name) => {
    if (known.size === 0 || known.has(name)) return [name];
    const matches = [...known].filter((v) => squash(v) === squash(name));
    if (matches.length === 1) {
      notes.push(`${name} read as ${matches[0]}, the problem's variable`);
      return matches;
    }
    const factors = onlySpelling(name, known);
    if (factors === undefined) return [name];
    notes.push(`${name} read as ${factors.join("*")}: the problem has variables ${factors.join(" and ")}, and no variable ${name}`);
    return factors;
  };
}

/** The one way to write `name` as two or more of `known` side by side, if there is exactly one. */
function onlySpelling(name: string, known: ReadonlySet<string>): string[] | undefined {
  // ways[i]: the number of spellings of name.slice(i) (capped at 2) and the first word of one.
  const ways: { count: number; word?: string }[] = Array.from({ length: name.length + 1 }, () => ({ count: 0 }));
  ways[name.length] = { count: 1 };
  for (let i = name.length - 1; i >= 0; i--) {
    for (const word of known) {
      if (!name.startsWith(word, i) || ways[i + word.length].count === 0) continue;
      ways[i] = { count: Math.min(2, ways[i].count + ways[i + word.length].count), word };
    }
  }
  if (ways[0].count !== 1) return undefined;
  const words: string[] = [];
  for (let i = 0; i < name.length; i += (words[words.length - 1] as string).length) words.push(ways[i].word as string);
  return words.length >= 2 ? words : undefined;
}

/** `e` and `pi` are constants; a function name without "(" is an error; anything else is a variable. */
function resolveName(token: Token, source: string, matchVariable: (name: string) => readonly string[] = (name) => [name]): Expr {
  const name = token.value;
  if (CONSTANT_NAMES.includes(name)) return call(name, []);
  if (functionsNamed(name) !== undefined) {
    throw new ParseError(
      { reason: `${name} is a function, not a variable`, at: positionOf(token), offending: name, hint: `call it as ${name}(…)` },
      source,
    );
  }
  return matchVariable(name).map((factor): Expr => variable(factor)).reduce((product, factor) => callNode("mul", [product, factor]));
}

/** The op name for a call of `typed` with `arity` arguments, or a ParseError saying why not. */
export function resolveFunction(nameToken: Token, arity: number, source: string): string {
  const typed = nameToken.value;
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
