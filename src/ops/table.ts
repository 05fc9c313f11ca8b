// The one op table: every operator and function, looked up by op name or by the name a
// person types (with aliases), and the algebras that evaluate or build with it.
import { callNode, num, type Expr } from "../ast/expr.js";
import { algebraOfCalls } from "./algebra-of-calls.js";
import { withAccurateRules } from "./accurate.js";
import { activationOps } from "./activations.js";
import { arithmeticOps } from "./arithmetic.js";
import { exponentialOps } from "./exponential.js";
import { extremumOps } from "./extrema.js";
import { hyperbolicOps } from "./hyperbolic.js";
import { trigonometricOps } from "./trigonometric.js";
import type { Algebra, OpSpec } from "./types.js";

/** Every op; rules whose textbook form cancels compute in an accurate form (accurate.ts). */
export const ALL_OPS: readonly OpSpec[] = [
  ...arithmeticOps,
  ...exponentialOps,
  ...trigonometricOps,
  ...hyperbolicOps,
  ...activationOps,
  ...extremumOps,
].map(withAccurateRules);

const byName = new Map<string, OpSpec>(ALL_OPS.map((op) => [op.name, op]));

export function getOp(name: string): OpSpec {
  const op = byName.get(name);
  if (op === undefined) throw new Error(`internal: no op named "${name}" in the op table`);
  return op;
}

export function hasOp(name: string): boolean {
  return byName.has(name);
}

/** Other names people type for a function, resolved at parse time. */
export const FUNCTION_ALIASES: Readonly<Record<string, string>> = {
  ln: "log",
  logistic: "sigmoid",
};

/** Names that are constants, not variables: `pi` and `e`. */
export const CONSTANT_NAMES: readonly string[] = ALL_OPS.filter((op) => op.arity === 0).map((op) => op.name);

/**
 * Callable function names (as typed) to the op for each accepted argument count, e.g.
 * log -> {1: log, 2: logBase}, pow -> {2: pow}.
 */
const functionsByTypedName = new Map<string, Map<number, OpSpec>>();
function addFunctionName(typed: string, op: OpSpec): void {
  let byArity = functionsByTypedName.get(typed);
  if (byArity === undefined) functionsByTypedName.set(typed, (byArity = new Map()));
  byArity.set(op.arity, op);
}
for (const op of ALL_OPS) if (op.print.kind === "function") addFunctionName(op.print.name, op);
addFunctionName("pow", getOp("pow"));
for (const [alias, target] of Object.entries(FUNCTION_ALIASES)) {
  for (const op of functionsByTypedName.get(target)?.values() ?? []) addFunctionName(alias, op);
}

/** The op a typed function name refers to, by arity; undefined if the name is unknown. */
export function functionsNamed(typed: string): ReadonlyMap<number, OpSpec> | undefined {
  return functionsByTypedName.get(typed);
}

/** Every function name a person may type, sorted (for error messages and help). */
export function knownFunctionNames(): string[] {
  return [...functionsByTypedName.keys()].sort();
}

/**
 * Builds a call node, checking the op exists and the argument count matches. Exported to
 * library users, so a mistake is a RangeError saying what is accepted (not an "internal" error).
 */
export function call(op: string, args: readonly Expr[]): Expr {
  const spec = byName.get(op);
  if (spec === undefined) {
    throw new RangeError(`no op named "${op}"; the ops are ${ALL_OPS.map((o) => o.name).join(", ")}`);
  }
  if (spec.arity !== args.length) {
    throw new RangeError(`${op} takes ${spec.arity} argument(s), got ${args.length}`);
  }
  return callNode(op, args);
}

/** Plain float64 arithmetic: derivative rules evaluated at a point. */
export const numberAlgebra: Algebra<number> = {
  num: (c) => c,
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  neg: (a) => -a,
  pow: (a, b) => Math.pow(a, b),
  call: (op, args) => getOp(op).eval(args),
};

export { algebraOfCalls } from "./algebra-of-calls.js";

/** Builds expression nodes exactly as written (no simplification; see diff/simplify). */
export const exprAlgebra: Algebra<Expr> = algebraOfCalls(num, call, true);
