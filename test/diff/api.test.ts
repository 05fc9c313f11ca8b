import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { derivative } from "mathjs";
import { parse } from "../../src/parse/parse.js";
import { call } from "../../src/ops/table.js";
import { grad, hessian, jacfwd, jacrev, jvp, valueAndGrad, vjp } from "../../src/diff/api.js";
import { exprAtPointArbitrary } from "../support/random-expr.js";

const QUIZ1 = "exp(x*z) + x*z/log(x) + sin(log(x))/exp(x*z)";
const close = (a: number, b: number, tol = 1e-10) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));

describe("JAX-style functions", () => {
  it("grad and valueAndGrad give Quiz 1's partials by every method", () => {
    for (const method of ["symbolic", "forward", "reverse"] as const) {
      const g = grad(parse(QUIZ1), { x: 2, z: 3 }, { method });
      expect(close(g.x, 1208.36656055419, 1e-12)).toBe(true);
      expect(close(g.z, 809.739809413939, 1e-12)).toBe(true);
    }
    expect(valueAndGrad(parse(QUIZ1), { x: 2, z: 3 }).value).toBeCloseTo(412.0865475647234, 10);
  });

  it("jacfwd (A tangent sweeps) equals jacrev (B backward sweeps) on random vector functions", () => {
    fc.assert(
      fc.property(exprAtPointArbitrary(), ({ expr, point }) => {
        const outputs = [expr, parse("x*y + z"), call("sin", [expr])];
        const fwd = jacfwd(outputs, point, ["x", "y", "z"]);
        const rev = jacrev(outputs, point, ["x", "y", "z"]);
        expect(fwd.passes).toBe(1 + 3);
        expect(rev.passes).toBe(1 + 3);
        fwd.rows.forEach((row, k) => row.forEach((v, j) => expect(close(v, rev.rows[k][j], 1e-9) || Object.is(v, rev.rows[k][j])).toBe(true)));
      }),
      { numRuns: 1000 },
    );
  });

  it("jvp is the gradient dotted with the direction; vjp is the cotangent-weighted sum of gradients", () => {
    const f = parse(QUIZ1);
    const g = grad(f, { x: 2, z: 3 });
    const { values, tangents } = jvp(f, { x: 2, z: 3 }, { x: 0.5, z: -2 });
    expect(values[0]).toBeCloseTo(412.0865475647234, 10);
    expect(close(tangents[0], 0.5 * g.x - 2 * g.z, 1e-13)).toBe(true);
    const h = parse("sin(x)*z");
    const gh = grad(h, { x: 2, z: 3 });
    const v = vjp([f, h], { x: 2, z: 3 }, [2, -1]);
    expect(close(v.x, 2 * g.x - gh.x, 1e-13)).toBe(true);
    expect(close(v.z, 2 * g.z - gh.z, 1e-13)).toBe(true);
  });

  it("vjp refuses a cotangent whose length is not the number of outputs (a RangeError)", () => {
    expect(() => vjp([parse("x"), parse("x^2")], { x: 1 }, [1])).toThrow(RangeError);
    expect(vjp([parse("x"), parse("x^2")], { x: 3 }, [1, 1]).x).toBe(7);
  });

  it("the Hessian two ways agree: forward-over-reverse and symbolic (differentiate twice), and match mathjs", () => {
    const text = "x^2*y + sin(x*y) + exp(y)/x";
    const f = parse(text);
    const at = { x: 1.3, y: -0.4 };
    const h1 = hessian(f, at);
    const h2 = hessian(f, at, { method: "symbolic" });
    const oracle = [
      [derivative(derivative(text, "x"), "x"), derivative(derivative(text, "x"), "y")],
      [derivative(derivative(text, "y"), "x"), derivative(derivative(text, "y"), "y")],
    ].map((row) => row.map((d) => d.evaluate(at) as number));
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 2; j++) {
        expect(close(h1[i][j], h2[i][j], 1e-12)).toBe(true);
        expect(close(h1[i][j], oracle[i][j], 1e-12)).toBe(true);
      }
    }
  });

  it("forward-over-reverse and symbolic Hessians agree over random expressions", () => {
    fc.assert(
      fc.property(exprAtPointArbitrary({ maxDepth: 4 }), ({ expr, point }) => {
        const a = hessian(expr, point, { wrt: ["x", "y", "z"] });
        const b = hessian(expr, point, { wrt: ["x", "y", "z"], method: "symbolic" });
        a.forEach((row, i) => row.forEach((v, j) => {
          if (Number.isFinite(v) && Number.isFinite(b[i][j])) expect(close(v, b[i][j], 1e-7)).toBe(true);
        }));
      }),
      { numRuns: 500 },
    );
  });
});
