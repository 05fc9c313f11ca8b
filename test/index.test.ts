// The package entry gives a library user what the API asks of them: the step finite
// differences take by default, and the errors printing and evaluation may throw.
import { describe, expect, it } from "vitest";
import {
  automaticStep, DIFFERENTIATORS, ExpressionTooLargeError, isMethodName, METHOD_NAMES, MissingVariableError,
  parse, printExpr, printLatex, variable, call, evaluate, type Expr,
} from "../src/index.js";

describe("the package entry", () => {
  it("automaticStep is the step finite differences take when none is given (sin(x) at 1, every scheme)", () => {
    const f = parse("sin(x)");
    for (const scheme of ["forward", "backward", "central", "richardson"] as const) {
      const automatic = DIFFERENTIATORS["finite-difference"].gradient(f, { x: 1 }, ["x"], { finiteDifference: { scheme } });
      const given = DIFFERENTIATORS["finite-difference"].gradient(f, { x: 1 }, ["x"], {
        finiteDifference: { scheme, step: automaticStep(scheme, 1) },
      });
      expect(given.gradient.x, scheme).toBe(automatic.gradient.x);
    }
    // central: eps^(1/3) relative to max(1, |x|), as the lecture's balance of truncation and round-off
    expect(automaticStep("central", 0)).toBeCloseTo(Math.cbrt(Number.EPSILON), 18);
  });

  it("ExpressionTooLargeError is what printExpr and printLatex throw for a 2^22-node tree (a 23-node DAG)", () => {
    let e: Expr = variable("x");
    for (let i = 0; i < 22; i++) e = call("mul", [e, e]);
    expect(() => printExpr(e)).toThrow(ExpressionTooLargeError);
    expect(() => printLatex(e)).toThrow(ExpressionTooLargeError);
    expect(() => evaluate(e, {})).toThrow(MissingVariableError);
  });

  it("isMethodName accepts exactly the method names", () => {
    for (const name of METHOD_NAMES) expect(isMethodName(name)).toBe(true);
    for (const name of ["Symbolic", "fd", "backprop", ""]) expect(isMethodName(name)).toBe(false);
  });
});
