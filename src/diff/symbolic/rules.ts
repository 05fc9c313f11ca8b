// Local rewrite rules of the simplifier, as smart constructors over already-simplified
// arguments. Every rule returns a tree no larger than `op(a, b)` built plainly.
//
// Rules marked "inside the domain" drop or merge an operand, so they can turn a NaN or an
// infinity outside the domain into a number: x*0 → 0 and 0/x → 0 (lose x = ±∞ or NaN),
// x - x → 0, x/x → 1 and (p·q)/q → p (lose x = ±∞, and x = 0 or q = 0 for the division), x^a·x^b → x^(a+b) (loses
// x = 0 with a < 0), x^0 → 1 and 1^x → 1 (lose x = NaN). Derivatives are claimed only
// inside the domain, where these are identities.
import { callNode, num, type Call, type Expr } from "../../ast/expr.js";
import { foldArithmetic, foldLiterals, isNumber, isZero } from "./numbers.js";

const isOne = (e: Expr): boolean => isNumber(e, 1);
const isNonFiniteNumber = (e: Expr): boolean => e.kind === "num" && !Number.isFinite(e.value);
/** Narrows to a call of `op` (typed so a failed test does not rule out other calls). */
function isCall<Op extends string>(e: Expr, op: Op): e is Call & { readonly op: Op } {
  return e.kind === "call" && e.op === op;
}

// --- numeric coefficients. A coefficient is written first. In a short product it sits at the
// leftmost leaf of the left-nested chain, so 8·x·y is mul(mul(8, x), y) and prints "8*x*y";
// a longer product keeps it outside, mul(8, chain), so the chain stays one shared node. (Moving
// a coefficient into a chain rebuilds the chain; in a DAG where products are as long as the
// expression is deep — the logistic map's l_k = 4^k·x·(1-x)·… — that would make the result's
// DAG grow quadratically instead of linearly.) A quotient's coefficient is its numerator's.

/** Factors a coefficient may be moved past. */
const MAX_CHAIN = 4;

/**
 * Collected coefficients stay within 2^±20: collecting reorders a product, and in a deep one
 * (the logistic map's derivative at n = 1000 is 1e300) a large coefficient multiplied first
 * would overflow where the original, multiplying step by step, does not.
 */
const MAX_COEFFICIENT_MAGNITUDE = 2 ** 20;

function mergeCoefficients(op: "mul" | "div", c: number, d: number): number | undefined {
  const merged = foldArithmetic(op, c, d);
  if (merged === undefined || merged === 0) return merged;
  const magnitude = Math.abs(merged);
  return magnitude <= MAX_COEFFICIENT_MAGNITUDE && magnitude >= 1 / MAX_COEFFICIENT_MAGNITUDE ? merged : undefined;
}

/** The leftmost leaf of a mul chain and the factors to its right; undefined if too long. */
function productChain(e: Expr): { leaf: Expr; rightFactors: Expr[] } | undefined {
  const rightFactors: Expr[] = [];
  let current: Expr = e;
  while (isCall(current, "mul")) {
    if (rightFactors.length >= MAX_CHAIN) return undefined;
    rightFactors.push(current.args[1]);
    current = current.args[0];
  }
  rightFactors.reverse();
  return { leaf: current, rightFactors };
}

const product = (factors: readonly Expr[], start: Expr): Expr =>
  factors.reduce((acc, f) => callNode("mul", [acc, f]), start);

/** [c, rest] when e = c·rest with a written coefficient c: 8*x*y → [8, x*y], 2*x/y → [2, x/y]. */
function splitCoefficient(e: Expr): [number, Expr] | undefined {
  if (isCall(e, "div")) {
    const numerator = splitCoefficient(e.args[0]);
    return numerator && [numerator[0], callNode("div", [numerator[1], e.args[1]])];
  }
  if (!isCall(e, "mul")) return undefined;
  const chain = productChain(e);
  if (chain === undefined || chain.leaf.kind !== "num" || !Number.isFinite(chain.leaf.value)) return undefined;
  const [first, ...others] = chain.rightFactors;
  return [chain.leaf.value, product(others, first)];
}

/**
 * c · e, merged with e's own coefficient; undefined when the coefficients do not merge (the
 * caller then keeps its node as it was, so a failed merge never restructures a product).
 */
function withCoefficient(c: number, e: Expr): Expr | undefined {
  if (c === 0) return num(0);
  if (e.kind === "num") return foldLiterals("mul", num(c), e);
  if (isCall(e, "neg")) return withCoefficient(-c, e.args[0]);
  if (isCall(e, "div")) {
    const numerator = withCoefficient(c, e.args[0]);
    return numerator && div(numerator, e.args[1]);
  }
  const split = splitCoefficient(e);
  if (split !== undefined) {
    const merged = mergeCoefficients("mul", c, split[0]);
    return merged === undefined ? undefined : withCoefficient(merged, split[1]);
  }
  if (c === 1) return e;
  if (c === -1) return neg(e);
  const chain = productChain(e);
  if (chain === undefined) return callNode("mul", [num(c), e]);
  return product(chain.rightFactors, callNode("mul", [num(c), chain.leaf]));
}

/** An expression for -e no larger than e, when e carries its own sign (-u, -2, -8*x, -1/x). */
function negated(e: Expr): Expr | undefined {
  if (isCall(e, "neg")) return e.args[0];
  if (e.kind === "num") return e.value < 0 ? num(-e.value) : undefined;
  if (isCall(e, "div")) {
    const numerator = negated(e.args[0]);
    return numerator && callNode("div", [numerator, e.args[1]]);
  }
  const split = splitCoefficient(e);
  return split !== undefined && split[0] < 0 ? withCoefficient(-split[0], split[1]) : undefined;
}

// --- powers

/** [base, exponent] for x^c with a numeric c, else [e, 1]. */
function powerParts(e: Expr): [Expr, number] {
  if (isCall(e, "pow") && e.args[1].kind === "num" && Number.isFinite(e.args[1].value)) {
    return [e.args[0], e.args[1].value];
  }
  return [e, 1];
}

/** x^p · x^q → x^(p+q) (and x·x → x^2, x^p / x^q → x^(p-q)) for numeric p, q; inside the domain. */
function mergePowers(a: Expr, b: Expr, combine: "add" | "sub"): Expr | undefined {
  const [baseA, p] = powerParts(a);
  const [baseB, q] = powerParts(b);
  if (baseA !== baseB || baseA.kind === "num") return undefined;
  const exponent = foldArithmetic(combine, p, q);
  return exponent === undefined ? undefined : pow(baseA, num(exponent));
}

// --- the constructors

export function neg(a: Expr): Expr {
  if (a.kind === "num") return num(a.value === 0 ? 0 : -a.value);
  const n = negated(a); // -(-u) → u, -(-8*x) → 8*x
  if (n !== undefined) return n;
  if (isCall(a, "sub")) return sub(a.args[1], a.args[0]); // -(u - v) → v - u
  const split = splitCoefficient(a);
  const flipped = split && withCoefficient(-split[0], split[1]); // -(8*x) → -8*x
  if (flipped !== undefined) return flipped;
  if (isCall(a, "div") && a.args[0].kind === "num") return div(num(-a.args[0].value), a.args[1]); // -(2/x) → -2/x
  return callNode("neg", [a]);
}

export function add(a: Expr, b: Expr): Expr {
  if (isNonFiniteNumber(a) || isNonFiniteNumber(b)) return callNode("add", [a, b]);
  const folded = foldLiterals("add", a, b);
  if (folded !== undefined) return folded;
  if (isZero(a)) return b;
  if (isZero(b)) return a;
  const doubled = a === b ? withCoefficient(2, a) : undefined; // x + x → 2*x
  if (doubled !== undefined) return doubled;
  const minusB = negated(b);
  if (minusB !== undefined) return sub(a, minusB); // a + -8*x → a - 8*x
  const minusA = negated(a);
  if (minusA !== undefined) return sub(b, minusA); // -u + b → b - u
  return callNode("add", [a, b]);
}

export function sub(a: Expr, b: Expr): Expr {
  if (isNonFiniteNumber(a) || isNonFiniteNumber(b)) return callNode("sub", [a, b]);
  const folded = foldLiterals("sub", a, b);
  if (folded !== undefined) return folded;
  if (isZero(b)) return a;
  if (isZero(a)) return neg(b);
  if (a === b) return num(0); // inside the domain
  const minusB = negated(b);
  if (minusB !== undefined) return add(a, minusB); // a - -u → a + u
  return callNode("sub", [a, b]);
}

export function mul(a: Expr, b: Expr): Expr {
  if (isNonFiniteNumber(a) || isNonFiniteNumber(b)) return callNode("mul", [a, b]);
  const folded = foldLiterals("mul", a, b);
  if (folded !== undefined) return folded;
  if (a.kind === "num" && b.kind === "num") return callNode("mul", [a, b]);
  if (isZero(a) || isZero(b)) return num(0); // inside the domain
  if (b.kind === "num") return mul(b, a); // numbers first: x*2 → 2*x
  if (a.kind === "num") return withCoefficient(a.value, b) ?? callNode("mul", [a, b]); // 2*(3*x) → 6*x
  const splitA = splitCoefficient(a);
  const splitB = splitCoefficient(b);
  if (splitA !== undefined || splitB !== undefined) {
    const [ca, ra] = splitA ?? [1, a];
    const [cb, rb] = splitB ?? [1, b];
    const merged = mergeCoefficients("mul", ca, cb);
    const collected = merged === undefined ? undefined : withCoefficient(merged, mul(ra, rb));
    if (collected !== undefined) return collected; // (2*x)*(3*y) → 6*x*y
  }
  if (isCall(a, "neg")) return neg(mul(a.args[0], b));
  if (isCall(b, "neg")) return neg(mul(a, b.args[0]));
  if (isCall(a, "div") && a.args[1] === b) return a.args[0]; // (p/q)*q → p, inside the domain
  if (isCall(b, "div") && b.args[1] === a) return b.args[0];
  if (isCall(b, "div") && isOne(b.args[0])) return div(a, b.args[1]); // a * (1/d) → a/d
  if (isCall(a, "div") && isOne(a.args[0])) return div(b, a.args[1]);
  return mergePowers(a, b, "add") ?? callNode("mul", [a, b]);
}

export function div(a: Expr, b: Expr): Expr {
  if (isNonFiniteNumber(a) || isNonFiniteNumber(b)) return callNode("div", [a, b]);
  const folded = foldLiterals("div", a, b);
  if (folded !== undefined) return folded;
  if (a.kind === "num" && b.kind === "num") return callNode("div", [a, b]);
  if (isZero(a)) return num(0); // inside the domain (b ≠ 0)
  if (isOne(b)) return a;
  if (isNumber(b, -1)) return neg(a);
  if (a === b) return num(1); // inside the domain (b ≠ 0)
  if (isCall(a, "neg")) return neg(div(a.args[0], b));
  if (isCall(b, "neg")) return neg(div(a, b.args[0]));
  // (6*x)/3 → 2*x, (2*x)/(4*y) → 0.5*x/y, 6/(2*x) → 3/x; a bare numerator keeps x/(2*y).
  const splitA: [number, Expr] | undefined = a.kind === "num" ? [a.value, num(1)] : splitCoefficient(a);
  const splitB: [number, Expr] | undefined = b.kind === "num" ? [b.value, num(1)] : splitCoefficient(b);
  if (splitA !== undefined && splitB !== undefined) {
    const ratio = mergeCoefficients("div", splitA[0], splitB[0]);
    const collected = ratio === undefined ? undefined : withCoefficient(ratio, div(splitA[1], splitB[1]));
    if (collected !== undefined) return collected;
  }
  if (isCall(b, "div") && isOne(b.args[0])) return mul(a, b.args[1]); // a / (1/d) → a*d
  if (isCall(a, "mul") && a.args[1] === b) return a.args[0]; // (p*q)/q → p, inside the domain (q ≠ 0)
  if (isCall(a, "mul") && a.args[0] === b) return a.args[1]; // σ(1 − σ)/σ → 1 − σ
  const denominator = isCall(a, "div") ? mergePowers(a.args[1], b, "add") : undefined;
  if (isCall(a, "div") && denominator !== undefined) return div(a.args[0], denominator); // p/q/q → p/q^2
  return mergePowers(a, b, "sub") ?? callNode("div", [a, b]);
}

export function pow(a: Expr, b: Expr): Expr {
  if (isNonFiniteNumber(a) || isNonFiniteNumber(b)) return callNode("pow", [a, b]);
  const folded = foldLiterals("pow", a, b);
  if (folded !== undefined) return folded;
  if (isOne(b)) return a;
  if (isZero(b)) return num(1); // inside the domain
  if (isOne(a)) return num(1); // inside the domain
  if (isZero(a) && b.kind === "num" && b.value > 0) return num(0);
  // (x^p)^q → x^(p·q) for an integer q: holds wherever x^p is real.
  if (isCall(a, "pow") && a.args[1].kind === "num" && b.kind === "num" && Number.isInteger(b.value)) {
    const exponent = foldArithmetic("mul", a.args[1].value, b.value);
    if (exponent !== undefined) return pow(a.args[0], num(exponent));
  }
  return callNode("pow", [a, b]);
}

/** The rules for one call node whose arguments are already simplified (other ops: as is). */
export function simplifyCall(op: string, args: readonly Expr[]): Expr {
  switch (op) {
    case "add": return add(args[0], args[1]);
    case "sub": return sub(args[0], args[1]);
    case "mul": return mul(args[0], args[1]);
    case "div": return div(args[0], args[1]);
    case "neg": return neg(args[0]);
    case "pow": return pow(args[0], args[1]);
    // log(e) is exactly 1 (the rule d/dx a^x = a^x·log(a) meets it with a = e); other
    // transcendental calls are never folded: log(10) stays readable.
    case "log": return isCall(args[0], "e") ? num(1) : callNode(op, args);
    default: return callNode(op, args);
  }
}
