// Every op's partial derivatives (the rules all four differentiators share) agree with a
// Richardson-extrapolated central difference of the op's own eval, at points inside its domain.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ALL_OPS, getOp, numberAlgebra } from "../../src/ops/table.js";
import type { OpSpec } from "../../src/ops/types.js";
import { opArgumentsArbitrary } from "../support/random-expr.js";

/**
 * ∂f/∂args[i] by central differences at steps h, h/2, h/4, combined by Richardson
 * extrapolation (error O(h^6)); h = 1e-3·max(1, |args[i]|).
 */
function richardsonPartial(f: (args: readonly number[]) => number, args: readonly number[], i: number): number {
  const h = 1e-3 * Math.max(1, Math.abs(args[i]));
  const at = (x: number) => f(args.map((a, j) => (j === i ? x : a)));
  const central = (step: number) => (at(args[i] + step) - at(args[i] - step)) / (2 * step);
  const d1 = central(h);
  const d2 = central(h / 2);
  const d4 = central(h / 4);
  const r1 = d2 + (d2 - d1) / 3;
  const r2 = d4 + (d4 - d2) / 3;
  return r2 + (r2 - r1) / 15;
}

function partialAt(op: OpSpec, args: readonly number[], i: number): number {
  return op.partials[i](numberAlgebra, args, op.eval(args));
}

/** Relative 1e-6, with an absolute floor scaled to the op's value (roundoff of the difference). */
function expectDifferenceMatches(op: OpSpec, args: readonly number[], i: number): void {
  const exact = partialAt(op, args, i);
  const estimate = richardsonPartial((a) => op.eval(a), args, i);
  const tolerance = 1e-6 * Math.abs(exact) + 1e-9 * Math.max(1, Math.abs(op.eval(args)));
  expect(Number.isFinite(exact), `${op.name} ∂/∂arg${i} at (${args.join(", ")}) is ${exact}`).toBe(true);
  expect(
    Math.abs(exact - estimate) <= tolerance,
    `${op.name} ∂/∂arg${i} at (${args.join(", ")}): rule ${exact}, central difference ${estimate}`,
  ).toBe(true);
}

const differentiableOps = ALL_OPS.filter((op) => op.arity >= 1);

describe("op partials agree with central differences of op.eval", () => {
  it("every op with arguments has one partial rule per argument", () => {
    for (const op of ALL_OPS) expect(op.partials.length, op.name).toBe(op.arity);
  });

  for (const op of differentiableOps) {
    it(`${op.name}: every partial, 300 points inside the domain`, () => {
      fc.assert(
        fc.property(opArgumentsArbitrary(op), (args) => {
          for (let i = 0; i < op.arity; i++) expectDifferenceMatches(op, args, i);
        }),
        { numRuns: 300 },
      );
    });
  }

  it("pow: ∂(a^n)/∂a = n·a^(n-1) also for negative bases with integer exponents", () => {
    const pow = getOp("pow");
    const negativeBase = fc.tuple(
      fc.integer({ min: -400, max: -10 }).map((k) => k / 100),
      fc.integer({ min: -4, max: 5 }),
    );
    fc.assert(
      fc.property(negativeBase, ([a, n]) => {
        expect(pow.domain?.([a, n])).toBe(true);
        expectDifferenceMatches(pow, [a, n], 0);
      }),
      { numRuns: 300 },
    );
  });

  it("nthRoot: negative x with an odd integer n is inside the domain, and ∂/∂x there is the rule's (cube root of -8 is -2, as mathjs)", () => {
    const nthRoot = getOp("nthRoot");
    expect(nthRoot.eval([-8, 3])).toBe(-2);
    const negativeRadicand = fc.tuple(
      fc.integer({ min: -2000, max: -10 }).map((k) => k / 100),
      fc.constantFrom(-5, -3, -1, 1, 3, 5, 7),
    );
    fc.assert(
      fc.property(negativeRadicand, ([x, n]) => {
        expect(nthRoot.domain?.([x, n])).toBe(true);
        expectDifferenceMatches(nthRoot, [x, n], 0);
      }),
      { numRuns: 300 },
    );
    // an even root of a negative number is not real
    expect(nthRoot.domain?.([-8, 2])).toBe(false);
    expect(nthRoot.domain?.([-8, 2.5])).toBe(false);
  });

  it("pow: ∂(0^b)/∂a at b = 1 is 1 and at b = 2 is 0 (the edge of the domain a = 0, b >= 1)", () => {
    const pow = getOp("pow");
    expect(partialAt(pow, [0, 1], 0)).toBe(1);
    expect(partialAt(pow, [0, 2], 0)).toBe(0);
  });
});
