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
  const missing = variablesOf(expr).filter((name) => pointValue(point, name) === undefined);
  if (missing.length > 0) throw new MissingVariableError(missing, pointNames(point));
}

/** Values of every distinct node of `roots`, keyed by node id. */
export function evaluateAll(roots: Expr | readonly Expr[], point: Point): Map<number, number> {
  requireVariables(roots, point);
  const values = new Map<number, number>();
  for (const node of topologicalOrder(roots)) {
    values.set(node.id, nodeValue(node, values, point));
  }
  return values;
}

function nodeValue(node: Expr, values: ReadonlyMap<number, number>, point: Point): number {
  switch (node.kind) {
    case "num":
      return node.value;
    case "var":
      return pointValue(point, node.name) as number;
    case "call":
      return getOp(node.op).eval(node.args.map((a) => values.get(a.id) as number));
  }
}

export function evaluate(expr: Expr, point: Point): number {
  return evaluateAll(expr, point).get(expr.id) as number;
}
