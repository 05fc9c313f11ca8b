// The partial rules are written once over an algebra. Run with exprAlgebra they build
// expressions (textbook forms); evaluating those as the symbolic method does (through
// accurateForms, src/ops/accurate.ts) must give exactly what numberAlgebra computes directly.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { variable, type Expr } from "../../src/ast/expr.js";
import { evaluate, type Point } from "../../src/eval/evaluate.js";
import { accurateForms } from "../../src/ops/accurate.js";
import { ALL_OPS, call, exprAlgebra, getOp, numberAlgebra } from "../../src/ops/table.js";
import type { OpSpec } from "../../src/ops/types.js";
import { exprAtPointArbitrary, opArgumentsArbitrary } from "../support/random-expr.js";

const argumentNames = ["a0", "a1"];

/** Each symbolic partial of op(a0, a1, …) evaluated at `args`, and the numeric partial there. */
function bothPartials(op: OpSpec, args: readonly number[]): { symbolic: number; numeric: number }[] {
  const argNodes = args.map((_, i) => variable(argumentNames[i]));
  const outNode = call(op.name, argNodes);
  const point = Object.fromEntries(args.map((v, i) => [argumentNames[i], v]));
  return op.partials.map((rule) => ({
    symbolic: evaluateAsSymbolic(rule<Expr>(exprAlgebra, argNodes, outNode), point),
    numeric: rule<number>(numberAlgebra, args, op.eval(args)),
  }));
}

/** A derivative expression's value as the symbolic method computes it. */
const evaluateAsSymbolic = (e: Expr, point: Point) => evaluate(accurateForms([e])[0], point);

/** Same float64, NaN and the sign of zero included. */
function expectIdentical(op: OpSpec, args: readonly number[]): void {
  bothPartials(op, args).forEach(({ symbolic, numeric }, i) => {
    expect(Object.is(symbolic, numeric), `${op.name} ∂/∂arg${i} at (${args.join(", ")}): ${symbolic} vs ${numeric}`).toBe(true);
  });
}

const differentiableOps = ALL_OPS.filter((op) => op.arity >= 1);
/** Any moderate number, 0 and ±1 included: outside the domain both must give the same NaN or ∞. */
const anyArgument = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 2),
  fc.double({ min: -10, max: 10, noNaN: true }),
);

describe("symbolic partials (exprAlgebra) evaluate bit-for-bit to numeric partials (numberAlgebra)", () => {
  for (const op of differentiableOps) {
    it(`${op.name}: inside its domain and at arbitrary points, kinks and poles included`, () => {
      fc.assert(fc.property(opArgumentsArbitrary(op), (args) => expectIdentical(op, args)), { numRuns: 200 });
      fc.assert(
        fc.property(fc.array(anyArgument, { minLength: op.arity, maxLength: op.arity }), (args) => expectIdentical(op, args)),
        { numRuns: 200 },
      );
    });
  }

  it("with argument values of random sub-expressions (each partial, at a domain point)", () => {
    fc.assert(
      fc.property(exprAtPointArbitrary({ maxDepth: 4 }), ({ expr, point }) => {
        if (expr.kind !== "call" || expr.args.length === 0) return;
        // The arguments' values from random sub-expressions, bound to the rule's placeholders.
        expectIdentical(getOp(expr.op), expr.args.map((a) => evaluate(a, point)));
      }),
      { numRuns: 1000 },
    );
  });
});
