// Method-independent facts about a point: kinks met, and where a NaN or infinity first arose
// (in a value or in a local partial). Every method attaches these, so all four say the same.
import type { Expr } from "../ast/expr.js";
import { topologicalOrder } from "../ast/walk.js";
import { evaluateAll, type Point } from "../eval/evaluate.js";
import { getOp, numberAlgebra } from "../ops/table.js";
import { printBounded } from "../print/text.js";

export interface KinkReport {
  /** The sub-expression evaluated at its non-differentiable point, e.g. "relu(x - 1)". */
  readonly expression: string;
  readonly op: string;
  readonly arguments: readonly number[];
  /** The convention used there, from the op table. */
  readonly convention: string;
}

export interface NonFiniteReport {
  /** The sub-expression whose value or local derivative first went non-finite. */
  readonly expression: string;
  /** "value" if the sub-expression's value, "derivative" if its local partial. */
  readonly kind: "value" | "derivative";
  readonly result: number;
  readonly arguments: readonly number[];
  readonly message: string;
}

export interface Diagnostics {
  readonly kinks: readonly KinkReport[];
  readonly nonFinite?: NonFiniteReport;
}

/** Diagnose f at a point: one evaluation plus the local partials of every node. */
export function diagnose(f: Expr, at: Point): Diagnostics {
  const values = evaluateAll(f, at);
  const kinks: KinkReport[] = [];
  let nonFinite: NonFiniteReport | undefined;
  // Only partials with respect to arguments that move with a variable are ever used: ∂(x^n)/∂n
  // for a constant n = 1 + 1 (NaN at x <= 0) is not a problem, as for a literal n.
  const variableDependent = new Set<number>();
  for (const node of topologicalOrder(f)) {
    if (node.kind === "var") variableDependent.add(node.id);
    if (node.kind !== "call") continue;
    if (node.args.some((a) => variableDependent.has(a.id))) variableDependent.add(node.id);
    const op = getOp(node.op);
    const args = node.args.map((a) => values.get(a.id) as number);
    const out = values.get(node.id) as number;
    if (op.nonDifferentiableAt?.(args)) {
      kinks.push({ expression: printBounded(node), op: op.name, arguments: args, convention: op.kinkConvention ?? "" });
    }
    if (nonFinite !== undefined || !args.every(Number.isFinite)) continue;
    const point = args.map((v) => String(v)).join(", ");
    if (!Number.isFinite(out)) {
      nonFinite = {
        expression: printBounded(node), kind: "value", result: out, arguments: args,
        message: `${printBounded(node)} is ${out} at argument(s) ${point}`,
      };
      continue;
    }
    op.partials.forEach((rule, i) => {
      if (nonFinite !== undefined || !variableDependent.has(node.args[i].id)) return;
      const d = rule(numberAlgebra, args, out);
      if (!Number.isFinite(d)) {
        nonFinite = {
          expression: printBounded(node), kind: "derivative", result: d, arguments: args,
          message: `the derivative of ${printBounded(node)} with respect to its argument ${i + 1} is ${d} at argument(s) ${point}`,
        };
      }
    });
  }
  return { kinks, nonFinite };
}

/**
 * Adds `diagnostics` to a result as a lazy, cached, enumerable property: computed only when
 * read (a table, JSON output, a test), so timing a method does not time the diagnosis.
 */
export function attachDiagnostics<R extends object>(result: R, f: Expr, at: Point): R & { readonly diagnostics: Diagnostics } {
  let cached: Diagnostics | undefined;
  Object.defineProperty(result, "diagnostics", {
    enumerable: true,
    get: () => (cached ??= diagnose(f, at)),
  });
  return result as R & { readonly diagnostics: Diagnostics };
}
