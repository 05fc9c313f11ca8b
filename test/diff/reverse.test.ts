import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { dagSize } from "../../src/ast/walk.js";
import { parse } from "../../src/parse/parse.js";
import { reverseDifferentiator, prepareReverse } from "../../src/diff/reverse/differentiator.js";
import { Tape } from "../../src/diff/reverse/tape.js";
import { numberAlgebra } from "../../src/ops/table.js";

const QUIZ1 = "exp(x*z) + x*z/log(x) + sin(log(x))/exp(x*z)";
const relErr = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe("reverse mode (the lecture's backward computation)", () => {
  it("Calculus Quiz 1 at x=2, z=3: dy/dx = 1208.36656055419, dy/dz = 809.739809413939", () => {
    const r = reverseDifferentiator.gradient(parse(QUIZ1), { x: 2, z: 3 }, ["x", "z"]);
    expect(relErr(r.gradient.x, 1208.36656055419)).toBeLessThan(1e-12);
    expect(relErr(r.gradient.z, 809.739809413939)).toBeLessThan(1e-12);
    expect(r.cost.passes).toBe(2);
  });

  it("simple example J = cos(sin(x^2) + 3x^2): matches the lecture's backward pass step by step", () => {
    const x = 1;
    // Lecture: t = x^2, u1 = sin(t), u2 = 3t, u = u1 + u2, J = cos(u)
    const t = x * x, u = Math.sin(t) + 3 * t;
    const dJdu = -Math.sin(u);
    const dJdt = dJdu * 1 * Math.cos(t) + dJdu * 1 * 3; // two increments: the `+=` on dJ/dt
    const dJdx = dJdt * 2 * x;
    const r = reverseDifferentiator.gradient(parse("cos(sin(x^2) + 3x^2)"), { x }, ["x"]);
    // the lecture's figures, truncated: J = -0.7649…, dJ/dx = 4.5607…
    expect(String(r.value).slice(0, 7)).toBe("-0.7649");
    expect(relErr(r.gradient.x, dJdx)).toBeLessThan(1e-14);
    expect(String(r.gradient.x).slice(0, 6)).toBe("4.5607");
  });

  it("the shared t = x^2 is one tape entry whose adjoint receives two increments", () => {
    const f = parse("cos(sin(x^2) + 3x^2)");
    const tape = Tape.record(f, ["x"]);
    expect(tape.length).toBe(dagSize(f));
    const tIndex = tape.entries.findIndex((e) => e.node.kind === "call" && e.node.op === "pow");
    const consumers = tape.entries.filter((e) => e.inputs.includes(tIndex));
    expect(consumers.map((e) => (e.node.kind === "call" ? e.node.op : "")).sort()).toEqual(["mul", "sin"]);
  });

  it("logistic regression (case 1): dJ/dθ_j = (y − y*) x_j and dJ/dx_j = (y − y*) θ_j for J = −[y* log y + (1−y*) log(1−y)]", () => {
    const f = parse("-(ystar*log(sigmoid(t0*x0 + t1*x1 + t2*x2)) + (1 - ystar)*log(1 - sigmoid(t0*x0 + t1*x1 + t2*x2)))");
    const point = { t0: 0.3, t1: -1.2, t2: 0.8, x0: 1, x1: 0.5, x2: -2, ystar: 1 };
    const a = point.t0 * point.x0 + point.t1 * point.x1 + point.t2 * point.x2;
    const y = 1 / (1 + Math.exp(-a));
    const r = reverseDifferentiator.gradient(f, point, ["t0", "t1", "t2", "x1"]);
    expect(relErr(r.gradient.t0, (y - point.ystar) * point.x0)).toBeLessThan(1e-12);
    expect(relErr(r.gradient.t1, (y - point.ystar) * point.x1)).toBeLessThan(1e-12);
    expect(relErr(r.gradient.t2, (y - point.ystar) * point.x2)).toBeLessThan(1e-12);
    expect(relErr(r.gradient.x1, (y - point.ystar) * point.t1)).toBeLessThan(1e-12);
  });

  it("a recorded tape replays at new points exactly as a fresh recording", () => {
    const f = parse(QUIZ1);
    const prepared = prepareReverse(f, ["x", "z"]);
    fc.assert(
      fc.property(fc.double({ min: 1.1, max: 5, noNaN: true }), fc.double({ min: -2, max: 2, noNaN: true }), (x, z) => {
        const replayed = prepared.at({ x, z });
        const fresh = reverseDifferentiator.gradient(f, { x, z }, ["x", "z"]);
        expect(Object.is(replayed.gradient.x, fresh.gradient.x)).toBe(true);
        expect(Object.is(replayed.gradient.z, fresh.gradient.z)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("a variable not in f has gradient 0; constant exponents never get a partial (no NaN from log of a negative base)", () => {
    const r = reverseDifferentiator.gradient(parse("x^3"), { x: -2, w: 1 }, ["x", "w"]);
    expect(r.gradient.x).toBe(12);
    expect(r.gradient.w).toBe(0);
  });

  it("relu and abs at 0 give the convention 0 and are flagged as kinks", () => {
    const r = reverseDifferentiator.gradient(parse("relu(x) + abs(y)"), { x: 0, y: 0 }, ["x", "y"]);
    expect(r.gradient).toEqual({ x: 0, y: 0 });
    expect(r.diagnostics.kinks.map((k) => k.op).sort()).toEqual(["abs", "relu"]);
  });

  it("log(x) at x = -1 is named as the first non-finite value", () => {
    const r = reverseDifferentiator.gradient(parse("2*log(x) + x"), { x: -1 }, ["x"]);
    expect(Number.isNaN(r.value)).toBe(true);
    expect(r.diagnostics.nonFinite?.expression).toBe("log(x)");
    expect(r.diagnostics.nonFinite?.kind).toBe("value");
  });

  it("sqrt(x) at 0: derivative +Infinity, flagged, with sqrt's local derivative named", () => {
    const r = reverseDifferentiator.gradient(parse("sqrt(x)"), { x: 0 }, ["x"]);
    expect(r.gradient.x).toBe(Infinity);
    expect(r.diagnostics.kinks[0]?.op).toBe("sqrt");
    expect(r.diagnostics.nonFinite?.kind).toBe("derivative");
  });

  it("the backward sweep's operation count is two per active edge", () => {
    const f = parse("x*y + sin(x)");
    const tape = Tape.record(f, ["x", "y"]);
    const sweep = tape.forwardAt({ x: 1, y: 2 }, numberAlgebra);
    // active edges: mul->x, mul->y, sin->x, add->mul, add->sin = 5 edges
    expect(tape.backward(numberAlgebra, sweep, 0, 1).operations).toBe(10);
  });
});
