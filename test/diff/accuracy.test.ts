// Accuracy of the exact methods where a textbook derivative cancels (1 - tanh², 1 - coth²,
// σ(1 - σ), 1 - x², x² - 1): every method, interpreted and compiled, against a 64-digit
// reference (test/support/accuracy.ts). The longer campaign: npx tsx scripts/fuzz/accuracy.ts.
import { describe, expect, it } from "vitest";
import { num, variable, type Expr } from "../../src/ast/expr.js";
import { deriveGradient } from "../../src/diff/symbolic/index.js";
import { call } from "../../src/ops/table.js";
import { printExpr } from "../../src/print/text.js";
import {
  drawPartials, EXACT_METHOD_VARIANTS, measureAccuracy, referencePartial, relativeError,
} from "../support/accuracy.js";

const x = variable("x");
const c = (op: string, ...args: Expr[]) => call(op, args);

/** Each method variant's relative error against the reference for d/dx at x. */
function errorsAt(f: Expr, at: number): Record<string, number> {
  const reference = referencePartial(f, { x: at }, "x");
  if (reference.kind !== "ok") throw new Error(`no reference for ${printExpr(f)} at ${at}: ${reference.reason}`);
  return Object.fromEntries(Object.entries(EXACT_METHOD_VARIANTS).map(([label, { differentiator, options }]) => {
    const value = differentiator.gradient(f, { x: at }, ["x"], options).gradient.x;
    return [label, relativeError(value, reference.value)];
  }));
}

const within = (errors: Record<string, number>) => Object.values(errors).every((e) => e <= 1e-12);

describe("derivatives that cancel in their textbook form are computed accurately by every exact method", () => {
  const repros: [string, Expr, number][] = [
    // issue 18: relative error 1.1e-7 before
    ["coth(3/acot(x) + softplus(x/0.5)) at -3.44", c("coth", c("add", c("div", num(3), c("acot", x)), c("softplus", c("div", x, num(0.5))))), -3.44],
    // the true derivatives are about 1e-17; 1 - tanh², σ(1 - σ) and 1 - coth² gave 0
    ["tanh' at 20", c("tanh", x), 20],
    ["tanh' at -20", c("tanh", x), -20],
    ["tanh(2x)' at 10", c("tanh", c("mul", num(2), x)), 10],
    ["sigmoid' at 40", c("sigmoid", x), 40],
    ["sigmoid' at -40", c("sigmoid", x), -40],
    ["coth' at 20", c("coth", x), 20],
    ["softplus' at 40", c("softplus", x), 40],
    // 1 - x² and x² - 1 near ±1
    ["asin' at 0.9999999", c("asin", x), 0.9999999],
    ["acos' at -0.9999999", c("acos", x), -0.9999999],
    ["atanh' at -0.9999999", c("atanh", x), -0.9999999],
    ["acosh' at 1.0000001", c("acosh", x), 1.0000001],
    ["asec' at 1.0000001", c("asec", x), 1.0000001],
    ["acsc' at -1.0000001", c("acsc", x), -1.0000001],
  ];
  for (const [label, f, at] of repros) {
    it(label, () => {
      const errors = errorsAt(f, at);
      expect(within(errors), JSON.stringify(errors)).toBe(true);
    });
  }

  it("acosh(coth(x)) at 10: the symbolic method sees coth(x)² - 1 = csch(x)²", () => {
    const errors = errorsAt(c("acosh", c("coth", x)), 10);
    expect(errors.symbolic).toBeLessThanOrEqual(1e-12);
    expect(errors["symbolic (compiled)"]).toBeLessThanOrEqual(1e-12);
  });

  it("the printed derivatives keep their textbook forms", () => {
    const printed = (f: Expr) => printExpr(deriveGradient(f, ["x"]).x);
    expect(printed(c("tanh", x))).toBe("1 - tanh(x)^2");
    expect(printed(c("sigmoid", x))).toBe("sigmoid(x)*(1 - sigmoid(x))");
    expect(printed(c("coth", x))).toBe("1 - coth(x)^2");
    expect(printed(c("asin", x))).toBe("1/sqrt(1 - x^2)");
    expect(printed(c("acosh", x))).toBe("1/sqrt(x^2 - 1)");
  });

  // Measured (6 seeds × 300 partials, before and after max and min joined the table): 0 to 6
  // partials outside, each a chain-rule sum whose true value is 0 computed as ±1e-16 (acot(tan z)
  // + z), a log of a value that rounds to 1, or an ill-conditioned constant (tan of sinh(9.2));
  // none of them a rule's textbook cancellation, which this test is about. 99.9% held only for
  // the pinned draw; 98% holds for every draw measured.
  it("at least 98% of 300 random partials are within 1e-12 of the reference, for every method", () => {
    const summary = measureAccuracy(drawPartials(300, 20_261_127));
    const skipped = Object.values(summary.skipped).reduce((a, b) => a + b, 0);
    expect(skipped).toBeLessThan(15); // the reference exists almost everywhere
    const outside = summary.failures.map((r) => `d/d${r.name} ${printExpr(r.expr)} at ${JSON.stringify(r.point)}: ${JSON.stringify(r.errors)}`);
    expect(summary.fractionAllWithin, outside.join("\n")).toBeGreaterThanOrEqual(0.98);
  }, 180_000);
});
