import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { reverseDifferentiator } from "../../src/diff/reverse/differentiator.js";
import { parse } from "../../src/parse/parse.js";
import { traceAt } from "../../src/trace/trace.js";
import { cli } from "../cli/run.js";
import { exprAtPointArbitrary } from "../support/random-expr.js";

const SIMPLE = "cos(sin(x^2) + 3x^2)";

describe("trace of the lecture's simple example J = cos(sin(x^2) + 3x^2) at x = 1", () => {
  const trace = traceAt(parse(SIMPLE), { x: 1 });
  // The lecture's forward pass, by hand at x = 1.
  const t = 1, u1 = Math.sin(t), u2 = 3 * t, u = u1 + u2, J = Math.cos(u);
  // Its backward pass: dJ/du = -sin(u); dJ/dt gets two increments; dJ/dx = dJ/dt · 2x.
  const dJdu = -Math.sin(u), dJdt = dJdu * Math.cos(t) + dJdu * 3, dJdx = dJdt * 2;

  it("forward: the lecture's names and formulas, in topological order, with their values", () => {
    expect(trace.forward.map((r) => [r.name, r.role === "input" ? "input" : r.formula])).toEqual([
      ["x", "input"], ["t", "x^2"], ["u1", "sin(t)"], ["u2", "3*t"], ["u", "u1 + u2"], ["J", "cos(u)"],
    ]);
    expect(trace.forward.map((r) => r.value)).toEqual([1, t, u1, u2, u, J]);
    expect(trace.output).toBe("J");
    expect(String(trace.value).slice(0, 7)).toBe("-0.7649");
  });

  it("backward: each increment dJ/dv += dJ/du · du/dv with the local derivative's formula and numbers", () => {
    const rows = trace.backward.map((r) => [r.target, r.source, r.localFormula]);
    expect(rows).toEqual([
      ["u", "J", "-sin(u)"],
      ["u1", "u", "1"],
      ["u2", "u", "1"],
      ["t", "u2", "3"],
      ["t", "u1", "cos(t)"],
      ["x", "t", "2*x"],
    ]);
    for (const r of trace.backward) expect(r.increment).toBe(r.adjoint * r.local);
    expect(trace.backward[0].after).toBe(dJdu);
    expect(trace.gradient.x).toBeCloseTo(dJdx, 14);
    expect(String(trace.gradient.x).slice(0, 6)).toBe("4.5607");
  });

  it("t, used twice, appears once forward and its adjoint accumulates over two increments (+=)", () => {
    expect(trace.forward.filter((r) => r.name === "t")).toHaveLength(1);
    const [first, second] = trace.backward.filter((r) => r.target === "t");
    expect(first.before).toBeUndefined();
    expect(second.before).toBe(first.after);
    expect(second.after).toBe(first.after + second.increment);
    expect(second.after).toBeCloseTo(dJdt, 14);
  });

  it("the numbers are the reverse tape's: the gradient equals reverseDifferentiator's bit for bit", () => {
    const r = reverseDifferentiator.gradient(parse(SIMPLE), { x: 1 }, ["x"]);
    expect(trace.gradient.x).toBe(r.gradient.x);
    expect(trace.value).toBe(r.value);
  });
});

describe("trace of other expressions", () => {
  it("Quiz 1: output y, generated names v1…, gradient = issue 3's numbers to 1e-12", () => {
    const trace = traceAt(parse("exp(x*z) + x*z/log(x) + sin(log(x))/exp(x*z)"), { x: 2, z: 3 });
    expect(trace.output).toBe("y");
    expect(trace.forward.filter((r) => r.role === "intermediate").map((r) => r.name)).toEqual(["v1", "v2", "v3", "v4", "v5", "v6", "v7"]);
    // x*z is computed once and used by exp and by the quotient: its adjoint gets two increments
    expect(trace.backward.filter((r) => r.target === "v1")).toHaveLength(2);
    expect(Math.abs(trace.gradient.x - 1208.36656055419) / 1208.36656055419).toBeLessThan(1e-12);
    expect(Math.abs(trace.gradient.z - 809.739809413939) / 809.739809413939).toBeLessThan(1e-12);
  });

  it("the lecture's names only where the shape matches; a variable named like a generated name is skipped", () => {
    expect(traceAt(parse("exp(tanh(a*b) * (a*b)^2)"), { a: 1, b: 2 }).forward.map((r) => r.name)).toEqual(["a", "b", "t", "u1", "u2", "u", "J"]);
    expect(traceAt(parse("sin(x)*cos(x)"), { x: 1 }).forward.map((r) => r.name)).toEqual(["x", "v1", "v2", "y"]);
    expect(traceAt(parse("sin(v1)*y"), { v1: 1, y: 2 }).forward.map((r) => r.name)).toEqual(["v1", "v2", "y", "J"]);
  });

  it("over random expressions: the trace's gradient is reverse mode's, and the increments into each variable accumulate to it", () => {
    fc.assert(
      fc.property(exprAtPointArbitrary({ variables: ["x", "y"], maxDepth: 4 }), ({ expr, point }) => {
        const trace = traceAt(expr, point, ["x", "y"]);
        const reference = reverseDifferentiator.gradient(expr, point, ["x", "y"]);
        for (const v of ["x", "y"]) {
          expect(trace.gradient[v]).toBe(reference.gradient[v]);
          // dJ/dv starts at 0 (at 1 if v is the output itself) and each increment adds to it
          const increments = trace.backward.filter((r) => r.target === v);
          let adjoint = expr.kind === "var" && expr.name === v ? 1 : 0;
          for (const r of increments) {
            expect(r.before ?? 0).toBe(adjoint);
            adjoint = r.after;
          }
          expect(adjoint).toBe(trace.gradient[v]);
        }
        // every named quantity appears once in the forward table
        const names = trace.forward.map((r) => r.name);
        expect(new Set(names).size).toBe(names.length);
      }),
      { numRuns: 300, seed: 3 },
    );
  });
});

describe("diffscope trace (CLI)", () => {
  it("prints the forward and backward tables, J = -0.7649… and dJ/dx = 4.5607…", async () => {
    const r = await cli("trace", SIMPLE, "--at", "x=1");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^u2\s+3\*t\s+3$/m);
    expect(r.stdout).toMatch(/^dJ\/du \+= -sin\(u\)\s+dJ\/du = -sin\(u\) = 0\.644125/m);
    expect(r.stdout).toMatch(/^dJ\/dt \+= dJ\/du1 \* du1\/dt\s+du1\/dt = cos\(t\) = 0\.540302/m);
    expect(r.stdout).toContain("dJ/dt = 1.93237 + 0.348022 = 2.2804");
    expect(r.stdout).toContain("J = -0.7649205628044862");
    expect(r.stdout).toContain("dJ/dx = 4.560791790678778");
  });

  it("--json gives the tables; --steps adds the derivation; a missing --at is exit 2", async () => {
    const r = await cli("trace", SIMPLE, "--at", "x=1", "--json", "--steps");
    const data = JSON.parse(r.stdout);
    expect(data.output).toBe("J");
    expect(data.forward.map((row: { name: string }) => row.name)).toEqual(["x", "t", "u1", "u2", "u", "J"]);
    expect(data.backward).toHaveLength(6);
    expect(data.gradient.x).toBeCloseTo(4.56079179, 8);
    expect(data.steps[0].derivation.rule).toBe("chain rule");
    expect((await cli("trace", SIMPLE)).code).toBe(2);
    expect((await cli("trace", SIMPLE, "--at", "y=1")).code).toBe(2);
  });
});
