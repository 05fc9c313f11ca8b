// Sums over an index as the lecture writes them (Σ_j β_j z_j), comma subscripts (α_{j,i}) and
// Greek quantities in derivative notation (dJ/dtheta_1), read by the scalar reader.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { callNode, num, variable, type Expr } from "../../src/ast/expr.js";
import { countParses, INDEX_SUM_OP, parse, readExpression, type ReadContext, usesNotation } from "../../src/parse/parse.js";
import { parseTyped } from "../../src/typed/parse.js";
import { parseErrorOf } from "../support/parse-error.js";

const SHEET: ReadContext = { indexSums: true };
const read = (text: string): Expr => parse(text, SHEET);
const v = variable;
const mul = (a: Expr, b: Expr): Expr => callNode("mul", [a, b]);
const sum = (index: string, body: Expr): Expr => callNode(INDEX_SUM_OP, [v(index), body]);

describe("Σ_j: a sum over an index", () => {
  it("reads every spelling of the lecture's Σ_j β_j z_j to indexSum(j, β_j z_j), with one parse", () => {
    const expected = sum("j", mul(v("beta_j"), v("z_j")));
    const spellings = [
      "\\sum_j \\beta_j z_j",
      "\\sum_{j} \\beta_j z_j",
      "\\sum_{j=0}^D \\beta_j z_j",
      "\\sum_{j = 1}^{M} \\beta_{j} z_{j}",
      "\\sum\\limits_{j=1}^{n} \\beta_j z_j",
      "Σ_j β_j z_j",
      "∑_j β_j z_j",
      "sum_j beta_j z_j",
      "sum_{j} beta_j z_j",
      "Σ_jβ_j z_j",
    ];
    for (const text of spellings) {
      expect(countParses(text), text).toBe(1);
      expect(read(text), text).toBe(expected);
      expect(readExpression(text, SHEET).usedNotation, text).toBe(true);
    }
    expect(INDEX_SUM_OP).toBe("indexSum");
  });

  it("keeps the bounds as written (in the reading note) but sums over the index alone", () => {
    expect(readExpression("\\sum_{i=1}^{M} x_i", SHEET).notes).toEqual(["\\sum_{i=1}^{M} read as the sum over i of the term after it (written from 1 to M; i runs over the declared shape)"]);
    expect(readExpression("sum_j^n x_j", SHEET).notes).toEqual(["sum_j^n read as the sum over j of the term after it (written to n; j runs over the declared shape)"]);
    expect(readExpression("Σ_j x_j", SHEET).notes).toEqual(["Σ_j read as the sum over j of the term after it"]);
    expect(read("\\sum_{i=1}^{M} x_i")).toBe(read("Σ_i x_i"));
  });

  it("takes the whole term after it: implicit products, * and /, up to the next top-level + or −", () => {
    const [a, b, c, d] = ["a_j", "b_j", "c", "d"].map((name) => v(name));
    expect(read("Σ_j a_j b_j + c")).toBe(callNode("add", [sum("j", mul(a, b)), c]));
    expect(read("Σ_j a_j / b_j")).toBe(sum("j", callNode("div", [a, b])));
    expect(read("Σ_j a_j * b_j / c")).toBe(sum("j", callNode("div", [mul(a, b), c])));
    expect(read("c - Σ_j a_j b_j - d")).toBe(callNode("sub", [callNode("sub", [c, sum("j", mul(a, b))]), d]));
    expect(read("Σ_j (b_j + c) a_j")).toBe(sum("j", mul(callNode("add", [b, c]), a)));
    expect(read("(Σ_j a_j) b_j")).toBe(mul(sum("j", a), b));
    expect(read("Σ_j -a_j + c")).toBe(callNode("add", [sum("j", callNode("neg", [a])), c]));
  });

  it("sums the product in the lecture's dJ/dx_i = Σ_j dJ/da_j da_j/dx_i", () => {
    const context: ReadContext = { indexSums: true, derivative: (of, wrt) => v(`d${of}_d${wrt}`) };
    const expected = sum("j", mul(v("dJ_da_j"), v("da_j_dx_i")));
    for (const text of ["\\sum_j \\frac{dJ}{da_j} \\frac{da_j}{dx_i}", "Σ_j dJ/da_j · da_j/dx_i", "sum_j dJ/da_j * da_j/dx_i"]) {
      expect(parse(text, context), text).toBe(expected);
    }
  });

  it("nests, and follows a unary minus", () => {
    expect(read("Σ_j Σ_i α_{j,i} x_i")).toBe(sum("j", sum("i", mul(v("alpha_j_i"), v("x_i")))));
    expect(read("-Σ_j x_j")).toBe(callNode("neg", [sum("j", v("x_j"))]));
    expect(read("c + -Σ_j x_j")).toBe(callNode("add", [v("c"), callNode("neg", [sum("j", v("x_j"))])]));
    expect(read("Σ_j -Σ_i x_i")).toBe(sum("j", callNode("neg", [sum("i", v("x_i"))])));
    expect(read("2^{Σ_j x_j}")).toBe(callNode("pow", [num(2), sum("j", v("x_j"))]));
  });

  it("starts a term only: after an operand it is an error that says where a sum goes", () => {
    const error = parseErrorOf(() => read("x Σ_j y_j"));
    expect([error.reason, error.line, error.column]).toEqual(['unexpected "Σ_j"', 1, 3]);
    expect(error.hint).toContain("starts a term");
  });

  it("a longer subscript or a bare Σ is no sum: Σ_{ji} and Σ stay names, sum_jk too", () => {
    expect(read("Σ_{ji}")).toBe(v("Sigma_ji"));
    expect(read("Σ + 1")).toBe(callNode("add", [v("Sigma"), num(1)]));
    expect(read("sum_jk")).toBe(v("sum_jk"));
  });

  it("without ReadContext.indexSums it is refused where it stands, with line:col and the hint", () => {
    for (const [text, line, column, offending] of [
      ["x + \\sum_j z_j", 1, 5, "\\sum_j"],
      ["Σ_j a_j", 1, 1, "Σ_j"],
      ["a +\n  sum_{j=1}^{n} x_j", 2, 3, "sum_{j=1}^{n}"],
    ] as const) {
      const error = parseErrorOf(() => parse(text));
      expect([error.reason, error.line, error.column, error.offending], text).toEqual([`${offending} cannot be used here`, line, column, offending]);
      expect(error.hint, text).toMatch(/^sums over an index \(\\sum_j\) are read in a backward sheet only/);
      expect(error.rendered.split("\n")[2].trim(), text).toBe("^".repeat(offending.length));
    }
    // A \sum that is no index sum is refused by the token pass, as before.
    expect(parseErrorOf(() => read("\\sum x")).reason).toBe("\\sum cannot be used here");
    // The typed reader never builds one either.
    expect(parseErrorOf(() => parseTyped("Σ_j x_j", new Map([["x", { kind: "vector", n: 3 } as never]]))).reason).toBe("Σ_j cannot be used here");
  });

  it("has exactly one parse, and the reading the terms were written with, over random sums", () => {
    fc.assert(
      fc.property(expression(3), ({ text, expr }) => {
        expect(countParses(text), text).toBe(1);
        expect(read(text), text).toBe(expr);
      }),
      { numRuns: 1500 },
    );
  });
});

interface Written {
  readonly text: string;
  readonly expr: Expr;
}

const LETTERS = ["i", "j", "k"] as const;

/** Terms joined by + and −, each a product or a (signed) sum over its term. */
function expression(depth: number): fc.Arbitrary<Written> {
  return fc.tuple(term(depth), fc.array(fc.tuple(fc.constantFrom("+", "-"), term(depth)), { maxLength: 2 })).map(([first, rest]) =>
    rest.reduce<Written>((left, [op, right]) => ({ text: `${left.text} ${op} ${right.text}`, expr: callNode(op === "+" ? "add" : "sub", [left.expr, right.expr]) }), first),
  );
}

function term(depth: number): fc.Arbitrary<Written> {
  const product = fc.tuple(chain(depth), fc.array(fc.tuple(fc.constantFrom("*", "/"), chain(depth)), { maxLength: 2 })).map(([first, rest]) =>
    rest.reduce<Written>((left, [op, right]) => ({ text: `${left.text} ${op} ${right.text}`, expr: callNode(op === "*" ? "mul" : "div", [left.expr, right.expr]) }), first),
  );
  if (depth === 0) return product;
  const summed = fc.tuple(fc.boolean(), fc.constantFrom(...LETTERS), fc.constantFrom("Σ_", "\\sum_", "sum_", "∑_"), term(depth - 1)).map(([negated, index, sign, body]) => {
    const text = `${negated ? "-" : ""}${sign}${index} ${body.text}`;
    const expr = sum(index, body.expr);
    return { text, expr: negated ? callNode("neg", [expr]) : expr };
  });
  return fc.oneof(product, summed);
}

/**
 * Operands side by side (an implicit product, tighter than * and /). A parenthesis comes first
 * only: after a name, `a_j (…)` has the reading of a call written as a product, a rule of its own.
 */
function chain(depth: number): fc.Arbitrary<Written> {
  const first = depth === 0 ? NAME : fc.oneof(NAME, expression(depth - 1).map((inner) => ({ text: `(${inner.text})`, expr: inner.expr })));
  return fc.tuple(first, fc.array(NAME, { maxLength: 2 })).map(([head, names]) =>
    names.reduce((left, right) => ({ text: `${left.text} ${right.text}`, expr: mul(left.expr, right.expr) }), head),
  );
}

const NAME: fc.Arbitrary<Written> = fc.constantFrom("a_j", "b_i", "c", "x_k").map((n) => ({ text: n, expr: v(n) }));

describe("comma subscripts", () => {
  it("α_{j,i} is alpha_j_i in every spelling; α_{ji} stays alpha_ji", () => {
    for (const text of ["\\alpha_{j,i}", "alpha_{j,i}", "α_{j,i}", "\\alpha_{j, i}"]) expect(parse(text), text).toBe(v("alpha_j_i"));
    expect(parse("α_{ji}")).toBe(v("alpha_ji"));
  });
});

describe("Greek quantities in derivative notation", () => {
  const context: ReadContext = { derivative: (of, wrt) => v(`D(${of}|${wrt})`) };
  const quantities = (text: string): string => {
    const expr = parse(text, context);
    return expr.kind === "var" ? expr.name : `not one quantity: ${expr.kind}`;
  };

  it("name the quantity as every name is read: dJ/dtheta_1 is theta_1", () => {
    const cases: [string, string][] = [
      ["dJ/dtheta_1", "D(J|theta_1)"],
      ["dJ/dalpha_ji", "D(J|alpha_ji)"],
      ["dJ/dbeta_j", "D(J|beta_j)"],
      ["\\frac{dJ}{dalpha_{ji}}", "D(J|alpha_ji)"],
      ["dJ/dalpha_{j,i}", "D(J|alpha_j_i)"],
      ["dJdtheta_1", "D(J|theta_1)"],
      ["dtheta/dalpha", "D(theta|alpha)"],
      ["dJ/dsigma", "D(J|sigma)"],
      ["\\frac{dJ}{d\\sigma}", "D(J|sigma)"],
      ["\\partial J/\\partial \\theta _1", "D(J|theta_1)"],
      ["∂J/∂θ₁", "D(J|theta_1)"],
      ["dJ/dβ_1", "D(J|beta_1)"],
    ];
    for (const [text, expected] of cases) expect(quantities(text), text).toBe(expected);
  });

  it("keep the Latin quantities as they were", () => {
    const cases: [string, string][] = [
      ["dJ/du_1", "D(J|u_1)"],
      ["dJ/du1", "D(J|u1)"],
      ["dJ/dt", "D(J|t)"],
      ["dJ/dx", "D(J|x)"],
      ["dJdu", "D(J|u)"],
      ["du_1/dt", "D(u_1|t)"],
      ["\\frac{\\partial J}{\\partial \\theta_1}", "D(J|theta_1)"],
      ["\\frac{dJ}{d\\alpha_{ji}}", "D(J|alpha_ji)"],
    ];
    for (const [text, expected] of cases) expect(quantities(text), text).toBe(expected);
    // dJ/dy* is dJ/dy times what follows, as y* - 1 is a product.
    expect(parse("dJ/dy*dy/da", context)).toBe(mul(v("D(J|y)"), v("D(y|a)")));
  });

  it("refuse a quantity that is no name, at its place", () => {
    const error = parseErrorOf(() => parse("dJ/dx_{a/b}", context));
    expect([error.line, error.column, error.offending]).toEqual([1, 6, "_{a/b}"]);
    const unknown = parseErrorOf(() => parse("\\frac{dJ}{d\\foo}", context));
    expect([unknown.reason, unknown.column]).toEqual(["unknown LaTeX command \\foo", 12]);
  });
});

describe("usesNotation", () => {
  it("is LaTeX, braces, $ or non-ASCII in the text, or a notation token", () => {
    expect(["x + 1", "sin(x)", "a_j * b"].map((t) => usesNotation(t))).toEqual([false, false, false]);
    expect(["\\alpha", "x_{1}", "$x$", "α", "x·y"].map((t) => usesNotation(t))).toEqual([true, true, true, true, true]);
    expect(readExpression("sum_j x_j", SHEET).usedNotation).toBe(true);
    expect(readExpression("y*", {}).usedNotation).toBe(true);
    expect(readExpression("x_j y", {}).usedNotation).toBe(false);
  });
});
