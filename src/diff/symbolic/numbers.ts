// When arithmetic on two literals may be replaced by its result.
import { num, type Expr } from "../../ast/expr.js";

/** Significant digits of the shortest decimal that reads back as `value` (finite values). */
export function significantDigits(value: number): number {
  if (value === 0) return 1;
  const mantissa = Math.abs(value).toExponential().split("e")[0];
  return mantissa.replace(".", "").length;
}

/** A result this short is written exactly; 1/3 (16 digits) and 0.1+0.2 (17 digits) are not. */
const TIDY_DIGITS = 15;

export type ArithmeticOp = "add" | "sub" | "mul" | "div" | "pow";

const apply: Record<ArithmeticOp, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  pow: Math.pow,
};

// Error-free transformations (Knuth's TwoSum, Dekker's TwoProduct): the exact rounding
// error of a float64 sum or product, so "was this result exact?" has a precise answer.
function sumError(a: number, b: number, sum: number): number {
  const bVirtual = sum - a;
  return (a - (sum - bVirtual)) + (b - bVirtual);
}

const SPLITTER = 134217729; // 2^27 + 1
function split(a: number): [number, number] {
  const c = SPLITTER * a;
  const high = c - (c - a);
  return [high, a - high];
}

function productError(a: number, b: number, product: number): number {
  const [aHigh, aLow] = split(a);
  const [bHigh, bLow] = split(b);
  return aLow * bLow - (((product - aHigh * bHigh) - aLow * bHigh) - aHigh * bLow);
}

function isExact(op: ArithmeticOp, a: number, b: number, result: number): boolean {
  if (Math.max(Math.abs(a), Math.abs(b), Math.abs(result)) > 1e300) return false; // splitting would overflow
  switch (op) {
    case "add": return sumError(a, b, result) === 0;
    case "sub": return sumError(a, -b, result) === 0;
    case "mul": return productError(a, b, result) === 0;
    case "div": return result * b === a && productError(result, b, result * b) === 0;
    case "pow": return Number.isInteger(b) && b >= 0 && b <= 64 && Number.isInteger(result) && Math.abs(result) <= 2 ** 53;
  }
}

/**
 * The value of `a op b` if it may stand for the literal arithmetic: finite, and exact in
 * float64 or written in no more digits than max(15, its inputs'). So 2*3 → 6, 1/4 → 0.25 and
 * 4^27 fold, while 1/3, 2^0.5 and 0.1+0.2 stay as written (exact and readable). -0 becomes 0
 * (the two differ only as a divisor, which is outside every domain).
 */
export function foldArithmetic(op: ArithmeticOp, a: number, b: number): number | undefined {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return undefined;
  const result = apply[op](a, b);
  if (!Number.isFinite(result)) return undefined;
  const short = significantDigits(result) <= Math.max(TIDY_DIGITS, significantDigits(a), significantDigits(b));
  if (!short && !isExact(op, a, b, result)) return undefined;
  return result === 0 ? 0 : result;
}

/** Whether `e` is the numeric literal `v`. */
export const isNumber = (e: Expr, v: number): boolean => e.kind === "num" && e.value === v;
export const isZero = (e: Expr): boolean => isNumber(e, 0);

/** `op(a, b)` folded to one literal when both are literals and folding is exact enough. */
export function foldLiterals(op: ArithmeticOp, a: Expr, b: Expr): Expr | undefined {
  if (a.kind !== "num" || b.kind !== "num") return undefined;
  const folded = foldArithmetic(op, a.value, b.value);
  return folded === undefined ? undefined : num(folded);
}
