import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { derivative as mathjsDerivative } from "mathjs";
import { num } from "../../src/ast/expr.js";
import { checkDerivative, type DerivativeCheck } from "../../src/check/equivalence.js";
import { evaluate } from "../../src/eval/evaluate.js";
import { derive } from "../../src/diff/symbolic/index.js";
import { exprAlgebra } from "../../src/ops/table.js";
import { parse } from "../../src/parse/parse.js";
import { exprAtPointArbitrary } from "../support/random-expr.js";

const QUIZ1 = "exp(x*z) + x*z/log(x) + sin(log(x))/exp(x*z)";
const check = (f: string, wrt: string, answer: string): DerivativeCheck => checkDerivative(parse(f), wrt, parse(answer));

/** The counterexample is real: the answer's value there is what the report says, and mathjs's
 *  derivative of F (an independent oracle) differs from it by far more than rounding. */
function expectGenuineCounterexample(f: string, wrt: string, answer: string, result: DerivativeCheck): void {
  const c = result.counterexample;
  expect(c).toBeDefined();
  if (c === undefined) return;
  expect(evaluate(parse(answer), c.point)).toBe(c.answer);
  const oracle = mathjsDerivative(f, wrt).evaluate({ ...c.point }) as number;
  expect(Math.abs(oracle - c.derivative)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(oracle)));
  expect(Math.abs(c.answer - oracle)).toBeGreaterThan(1e-8 * Math.max(1, Math.abs(oracle)));
}

describe("check: Calculus Quiz 1, y = exp(xz) + xz/log(x) + sin(log(x))/exp(xz)", () => {
  const dydx = "z*exp(x*z) + z/log(x) - z/log(x)^2 + cos(log(x))/(x*exp(x*z)) - z*sin(log(x))/exp(x*z)";
  const dydz = "x*exp(x*z) + x/log(x) - x*sin(log(x))/exp(x*z)";

  it("accepts correct hand-derived dy/dx and dy/dz", () => {
    expect(check(QUIZ1, "x", dydx).verdict).toBe("correct");
    expect(check(QUIZ1, "z", dydz).verdict).toBe("correct");
    // the same, written with ln and a negative exponent instead of a quotient
    expect(check(QUIZ1, "z", "x*exp(x*z) + x*ln(x)^-1 - x*sin(ln(x))*exp(-x*z)").verdict).toBe("correct");
  });

  it("rejects the classic slips, with a genuine counterexample", () => {
    // forgot the chain-rule factor z on exp(xz)
    const noChain = "exp(x*z) + z/log(x) - z/log(x)^2 + cos(log(x))/(x*exp(x*z)) - z*sin(log(x))/exp(x*z)";
    // quotient rule with the wrong sign
    const wrongSign = "x*exp(x*z) + x/log(x) + x*sin(log(x))/exp(x*z)";
    for (const [wrt, answer] of [["x", noChain], ["z", wrongSign]] as const) {
      const r = check(QUIZ1, wrt, answer);
      expect(r.verdict).toBe("incorrect");
      expectGenuineCounterexample(QUIZ1, wrt, answer, r);
    }
  });

  it("the two partials are not interchangeable: dy/dz offered as dy/dx is wrong", () => {
    expect(check(QUIZ1, "x", dydz).verdict).toBe("incorrect");
  });
});

describe("check: the lecture's simple example J = cos(sin(x^2) + 3x^2)", () => {
  const F = "cos(sin(x^2) + 3x^2)";
  it("accepts the backward pass written out, and its expanded form", () => {
    // dJ/dx = dJ/du (du1/dt + du2/dt) dt/dx = -sin(u) (cos(t) + 3) 2x
    expect(check(F, "x", "-sin(sin(x^2) + 3x^2) * (cos(x^2) + 3) * 2x").verdict).toBe("correct");
    expect(check(F, "x", "-2x cos(x^2) sin(sin(x^2) + 3x^2) - 6x sin(sin(x^2) + 3x^2)").verdict).toBe("correct");
  });
  it("rejects a backward pass that drops one of the two increments of dJ/dt", () => {
    const answer = "-sin(sin(x^2) + 3x^2) * cos(x^2) * 2x";
    const r = check(F, "x", answer);
    expect(r.verdict).toBe("incorrect");
    expectGenuineCounterexample(F, "x", answer, r);
  });
});

describe("check: d/dw sigmoid(w x) and d/da tanh(a)", () => {
  it("accepts σ(wx)(1 − σ(wx))·x and the same through exp", () => {
    expect(check("sigmoid(w*x)", "w", "x*sigmoid(w*x)*(1 - sigmoid(w*x))").verdict).toBe("correct");
    expect(check("sigmoid(w*x)", "w", "x*exp(-w*x)/(1 + exp(-w*x))^2").verdict).toBe("correct");
    expect(check("1/(1 + exp(-w*x))", "w", "x*sigmoid(w*x)*(1 - sigmoid(w*x))").verdict).toBe("correct");
  });
  it("rejects σ(wx)(1 − σ(wx)) without the inner factor x; the counterexample is off by exactly that factor", () => {
    const r = check("sigmoid(w*x)", "w", "sigmoid(w*x)*(1 - sigmoid(w*x))");
    expect(r.verdict).toBe("incorrect");
    const c = r.counterexample;
    if (c === undefined) throw new Error("no counterexample");
    const s = 1 / (1 + Math.exp(-c.point.w * c.point.x));
    expect(c.derivative).toBeCloseTo(c.point.x * s * (1 - s), 12);
    expect(c.answer).toBeCloseTo(s * (1 - s), 12);
    // Where σ saturates, both sides are float64 noise (1 − σ(40) is 0): such points are not
    // counted as agreeing; the only true agreements are at x = 1 (one of the simple points).
    expect(r.numeric.inconclusive).toBeGreaterThan(0);
    expect(r.numeric.agreeing).toBeLessThanOrEqual(1);
  });
  it("accepts 1 − tanh², sech² and 1/cosh²; rejects 1 + tanh² and sech", () => {
    for (const right of ["1 - tanh(a)^2", "sech(a)^2", "1/cosh(a)^2", "(1 - tanh(a))*(1 + tanh(a))"]) {
      expect(check("tanh(a)", "a", right).verdict, right).toBe("correct");
    }
    for (const wrong of ["1 + tanh(a)^2", "sech(a)"]) {
      const r = check("tanh(a)", "a", wrong);
      expect(r.verdict, wrong).toBe("incorrect");
      expectGenuineCounterexample("tanh(a)", "a", wrong, r);
    }
  });
});

describe("check: answers right on part of the domain only", () => {
  it("1 for d/dx sqrt(x^2) agrees for x > 0 only", () => {
    const r = check("sqrt(x^2)", "x", "1");
    expect(r.verdict).toBe("incorrect");
    expect(r.region).toBe("agrees for x > 0, differs for x < 0");
    expect(r.counterexample?.point.x).toBeLessThan(0);
    expectGenuineCounterexample("sqrt(x^2)", "x", "1", r);
  });
  it("-1 for d/dx abs(x) agrees for x < 0 only; x/abs(x), sign(x) and x/sqrt(x^2) are right", () => {
    expect(check("abs(x)", "x", "-1").region).toBe("agrees for x < 0, differs for x > 0");
    for (const right of ["x/abs(x)", "sign(x)", "x/sqrt(x^2)", "abs(x)/x"]) expect(check("abs(x)", "x", right).verdict, right).toBe("correct");
  });
  it("1 for d/dx relu(x) agrees for x > 0; 2*x for d/dx x*abs(x) agrees for x > 0", () => {
    expect(check("relu(x)", "x", "1").region).toBe("agrees for x > 0, differs for x < 0");
    expect(check("x*abs(x)", "x", "2*x").region).toBe("agrees for x > 0, differs for x < 0");
  });
  it("2x for d/dx abs(x^2 - 1) holds for |x| > 1: both ends found by bisection", () => {
    const r = check("abs(x^2 - 1)", "x", "2x");
    expect(r.verdict).toBe("incorrect");
    expect(r.region).toBe("agrees for x < -1 and for x > 1 (among the sampled points), differs elsewhere");
  });
  it("with two variables, the variable whose sign matters is named: d/dx sqrt(x^2) * z = z holds for x > 0", () => {
    expect(check("sqrt(x^2)*z", "x", "z").region).toBe("agrees for x > 0, differs for x < 0");
  });
});

describe("check: equivalent forms are accepted, near misses rejected", () => {
  it.each([
    ["(x+1)^3", "3(x+1)^2"],
    ["(x+1)^3", "3x^2 + 6x + 3"],
    ["x*ln(x)", "log(x) + 1"],
    ["x*log(x)", "ln(x) + 1"],
    ["log(x)", "x^-1"],
    ["log(x)", "1/x"],
    ["ln(x^2)", "2/x"],
    ["sin(x)^2", "2 sin(x) cos(x)"],
    ["sin(x)^2", "sin(2x)"],
    ["exp(2x)", "2 e^(2x)"],
    ["x/(1+x^2)", "(1 - x^2)/(1 + x^2)^2"],
    ["sin(x^3)", "3*x*x*cos(x*x*x)"],
    ["log(x, 2)", "1/(x ln(2))"],
  ])("d/dx %s = %s", (f, answer) => {
    expect(check(f, "x", answer).verdict).toBe("correct");
  });

  it.each([
    ["x^2", "2x + 0.001"],
    ["x^2", "2.000001x"],
    ["x^3", "3x^2 + 1e-6"],
    ["exp(x)", "exp(x) + 1e-7*x"],
  ])("d/dx %s ≠ %s (a small constant or factor off)", (f, answer) => {
    const r = check(f, "x", answer);
    expect(r.verdict).toBe("incorrect");
    expectGenuineCounterexample(f, "x", answer, r);
  });

  it("e^x for d/dx e^x is proved: the difference simplifies to exactly 0 (log(e) folds to 1)", () => {
    for (const answer of ["e^x", "e^x*log(e)", "log(e)*e^x"]) expect(check("e^x", "x", answer).symbolicDifference).toBe(num(0));
  });

  it("2x + 0.001 for d/dx x^2: the symbolic difference is the constant 0.001 and every sampled point differs", () => {
    const r = check("x^2", "x", "2x + 0.001");
    expect(r.symbolicDifference).toBe(num(0.001));
    expect(r.numeric.agreeing).toBe(0);
    expect(r.numeric.compared).toBeGreaterThan(40);
  });

  it("the same judgement every run (deterministic seed), a different sample with another seed", () => {
    const a = checkDerivative(parse("sqrt(x^2)"), "x", parse("1"));
    const b = checkDerivative(parse("sqrt(x^2)"), "x", parse("1"));
    expect(b).toEqual(a);
    const c = checkDerivative(parse("sqrt(x^2)"), "x", parse("1"), { seed: 99 });
    expect(c.numeric.agreeing).not.toBe(a.numeric.agreeing);
    expect(c.region).toBe(a.region);
  });

  it("an answer undefined wherever F is differentiable is wrong; F nowhere differentiable is undecided", () => {
    expect(check("x^2", "x", "log(-x^2 - 1)").verdict).toBe("incorrect");
    expect(check("log(-x^2 - 1)", "x", "1").verdict).toBe("undecided");
  });
});

describe("check over random expressions", () => {
  it("a correct derivative in another form (shared mode, unsimplified) is never judged incorrect; one off by a millionth is never judged correct", () => {
    fc.assert(
      fc.property(exprAtPointArbitrary({ variables: ["x", "y"], maxDepth: 4 }), ({ expr }) => {
        const d = derive(expr, "x", { mode: "shared", simplify: false });
        expect(checkDerivative(expr, "x", d).verdict).not.toBe("incorrect");
        // d + 1e-6·(1 + d²): off by at least 1e-6 and by at least 2e-6·|d| (as 1 + d² ≥ 2|d|)
        const offByAMillionth = exprAlgebra.add(d, exprAlgebra.mul(num(1e-6), exprAlgebra.add(num(1), exprAlgebra.mul(d, d))));
        expect(checkDerivative(expr, "x", offByAMillionth).verdict).not.toBe("correct");
      }),
      { numRuns: 250, seed: 6 },
    );
  });
});
