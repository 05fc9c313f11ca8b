// Random expressions for property tests, and random points inside their domains.
import fc from "fast-check";
import { num, variable, type Expr } from "../../src/ast/expr.js";
import { topologicalOrder } from "../../src/ast/walk.js";
import { evaluateAll, type Point } from "../../src/eval/evaluate.js";
import { ALL_OPS, call, getOp, numberAlgebra } from "../../src/ops/table.js";
import type { OpSpec } from "../../src/ops/types.js";

export interface RandomExprOptions {
  /** Variable names at the leaves (default x, y, z). */
  variables?: readonly string[];
  /** Deepest nesting of calls (default 5). */
  maxDepth?: number;
  /** Op names that may appear (default every op in ALL_OPS). */
  ops?: readonly string[];
}

const DEFAULT_VARIABLES: readonly string[] = ["x", "y", "z"];
const DEFAULT_MAX_DEPTH = 5;

/** Bound on every node's value and every local partial at a point "inside the domain". */
export const MODERATE = 1e6;

/** Arithmetic appears more often than any one function, as in expressions people type. */
function opWeight(op: OpSpec): number {
  if (["add", "sub", "mul", "div"].includes(op.name)) return 4;
  if (op.name === "pow") return 3;
  if (op.name === "neg") return 2;
  return 1;
}

function selectedOps(opts: RandomExprOptions | undefined): OpSpec[] {
  return opts?.ops === undefined ? [...ALL_OPS] : opts.ops.map(getOp);
}

/** Small integers and short decimals; negatives as num(-c) (what the parser makes of "-2"), never -0. */
const numberArbitrary: fc.Arbitrary<Expr> = fc
  .tuple(
    fc.oneof(
      { arbitrary: fc.integer({ min: 0, max: 9 }), weight: 3 },
      { arbitrary: fc.integer({ min: 1, max: 99 }).map((k) => k / 10), weight: 1 },
      { arbitrary: fc.integer({ min: 1, max: 15 }).map((k) => k / 4), weight: 1 },
    ),
    fc.integer({ min: 0, max: 4 }),
  )
  .map(([magnitude, signDraw]) => num(signDraw === 0 && magnitude !== 0 ? -magnitude : magnitude));

function leafArbitrary(variables: readonly string[], constants: readonly OpSpec[]): fc.Arbitrary<Expr> {
  const choices: fc.WeightedArbitrary<Expr>[] = [{ arbitrary: numberArbitrary, weight: 2 }];
  if (variables.length > 0) {
    choices.push({ arbitrary: fc.constantFrom(...variables).map((name) => variable(name)), weight: 4 });
  }
  if (constants.length > 0) {
    choices.push({ arbitrary: fc.constantFrom(...constants).map((op) => call(op.name, [])), weight: 1 });
  }
  return fc.oneof(...choices);
}

/** A random expression: calls of the chosen ops (arity respected), numbers, variables, pi and e. */
export function exprArbitrary(opts?: RandomExprOptions): fc.Arbitrary<Expr> {
  const ops = selectedOps(opts);
  const variables = opts?.variables ?? DEFAULT_VARIABLES;
  const maxDepth = opts?.maxDepth ?? DEFAULT_MAX_DEPTH;
  const leaf = leafArbitrary(variables, ops.filter((op) => op.arity === 0));
  const functions = ops.filter((op) => op.arity > 0);
  let atDepth = leaf;
  // Level d holds expressions with at most d nested calls; each level reuses the one below.
  // The top level is rarely a bare leaf (a test of a lone number or variable says little).
  for (let depth = 1; depth <= maxDepth && functions.length > 0; depth++) {
    const below = atDepth;
    const calls = functions.map((op) => ({
      arbitrary: fc.tuple(...Array.from({ length: op.arity }, () => below)).map((args) => call(op.name, args)),
      weight: opWeight(op),
    }));
    const callWeight = depth === maxDepth ? 12 : 3;
    atDepth = fc.oneof({ arbitrary: leaf, weight: 1 }, { arbitrary: fc.oneof(...calls), weight: callWeight });
  }
  return atDepth;
}

/** Ids of the nodes whose value depends on some variable (only their partials matter). */
function variableDependentIds(order: readonly Expr[]): Set<number> {
  const dependent = new Set<number>();
  for (const node of order) {
    if (node.kind === "var" || (node.kind === "call" && node.args.some((a) => dependent.has(a.id)))) {
      dependent.add(node.id);
    }
  }
  return dependent;
}

const isModerate = (v: number) => Number.isFinite(v) && Math.abs(v) < MODERATE;

/**
 * Whether a call of `op` at argument values `args` is a safe place to differentiate: inside
 * the op's domain, off its kinks, a moderate value, and moderate partials with respect to the
 * arguments that depend on a variable (∂(x^n)/∂n is never needed for a constant n).
 */
function callIsInside(op: OpSpec, args: readonly number[], out: number, needsPartial: readonly boolean[]): boolean {
  if (op.domain !== undefined && !op.domain(args)) return false;
  if (op.nonDifferentiableAt?.(args) === true) return false;
  if (!isModerate(out)) return false;
  return op.partials.every((rule, i) => !needsPartial[i] || isModerate(rule(numberAlgebra, args, out)));
}

/**
 * True when every sub-expression of `expr` at `point` is inside its op's domain and off its
 * kinks, every value is finite with |v| < 1e6, and every local partial with respect to a
 * variable-dependent argument is finite with |∂| < 1e6. Throws MissingVariableError if the
 * point lacks a variable of `expr`.
 */
export function isInsideDomain(expr: Expr, point: Point): boolean {
  const values = evaluateAll(expr, point);
  const order = topologicalOrder(expr);
  const dependent = variableDependentIds(order);
  for (const node of order) {
    const value = values.get(node.id) as number;
    if (node.kind !== "call") {
      if (!isModerate(value)) return false;
      continue;
    }
    const args = node.args.map((a) => values.get(a.id) as number);
    if (!callIsInside(getOp(node.op), args, value, node.args.map((a) => dependent.has(a.id)))) return false;
  }
  return true;
}

/** One coordinate, from one of several scales (numbers with few digits, so failures read well). */
// Unbiased: fast-check's bias toward bounds and 0 would give coordinates like 0.000001,
// where most expressions sit next to a pole or a kink.
const coordinateArbitrary: fc.Arbitrary<number> = fc.noBias(
  fc.oneof(
    { arbitrary: fc.integer({ min: -3_000, max: 3_000 }).map((k) => k / 1_000), weight: 4 }, // uniform in [-3, 3]
    { arbitrary: fc.integer({ min: -1_000, max: 1_000 }).map((k) => k / 10_000), weight: 1 }, // near 0: |v| ≤ 0.1
    { arbitrary: fc.integer({ min: -5_000, max: 5_000 }).map((k) => k / 100), weight: 1 }, // up to ±50
    { arbitrary: fc.integer({ min: -4, max: 4 }), weight: 1 }, // integers (negative bases of integer powers)
  ),
);

function pointArbitrary(variables: readonly string[]): fc.Arbitrary<Record<string, number>> {
  return fc
    .tuple(...variables.map(() => coordinateArbitrary))
    .map((coords) => Object.fromEntries(variables.map((name, i) => [name, coords[i]])));
}

const CANDIDATE_POINTS = 4;

/**
 * Rebuilds `expr` bottom-up so that it is inside the domain at `point`: a call outside its
 * domain takes the first op of the same arity (in an order set by `seed`) that is inside, or
 * failing all, is replaced by its first argument. Deterministic in (expr, point, seed).
 */
function repairAt(expr: Expr, point: Point, seed: number, ops: readonly OpSpec[]): Expr {
  const repaired = new Map<number, { node: Expr; value: number; dependent: boolean }>();
  let visited = 0;
  for (const node of topologicalOrder(expr)) {
    const rotation = seed + visited++;
    if (node.kind !== "call") {
      const value = evaluateAll(node, point).get(node.id) as number;
      repaired.set(node.id, { node, value, dependent: node.kind === "var" });
      continue;
    }
    const children = node.args.map((a) => repaired.get(a.id) as { node: Expr; value: number; dependent: boolean });
    const args = children.map((c) => c.value);
    const needsPartial = children.map((c) => c.dependent);
    const dependent = needsPartial.some(Boolean);
    const sameArity = ops.filter((op) => op.arity === node.args.length && op.name !== node.op);
    const candidates = [getOp(node.op), ...sameArity.map((_, i) => sameArity[(i + rotation) % sameArity.length])];
    const fitting = candidates.find((op) => callIsInside(op, args, op.eval(args), needsPartial));
    const childNodes = children.map((c) => c.node);
    repaired.set(
      node.id,
      fitting !== undefined
        ? { node: call(fitting.name, childNodes), value: fitting.eval(args), dependent }
        : children[0],
    );
  }
  return (repaired.get(expr.id) as { node: Expr }).node;
}

/**
 * A random expression over `variables` with a point where every sub-expression is inside its
 * op's domain (see isInsideDomain: values |v| < 1e6, local partials finite and |∂| < 1e6,
 * no kinks). The point gives every listed variable a value, used or not. A few candidate
 * points from several scales are tried; if none fits, the expression is repaired at the first
 * (an op outside its domain is swapped for one inside), so generation never starves.
 */
export function exprAtPointArbitrary(
  opts?: RandomExprOptions,
): fc.Arbitrary<{ expr: Expr; point: Record<string, number> }> {
  const variables = opts?.variables ?? DEFAULT_VARIABLES;
  const ops = selectedOps(opts);
  return fc
    .tuple(
      exprArbitrary(opts),
      fc.array(pointArbitrary(variables), { minLength: CANDIDATE_POINTS, maxLength: CANDIDATE_POINTS }),
      fc.nat({ max: 1_000 }),
    )
    .map(([expr, points, seed]) => {
      const fits = points.find((point) => isInsideDomain(expr, point));
      if (fits !== undefined) return { expr, point: fits };
      return { expr: repairAt(expr, points[0], seed, ops), point: points[0] };
    })
    .filter(({ expr, point }) => isInsideDomain(expr, point));
}

/** Uniform in [lo, hi] on a grid of a million steps (unbiased, readable numbers). */
function uniform(lo: number, hi: number): fc.Arbitrary<number> {
  return fc.noBias(fc.integer({ min: 0, max: 1_000_000 })).map((k) => lo + ((hi - lo) * k) / 1_000_000);
}

/** ±[lo, hi]: a magnitude in [lo, hi] with either sign. */
function eitherSign(lo: number, hi: number): fc.Arbitrary<number> {
  return fc.tuple(uniform(lo, hi), fc.boolean()).map(([m, negative]) => (negative ? -m : m));
}

/** t + kπ for t in [lo, hi] and k in {-1, 0, 1}: periodic ops, kept away from their poles. */
function periodic(lo: number, hi: number): fc.Arbitrary<number> {
  return fc.tuple(uniform(lo, hi), fc.integer({ min: -1, max: 1 })).map(([t, k]) => t + k * Math.PI);
}

/**
 * Where each op's arguments are sampled for derivative checks: inside the domain with a margin
 * of at least 0.05 (relative) from every pole, kink and edge, so a central difference with a
 * step below 1e-3·max(1, |x|) stays inside and is accurate. Ops not listed use [-5, 5].
 */
const ARGUMENT_RANGES: Readonly<Record<string, readonly fc.Arbitrary<number>[]>> = {
  div: [uniform(-5, 5), eitherSign(0.1, 5)],
  // Positive bases only: for a negative base a^b is defined at integer b alone, so ∂/∂b is not.
  pow: [uniform(0.1, 4), uniform(-3, 3)],
  log: [uniform(0.05, 20)],
  log10: [uniform(0.05, 20)],
  log2: [uniform(0.05, 20)],
  sqrt: [uniform(0.05, 20)],
  logBase: [uniform(0.1, 20), fc.oneof(uniform(0.1, 0.8), uniform(1.25, 20))],
  cbrt: [eitherSign(0.05, 20)],
  nthRoot: [uniform(0.1, 20), fc.oneof(eitherSign(0.5, 6), fc.integer({ min: 2, max: 5 }))],
  abs: [eitherSign(0.05, 5)],
  sign: [eitherSign(0.05, 5)],
  relu: [eitherSign(0.05, 5)],
  heaviside: [eitherSign(0.05, 5)],
  heavisideTie: [eitherSign(0.05, 5), uniform(-5, 5)],
  tan: [periodic(-1.4, 1.4)],
  sec: [periodic(-1.4, 1.4)],
  csc: [periodic(0.17, Math.PI - 0.17)],
  cot: [periodic(0.17, Math.PI - 0.17)],
  asin: [uniform(-0.95, 0.95)],
  acos: [uniform(-0.95, 0.95)],
  atanh: [uniform(-0.95, 0.95)],
  asec: [eitherSign(1.05, 5)],
  acsc: [eitherSign(1.05, 5)],
  acot: [eitherSign(0.05, 5)],
  acosh: [uniform(1.05, 5)],
  csch: [eitherSign(0.05, 5)],
  coth: [eitherSign(0.05, 5)],
};

/** Ops whose kink is a relation between arguments: max and min kink at a tie, so a and b stay 0.05 apart. */
const ARGUMENT_TUPLES: Readonly<Record<string, fc.Arbitrary<number[]>>> = {
  max: fc.tuple(uniform(-5, 5), eitherSign(0.05, 5)).map(([a, d]) => [a, a + d]),
  min: fc.tuple(uniform(-5, 5), eitherSign(0.05, 5)).map(([a, d]) => [a, a + d]),
};

/**
 * Arguments for one call of `op` where every partial is defined: inside `op.domain`, off its
 * kinks, with a margin (see ARGUMENT_RANGES). For per-op checks of partials and evaluation.
 */
export function opArgumentsArbitrary(op: OpSpec): fc.Arbitrary<number[]> {
  const ranges = ARGUMENT_RANGES[op.name] ?? Array.from({ length: op.arity }, () => uniform(-5, 5));
  return (ARGUMENT_TUPLES[op.name] ?? fc.tuple(...ranges).map((args) => [...args]))
    .filter((args) => (op.domain?.(args) ?? true) && op.nonDifferentiableAt?.(args) !== true);
}
