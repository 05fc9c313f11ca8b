// The random-expression generators other tests rely on: fast, inside the domain, and covering
// every op of the table.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { num, variable, type Expr } from "../../src/ast/expr.js";
import { MissingVariableError } from "../../src/eval/evaluate.js";
import { topologicalOrder, variablesOf } from "../../src/ast/walk.js";
import { ALL_OPS, call, getOp } from "../../src/ops/table.js";
import { MODERATE, exprArbitrary, exprAtPointArbitrary, isInsideDomain, opArgumentsArbitrary } from "./random-expr.js";

function depthOf(e: Expr): number {
  const depth = new Map<number, number>();
  for (const node of topologicalOrder(e)) {
    depth.set(node.id, node.kind === "call" && node.args.length > 0 ? 1 + Math.max(...node.args.map((a) => depth.get(a.id) as number)) : 0);
  }
  return depth.get(e.id) as number;
}

const opsIn = (e: Expr) => topologicalOrder(e).flatMap((n) => (n.kind === "call" ? [n.op] : []));

describe("exprArbitrary", () => {
  it("uses every op of the table, respects maxDepth, and writes negative literals as num(-c), never -0", () => {
    const samples = fc.sample(exprArbitrary({ maxDepth: 3 }), 3000);
    const seen = new Set(samples.flatMap(opsIn));
    expect([...ALL_OPS.map((op) => op.name)].filter((name) => !seen.has(name))).toEqual([]);
    for (const e of samples) {
      expect(depthOf(e)).toBeLessThanOrEqual(3);
      for (const node of topologicalOrder(e)) {
        if (node.kind === "num") expect(Object.is(node.value, -0) || !Number.isFinite(node.value)).toBe(false);
        if (node.kind === "call") expect(node.args.length).toBe(getOp(node.op).arity);
      }
    }
    expect(samples.some((e) => topologicalOrder(e).some((n) => n.kind === "num" && n.value < 0))).toBe(true);
  });

  it("keeps to the given ops and variables", () => {
    for (const e of fc.sample(exprArbitrary({ ops: ["add", "sin"], variables: ["a"] }), 500)) {
      for (const op of opsIn(e)) expect(["add", "sin"]).toContain(op);
      for (const name of variablesOf(e)) expect(name).toBe("a");
    }
  });
});

describe("exprAtPointArbitrary", () => {
  it("2000 samples generate in a few seconds (the domain filter does not starve)", () => {
    const started = performance.now();
    const samples = fc.sample(exprAtPointArbitrary(), 2000);
    expect(samples).toHaveLength(2000);
    expect(performance.now() - started).toBeLessThan(5000);
    // Not trivial: most samples (about three in four) are calls that use a variable.
    expect(samples.filter(({ expr }) => expr.kind === "call" && variablesOf(expr).length > 0).length).toBeGreaterThan(1200);
  });

  it("every sample is inside its domain at its point, which gives x, y and z moderate values", () => {
    fc.assert(
      fc.property(exprAtPointArbitrary(), ({ expr, point }) => {
        expect(Object.keys(point).sort()).toEqual(["x", "y", "z"]);
        for (const v of Object.values(point)) expect(Math.abs(v)).toBeLessThanOrEqual(50);
        expect(isInsideDomain(expr, point)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("covers every op (ops outside their domain are swapped, but each still appears)", () => {
    const seen = new Set(fc.sample(exprAtPointArbitrary(), 3000).flatMap(({ expr }) => opsIn(expr)));
    expect(ALL_OPS.map((op) => op.name).filter((name) => !seen.has(name))).toEqual([]);
  });

  it("keeps to restricted ops even when most of their calls fall outside the domain", () => {
    for (const { expr, point } of fc.sample(exprAtPointArbitrary({ ops: ["log", "asin", "sub"], variables: ["t"] }), 300)) {
      for (const op of opsIn(expr)) expect(["log", "asin", "sub"]).toContain(op);
      expect(isInsideDomain(expr, point)).toBe(true);
    }
  });
});

describe("isInsideDomain", () => {
  const [x, y] = ["x", "y"].map(variable);
  const f = (op: string, ...args: Expr[]) => call(op, args);
  const cases: [string, Expr, Record<string, number>, boolean][] = [
    ["log(x) at x = 2", f("log", x), { x: 2 }, true],
    ["log(x) at x = -1 (outside the domain)", f("log", x), { x: -1 }, false],
    ["log(-2) + x (a constant part outside the domain)", f("add", f("log", num(-2)), x), { x: 1 }, false],
    ["relu(x) at x = 1", f("relu", x), { x: 1 }, true],
    ["relu(x) at x = 0 (a kink)", f("relu", x), { x: 0 }, false],
    ["abs(x - y) at x = y (a kink inside)", f("abs", f("sub", x, y)), { x: 1.5, y: 1.5 }, false],
    ["exp(x) at x = 20 (value 4.9e8)", f("exp", x), { x: 20 }, false],
    ["1/x at x = 1e-7 (value 1e7)", f("div", num(1), x), { x: 1e-7 }, false],
    ["sqrt(x) at x = 1e-14 (moderate value, derivative 5e6)", f("sqrt", x), { x: 1e-14 }, false],
    ["x^2 at x = -1.5 (∂/∂exponent not needed for a constant)", f("pow", x, num(2)), { x: -1.5 }, true],
    ["x^y at x = -1.5, y = 2 (∂/∂y = x^y log(x) is NaN)", f("pow", x, y), { x: -1.5, y: 2 }, false],
  ];
  for (const [what, expr, point, inside] of cases) {
    it(`${what}: ${inside}`, () => expect(isInsideDomain(expr, point)).toBe(inside));
  }

  it("raises MissingVariableError when the point lacks a variable", () => {
    expect(() => isInsideDomain(f("sin", y), { x: 1 })).toThrow(MissingVariableError);
  });
});

describe("opArgumentsArbitrary", () => {
  for (const op of ALL_OPS.filter((o) => o.arity >= 1)) {
    it(`${op.name}: arguments inside the domain, off kinks, with moderate value`, () => {
      for (const args of fc.sample(opArgumentsArbitrary(op), 200)) {
        expect(args).toHaveLength(op.arity);
        expect(op.domain?.(args) ?? true).toBe(true);
        expect(op.nonDifferentiableAt?.(args) ?? false).toBe(false);
        expect(Math.abs(op.eval(args))).toBeLessThan(MODERATE);
      }
    });
  }
});
