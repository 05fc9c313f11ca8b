// Evaluation that follows the rule for 0 · ∞ (src/ops/exact-zero.ts), for derivative
// expressions: the symbolic method's products are the chain rule's, so an exact zero factor
// cuts an infinite one there exactly as it does on the tape. f's own nodes are evaluated as
// written (plain float64), so the symbolic method reports the same f as every other method.
import type { Expr } from "../ast/expr.js";
import { applyExact, isExactZeroNode, noteRepresentation, type ExactValue, type RepresentationEvents } from "../ops/exact-zero.js";
import { getOp } from "../ops/table.js";
import { pointValue, requireVariables, type Point } from "./evaluate.js";

/**
 * Values of the nodes of `order` (each after its arguments) by node id. Nodes in `asWritten`
 * are plain float64; the others apply the rule in their products and quotients, and record in
 * `events` what float64 could not represent.
 */
export function evaluateUnderRule(
  order: readonly Expr[], point: Point, asWritten: ReadonlySet<number>, events?: RepresentationEvents,
): Map<number, number> {
  const exact = new Map<number, ExactValue>();
  const values = new Map<number, number>();
  for (const node of order) {
    let result: ExactValue;
    if (node.kind === "num") result = { value: node.value, exactZero: node.value === 0 };
    else if (node.kind === "var") {
      const value = pointValue(point, node.name);
      if (value === undefined) requireVariables(order, point);
      result = { value: value as number, exactZero: value === 0 };
    } else {
      const op = getOp(node.op);
      const args = node.args.map((a) => exact.get(a.id) as ExactValue);
      if (asWritten.has(node.id)) {
        const numbers = args.map((a) => a.value);
        const value = op.eval(numbers);
        result = { value, exactZero: isExactZeroNode(node, op, numbers, args.map((a) => a.exactZero), value) };
      } else {
        result = applyExact(op, args);
        if (events !== undefined) noteRepresentation(op, args, result, events);
      }
    }
    exact.set(node.id, result);
    values.set(node.id, result.value);
  }
  return values;
}
