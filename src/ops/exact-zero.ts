// The one rule for 0 · ∞: which zeros may cut a path of the chain rule.
//
// A product adjoint × partial (reverse), partial × tangent (forward) or a product in a
// symbolic derivative is skipped as 0 when one factor is an EXACT zero, even if the other is
// ±∞ or NaN (the strong zero: sqrt(0·x) has derivative 0, not 0 · ∞). A zero is exact when it
// is a literal 0, a variable whose value at the point is 0, or the result of an op that the op
// table says gives an exact 0 from its arguments (`OpSpec.exactZero`: a product with an exact
// zero factor, sin of an exact 0, x − x, relu of a negative number). A zero that rounding made
// (exp(−800), 1/∞, a sum whose terms cancel) is not exact: there 0 · ∞ stays NaN and the point
// is flagged, because the true product may be anything.
//
// The same rule gives the zero-base power convention of PyTorch and JAX: d(a^b)/db = a^b·log(a)
// is 0 at an exact a = 0 with b > 0 (a^b is an exact 0), and d(a^b)/da = b·a^(b−1) is 0 at an
// exact b = 0 (b is an exact 0), where plain float64 gives 0 · ∞ = NaN.
import type { Expr } from "../ast/expr.js";
import { getOp, numberAlgebra } from "./table.js";
import type { Algebra, OpSpec } from "./types.js";

/** A number and whether it is an exact zero (only ever true when value is 0). */
export interface ExactValue {
  readonly value: number;
  readonly exactZero: boolean;
}

/** Whether the product of two factors is an exact zero: one of them is. */
export function isExactZeroProduct(aIsZero: boolean, aExact: boolean, bIsZero: boolean, bExact: boolean): boolean {
  return (aIsZero && aExact) || (bIsZero && bExact);
}

/**
 * Whether a sweep skips the product a·b: it is an exact zero while IEEE would give NaN (the
 * other factor is ±∞ or NaN). A finite product is never skipped, so a skip changes no bit of
 * any result that plain float64 gets right.
 */
export function skipsProduct(aIsZero: boolean, aExact: boolean, aFinite: boolean, bIsZero: boolean, bExact: boolean, bFinite: boolean): boolean {
  return isExactZeroProduct(aIsZero, aExact, bIsZero, bExact) && !(aFinite && bFinite);
}

/**
 * The product a·b under the rule: 0 when a factor is an exact zero (whatever the other is),
 * else IEEE. Returns the value and whether it is an exact zero.
 */
export function ruleProduct(a: number, aExact: boolean, b: number, bExact: boolean): ExactValue {
  if (!isExactZeroProduct(a === 0, aExact, b === 0, bExact)) return { value: a * b, exactZero: false };
  return { value: Number.isFinite(a) && Number.isFinite(b) ? a * b : signedZero(a, b), exactZero: true };
}

/** The zero a cut product stands for, signed as IEEE signs a product (NaN counts as positive). */
function signedZero(a: number, b: number): number {
  return isNegative(a) !== isNegative(b) ? -0 : 0;
}

const isNegative = (x: number): boolean => x < 0 || Object.is(x, -0);

const EXACT_ZERO: ExactValue = Object.freeze({ value: 0, exactZero: true });

/** Whether `out`, op applied to args, is an exact zero, given which arguments are exact zeros. */
export function isExactZeroResult(op: OpSpec, args: readonly number[], zeroArgs: readonly boolean[], out: number): boolean {
  return out === 0 && op.exactZero !== undefined && op.exactZero(zeroArgs, args);
}

/** isExactZeroResult for a node of a graph: also u − u, a structural constant, is an exact 0. */
export function isExactZeroNode(node: Expr, op: OpSpec, args: readonly number[], zeroArgs: readonly boolean[], out: number): boolean {
  return isExactZeroResult(op, args, zeroArgs, out) || (out === 0 && isStructurallyConstant(node));
}

/** op applied to exact values: mul and div follow the rule; every other op is IEEE. */
export function applyExact(op: OpSpec, args: readonly ExactValue[]): ExactValue {
  if (op.name === "mul") return ruleProduct(args[0].value, args[0].exactZero, args[1].value, args[1].exactZero);
  // a / b is a · (1/b): an exact zero numerator cuts 1/0 = ∞ as it cuts any infinite factor.
  if (op.name === "div" && args[0].exactZero) {
    const [a, b] = [args[0].value, args[1].value];
    return { value: Number.isFinite(b) && b !== 0 ? a / b : signedZero(a, b), exactZero: true };
  }
  const values = args.map((a) => a.value);
  const out = op.eval(values);
  return { value: out, exactZero: isExactZeroResult(op, values, args.map((a) => a.exactZero), out) };
}

/** An exact-value algebra whose every op goes through `apply` (by op name). */
function exactValueAlgebra(apply: (op: OpSpec, args: readonly ExactValue[]) => ExactValue): Algebra<ExactValue> {
  return {
    num: (c) => (c === 0 ? EXACT_ZERO : { value: c, exactZero: false }),
    add: (a, b) => apply(getOp("add"), [a, b]),
    sub: (a, b) => apply(getOp("sub"), [a, b]),
    mul: (a, b) => apply(getOp("mul"), [a, b]),
    div: (a, b) => apply(getOp("div"), [a, b]),
    neg: (a) => apply(getOp("neg"), [a]),
    pow: (a, b) => apply(getOp("pow"), [a, b]),
    call: (op, args) => apply(getOp(op), args),
  };
}

/** The op table's partial rules evaluated on exact values (the rule applied inside them). */
export const exactAlgebra: Algebra<ExactValue> = exactValueAlgebra(applyExact);

/** Numbers with their exact-zero bits (a bit counts only on a value that is 0). */
function exactArguments(args: readonly number[], zeroArgs: ArrayLike<boolean | number>): ExactValue[] {
  return args.map((value, i) => ({ value, exactZero: Boolean(zeroArgs[i]) && value === 0 }));
}

/**
 * ∂out/∂args[k] at a point, with whether it is an exact zero. Plain float64 first (the fast,
 * common case); only a zero or a non-finite partial is evaluated again on exact values, which
 * can turn a NaN made inside the rule by 0 · ∞ into the exact 0 the rule says it is.
 */
export function localPartial(
  op: OpSpec, k: number, args: readonly number[], zeroArgs: ArrayLike<boolean | number>, out: number, outExactZero: boolean,
): ExactValue {
  const plain = op.partials[k](numberAlgebra, args, out);
  if (plain !== 0 && Number.isFinite(plain)) return { value: plain, exactZero: false };
  return op.partials[k](exactAlgebra, exactArguments(args, zeroArgs), { value: out, exactZero: outExactZero && out === 0 });
}

/**
 * A node whose value does not move with its arguments however they move: u − u (0) and u / u
 * (1 wherever it is defined). Its derivative is a structural zero, so no path runs through it;
 * every method reads this one test (the simplifier rewrites the same forms to constants).
 */
export function isStructurallyConstant(node: Expr): boolean {
  return node.kind === "call" && node.args.length === 2 && node.args[0] === node.args[1] && getOp(node.op).sameArgumentsConstant === true;
}

/** What float64 could not represent while computing a value or a partial. */
export interface RepresentationEvents {
  /** Finite arguments gave ±∞ without an exact zero among them: a true finite value overflowed. */
  overflow: boolean;
  /** Nonzero finite arguments gave a 0 that is not exact (a sum that cancels is not counted). */
  underflow: boolean;
  /** Normal arguments gave a subnormal result: digits were lost, the value is imprecise. */
  subnormal: boolean;
}

export const noEvents = (): RepresentationEvents => ({ overflow: false, underflow: false, subnormal: false });

const MIN_NORMAL = 2.2250738585072014e-308;
const isSubnormal = (x: number): boolean => x !== 0 && Math.abs(x) < MIN_NORMAL;

/**
 * Records the representation events of one op application into `events`. A sum is never an
 * underflow or a loss of digits (a difference that cancels is exact in float64). An infinity
 * is a true pole only at an exact zero (1/0, log(0)); anywhere else (1/x for an x that rounding
 * made 0, atanh of a tanh that rounded to 1) it may stand for a finite value, so it counts.
 */
export function noteRepresentation(op: OpSpec, args: readonly ExactValue[], result: ExactValue, events: RepresentationEvents): void {
  if (!args.every((a) => Number.isFinite(a.value))) return;
  const values = args.map((a) => a.value);
  // ±∞ only: a NaN from finite arguments is a point outside the op's domain (log(−1)), not an overflow.
  const infinite = result.value === Infinity || result.value === -Infinity;
  if (infinite && !args.some((a) => a.exactZero)) events.overflow = true;
  if (op.name === "add" || op.name === "sub") return;
  if (result.value === 0 && !result.exactZero && values.every((v) => v !== 0)) events.underflow = true;
  if (isSubnormal(result.value) && !values.some(isSubnormal)) events.subnormal = true;
}

/** A partial evaluated on exact values, with what float64 could not represent inside the rule. */
export function watchedPartial(
  op: OpSpec, k: number, args: readonly number[], zeroArgs: readonly boolean[], out: number, outExactZero: boolean,
): ExactValue & RepresentationEvents {
  const events = noEvents();
  const watching = exactValueAlgebra((spec, xs) => {
    const result = applyExact(spec, xs);
    noteRepresentation(spec, xs, result, events);
    return result;
  });
  const result = op.partials[k](watching, exactArguments(args, zeroArgs), { value: out, exactZero: outExactZero && out === 0 });
  return { ...result, ...events };
}
