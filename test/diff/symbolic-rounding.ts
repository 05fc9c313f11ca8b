// How far two float64 evaluations of the same function may honestly differ: first-order
// rounding-error analysis, Σ over nodes |∂f/∂node · node| · eps (each node's value rounded once,
// the error carried to the result by its adjoint). Rewriting an expression changes the order of
// roundings, so a simplified or re-derived form may differ by about this much, and no more.
import type { Expr } from "../../src/ast/expr.js";
import { topologicalOrder } from "../../src/ast/walk.js";
import { evaluateAll, type Point } from "../../src/eval/evaluate.js";
import { getOp, numberAlgebra } from "../../src/ops/table.js";

export function roundingErrorBound(expr: Expr, point: Point): number {
  const values = evaluateAll(expr, point);
  const order = topologicalOrder(expr);
  const adjoints = new Map<number, number>([[expr.id, 1]]);
  let total = 0;
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i];
    const adjoint = adjoints.get(node.id) ?? 0;
    const value = values.get(node.id) as number;
    if (Number.isFinite(adjoint * value)) total += Math.abs(adjoint * value);
    if (node.kind !== "call" || adjoint === 0) continue;
    const args = node.args.map((a) => values.get(a.id) as number);
    getOp(node.op).partials.forEach((rule, j) => {
      if (node.args[j].kind === "num") return;
      const partial = rule(numberAlgebra, args, value);
      if (Number.isFinite(partial)) adjoints.set(node.args[j].id, (adjoints.get(node.args[j].id) ?? 0) + adjoint * partial);
    });
  }
  return total * Number.EPSILON;
}

/**
 * a and b agree to 1e-12 relative (1e-12 absolute near 0), or within a few times the rounding
 * error either expression may carry at the point.
 */
export function agreeWithinRounding(a: number, b: number, errorBound: number): boolean {
  if (Object.is(a, b)) return true;
  const difference = Math.abs(a - b);
  return difference <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b)) || difference <= 16 * errorBound;
}

/** Ops that jump where their argument crosses 0: rounding there changes the value by a step (acot(0) = π/2, acot(0⁻) → −π/2). */
const JUMPS = new Set(["sign", "heaviside", "acot"]);

/**
 * Whether some jump (sign, heaviside) at the point sees an argument so close to 0 that float64
 * rounding may set its sign: sign(y + (z - y) - z) is sign(0) exactly, but evaluated it may be
 * sign(±1e-20). Two algebraically equal forms may then differ by the whole step.
 */
export function jumpUnsettled(expr: Expr, point: Point): boolean {
  const values = evaluateAll(expr, point);
  return topologicalOrder(expr).some((node) => {
    if (node.kind !== "call" || !JUMPS.has(node.op)) return false;
    const argument = node.args[0];
    return Math.abs(values.get(argument.id) as number) <= 16 * roundingErrorBound(argument, point);
  });
}
