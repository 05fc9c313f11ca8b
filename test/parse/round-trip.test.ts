// parse(printExpr(e)) is the very same node as e, for random expressions over every op.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { num, variable, type Expr } from "../../src/ast/expr.js";
import { ALL_OPS, call } from "../../src/ops/table.js";
import { printExpr } from "../../src/print/text.js";
import { parse } from "../../src/parse/parse.js";

const numbers = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -1000, max: 1000 }),
  fc.constantFrom(0, -0, 0.5, -1.5, 1e-3, -2.5e-7, 2.5e21, 1e300, 5e-324),
);

const leaf: fc.Arbitrary<Expr> = fc.oneof(
  numbers.map(num),
  fc.constantFrom("x", "y", "z", "alpha_2", "b1", "_t").map(variable),
  fc.constantFrom(...ALL_OPS.filter((op) => op.arity === 0).map((op) => op.name)).map((name) => call(name, [])),
);

const unaryOps = ALL_OPS.filter((op) => op.arity === 1).map((op) => op.name);
const binaryOps = ALL_OPS.filter((op) => op.arity === 2).map((op) => op.name);

const { expr } = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.tuple(fc.constantFrom(...unaryOps), tie("expr")).map(([op, a]) => call(op, [a])),
    fc.tuple(fc.constantFrom(...binaryOps), tie("expr"), tie("expr")).map(([op, a, b]) => call(op, [a, b])),
  ),
}));

describe("round trip through the printer", () => {
  it("parse(printExpr(e)) === e over random ASTs", () => {
    fc.assert(
      fc.property(expr, (e) => {
        const text = printExpr(e);
        expect(parse(text) === e, `${text} read back differently`).toBe(true);
      }),
      { numRuns: 4000 },
    );
  });

  it("covers the forms the folding rule exists for", () => {
    // num(-2) prints as -2, neg(num(2)) as -(2); both must come back as themselves.
    for (const e of [num(-2), num(-0), call("neg", [num(2)]), call("neg", [num(-2)]), call("pow", [num(-2), num(2)]), call("neg", [call("pow", [num(2), num(2)])]), call("mul", [variable("x"), num(-3)]), call("sub", [num(1), num(-1)])]) {
      expect(parse(printExpr(e)), printExpr(e)).toBe(e);
    }
  });
});
