// How accurate the exact methods' partials are: each random partial is compared with a
// 64-digit reference, a central difference of f computed in mathjs BigNumber arithmetic at the
// very inputs the float methods see (every literal and coordinate taken as its exact binary
// value), so what is measured is the methods' own rounding, not the rounding of the inputs.
import fc from "fast-check";
import { all, create, type BigNumber } from "mathjs";
import type { Expr } from "../../src/ast/expr.js";
import { topologicalOrder, variablesOf } from "../../src/ast/walk.js";
import { compiledReverseDifferentiator, compiledSymbolicDifferentiator } from "../../src/compile/index.js";
import { evaluateAll, type Point } from "../../src/eval/evaluate.js";
import { forwardDifferentiator } from "../../src/diff/forward.js";
import { reverseDifferentiator } from "../../src/diff/reverse/differentiator.js";
import { symbolicDifferentiator } from "../../src/diff/symbolic/index.js";
import type { Differentiator, GradientOptions } from "../../src/diff/types.js";
import { getOp } from "../../src/ops/table.js";
import { exprAtPointArbitrary, type RandomExprOptions } from "./random-expr.js";

type Big = BigNumber;
type BigMath = ReturnType<typeof create>;

/** A mathjs instance computing with BigNumbers of `digits` significant digits. */
function bigMath(digits: number): BigMath {
  return create(all, { number: "BigNumber", precision: digits });
}

const big = (x: unknown) => x as Big;

/** Ops at full precision. sigmoid, softplus, relu and heaviside are written out (mathjs has none). */
function bigOps(math: BigMath): Readonly<Record<string, (args: Big[]) => Big>> {
  const ZERO = math.bignumber(0);
  const ONE = math.bignumber(1);
  return {
    add: ([a, b]) => big(math.add(a, b)),
    sub: ([a, b]) => big(math.subtract(a, b)),
    mul: ([a, b]) => big(math.multiply(a, b)),
    div: ([a, b]) => big(math.divide(a, b)),
    neg: ([a]) => big(math.unaryMinus(a)),
    pow: ([a, b]) => big(math.pow(a, b)),
    // The program's constants are float64's pi and e, as its inputs are exact binary values:
    // what is measured is the methods' rounding, not sin(pi) ≠ 0 in float64 (sin(Math.PI) = 1.2e-16).
    pi: () => math.bignumber(Math.PI.toPrecision(60)),
    e: () => math.bignumber(Math.E.toPrecision(60)),
    logBase: ([x, b]) => big(math.divide(math.log(x), math.log(b))),
    nthRoot: ([x, n]) => {
      const root = big(math.pow(big(math.abs(x)), big(math.divide(ONE, n))));
      return x.isNegative() ? big(math.unaryMinus(root)) : root;
    },
    sigmoid: ([u]) => big(math.divide(ONE, math.add(ONE, math.exp(math.unaryMinus(u))))),
    softplus: ([u]) => big(math.log(math.add(ONE, math.exp(u)))),
    relu: ([u]) => (u.isPositive() && !u.isZero() ? u : ZERO),
    heaviside: ([u]) => (u.isPositive() && !u.isZero() ? ONE : ZERO),
    heavisideTie: ([u, h]) => (u.isZero() ? h : u.isPositive() ? ONE : ZERO),
    // exact comparisons (mathjs's max and min compare within a tolerance)
    max: ([a, b]) => (a.gte(b) ? a : b),
    min: ([a, b]) => (a.lte(b) ? a : b),
  };
}

/** Ops whose value jumps or bends where their argument changes sign (a branch rounding may decide). */
const SIGN_SENSITIVE = new Set(["relu", "heaviside", "heavisideTie", "abs", "sign", "sqrt", "cbrt", "nthRoot", "pow"]);

/** Ops whose branch is the order of their two arguments (a rounding may decide it too). */
const ORDER_SENSITIVE = new Set(["max", "min"]);

const signOf = (a: Big) => (a.isZero() ? 0 : a.isNegative() ? -1 : 1);

/**
 * Central differences of f at one precision: f evaluated with all digits at x ± h for two
 * steps h; the point, the literals and the shift are exact, so only f's own rounding and the
 * O(h²) truncation remain.
 */
class BigDifferencer {
  private readonly math: BigMath;
  private readonly ops: Readonly<Record<string, (args: Big[]) => Big>>;
  constructor(readonly digits: number, readonly steps: readonly string[]) {
    this.math = bigMath(digits);
    this.ops = bigOps(this.math);
  }

  /** The exact value of a double (toPrecision rounds the exact binary value). */
  exact(x: number): Big {
    return this.math.bignumber(x.toPrecision(Math.min(100, this.digits + 6)));
  }

  private op(name: string, args: Big[]): Big {
    const own = this.ops[name];
    if (own !== undefined) return own(args);
    const fn = (this.math as unknown as Record<string, (...a: Big[]) => unknown>)[name];
    if (typeof fn !== "function") throw new Error(`no ${this.digits}-digit evaluation for op ${name}`);
    return big(fn(...args));
  }

  /** f with `name` moved by `shift`; undefined when a branch or domain differs from float64's. */
  private evaluate(order: readonly Expr[], point: Point, floats: ReadonlyMap<number, number>, name: string, shift: Big): Big | undefined {
    const values = new Map<number, Big>();
    for (const node of order) {
      let value: Big;
      if (node.kind === "num") value = this.exact(node.value);
      else if (node.kind === "var") {
        const x = this.exact((point as Record<string, number>)[node.name]);
        value = node.name === name ? big(this.math.add(x, shift)) : x;
      } else {
        const args = node.args.map((a) => values.get(a.id) as Big);
        if (SIGN_SENSITIVE.has(node.op) && node.args.some((a, i) => Math.sign(floats.get(a.id) as number) !== signOf(args[i]))) {
          return undefined;
        }
        if (ORDER_SENSITIVE.has(node.op)) {
          const [a, b] = node.args.map((arg) => floats.get(arg.id) as number);
          if (Math.sign(a - b) !== signOf(big(this.math.subtract(args[0], args[1])))) return undefined;
        }
        const op = getOp(node.op);
        if (op.domain !== undefined && !op.domain(args.map((a) => a.toNumber()))) return undefined;
        value = this.op(node.op, args);
        if (!this.math.isBigNumber(value) || !value.isFinite()) return undefined;
      }
      values.set(node.id, value);
    }
    return values.get(order[order.length - 1].id) as Big;
  }

  /**
   * The two estimates, and how many digits of f's change the finer step resolves; undefined
   * when rounding decides a branch.
   */
  differences(order: readonly Expr[], point: Point, floats: ReadonlyMap<number, number>, name: string):
    { coarse: Big; fine: Big; resolvedDigits: number } | undefined {
    const estimates: Big[] = [];
    let resolvedDigits = 0;
    for (const step of this.steps) {
      const h = this.math.bignumber(step);
      const plus = this.evaluate(order, point, floats, name, h);
      const minus = this.evaluate(order, point, floats, name, big(this.math.unaryMinus(h)));
      if (plus === undefined || minus === undefined) return undefined;
      const change = big(this.math.subtract(plus, minus));
      estimates.push(big(this.math.divide(change, this.math.multiply(2, h))));
      const scale = Math.max(Math.abs(plus.toNumber()), Number.MIN_VALUE);
      resolvedDigits = change.isZero() ? 0 : this.digits + Math.log10(Math.abs(change.toNumber()) / scale);
    }
    return { coarse: estimates[0], fine: estimates[1], resolvedDigits };
  }

  /** |a - b| ≤ tolerance |b|, at this precision. */
  agree(a: Big, b: Big, tolerance: string): boolean {
    const spread = big(this.math.abs(this.math.subtract(a, b)));
    return !spread.greaterThan(big(this.math.multiply(this.math.abs(b), this.math.bignumber(tolerance))));
  }
}

/** 64 digits first; 200 digits where f's change is lost below the 64th digit (f' ≪ f). */
const DIFFERENCERS = [new BigDifferencer(64, ["1e-20", "1e-25"]), new BigDifferencer(200, ["1e-75", "1e-80"])];
/** Digits of f's change that make a step's estimate good to about 1e-20. */
const WANTED_DIGITS = 22;

export type Reference =
  | {
      readonly kind: "ok";
      readonly value: number;
      /** Set when the reference is 0 because f' is too small to resolve: |f'| is below it. */
      readonly zeroBound?: number;
    }
  | { readonly kind: "skip"; readonly reason: string };

/**
 * ∂f/∂name at `point`, from central differences in 64-digit (if need be 200-digit)
 * arithmetic at two steps; skipped when they disagree, when rounding decides a branch, or
 * when f or the derivative is not representable in float64.
 */
export function referencePartial(f: Expr, point: Point, name: string): Reference {
  const order = topologicalOrder(f);
  const floats = evaluateAll(f, point);
  if (!Number.isFinite(floats.get(f.id) as number)) return { kind: "skip", reason: "f overflows" };
  for (const differencer of DIFFERENCERS) {
    const d = differencer.differences(order, point, floats, name);
    if (d === undefined) return { kind: "skip", reason: "rounding decides a branch" };
    const last = differencer === DIFFERENCERS[DIFFERENCERS.length - 1];
    // A change of f lost in rounding at this precision (both estimates 0): look closer.
    if (d.resolvedDigits < WANTED_DIGITS && !last) continue;
    // f's change lost even at 200 digits: f' is 0 or below about 1e-150 |f|, which
    // differences cannot tell apart; a computed value below that bound agrees.
    if (d.resolvedDigits < WANTED_DIGITS) {
      return { kind: "ok", value: 0, zeroBound: 1e-140 * Math.max(1, Math.abs(floats.get(f.id) as number)) };
    }
    if (!differencer.agree(d.coarse, d.fine, "1e-18")) {
      return { kind: "skip", reason: "reference steps disagree" };
    }
    const value = d.fine.toNumber();
    if (!Number.isFinite(value)) return { kind: "skip", reason: "derivative overflows" };
    if (Math.abs(value) < 2.2250738585072014e-308) return { kind: "skip", reason: "derivative underflows" };
    return { kind: "ok", value };
  }
  throw new Error("internal: no precision left");
}

export const RELATIVE_TOLERANCE = 1e-12;

/**
 * |computed - reference| ≤ 1e-12 |reference|; where the reference could only bound f' (a zero
 * or a derivative below 1e-140 |f|), |computed| within that bound.
 */
export function withinTolerance(computed: number, reference: number, zeroBound?: number): boolean {
  if (zeroBound !== undefined) return Math.abs(computed) <= zeroBound;
  return Math.abs(computed - reference) <= RELATIVE_TOLERANCE * Math.abs(reference);
}

export function relativeError(computed: number, reference: number): number {
  if (computed === reference) return 0;
  const error = Math.abs(computed - reference) / Math.abs(reference);
  return Number.isNaN(error) ? Infinity : error;
}

/** The exact methods, interpreted and compiled, by the name a report shows. */
export const EXACT_METHOD_VARIANTS: Readonly<Record<string, { differentiator: Differentiator; options?: GradientOptions }>> = {
  symbolic: { differentiator: symbolicDifferentiator },
  "symbolic (compiled)": { differentiator: compiledSymbolicDifferentiator },
  forward: { differentiator: forwardDifferentiator },
  "forward (vector)": { differentiator: forwardDifferentiator, options: { forwardMode: "vector" } },
  reverse: { differentiator: reverseDifferentiator },
  "reverse (compiled)": { differentiator: compiledReverseDifferentiator },
};

export interface PartialCase {
  readonly expr: Expr;
  readonly point: Record<string, number>;
  readonly name: string;
}

export interface CaseResult extends PartialCase {
  readonly reference: number;
  /** Relative error per method variant. */
  readonly errors: Readonly<Record<string, number>>;
  readonly computed: Readonly<Record<string, number>>;
}

/** Every partial of each drawn expression with respect to a variable it uses. */
export function drawPartials(count: number, seed: number, options?: RandomExprOptions): PartialCase[] {
  const cases: PartialCase[] = [];
  const arbitrary = exprAtPointArbitrary(options).filter(({ expr }) => variablesOf(expr).length > 0);
  let batch = 0;
  while (cases.length < count) {
    const drawn = fc.sample(arbitrary, { numRuns: count, seed: seed + batch++ });
    for (const { expr, point } of drawn) {
      for (const name of variablesOf(expr)) if (cases.length < count) cases.push({ expr, point, name });
    }
  }
  return cases;
}

/** Compares every method variant with the reference on one partial; undefined when skipped. */
export function measureCase(c: PartialCase): CaseResult | { skipped: string } {
  const reference = referencePartial(c.expr, c.point, c.name);
  if (reference.kind === "skip") return { skipped: reference.reason };
  const errors: Record<string, number> = {};
  const computed: Record<string, number> = {};
  for (const [label, { differentiator, options }] of Object.entries(EXACT_METHOD_VARIANTS)) {
    const value = differentiator.gradient(c.expr, c.point, [c.name], options).gradient[c.name];
    computed[label] = value;
    errors[label] = withinTolerance(value, reference.value, reference.zeroBound) ? 0 : relativeError(value, reference.value);
  }
  return { ...c, reference: reference.value, errors, computed };
}

export interface AccuracySummary {
  readonly measured: number;
  readonly skipped: Readonly<Record<string, number>>;
  /** Fraction of measured partials within 1e-12 per method variant. */
  readonly fractionWithin: Readonly<Record<string, number>>;
  /** Fraction within 1e-12 for every method variant at once. */
  readonly fractionAllWithin: number;
  /** Measured cases where some method is outside, worst first. */
  readonly failures: readonly CaseResult[];
}

export function measureAccuracy(cases: readonly PartialCase[]): AccuracySummary {
  const skipped: Record<string, number> = {};
  const results: CaseResult[] = [];
  for (const c of cases) {
    const r = measureCase(c);
    if ("skipped" in r) skipped[r.skipped] = (skipped[r.skipped] ?? 0) + 1;
    else results.push(r);
  }
  const labels = Object.keys(EXACT_METHOD_VARIANTS);
  const fractionWithin: Record<string, number> = {};
  for (const label of labels) fractionWithin[label] = results.filter((r) => r.errors[label] === 0).length / results.length;
  const worst = (r: CaseResult) => Math.max(...labels.map((l) => r.errors[l]));
  const failures = results.filter((r) => worst(r) > 0).sort((a, b) => worst(b) - worst(a));
  return {
    measured: results.length,
    skipped,
    fractionWithin,
    fractionAllWithin: (results.length - failures.length) / results.length,
    failures,
  };
}
