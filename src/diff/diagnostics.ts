// Method-independent facts about a point: kinks met, and where a NaN or infinity first arose
// (in a value or in a local partial). Every method attaches these, so all four say the same.
import type { Expr } from "../ast/expr.js";
import { topologicalOrder } from "../ast/walk.js";
import { evaluateAll, type Point } from "../eval/evaluate.js";
import { isExactZeroNode, isStructurallyConstant, localPartial, noEvents, noteRepresentation, watchedPartial } from "../ops/exact-zero.js";
import { getOp } from "../ops/table.js";
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

/**
 * Where float64 could not represent a true value on the way (exact-zero.ts): an overflow (a
 * finite value became ±∞) or an underflow (a nonzero value became a 0 that is not exact).
 * A derivative computed through one is unreliable: an overflow always, an underflow when the
 * result is not finite (0 · ∞ with a rounded zero may be anything).
 */
export interface RepresentationReport {
  readonly expression: string;
  readonly kind: "value" | "derivative";
  readonly message: string;
}

export interface Diagnostics {
  readonly kinks: readonly KinkReport[];
  readonly nonFinite?: NonFiniteReport;
  readonly overflow?: RepresentationReport;
  readonly underflow?: RepresentationReport;
  readonly subnormal?: RepresentationReport;
}

/**
 * The note a method's results need when float64 failed on the way, or undefined: after an
 * overflow or a loss of digits to a subnormal, always; after an underflow to 0, when a result
 * is not finite; and when a result is not finite although every value and local partial at
 * the point is (the chain rule's own products overflowed).
 */
export function unreliability(diagnostics: Diagnostics, results: readonly number[]): string | undefined {
  const finite = results.every(Number.isFinite);
  const cause = diagnostics.overflow?.message ?? diagnostics.subnormal?.message
    ?? (finite ? undefined : diagnostics.underflow?.message
      ?? (diagnostics.nonFinite === undefined ? "the chain rule's products overflow, though every value and local partial is finite" : undefined));
  return cause && `unreliable: ${cause}; float64 cannot represent an intermediate here, so no exact method's result is exact`;
}

/** Diagnose f at a point: one evaluation plus the local partials of every node. */
export function diagnose(f: Expr, at: Point): Diagnostics {
  const values = evaluateAll(f, at);
  const kinks: KinkReport[] = [];
  let nonFinite: NonFiniteReport | undefined;
  let overflow: RepresentationReport | undefined;
  let underflow: RepresentationReport | undefined;
  let subnormal: RepresentationReport | undefined;
  const exactZero = new Set<number>();
  // Only partials with respect to arguments that move with a variable are ever used: ∂(x^n)/∂n
  // for a constant n = 1 + 1 (NaN at x <= 0) is not a problem, as for a literal n.
  const variableDependent = new Set<number>();
  for (const node of topologicalOrder(f)) {
    if (node.kind === "var") variableDependent.add(node.id);
    if (node.kind !== "call") {
      if (values.get(node.id) === 0) exactZero.add(node.id); // a literal or a point value
      continue;
    }
    if (!isStructurallyConstant(node) && node.args.some((a) => variableDependent.has(a.id))) variableDependent.add(node.id);
    const op = getOp(node.op);
    const args = node.args.map((a) => values.get(a.id) as number);
    const zeroArgs = node.args.map((a) => exactZero.has(a.id));
    const out = values.get(node.id) as number;
    const outExact = isExactZeroNode(node, op, args, zeroArgs, out);
    if (outExact) exactZero.add(node.id);
    if (op.nonDifferentiableAt?.(args)) {
      kinks.push({ expression: printBounded(node), op: op.name, arguments: args, convention: op.kinkConvention ?? "" });
    }
    const point = args.map((v) => String(v)).join(", ");
    const events = noEvents();
    noteRepresentation(op, args.map((value, i) => ({ value, exactZero: zeroArgs[i] })), { value: out, exactZero: outExact }, events);
    if (events.overflow) overflow ??= { expression: printBounded(node), kind: "value", message: `${printBounded(node)} overflows to ${out} at argument(s) ${point}` };
    if (events.underflow) underflow ??= { expression: printBounded(node), kind: "value", message: `${printBounded(node)} underflows to 0 at argument(s) ${point}` };
    if (events.subnormal) subnormal ??= { expression: printBounded(node), kind: "value", message: `${printBounded(node)} underflows to the subnormal ${out} at argument(s) ${point}` };
    if (variableDependent.has(node.id)) {
      op.partials.forEach((_rule, i) => {
        if (!variableDependent.has(node.args[i].id)) return;
        const partial = watchedPartial(op, i, args, zeroArgs, out, outExact);
        // Printed only when reported: printing every node would make the diagnosis quadratic.
        const what = () => `the derivative of ${printBounded(node)} with respect to its argument ${i + 1}`;
        if (partial.overflow) overflow ??= { expression: printBounded(node), kind: "derivative", message: `${what()} overflows at argument(s) ${point}` };
        if (partial.underflow) underflow ??= { expression: printBounded(node), kind: "derivative", message: `${what()} underflows at argument(s) ${point}` };
        if (partial.subnormal) subnormal ??= { expression: printBounded(node), kind: "derivative", message: `${what()} loses digits to a subnormal at argument(s) ${point}` };
      });
    }
    if (nonFinite !== undefined || !args.every(Number.isFinite)) continue;
    if (!Number.isFinite(out)) {
      nonFinite = {
        expression: printBounded(node), kind: "value", result: out, arguments: args,
        message: `${printBounded(node)} is ${out} at argument(s) ${point}`,
      };
      continue;
    }
    op.partials.forEach((_rule, i) => {
      if (nonFinite !== undefined || !variableDependent.has(node.args[i].id)) return;
      const d = localPartial(op, i, args, zeroArgs, out, outExact).value;
      if (!Number.isFinite(d)) {
        nonFinite = {
          expression: printBounded(node), kind: "derivative", result: d, arguments: args,
          message: `the derivative of ${printBounded(node)} with respect to its argument ${i + 1} is ${d} at argument(s) ${point}`,
        };
      }
    });
  }
  return { kinks, ...(nonFinite && { nonFinite }), ...(overflow && { overflow }), ...(underflow && { underflow }), ...(subnormal && { subnormal }) };
}

/**
 * Adds `diagnostics` to a result as a lazy, cached, enumerable property: computed only when
 * read (a table, JSON output, a test), so timing a method does not time the diagnosis.
 */
export function attachDiagnostics<R extends object>(result: R, f: Expr, at: Point): R & { readonly diagnostics: Diagnostics } {
  return attachDiagnosing(result, () => diagnose(f, at));
}

/** The same with the diagnosis to run given whole (a typed program lowers only when asked). */
export function attachDiagnosing<R extends object>(result: R, diagnoseNow: () => Diagnostics): R & { readonly diagnostics: Diagnostics } {
  let cached: Diagnostics | undefined;
  Object.defineProperty(result, "diagnostics", {
    enumerable: true,
    get: () => (cached ??= diagnoseNow()),
  });
  return result as R & { readonly diagnostics: Diagnostics };
}

/**
 * Where f has no real value: f is NaN and the first non-finite value on the way is a NaN that an
 * op made from finite arguments (log(−1), sqrt(−1), asin(2), 0/0, (−8)^(1/3)), i.e. a point outside
 * that op's domain. There no derivative exists either, whatever a chain rule multiplies out
 * (the exact methods give log'(−1) = 1/(−1) = −1). A NaN from an overflow (∞ − ∞) is not this:
 * its first non-finite value is the infinity.
 */
export function outsideDomain(diagnostics: Diagnostics, value: number): NonFiniteReport | undefined {
  const first = diagnostics.nonFinite;
  if (!Number.isNaN(value) || first === undefined || first.kind !== "value" || !Number.isNaN(first.result)) return undefined;
  return first.arguments.every(Number.isFinite) ? first : undefined;
}
