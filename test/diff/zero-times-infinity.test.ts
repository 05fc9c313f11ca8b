// 0 · ∞ in the backward sweep. An infinite local partial (sqrt'(0) = +∞) on a path that an
// exact zero cuts (∂(0·x)/∂x = 0) must give 0, not NaN: reverse mode skips such an increment
// (the strong zero), the compiled adjoint code makes the same skip, and forward mode skips
// zero tangents and zero partials. Each case below states its true derivative, worked out by
// hand, and what every method gives; NaN is accepted only where the derivative is undefined
// or where the method evaluates a formula that is 0 · ∞ at the point (said per case).
// Also: sqrt' at ±0 is +∞ at +0 and −∞ at −0 (IEEE sqrt(−0) = −0), the same in every method.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hessian, jacfwd } from "../../src/diff/api.js";
import { forwardDifferentiator } from "../../src/diff/forward.js";
import { prepareReverse } from "../../src/diff/reverse/differentiator.js";
import { Tape } from "../../src/diff/reverse/tape.js";
import { symbolicDifferentiator } from "../../src/diff/symbolic/index.js";
import { finiteDifferenceDifferentiator } from "../../src/diff/finite-difference.js";
import { prepareCompiledReverse } from "../../src/compile/reverse.js";
import { readInputs } from "../../src/graph/inputs.js";
import { linkProgram } from "../../src/compile/program.js";
import { linkTapeProgram, tapeProgram } from "../../src/compile/tape.js";
import { getOp, numberAlgebra } from "../../src/ops/table.js";
import { parse } from "../../src/parse/parse.js";
import { traceAt } from "../../src/trace/trace.js";
import type { Point } from "../../src/eval/evaluate.js";
import { exprArbitrary } from "../support/random-expr.js";

interface Case {
  readonly text: string;
  readonly at: Readonly<Record<string, number>>;
  /** Per variable: the true derivative (NaN: undefined) and what AD (reverse, forward) gives. */
  readonly truth: Readonly<Record<string, number>>;
  readonly ad: Readonly<Record<string, number>>;
  /** What the symbolic method gives: the simplified formula evaluated at the point. */
  readonly symbolic: Readonly<Record<string, number>>;
  readonly why: string;
}

const CASES: readonly Case[] = [
  {
    text: "sqrt(0*x)", at: { x: 1 }, truth: { x: 0 }, ad: { x: 0 }, symbolic: { x: 0 },
    why: "f ≡ 0; the path x → 0·x → sqrt is cut by ∂(0·x)/∂x = 0 before sqrt'(0) = ∞",
  },
  {
    text: "0*sqrt(x)", at: { x: 0 }, truth: { x: 0 }, ad: { x: 0 }, symbolic: { x: 0 },
    why: "f ≡ 0 on its domain x ≥ 0 (one-sided derivative 0); sqrt'(0) = ∞ is cut after by ∂(0·s)/∂s = 0",
  },
  {
    text: "sqrt(x*x)", at: { x: 0 }, truth: { x: NaN }, ad: { x: 0 }, symbolic: { x: NaN },
    why: "f = |x| has a kink at 0: AD cuts ∞ by ∂(x·x)/∂x = x = 0 and gives 0 (as abs'(0) = 0); symbolic evaluates x/sqrt(x²) = 0/0",
  },
  {
    text: "sqrt(x*y)", at: { x: 1, y: 0 }, truth: { x: 0, y: Infinity }, ad: { x: 0, y: Infinity }, symbolic: { x: NaN, y: Infinity },
    why: "f(x, 0) ≡ 0, so ∂f/∂x = 0; f(1, y) = sqrt(y), so ∂f/∂y = sqrt'(0) = +∞; symbolic's ∂f/∂x is y/(2 sqrt(xy)) = 0·∞",
  },
  {
    text: "sqrt(x*y)", at: { x: 1, y: -0 }, truth: { x: 0, y: -Infinity }, ad: { x: 0, y: -Infinity }, symbolic: { x: NaN, y: -Infinity },
    why: "x·y = -0 and IEEE sqrt(-0) = -0, so sqrt'(-0) = 1/(2·(-0)) = -∞ (as in JAX and PyTorch); ∂f/∂x is still cut by y = -0",
  },
  {
    text: "sqrt(x)*y", at: { x: 0, y: 0 }, truth: { x: 0, y: 0 }, ad: { x: 0, y: 0 }, symbolic: { x: NaN, y: 0 },
    why: "f(x, 0) ≡ 0; symbolic's ∂f/∂x is y/(2 sqrt(x)) = 0·∞",
  },
  {
    text: "relu(x)*sqrt(x)", at: { x: 0 }, truth: { x: 0 }, ad: { x: 0 }, symbolic: { x: NaN },
    why: "f = x^1.5 on x ≥ 0, one-sided derivative 0; the ∞ of sqrt'(0) meets relu(0) = 0; symbolic evaluates relu(x)·(1/(2|sqrt x|)) = 0·∞",
  },
  {
    text: "sqrt(x*x) + x", at: { x: 0 }, truth: { x: NaN }, ad: { x: 1 }, symbolic: { x: NaN },
    why: "|x| + x has a kink at 0; AD: 0 (cut, as sqrt(x·x)) + 1",
  },
];

const label = (c: Case) => `${c.text} at ${Object.entries(c.at).map(([v, n]) => `${v} = ${Object.is(n, -0) ? "-0" : n}`).join(", ")}`;
const wrtOf = (c: Case) => Object.keys(c.at);
const at = (c: Case): Point => ({ ...c.at });

/** Object.is equality, except that any NaN equals any NaN. */
function expectSame(actual: Readonly<Record<string, number>>, expected: Readonly<Record<string, number>>, what: string): void {
  for (const [v, e] of Object.entries(expected)) {
    const a = actual[v];
    expect(Object.is(a, e) || (Number.isNaN(a) && Number.isNaN(e)) || (a === 0 && e === 0), `${what}: d/d${v} is ${a}, expected ${e}`).toBe(true);
  }
}

describe("0 · ∞ in reverse mode: a zero cuts the path", () => {
  it("the cases are right about the truth: AD's value equals it wherever the derivative is defined", () => {
    for (const c of CASES) {
      for (const [v, truth] of Object.entries(c.truth)) if (!Number.isNaN(truth)) expect(c.ad[v], `${label(c)}: ${c.why}`).toBe(truth);
    }
  });

  it.each(CASES)("reverse mode, interpreted and compiled: $text at $at", (c) => {
    const interpreted = prepareReverse(parse(c.text), wrtOf(c)).at(at(c));
    expectSame(interpreted.gradient, c.ad, `${label(c)} (interpreted): ${c.why}`);
    const prepared = prepareCompiledReverse(parse(c.text), wrtOf(c));
    expect(prepared.path).toBe("compiled");
    const compiled = prepared.at(at(c));
    for (const v of wrtOf(c)) expect(Object.is(compiled.gradient[v], interpreted.gradient[v]), `${label(c)}: compiled d/d${v}`).toBe(true);
  });

  it("compiled reverse mode (plain code, the interpreted tape after a NaN) equals the interpreted tape over random expressions at points of zeros and infinities (1,500 runs)", () => {
    const special = fc.constantFrom(0, -0, Infinity, -Infinity, NaN, 1, -1, 2, 0.5, 1e-310, 800);
    const variables = ["x", "y", "z"];
    fc.assert(
      fc.property(exprArbitrary(), fc.record({ x: special, y: special, z: special }), fc.subarray(variables), (expr, point, wrt) => {
        const tape = Tape.record(expr, wrt);
        const layout = tape.graph;
        const { linked } = linkTapeProgram(tape);
        if (linked.path !== "compiled") throw new Error(linked.reason);
        const results = new Float64Array(wrt.length + 1);
        linked.run(readInputs(layout, point), results);
        const interpreted = prepareReverse(expr, wrt).at(point);
        return Object.is(results[0], interpreted.value) && wrt.every((v, k) => Object.is(results[k + 1], interpreted.gradient[v]));
      }),
      { numRuns: 1_500 },
    );
  });

  it("the plain program alone has no rule in it: where the rule cuts 0 · ∞ it gives NaN, and the linked program reruns the tape", () => {
    const f = parse("sqrt(exp(x)*y)*y");
    const wrt = ["x", "y"];
    const tape = Tape.record(f, wrt);
    const layout = tape.graph;
    const plain = linkProgram(tapeProgram(tape));
    if (plain.path !== "compiled") throw new Error(plain.reason);
    const { linked } = linkTapeProgram(tape);
    if (linked.path !== "compiled") throw new Error(linked.reason);
    for (const point of [{ x: 0, y: 0 }, { x: 1, y: 2 }, { x: -Infinity, y: 1 }]) {
      const results = new Float64Array(3);
      linked.run(readInputs(layout, point), results);
      const interpreted = prepareReverse(f, wrt).at(point);
      expect([...results]).toEqual([interpreted.value, interpreted.gradient.x, interpreted.gradient.y]);
    }
    const plainResults = new Float64Array(3);
    plain.run(readInputs(layout, { x: 0, y: 0 }), plainResults);
    expect(plainResults[1]).toBeNaN(); // ∂/∂x: the adjoint y = 0 times sqrt'(0) = ∞
    expect(prepareReverse(f, wrt).at({ x: 0, y: 0 }).gradient.x).toBe(0);
  });

  it("with more derivatives than the unrolled NaN test covers (300), a NaN in the last one still reruns", () => {
    // Σ x_k + sqrt(0 · x_300): the plain code's last derivative is 1 + ∞ · 0 = NaN; the tape's is 1.
    const names = Array.from({ length: 300 }, (_, k) => `x${k + 1}`);
    const f = parse(`${names.join(" + ")} + sqrt(0*x300)`);
    const point = Object.fromEntries(names.map((n) => [n, 1]));
    const prepared = prepareCompiledReverse(f, names);
    expect(prepared.path).toBe("compiled");
    const gradient = prepared.at(point).gradient;
    expect(names.every((n) => gradient[n] === 1)).toBe(true);
  });

  it.each(CASES)("forward mode on the tape (jacfwd's tangent sweeps) agrees: $text", (c) => {
    const { rows } = jacfwd(parse(c.text), at(c), wrtOf(c));
    expectSame(Object.fromEntries(wrtOf(c).map((v, j) => [v, rows[0][j]])), c.ad, `${label(c)}: ${c.why}`);
  });

  it.each(CASES)("symbolic follows the same rule: its derivative's products cut 0 · ∞ at an exact zero, so it equals AD: $text", (c) => {
    expectSame(symbolicDifferentiator.gradient(parse(c.text), at(c), wrtOf(c)).gradient, c.ad, `${label(c)}: ${c.why}`);
  });

  it("forward mode's dual numbers agree too, scalar and vector (needs the strong zero in applyDual and vectorPass)", () => {
    for (const c of CASES) {
      for (const forwardMode of ["scalar", "vector"] as const) {
        const r = forwardDifferentiator.gradient(parse(c.text), at(c), wrtOf(c), { forwardMode });
        expectSame(r.gradient, c.ad, `${label(c)} (forward, ${forwardMode}): ${c.why}`);
      }
    }
  });

  it("u − u is a structural constant: no path runs through it, by any method (sqrt(x) − sqrt(x) at 0, sqrt(x − x) at 1)", () => {
    for (const [text, point] of [["sqrt(x) - sqrt(x)", { x: 0 }], ["sqrt(x - x)", { x: 1 }], ["x^(x/x)", { x: -0.8 }]] as const) {
      const f = parse(text);
      const expected = text === "x^(x/x)" ? 1 : 0;
      expect(prepareReverse(f, ["x"]).at(point).gradient.x, text).toBe(expected);
      expect(jacfwd(f, point, ["x"]).rows[0][0], text).toBe(expected);
      expect(forwardDifferentiator.gradient(f, point, ["x"]).gradient.x, text).toBe(expected);
      expect(symbolicDifferentiator.gradient(f, point, ["x"]).gradient.x, text).toBe(expected);
    }
  });

  it("a zero that rounding made cuts nothing: 0 · ∞ stays NaN and the point is flagged (log(1 + exp(x)) at 800)", () => {
    const f = parse("log(1 + exp(x))");
    for (const r of [prepareReverse(f, ["x"]).at({ x: 800 }), forwardDifferentiator.gradient(f, { x: 800 }, ["x"]), symbolicDifferentiator.gradient(f, { x: 800 }, ["x"])]) {
      expect(r.gradient.x, r.method).toBeNaN();
      expect(r.diagnostics.overflow?.message, r.method).toMatch(/exp\(x\) overflows/);
    }
  });

  it("elsewhere nothing changes: a finite adjoint times a zero partial is still added (signed zero kept)", () => {
    // d/dx of x*y at y = -0 is y = -0: 1 · (-0) is an ordinary product, not skipped.
    expect(Object.is(prepareReverse(parse("x*y"), ["x"]).at({ x: 2, y: -0 }).gradient.x, -0)).toBe(true);
    expect(Object.is(prepareCompiledReverse(parse("x*y"), ["x"]).at({ x: 2, y: -0 }).gradient.x, -0)).toBe(true);
  });
});

describe("forward-over-reverse Hessians: a dual is zero only when value and tangent are", () => {
  it("sqrt(x)*y at (0, 0): the adjoint y = (0, ẏ) of sqrt(x) is not zero, so H = [[0, ∞], [∞, 0]] as by hand", () => {
    // By hand: f(x, 0) ≡ 0 and f(0, y) ≡ 0 give H_xx = H_yy = 0; ∂f/∂y = sqrt(x) gives
    // H_xy = H_yx = 1/(2 sqrt(x)) = +∞. Treating the dual (0, 1) as zero would give H_yx = 0.
    const f = parse("sqrt(x)*y");
    expect(hessian(f, { x: 0, y: 0 }, { wrt: ["x", "y"] })).toEqual([[0, Infinity], [Infinity, 0]]);
    // symbolic agrees off the diagonal; its H_xx formula is y · (something infinite) = 0 · ∞
    const symbolic = hessian(f, { x: 0, y: 0 }, { wrt: ["x", "y"], method: "symbolic" });
    expect([symbolic[0][1], symbolic[1][0], symbolic[1][1]]).toEqual([Infinity, Infinity, 0]);
    expect(symbolic[0][0]).toBeNaN();
  });

  it("sqrt(0*x)*x + x^2 at 1: the constant 0's dual (0, 0) cuts an adjoint with an infinite tangent, H = 2 (not NaN)", () => {
    const f = parse("sqrt(0*x)*x + x^2");
    expect(hessian(f, { x: 1 }, { wrt: ["x"] })).toEqual([[2]]);
    expect(hessian(f, { x: 1 }, { wrt: ["x"], method: "symbolic" })).toEqual([[2]]);
  });
});

describe("the trace shows the increments the backward sweep makes, and only those", () => {
  it("sqrt(x*x) + x at 0: the two 0 · ∞ increments from x*x into x do not appear; dJ/dx = 1 as reverse mode", () => {
    const trace = traceAt(parse("sqrt(x*x) + x"), { x: 0 });
    expect(trace.gradient.x).toBe(1);
    expect(trace.backward.filter((r) => r.target === "x")).toHaveLength(1);
    for (const r of trace.backward) expect(r.increment).not.toBeNaN();
    // the infinite adjoint of x*x is shown: the skip happens below it
    expect(trace.backward.some((r) => r.after === Infinity)).toBe(true);
  });

  it("x*y at y = 0: a finite adjoint times a zero partial still appears (it is made)", () => {
    const trace = traceAt(parse("x*y"), { x: 3, y: 0 });
    expect(trace.backward.map((r) => [r.target, r.local])).toEqual([["x", 0], ["y", 3]]);
  });
});

describe("sqrt' and cbrt' at ±0, the same in every method", () => {
  const sqrtPartial = getOp("sqrt").partials[0];

  it("sqrt's rule: +∞ at +0, −∞ at −0 (IEEE sqrt(−0) = −0, as in JAX and PyTorch), 1/(2 sqrt x) bit for bit at x > 0", () => {
    expect(sqrtPartial(numberAlgebra, [0], Math.sqrt(0))).toBe(Infinity);
    expect(Object.is(Math.sqrt(-0), -0)).toBe(true);
    expect(sqrtPartial(numberAlgebra, [-0], Math.sqrt(-0))).toBe(-Infinity);
    for (let k = -300; k <= 300; k += 7) {
      const x = 1.37 * 10 ** k;
      expect(sqrtPartial(numberAlgebra, [x], Math.sqrt(x))).toBe(1 / (2 * Math.sqrt(x)));
    }
    expect(sqrtPartial(numberAlgebra, [-4], Math.sqrt(-4))).toBeNaN();
  });

  it.each([0, -0])("d/dx sqrt(x) and cbrt(x) at %d: one value by symbolic, forward, reverse (both), finite differences", (x) => {
    const expected: Record<string, number> = { "sqrt(x)": Object.is(x, -0) ? -Infinity : Infinity, "cbrt(x)": Infinity };
    for (const text of ["sqrt(x)", "cbrt(x)"]) {
      const f = parse(text);
      const results = [
        symbolicDifferentiator.gradient(f, { x }, ["x"]),
        forwardDifferentiator.gradient(f, { x }, ["x"]),
        prepareReverse(f, ["x"]).at({ x }),
        prepareCompiledReverse(f, ["x"]).at({ x }),
        finiteDifferenceDifferentiator.gradient(f, { x }, ["x"]),
      ];
      for (const r of results) expect(r.gradient.x, `${text} by ${r.method}`).toBe(expected[text]);
    }
  });
});
