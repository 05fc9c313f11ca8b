// A bounded polynomial normal form: a sub-expression built from + - * unary minus, numbers
// and small integer powers is expanded and collected, other sub-expressions taken as opaque
// atoms (sin(x), a/b, …). The collected form replaces the sub-expression only when its tree
// is strictly smaller (4*x*(1-x) stays; x*z - z*x becomes 0), or as small with fewer atom
// occurrences (4*x*sin(x)*x → 4*x^2*sin(x)), and its coefficients are tidy.
// Expansion stops (the node becomes an atom) past MAX_TERMS terms, MAX_DEGREE degree or
// coefficients beyond MAX_COEFFICIENT, so the work per node is bounded (the pass stays linear
// in the DAG) and so is the loss of accuracy: an expanded high-degree polynomial with large
// alternating coefficients (the logistic map's l5') cancels badly in float64.
// Collecting is safe inside the domain only: an atom that cancels (log(x) - log(x) → 0) or is
// multiplied by 0 disappears with the NaN it would give outside its domain.
import { callNode, num, variable, type Call, type Expr } from "../../ast/expr.js";
import { significantDigits } from "./numbers.js";

const MAX_TERMS = 16;
const MAX_DEGREE = 8;
const MAX_COEFFICIENT = 1e4;
/**
 * Only sub-expressions up to this tree size are normalized: the collected form is for
 * expressions a person reads. In a swollen shared derivative, rewriting a big node whose
 * parts are shared elsewhere would copy them and grow the DAG.
 */
const MAX_NORMALIZED_TREE = 2000;
/** Coefficients may be written in this many digits (or as many as the literals they came from). */
const TIDY_DIGITS = 15;

/** An atom (by rank) raised to a positive integer power. */
type Factor = readonly [rank: number, exponent: number];

interface Term {
  readonly coefficient: number;
  /** Sorted by rank, each rank once. */
  readonly factors: readonly Factor[];
  readonly degree: number;
}

interface Polynomial {
  /** By monomial key; no zero coefficients. */
  readonly terms: ReadonlyMap<string, Term>;
  /** Most significant digits among the literals it was built from. */
  readonly literalDigits: number;
}

function occurrencesOf(p: Polynomial): number {
  let total = 0;
  for (const t of p.terms.values()) total += t.factors.length;
  return total;
}

const monomialKey = (factors: readonly Factor[]): string => factors.map(([r, e]) => `${r}^${e}`).join("*");

function isCall<Op extends string>(e: Expr, op: Op): e is Call & { readonly op: Op } {
  return e.kind === "call" && e.op === op;
}

/** A small non-negative integer exponent that expansion may unfold. */
function expandableExponent(e: Expr): number | undefined {
  if (!isCall(e, "pow")) return undefined;
  const exponent = e.args[1];
  if (exponent.kind !== "num" || !Number.isInteger(exponent.value)) return undefined;
  return exponent.value >= 0 && exponent.value <= MAX_DEGREE ? exponent.value : undefined;
}

function isPolynomialNode(e: Expr): boolean {
  if (e.kind !== "call") return false;
  return ["add", "sub", "mul", "neg"].includes(e.op) || expandableExponent(e) !== undefined;
}

/** The arguments whose polynomials a polynomial node is built from. */
function polynomialArgs(e: Expr): readonly Expr[] {
  if (!isPolynomialNode(e) || e.kind !== "call") return [];
  return e.op === "pow" ? [e.args[0]] : e.args;
}

function makePolynomial(terms: Map<string, Term>, literalDigits: number): Polynomial | undefined {
  if (terms.size > MAX_TERMS) return undefined;
  for (const t of terms.values()) if (!(Math.abs(t.coefficient) <= MAX_COEFFICIENT)) return undefined;
  return { terms, literalDigits };
}

function addTerm(terms: Map<string, Term>, coefficient: number, factors: readonly Factor[], degree: number): void {
  const key = monomialKey(factors);
  const total = (terms.get(key)?.coefficient ?? 0) + coefficient;
  if (total === 0) terms.delete(key);
  else terms.set(key, { coefficient: total, factors, degree });
}

function linearCombination(p: Polynomial, q: Polynomial, sign: 1 | -1): Polynomial | undefined {
  const terms = new Map(p.terms);
  for (const t of q.terms.values()) addTerm(terms, sign * t.coefficient, t.factors, t.degree);
  return makePolynomial(terms, Math.max(p.literalDigits, q.literalDigits));
}

function multiplyFactors(a: readonly Factor[], b: readonly Factor[]): Factor[] {
  const merged: Factor[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i][0] < b[j][0])) merged.push(a[i++]);
    else if (i >= a.length || b[j][0] < a[i][0]) merged.push(b[j++]);
    else merged.push([a[i][0], a[i++][1] + b[j++][1]]);
  }
  return merged;
}

function product(p: Polynomial, q: Polynomial): Polynomial | undefined {
  if (p.terms.size * q.terms.size > MAX_TERMS * MAX_TERMS) return undefined;
  const terms = new Map<string, Term>();
  for (const s of p.terms.values()) {
    for (const t of q.terms.values()) {
      const degree = s.degree + t.degree;
      if (degree > MAX_DEGREE) return undefined;
      addTerm(terms, s.coefficient * t.coefficient, multiplyFactors(s.factors, t.factors), degree);
    }
  }
  return makePolynomial(terms, Math.max(p.literalDigits, q.literalDigits));
}

function constant(c: number): Polynomial {
  const terms = new Map<string, Term>();
  if (c !== 0) terms.set("", { coefficient: c, factors: [], degree: 0 });
  return { terms, literalDigits: significantDigits(c) };
}

function power(p: Polynomial, k: number): Polynomial | undefined {
  let result: Polynomial | undefined = constant(1);
  for (let i = 0; i < k && result !== undefined; i++) result = product(result, p);
  return result;
}

/** Terms in reading order: by degree, then by atom rank (variables by name come first). */
function compareTerms(s: Term, t: Term): number {
  if (s.degree !== t.degree) return s.degree - t.degree;
  for (let i = 0; i < Math.min(s.factors.length, t.factors.length); i++) {
    const [rs, es] = s.factors[i];
    const [rt, et] = t.factors[i];
    if (rs !== rt) return rs - rt;
    if (es !== et) return et - es;
  }
  return s.factors.length - t.factors.length;
}

export class PolynomialNormalizer {
  private readonly rankById = new Map<number, number>();
  private readonly atoms: Expr[] = [];
  private readonly polynomials = new Map<number, Polynomial>();
  /** Atom occurrences in a node written out (x*x has 2, x^2 has 1). */
  private readonly occurrences = new Map<number, number>();

  /** Variables get the first ranks, by name, so terms come out in a stable order. */
  constructor(variableNames: readonly string[]) {
    for (const name of [...variableNames].sort()) this.rankOf(variable(name));
  }

  /** The collected form of `node` if smaller (or as small with fewer atoms) and tidy, else `node`. */
  normalForm(node: Expr): Expr {
    if (!isPolynomialNode(node) || node.treeSize > MAX_NORMALIZED_TREE) return node;
    const p = this.polynomialOf(node);
    const size = this.treeSizeOf(p);
    if (!this.isImprovement(size, occurrencesOf(p), node)) return node;
    const allowedDigits = Math.max(TIDY_DIGITS, p.literalDigits);
    for (const t of p.terms.values()) {
      if (!Number.isFinite(t.coefficient) || significantDigits(t.coefficient) > allowedDigits) return node;
    }
    const built = this.build(p);
    this.polynomials.set(built.id, p);
    this.occurrences.set(built.id, occurrencesOf(p));
    return built;
  }

  /** Smaller, or as small with fewer atom occurrences. */
  private isImprovement(size: number, occurrences: number, node: Expr): boolean {
    if (size < node.treeSize) return true;
    return size === node.treeSize && occurrences < (this.occurrences.get(node.id) as number);
  }

  private rankOf(atom: Expr): number {
    let rank = this.rankById.get(atom.id);
    if (rank === undefined) {
      rank = this.atoms.length;
      this.atoms.push(atom);
      this.rankById.set(atom.id, rank);
    }
    return rank;
  }

  private atomPolynomial(atom: Expr): Polynomial {
    const factors: Factor[] = [[this.rankOf(atom), 1]];
    return { terms: new Map([[monomialKey(factors), { coefficient: 1, factors, degree: 1 }]]), literalDigits: 0 };
  }

  /** Polynomials of `root` and the nodes below it, on an explicit stack (no deep recursion). */
  private polynomialOf(root: Expr): Polynomial {
    const stack: Expr[] = [root];
    while (stack.length > 0) {
      const node = stack[stack.length - 1];
      if (this.polynomials.has(node.id)) {
        stack.pop();
        continue;
      }
      const pending = polynomialArgs(node).filter((a) => !this.polynomials.has(a.id));
      if (pending.length > 0) {
        stack.push(...pending);
        continue;
      }
      stack.pop();
      this.polynomials.set(node.id, this.expand(node) ?? this.atomPolynomial(node));
      const args = polynomialArgs(node);
      const own = isPolynomialNode(node) || node.kind === "num" ? 0 : 1;
      this.occurrences.set(node.id, args.reduce((total, a) => total + (this.occurrences.get(a.id) as number), own));
    }
    return this.polynomials.get(root.id) as Polynomial;
  }

  /** The expanded polynomial of a node whose arguments are done; undefined makes it an atom. */
  private expand(node: Expr): Polynomial | undefined {
    if (node.kind === "num") return Number.isFinite(node.value) ? constant(node.value) : undefined;
    if (!isPolynomialNode(node) || node.kind !== "call") return undefined;
    const args = polynomialArgs(node).map((a) => this.polynomials.get(a.id) as Polynomial);
    switch (node.op) {
      case "add": return linearCombination(args[0], args[1], 1);
      case "sub": return linearCombination(args[0], args[1], -1);
      case "neg": return linearCombination(constant(0), args[0], -1);
      case "mul": return product(args[0], args[1]);
      case "pow": return power(args[0], expandableExponent(node) as number);
      default: return undefined;
    }
  }

  private sortedTerms(p: Polynomial): Term[] {
    return [...p.terms.values()].sort(compareTerms);
  }

  /** Tree size of what build(p) would make, without building it (nodes are never freed). */
  private treeSizeOf(p: Polynomial): number {
    const terms = this.sortedTerms(p);
    if (terms.length === 0) return 1;
    let size = terms.length - 1;
    terms.forEach((t, i) => {
      size += this.termSize(i === 0 ? t.coefficient : Math.abs(t.coefficient), t.factors);
    });
    return size;
  }

  private termSize(coefficient: number, factors: readonly Factor[]): number {
    if (factors.length === 0) return 1;
    let size = factors.length - 1;
    for (const [rank, exponent] of factors) size += this.atoms[rank].treeSize + (exponent === 1 ? 0 : 2);
    if (coefficient === 1) return size;
    return coefficient === -1 ? size + 1 : size + 2;
  }

  private build(p: Polynomial): Expr {
    const terms = this.sortedTerms(p);
    if (terms.length === 0) return num(0);
    let sum = this.termExpr(terms[0].coefficient, terms[0].factors);
    for (const t of terms.slice(1)) {
      const negative = t.coefficient < 0;
      const term = this.termExpr(Math.abs(t.coefficient), t.factors);
      sum = callNode(negative ? "sub" : "add", [sum, term]);
    }
    return sum;
  }

  /** c·a^i·b^j… as a left-nested product with the coefficient first: 8*x*y^2. */
  private termExpr(coefficient: number, factors: readonly Factor[]): Expr {
    if (factors.length === 0) return num(coefficient);
    const powers = factors.map(([rank, exponent]) =>
      exponent === 1 ? this.atoms[rank] : callNode("pow", [this.atoms[rank], num(exponent)]),
    );
    if (coefficient === -1) {
      return callNode("neg", [powers.slice(1).reduce((acc, f) => callNode("mul", [acc, f]), powers[0])]);
    }
    const start = coefficient === 1 ? powers[0] : callNode("mul", [num(coefficient), powers[0]]);
    return powers.slice(1).reduce((acc, f) => callNode("mul", [acc, f]), start);
  }
}
