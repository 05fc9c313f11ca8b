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

export function pointNames(point: Point): string[] {
  return point instanceof Map ? [...point.keys()] : Object.keys(point);
}

/** The value of `name` in `point`, or undefined (own properties only: no prototype lookups). */
export function pointValue(point: Point, name: string): number | undefined {
  if (point instanceof Map) return point.get(name);
  const record = point as Readonly<Record<string, number>>;
  return Object.prototype.hasOwnProperty.call(record, name) ? record[name] : undefined;
}

/** Throws MissingVariableError naming every variable of `expr` that `point` lacks. */
export function requireVariables(expr: Expr | readonly Expr[], point: Point): void {
  requireValues(variablesOf(expr), point);
}

/**
 * Throws MissingVariableError naming every one of `names` that `point` lacks. For callers that
 * listed an expression's variables once (a prepared gradient), so no point re-walks the graph.
 */
export function requireValues(names: readonly string[], point: Point): void {
  const missing = names.filter((name) => pointValue(point, name) === undefined);
  if (missing.length > 0) throw new MissingVariableError(missing, pointNames(point));
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
  const values = new Map<number, number>();
  for (const node of order) {
    const value = nodeValue(node, values, point);
    // Only on the error path is the graph walked again, to name every missing variable.
    if (value === undefined) requireVariables(order, point);
    values.set(node.id, value as number);
  }
  return values;
}

function nodeValue(node: Expr, values: ReadonlyMap<number, number>, point: Point): number | undefined {
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
