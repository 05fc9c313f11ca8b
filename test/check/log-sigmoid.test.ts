// check judges log(1 − σ) and cross-entropy answers at large arguments (issue 12's student
// corpus): evaluated as written, 1 − σ(a) loses about a/2.3 of its 16 digits, so diffscope's own
// derivative of log(1 − σ(a)) was off by 1e-7 relative at a ≈ 20 and the exact answer −σ(a)
// was judged INCORRECT ("agrees for x < 17.67"). The reference is now computed on the function's
// accurate form (src/ops/accurate.ts); the tolerance is unchanged, so wrong answers stay wrong.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { checkDerivative, type DerivativeCheck } from "../../src/check/equivalence.js";
import { accurateForms } from "../../src/ops/accurate.js";
import { evaluate } from "../../src/eval/evaluate.js";
import { parse } from "../../src/parse/parse.js";
import { printExpr } from "../../src/print/text.js";

const check = (f: string, wrt: string, answer: string): DerivativeCheck => checkDerivative(parse(f), wrt, parse(answer));

/** σ(u) in float64 without cancellation (as the op table's sigmoid). */
const sigmoid = (u: number) => (u >= 0 ? 1 / (1 + Math.exp(-u)) : Math.exp(u) / (1 + Math.exp(u)));

/** The family at argument x + a: F, a correct answer, and its exact derivative as a number. */
const FAMILY = [
  { f: "log(1 - sigmoid(u))", answer: "-sigmoid(u)", exact: (u: number) => -sigmoid(u) },
  { f: "log(sigmoid(u))", answer: "1 - sigmoid(u)", exact: (u: number) => sigmoid(-u) },
  { f: "-(ystar*log(sigmoid(u)) + (1 - ystar)*log(1 - sigmoid(u)))", answer: "sigmoid(u) - ystar", exact: (u: number, ystar: number) => sigmoid(u) - ystar },
] as const;

/** The classic slips on a correct answer `r` (in terms of u). */
const WRONG: readonly ((r: string, u: string) => string)[] = [
  (r) => `-(${r})`, // sign
  (r, u) => `(${r})*sigmoid(${u})`, // an extra σ
  (r, u) => `(${r})*sigmoid(${u})*(1 - sigmoid(${u}))`, // σ' multiplied in twice
  (r) => `(${r}) + 1e-6`, // off by a millionth
  (r) => `(${r})*(1 + 1e-6)`,
];

const at = (template: string, u: string) => template.replaceAll("u", `(${u})`);

describe("check: log(1 − σ) and cross-entropy at large arguments", () => {
  it("the issue's command: d/dx log(1 − σ(x)) = −σ(x) is correct, at every sampled point", () => {
    const r = check("log(1 - sigmoid(x))", "x", "-sigmoid(x)");
    expect(r.verdict).toBe("correct");
    expect(r.counterexample).toBeUndefined();
    expect(r.numeric.agreeing).toBe(r.numeric.compared);
    // the sample reaches where 1 − σ(x) cancels (x up to ~37, where it is still nonzero)
    expect(r.numeric.compared).toBeGreaterThan(40);
    // and the simplifier proves it: σ(1 − σ)/(1 − σ) − σ cancels (inside the domain, 1 − σ ≠ 0)
    expect(r.decidedBy).toBe("symbolic");
  });

  it("accepts the other ways the corpus writes it, and the CE gradient σ(a) − y*", () => {
    for (const answer of ["-1/(1 + exp(-x))", "-(sigmoid(x)*(1 - sigmoid(x)))/(1 - sigmoid(x))", "sigmoid(x)*(1 - sigmoid(x))/(sigmoid(x) - 1)", "-exp(x)/(1 + exp(x))"]) {
      expect(check("log(1 - sigmoid(x))", "x", answer).verdict, answer).toBe("correct");
    }
    const ce = "-(ystar*log(sigmoid(a)) + (1 - ystar)*log(1 - sigmoid(a)))";
    expect(check(ce, "a", "sigmoid(a) - ystar").verdict).toBe("correct");
    expect(check(ce, "a", "-ystar*(1 - sigmoid(a)) + (1 - ystar)*sigmoid(a)").verdict).toBe("correct");
    const lr = "-(ystar*log(sigmoid(w*x + b)) + (1 - ystar)*log(1 - sigmoid(w*x + b)))";
    expect(check(lr, "w", "(sigmoid(w*x + b) - ystar)*x").verdict).toBe("correct");
    expect(check(lr, "b", "sigmoid(w*x + b) - ystar").verdict).toBe("correct");
  });

  it("rejects the classic slips in it (σ instead of −σ, −σ(1 − σ), −1/(1 − σ), σ(−x))", () => {
    for (const answer of ["sigmoid(x)", "-sigmoid(x)*(1 - sigmoid(x))", "-1/(1 - sigmoid(x))", "-sigmoid(-x)", "1/(1 - sigmoid(x))"]) {
      expect(check("log(1 - sigmoid(x))", "x", answer).verdict, answer).toBe("incorrect");
    }
  });

  it("the accurate forms: 1 − σ(u) is σ(−u), log σ(u) is −softplus(−u), log(1 − σ(u)) is −softplus(u)", () => {
    const form = (text: string) => printExpr(accurateForms([parse(text)])[0]);
    expect(form("1 - sigmoid(x)")).toBe("sigmoid(-x)");
    expect(form("1 - sigmoid(-x)")).toBe("sigmoid(x)");
    expect(form("log(sigmoid(x))")).toBe("-softplus(-x)");
    expect(form("log(1 - sigmoid(x))")).toBe("-softplus(x)");
    // the same values where float64 can tell ...
    for (const x of [-36, -1, 0, 0.5, 20, 36]) {
      expect(evaluate(parse("-softplus(-x)"), { x })).toBeCloseTo(Math.log(sigmoid(x)), 12);
      expect(evaluate(parse("-softplus(x)"), { x })).toBeCloseTo(Math.log(sigmoid(-x)), 12);
    }
    // ... and where it cannot: σ(−800) underflows to 0, so log σ(−800) is −∞; −softplus(800) is −800
    expect(evaluate(parse("log(sigmoid(x))"), { x: -800 })).toBe(-Infinity);
    expect(evaluate(parse("-softplus(-x)"), { x: -800 })).toBe(-800);
  });

  it("property: for random a in [-40, 40], F(x + a) of the family — the correct answer is accepted at every point, random slips are rejected with the exact derivative", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -4000, max: 4000 }).map((n) => n / 100),
        fc.constantFrom(...FAMILY),
        fc.integer({ min: 0, max: WRONG.length - 1 }),
        (a, member, slip) => {
          const u = a < 0 ? `x - ${-a}` : `x + ${a}`;
          const f = at(member.f, u);
          const right = checkDerivative(parse(f), "x", parse(at(member.answer, u)));
          expect(right.verdict, `${f}: ${at(member.answer, u)}`).toBe("correct");
          expect(right.counterexample).toBeUndefined();
          const wrongAnswer = WRONG[slip](at(member.answer, u), u);
          const wrong = checkDerivative(parse(f), "x", parse(wrongAnswer));
          expect(wrong.verdict, `${f}: ${wrongAnswer}`).toBe("incorrect");
          // The counterexample states diffscope's derivative: it is the exact one to ~eps.
          const c = wrong.counterexample;
          expect(c).toBeDefined();
          if (c === undefined) return;
          const exact = member.exact(c.point.x + a, c.point.ystar ?? 0);
          expect(Math.abs(c.derivative - exact)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(exact)));
        },
      ),
      { numRuns: 150 },
    );
  });
});
