// The expression families of the swell benchmark, each indexed by n. A family gives the text
// a person would type for member n and the same expression built node by node; hash-consing
// makes the two the same object, so the builder only takes over where the text (whose length
// grows like the tree) would be too long to write out and parse.
import { num, variable, type Expr } from "../ast/expr.js";
import { call } from "../ops/table.js";
import { parse } from "../parse/parse.js";
import { deriveGradient, type DerivationBudget } from "../diff/symbolic/index.js";
import { NodeCounter } from "../diff/symbolic/budget.js";
import { printExpr } from "../print/text.js";

export const FAMILY_NAMES = ["logistic", "product", "nested-sin", "sigmoid-chain", "nth-derivative"] as const;
export type FamilyName = (typeof FAMILY_NAMES)[number];

export function isFamilyName(name: string): name is FamilyName {
  return (FAMILY_NAMES as readonly string[]).includes(name);
}

export interface SwellFamily {
  readonly name: FamilyName;
  /** What member n is, in one line. */
  readonly title: string;
  /** What the family shows. */
  readonly lesson: string;
  /** Whether members are text a person types (read with parse while short enough). */
  readonly typed: boolean;
  /** The variables the gradient is taken with respect to (the first is the one tables show). */
  variables(n: number): string[];
  /** The fixed point where every method's gradient is compared. */
  point(n: number): Record<string, number>;
  /** Member n; `budget` limits the work for families whose members are computed. */
  expression(n: number, budget?: DerivationBudget): Expr;
  /** Member n as text for mathjs (names it knows); long for large n, so call it only for small trees. */
  mathjsText(n: number, expr: Expr): string;
}

/** Members whose tree is at most this big are read from their text, larger ones built. */
export const PARSE_TREE_LIMIT = 20_000;

/** A family whose members are typed by a person: `text(n)` parsed, or `build(n)` when too long. */
interface TypedFamilySpec extends Omit<SwellFamily, "expression" | "mathjsText" | "typed"> {
  text(n: number): string;
  build(n: number): Expr;
  mathjsText?(n: number): string;
}

function typedFamily(spec: TypedFamilySpec): SwellFamily & { text(n: number): string; build(n: number): Expr } {
  return {
    ...spec,
    typed: true,
    expression(n) {
      const built = spec.build(n);
      return built.treeSize <= PARSE_TREE_LIMIT ? parse(spec.text(n)) : built;
    },
    mathjsText: (n) => (spec.mathjsText ?? spec.text)(n),
  };
}

const x = variable("x");
const mul = (a: Expr, b: Expr): Expr => call("mul", [a, b]);
const add = (a: Expr, b: Expr): Expr => call("add", [a, b]);
const sub = (a: Expr, b: Expr): Expr => call("sub", [a, b]);
const wrapUnlessAtom = (text: string): string => (/^\w+$/.test(text) ? text : `(${text})`);

/** l₁ = x, lₙ₊₁ = 4·lₙ·(1 − lₙ), written out (Baydin et al., JMLR 2018, Table 1). */
export const logistic = typedFamily({
  name: "logistic",
  title: "iterated logistic map l(1) = x, l(n+1) = 4*l(n)*(1 - l(n)), typed out in full",
  lesson: "each step writes l(n) twice, so the text doubles while the DAG grows by a constant",
  variables: () => ["x"],
  point: () => ({ x: 0.3 }),
  text(n) {
    let text = "x";
    for (let k = 1; k < n; k++) text = `4*${wrapUnlessAtom(text)}*(1-${text})`;
    return text;
  },
  build(n) {
    let l: Expr = x;
    for (let k = 1; k < n; k++) l = mul(mul(num(4), l), sub(num(1), l));
    return l;
  },
});

const productVariable = (i: number): string => `x${i}`;

/** Speelpenning's product x1·x2·…·xn: n inputs, one output. */
export const product = typedFamily({
  name: "product",
  title: "Speelpenning's product x1*x2*...*xn, full gradient",
  lesson: "n inputs: forward mode needs n passes, reverse mode one; the tree derivative repeats the product n times",
  variables: (n) => Array.from({ length: n }, (_, i) => productVariable(i + 1)),
  // Alternating 1.25 and 0.8 keep the product near 1 for any n.
  point: (n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [productVariable(i + 1), i % 2 === 0 ? 1.25 : 0.8])),
  text: (n) => Array.from({ length: n }, (_, i) => productVariable(i + 1)).join("*"),
  build(n) {
    let p: Expr = variable(productVariable(1));
    for (let i = 2; i <= n; i++) p = mul(p, variable(productVariable(i)));
    return p;
  },
});

/** sin(sin(…sin(x)…)), n deep. */
export const nestedSin = typedFamily({
  name: "nested-sin",
  title: "sin(sin(...sin(x)...)), n deep",
  lesson: "each chain-rule factor cos(inner) copies the inner chain, so the tree derivative grows like n², the shared one like n",
  variables: () => ["x"],
  point: () => ({ x: 0.7 }),
  text: (n) => `${"sin(".repeat(n)}x${")".repeat(n)}`,
  build(n) {
    let s: Expr = x;
    for (let k = 0; k < n; k++) s = call("sin", [s]);
    return s;
  },
});

const weight = (k: number): string => `w${k}`;
const BIAS = 0.5;

/** h0 = x, hk = sigmoid(wk*h(k-1) + 0.5): a network n layers deep, one unit per layer. */
export const sigmoidChain = typedFamily({
  name: "sigmoid-chain",
  title: "h(0) = x, h(k) = sigmoid(wk*h(k-1) + 0.5): n layers, gradient in x and every weight",
  lesson: "a network's depth: sigmoid' = s*(1 - s) copies the layer below into every factor of the tree derivative",
  variables: (n) => ["x", ...Array.from({ length: n }, (_, i) => weight(i + 1))],
  point: (n) => Object.fromEntries([["x", 0.5], ...Array.from({ length: n }, (_, i) => [weight(i + 1), i % 2 === 0 ? 1.5 : -0.8])]),
  text(n) {
    let text = "x";
    for (let k = 1; k <= n; k++) text = `sigmoid(${weight(k)}*${text} + ${BIAS})`;
    return text;
  },
  build(n) {
    let h: Expr = x;
    for (let k = 1; k <= n; k++) h = call("sigmoid", [add(mul(variable(weight(k)), h), num(BIAS))]);
    return h;
  },
  // mathjs has no sigmoid; it gets the definition 1/(1+exp(-u)), which writes u once as well.
  mathjsText(n) {
    let text = "x";
    for (let k = 1; k <= n; k++) text = `1/(1+exp(-(${weight(k)}*${text} + ${BIAS})))`;
    return text;
  },
});

/**
 * Member n is the (n−1)-th derivative of exp(−x²) as `diffscope derive --order` computes it
 * (shared, simplified); so the gradient measured at n is the n-th derivative.
 */
function nthDerivativeFamily(): SwellFamily {
  const members: Expr[] = [];
  return {
    name: "nth-derivative",
    typed: false,
    title: "d^(n-1)/dx^(n-1) exp(-x^2) as diffscope derives it, so the gradient is the n-th derivative",
    lesson:
      "the true n-th derivative is a degree-n polynomial times exp(-x^2), but differentiating a derivative again " +
      "multiplies its DAG: sharing tames one derivative, not a tower of them",
    variables: () => ["x"],
    point: () => ({ x: 0.5 }),
    expression(n, budget) {
      if (members.length === 0) members.push(parse("exp(-x^2)"));
      // One counter for every derivative still to build: the budget holds for member n, not per step.
      const counter = new NodeCounter(budget);
      while (members.length < n) {
        const previous = members[members.length - 1];
        members.push(deriveGradient(previous, ["x"], { mode: "shared", simplify: true, budget: counter }).x);
      }
      return members[n - 1];
    },
    mathjsText: (_n, expr) => printExpr(expr),
  };
}

export const FAMILIES: Readonly<Record<FamilyName, SwellFamily>> = {
  logistic,
  product,
  "nested-sin": nestedSin,
  "sigmoid-chain": sigmoidChain,
  "nth-derivative": nthDerivativeFamily(),
};

/** The typed families, for tests that check text and builder agree. */
export const TYPED_FAMILIES = [logistic, product, nestedSin, sigmoidChain] as const;
