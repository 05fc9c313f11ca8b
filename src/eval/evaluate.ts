// Evaluate an expression at a point, visiting each shared sub-expression once.
import type { Expr } from "../ast/expr.js";
import { topologicalOrder, variablesOf } from "../ast/walk.js";
import { getOp } from "../ops/table.js";

/** Variable values: a plain record or a Map (a Map keeps names like __proto__ ordinary). */
export type Point = Readonly<Record<string, number>> | ReadonlyMap<string, number>;

export class MissingVariableError extends Error {
  constructor(readonly missing: readonly string[], readonly given: readonly string[]) {
    super(
      `no value given for ${missing.length === 1 ? "variable" : "variables"} ${missing.join(", ")}` +
        (given.length > 0 ? ` (given: ${given.join(", ")})` : "") +
        `; pass e.g. --at ${missing.map((m) => `${m}=1`).join(",")}`,
    );
    this.name = "MissingVariableError";
  }
}

/** What a point accepts as a variable's value, for error messages. */
export const ACCEPTED_POINT_VALUES = "a number (a JavaScript number: numeric strings and BigInt are refused)";

/**
 * A point holds something other than a number for a variable (or is not a record or Map at all).
 * Numeric strings are refused too: "3" + "2" would concatenate in the interpreter while the
 * compiled path converts, so accepting them would give two answers for one input.
 */
export class PointValueError extends Error {
  /** What the point held, described (e.g. `the string "3"`). */
  readonly got: string;
  constructor(readonly variable: string | undefined, value: unknown, readonly accepted: string = ACCEPTED_POINT_VALUES) {
    const got = describeValue(value);
    super(
      variable === undefined
        ? `a point must be a plain object or a Map from variable names to numbers, got ${got}`
        : `the value of ${variable} must be ${accepted}; got ${got}`,
    );
    this.got = got;
    this.name = "PointValueError";
  }
}

/** A short, safe description of any value (JSON.stringify throws on BigInt and cycles). */
export function describeValue(value: unknown): string {
  const short = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);
  switch (typeof value) {
    case "string":
      return `the string ${short(JSON.stringify(value))}`;
    case "bigint":
      return `the BigInt ${short(String(value))}n`;
    case "boolean":
    case "number":
      return `the ${typeof value} ${String(value)}`;
    case "undefined":
      return "undefined";
    case "symbol":
      return `a symbol`;
    case "function":
      return "a function";
    default:
      if (value === null) return "null";
      if (Array.isArray(value)) return `an array of length ${value.length}`;
      return `an object (${Object.prototype.toString.call(value)})`;
  }
}

/** Throws PointValueError unless `point` is a Map or a non-array object (checked once per call). */
export function requirePointObject(point: unknown): asserts point is Point {
  if (point instanceof Map) return;
  if (typeof point !== "object" || point === null || Array.isArray(point)) throw new PointValueError(undefined, point);
}

export function pointNames(point: Point): string[] {
  return point instanceof Map ? [...point.keys()] : Object.keys(point);
}

/**
 * The value of `name` in `point`, or undefined (own properties only: no prototype lookups).
 * Anything else than a number is a PointValueError here, so every reader of points (the
 * interpreters, the sweeps, the compiled inputs) refuses it the same way; a key holding
 * undefined reads as missing, and requireValues then names it as a bad value.
 */
export function pointValue(point: Point, name: string): number | undefined {
  let value: unknown;
  if (point instanceof Map) value = point.get(name);
  else {
    requirePointObject(point);
    value = Object.prototype.hasOwnProperty.call(point, name) ? (point as Readonly<Record<string, unknown>>)[name] : undefined;
  }
  if (typeof value === "number" || value === undefined) return value;
  throw new PointValueError(name, value);
}

/** Throws MissingVariableError naming every variable of `expr` that `point` lacks. */
export function requireVariables(expr: Expr | readonly Expr[], point: Point): void {
  requireValues(variablesOf(expr), point);
}

/**
 * Throws MissingVariableError naming every one of `names` that `point` lacks, or PointValueError
 * for the first that is not a number. For callers that listed an expression's variables once (a
 * prepared gradient), so no point re-walks the graph: one typeof per variable per call.
 */
export function requireValues(names: readonly string[], point: Point): void {
  requirePointObject(point);
  let missing: string[] | undefined;
  for (const name of names) {
    const value = pointValue(point, name);
    if (typeof value === "number") continue;
    if (value === undefined && !hasValue(point, name)) (missing ??= []).push(name);
    else throw new PointValueError(name, value);
  }
  if (missing !== undefined) throw new MissingVariableError(missing, pointNames(point));
}

/** Whether `point` names `name` at all (a key holding undefined counts: it is a bad value, not a missing one). */
function hasValue(point: Point, name: string): boolean {
  return point instanceof Map ? point.has(name) : Object.prototype.hasOwnProperty.call(point, name);
}

/** Values of every distinct node of `roots`, keyed by node id. */
export function evaluateAll(roots: Expr | readonly Expr[], point: Point): Map<number, number> {
  return evaluateInOrder(topologicalOrder(roots), point);
}

/**
 * Values of the nodes of `order` (distinct, each after its arguments, as topologicalOrder
 * lists them) by node id: a caller evaluating at many points orders the graph once.
 */
export function evaluateInOrder(order: readonly Expr[], point: Point): Map<number, number> {
  requirePointObject(point);
  const values = new Map<number, number>();
  for (const node of order) {
    const value = nodeValue(node, values, point);
    // Only on the error path is the graph walked again, to name every missing or non-number variable.
    if (typeof value !== "number") requireVariables(order, point);
    values.set(node.id, value as number);
  }
  return values;
}

function nodeValue(node: Expr, values: ReadonlyMap<number, number>, point: Point): unknown {
  switch (node.kind) {
    case "num":
      return node.value;
    case "var":
      return pointValue(point, node.name);
    case "call":
      return getOp(node.op).eval(node.args.map((a) => values.get(a.id) as number));
  }
}

export function evaluate(expr: Expr, point: Point): number {
  return evaluateAll(expr, point).get(expr.id) as number;
}
