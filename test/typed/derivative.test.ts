import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { getDifferentiator } from "../../src/diff/registry.js";
import { evaluateAll } from "../../src/eval/evaluate.js";
import { LAYOUT_NOTE, matrixGradient, printMatrixGradient, typedAdjoints } from "../../src/typed/derivative.js";
import { elementNames, lower, lowerScalar } from "../../src/typed/lower.js";
import { parseTyped } from "../../src/typed/parse.js";
import { printTyped } from "../../src/typed/print.js";
import { matrixShape, SCALAR, sameShape, vectorShape, type Shape } from "../../src/typed/shape.js";
import { simplifyTyped } from "../../src/typed/simplify-typed.js";
import { ShapeError, tdot, tfill, tliteral, tmap, tmatmul, tnorm2, tnum, tsum, ttranspose, tvar, typedVariablesOf, type TExpr } from "../../src/typed/texpr.js";
import { drawValues, flattenPoint } from "../../src/typed/values.js";
import { MatrixFormError } from "../../src/typed/vjp.js";
import { handQuiz2 } from "../support/quiz2-backprop.js";

/** The elements (row-major) of a typed expression at a scalar point, via lowering. */
function elementsAt(e: TExpr, point: ReadonlyMap<string, number>): number[] {
  const { elements } = lower(e);
  const values = evaluateAll(elements, point);
  return elements.map((x) => values.get(x.id) as number);
}

/**
 * The matrix-form gradient of f, lowered and evaluated, against the reverse-mode tape on f's
 * scalar lowering, element by element: error relative to the element plus the largest partial
 * of that variable (a partial of 1e-17 next to ones of 1 carries their round-off).
 */
function expectMatchesReverse(f: TExpr, seed: number, tolerance = 1e-12): void {
  const shapes = typedVariablesOf(f);
  const point = flattenPoint(shapes, drawValues(shapes, seed));
  const all = [...shapes].flatMap(([name, shape]) => elementNames(name, shape));
  const reverse = getDifferentiator("reverse").gradient(lowerScalar(f), point, all).gradient;
  for (const [name, g] of matrixGradient(f)) {
    const shape = shapes.get(name) as Shape;
    expect(sameShape(g.shape, shape), `∂f/∂${name} has the shape of ${name}`).toBe(true);
    const ours = elementsAt(g, point);
    const theirs = elementNames(name, shape).map((e) => reverse[e]);
    const scale = Math.max(...theirs.map(Math.abs));
    ours.forEach((v, i) => {
      expect(Math.abs(v - theirs[i]), `∂f/∂${elementNames(name, shape)[i]} of ${printTyped(f)}: ${printTyped(g)}`).toBeLessThanOrEqual(tolerance * (Math.abs(theirs[i]) + scale));
    });
  }
}

const v = (name: string, n: number) => tvar(name, vectorShape(n));
const M = (name: string, rows: number, cols: number) => tvar(name, matrixShape(rows, cols));
const s = (name: string) => tvar(name, SCALAR);
const map = (op: string, ...args: TExpr[]) => tmap(op, args);
const sumOf = (op: string, e: TExpr) => tsum(map(op, e));

interface Dims {
  readonly m: number;
  readonly n: number;
  readonly k: number;
}

// Each operator in a scalar f, over random sizes. A linear use is wrapped in sin/tanh so the
// adjoint flowing back is not a constant.
const CASES: Readonly<Record<string, (d: Dims) => TExpr>> = {
  "matrix * matrix": ({ m, n, k }) => sumOf("sin", tmatmul(M("A", m, k), M("B", k, n))),
  "matrix * vector": ({ m, k }) => sumOf("tanh", tmatmul(M("W", m, k), v("x", k))),
  "row * matrix": ({ n, k }) => sumOf("sin", tmatmul(ttranspose(v("x", k)), M("A", k, n))),
  "row * vector (a scalar)": ({ k }) => map("sin", tmatmul(ttranspose(v("b", k)), v("z", k))),
  "vector * row (outer product)": ({ m, n }) => sumOf("sin", tmatmul(v("x", m), ttranspose(v("y", n)))),
  "scalar * matrix and matrix * scalar": ({ m, n }) => sumOf("sin", map("add", tmatmul(s("c", ), M("A", m, n)), tmatmul(M("A", m, n), s("d")))),
  "scalar * scalar": () => map("sin", tmatmul(s("c"), s("d"))),
  "m×1 matrix * row": ({ m, n }) => sumOf("sin", tmatmul(M("A", m, 1), ttranspose(v("y", n)))),
  "vector * 1×n matrix": ({ m, n }) => sumOf("sin", tmatmul(v("x", m), M("B", 1, n))),
  "1×k matrix * vector (a vector of 1)": ({ k }) => sumOf("sin", tmatmul(M("B", 1, k), v("x", k))),
  "row * k×1 matrix (a row of 1)": ({ k }) => sumOf("sin", tmatmul(ttranspose(v("x", k)), M("C", k, 1))),
  "1×1 matrix times a row": ({ n }) => sumOf("sin", tmatmul(M("D", 1, 1), ttranspose(v("y", n)))),
  "transpose (and twice)": ({ m, n }) => map("add", sumOf("sin", ttranspose(M("A", m, n))), sumOf("cos", ttranspose(ttranspose(M("A", m, n))))),
  "+ and - with scalar broadcast": ({ m, n }) => sumOf("sin", map("sub", map("add", M("A", m, n), s("c")), map("sub", s("d"), M("B", m, n)))),
  ".* and ./": ({ m, n }) => sumOf("sin", map("div", map("mul", M("A", m, n), M("B", m, n)), map("add", tnum(2), map("pow", M("B", m, n), tnum(2))))),
  "scalar .* and ./ broadcast": ({ n }) => sumOf("tanh", map("add", map("mul", s("c"), v("x", n)), map("div", v("x", n), map("add", tnum(3), s("c"))))),
  ".^ with constant and variable exponents": ({ n }) => sumOf("sin", map("add", map("pow", v("x", n), tnum(3)), map("pow", map("exp", v("y", n)), s("c")))),
  "sigmoid, tanh, exp": ({ n }) => tsum(map("add", map("add", map("sigmoid", v("x", n)), map("tanh", v("x", n))), map("exp", v("y", n)))),
  "relu and softplus": ({ n }) => tsum(map("mul", map("relu", v("x", n)), map("softplus", v("y", n)))),
  "log (of a positive argument), sqrt, neg": ({ n }) => tsum(map("neg", map("add", map("log", map("sigmoid", v("x", n))), map("sqrt", map("add", tnum(1), map("pow", v("y", n), tnum(2))))))),
  "sum of a matrix": ({ m, n }) => map("pow", tsum(M("A", m, n)), tnum(2)),
  "dot of two vectors, and of a vector and a row": ({ n }) => map("add", map("sin", tdot(v("x", n), v("y", n))), map("cos", tdot(v("x", n), ttranspose(v("y", n))))),
  "norm2 of a vector and of a matrix": ({ m, n }) => map("add", tnorm2(map("sin", v("x", n))), tnorm2(M("A", m, n))),
  "fill": ({ m, n }) => sumOf("sin", map("mul", tfill(s("c"), matrixShape(m, n)), M("A", m, n))),
  "a constant literal": () => map("sin", tdot(tliteral([[tnum(1), tnum(-2), tnum(0.5)]]), v("x", 3))),
  "a variable used twice (fan-out)": ({ m, n }) => {
    const A = M("A", m, n);
    return tsum(map("mul", map("sin", A), map("cos", A)));
  },
  "a quadratic form x' * A * x": ({ n }) => tmatmul(tmatmul(ttranspose(v("x", n)), M("A", n, n)), v("x", n)),
};

describe("matrix-form gradients against reverse mode on the scalar lowering", () => {
  const dims = fc.record({ m: fc.integer({ min: 1, max: 4 }), n: fc.integer({ min: 1, max: 4 }), k: fc.integer({ min: 1, max: 4 }) });
  const seeds = fc.integer({ min: 0, max: 2 ** 31 - 1 });
  for (const [name, build] of Object.entries(CASES)) {
    it(name, () => {
      fc.assert(
        fc.property(dims, seeds, (d, seed) => expectMatchesReverse(build(d), seed)),
        { seed: 20240509, numRuns: 25 },
      );
    });
  }

  it("random compositions of layers (matmul, element-wise functions, transposes, sums) agree", () => {
    const layer = fc.constantFrom("sigmoid", "tanh", "sin", "softplus", "exp");
    fc.assert(
      fc.property(fc.array(fc.tuple(layer, fc.integer({ min: 1, max: 4 }), fc.boolean()), { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 4 }), seeds, (layers, n0, seed) => {
        let h: TExpr = v("x", n0);
        layers.forEach(([fn, width, transposed], i) => {
          const rows = h.shape.kind === "vector" ? h.shape.length : 1;
          // W * h, or (W' written as the transpose of a declared width×rows matrix) * h
          const W = transposed ? ttranspose(M(`W${i}`, rows, width)) : M(`W${i}`, width, rows);
          h = map(fn, map("add", tmatmul(W, h), v(`c${i}`, width)));
        });
        expectMatchesReverse(map("mul", tnum(0.5), map("pow", tnorm2(map("sub", h, v("t", (h.shape as { length: number }).length))), tnum(2))), seed);
      }),
      { seed: 7, numRuns: 40 },
    );
  });
});

describe("the issue's example J = 0.5 * norm2(sigmoid(W*x) - t)^2", () => {
  const program = parseTyped("x: R^3; W: R^(4x3); t: R^4; a = W * x; z = sigmoid(a); 0.5 * norm2(z - t)^2");

  it("∂J/∂W equals the hand formula ((σ(Wx) − t) .* σ(Wx) .* (1 − σ(Wx))) * x', element by element", () => {
    const [W, x, t] = [M("W", 4, 3), v("x", 3), v("t", 4)];
    const sigma = map("sigmoid", tmatmul(W, x));
    const hand = tmatmul(map("mul", map("mul", map("sub", sigma, t), sigma), map("sub", tnum(1), sigma)), ttranspose(x));
    const ours = matrixGradient(program.result).get("W") as TExpr;
    for (const seed of [1, 2, 3, 4, 5]) {
      const point = flattenPoint(program.shapes, drawValues(program.shapes, seed));
      const expected = elementsAt(hand, point);
      elementsAt(ours, point).forEach((value, i) => expect(Math.abs(value - expected[i])).toBeLessThanOrEqual(1e-15 * Math.max(1, Math.abs(expected[i]))));
    }
  });

  it("prints ∂J/∂W as (z - t) .* z .* (1 - z) * x' with the let-bound z, and states the layout", () => {
    const text = printMatrixGradient(program);
    expect(text).toContain("∂J/∂W = (z - t) .* z .* (1 - z) * x'");
    expect(text).toContain("∂J/∂x = W' * ((z - t) .* z .* (1 - z))");
    expect(text).toContain(LAYOUT_NOTE);
    // the printed formula reads back as the same gradient
    const again = parseTyped(`x: R^3; W: R^(4x3); t: R^4; z = sigmoid(W * x); (z - t) .* z .* (1 - z) * x'`);
    const point = flattenPoint(program.shapes, drawValues(program.shapes, 11));
    const expected = elementsAt(again.result, point);
    elementsAt(matrixGradient(program.result).get("W") as TExpr, point).forEach((value, i) => expect(value).toBeCloseTo(expected[i], 14));
  });
});

// The lecture's networks, written as typed programs.
const QUIZ2 = "x: R^3; alpha1: R^(3x4); alpha2: R^(4x3); beta: R^3; a1 = alpha1' * x; z1 = sigmoid(a1); a2 = alpha2' * z1; z2 = sigmoid(a2); b = beta' * z2; y = sigmoid(b)";
const LOSSES = { quadratic: "0.5 * (y - ystar)^2", "cross-entropy": "-(ystar * log(y) + (1 - ystar) * log(1 - y))" } as const;

describe("the lecture's networks", () => {
  const seeds = fc.integer({ min: 0, max: 2 ** 31 - 1 });
  it("logistic regression J = -(y* log y + (1 − y*) log(1 − y)), y = σ(θ'x): ∂J/∂θ = (y − y*) x", () => {
    const program = parseTyped(`x: R^4; theta: R^4; y = sigmoid(theta' * x); ${LOSSES["cross-entropy"]}`);
    fc.assert(
      fc.property(seeds, (seed) => {
        expectMatchesReverse(program.result, seed);
        // the textbook closed form, computed on plain numbers
        const values = drawValues(program.shapes, seed);
        const [x, theta, ystar] = [values.get("x") as number[], values.get("theta") as number[], values.get("ystar") as number];
        const y = 1 / (1 + Math.exp(-theta.reduce((acc, th, i) => acc + th * x[i], 0)));
        const ours = elementsAt(matrixGradient(program.result).get("theta") as TExpr, flattenPoint(program.shapes, values));
        ours.forEach((g, i) => expect(g).toBeCloseTo((y - ystar) * x[i], 12));
      }),
      { seed: 3, numRuns: 30 },
    );
  });

  it("one hidden layer (z = σ(αx), y = σ(β'z)) with both losses", () => {
    for (const loss of Object.values(LOSSES)) {
      const program = parseTyped(`x: R^3; alpha: R^(4x3); beta: R^4; z = sigmoid(alpha * x); y = sigmoid(beta' * z); ${loss}`);
      fc.assert(fc.property(seeds, (seed) => expectMatchesReverse(program.result, seed)), { seed: 4, numRuns: 30 });
    }
  });

  it("Quiz 2 (x: 3, α⁽¹⁾: 3×4, α⁽²⁾: 4×3, β: 3): ∂J/∂β, ∂J/∂α⁽²⁾, ∂J/∂α⁽¹⁾ with both losses", () => {
    for (const loss of Object.values(LOSSES)) {
      const program = parseTyped(`${QUIZ2}; ${loss}`);
      expect([...matrixGradient(program.result).keys()].sort()).toEqual(["alpha1", "alpha2", "beta", "x", "ystar"]);
      fc.assert(fc.property(seeds, (seed) => expectMatchesReverse(program.result, seed)), { seed: 5, numRuns: 30 });
    }
  });

  it("Quiz 2 against a hand-written backprop on plain arrays (the lecture's module formulas)", () => {
    const program = parseTyped(`${QUIZ2}; ${LOSSES.quadratic}`);
    const gradient = matrixGradient(program.result);
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const values = drawValues(program.shapes, seed);
      const { dJdbeta, dJdalpha2, dJdalpha1 } = handQuiz2(values);
      const point = flattenPoint(program.shapes, values);
      const check = (name: string, expected: number[]) =>
        elementsAt(gradient.get(name) as TExpr, point).forEach((g, i) => expect(Math.abs(g - expected[i]), `${name}[${i}]`).toBeLessThanOrEqual(1e-15 + 1e-12 * Math.abs(expected[i])));
      check("beta", dJdbeta);
      check("alpha2", dJdalpha2.flat());
      check("alpha1", dJdalpha1.flat());
    }
  });
});

describe("adjoints and gradients: edge cases", () => {
  it("every differentiated node's adjoint has the node's shape", () => {
    const program = parseTyped(`${QUIZ2}; ${LOSSES["cross-entropy"]}`);
    for (const [node, adjoint] of typedAdjoints(program.result)) expect(sameShape(node.shape, adjoint.shape)).toBe(true);
  });

  it("a variable the expression does not use gets a zero of its shape; constants get no adjoint", () => {
    const x = v("x", 3);
    const f = tdot(tliteral([[tnum(1), tnum(2), tnum(3)]]), x);
    const g = matrixGradient(f, ["x", "W"], new Map([["W", matrixShape(2, 3)]]));
    expect(elementsAt(g.get("x") as TExpr, new Map())).toEqual([1, 2, 3]);
    expect(sameShape((g.get("W") as TExpr).shape, matrixShape(2, 3))).toBe(true);
    expect(elementsAt(g.get("W") as TExpr, new Map())).toEqual([0, 0, 0, 0, 0, 0]);
    expect([...typedAdjoints(f).keys()].every((node) => node.kind !== "literal" && node.kind !== "num")).toBe(true);
  });

  it("refuses a vector-valued f and a literal holding variables, saying why", () => {
    expect(() => typedAdjoints(v("x", 3))).toThrow(ShapeError);
    expect(() => typedAdjoints(tnorm2(tliteral([[s("a"), s("b")]])))).toThrow(MatrixFormError);
    expect(() => typedAdjoints(tnorm2(tliteral([[s("a"), s("b")]])))).toThrow(/literal/);
  });
});

describe("the typed simplifier", () => {
  const x = v("x", 3);
  const A = M("A", 3, 3);
  const c = s("c");
  const cases: readonly [string, TExpr, string][] = [
    ["(x')' → x", ttranspose(ttranspose(x)), "x"],
    ["1 * X → X and X .* 1 → X", map("add", tmatmul(tnum(1), A), map("mul", A, tfill(tnum(1), matrixShape(3, 3)))), "A + A"],
    ["X + 0 → X", map("add", A, tfill(tnum(0), matrixShape(3, 3))), "A"],
    ["scalar constants fold", map("mul", tnum(2), map("mul", tnum(3), x)), "6 * x"],
    ["s * ones .* X → s * X", map("mul", tfill(c, matrixShape(3, 3)), A), "c * A"],
    ["sum of a fill → s * size", tsum(tfill(c, matrixShape(2, 3))), "6 * c"],
    ["(A * x')' → x * A'", ttranspose(tmatmul(v("y", 2), ttranspose(x))), "x * y'"],
    ["0 .* X → 0", map("mul", tnum(0), A), "0 * ones(3, 3)"],
  ];
  for (const [rule, input, expected] of cases) {
    it(rule, () => expect(printTyped(simplifyTyped(input))).toBe(expected));
  }

  it("never changes a value: random expressions full of identities, evaluated before and after", () => {
    const shapes = new Map<string, Shape>([["A", matrixShape(3, 2)], ["B", matrixShape(3, 2)], ["c", SCALAR], ["d", SCALAR]]);
    const leaves: TExpr[] = [M("A", 3, 2), M("B", 3, 2), tmatmul(c, M("A", 3, 2)), tfill(s("d"), matrixShape(3, 2))];
    // Each step wraps X (3×2) in something the simplifier rewrites.
    const wraps: ((e: TExpr, other: TExpr) => TExpr)[] = [
      (e) => map("mul", tnum(1), e),
      (e) => map("add", e, tfill(tnum(0), e.shape)),
      (e) => ttranspose(ttranspose(e)),
      (e, o) => map("mul", tfill(s("d"), e.shape), map("mul", e, o)),
      (e) => map("neg", map("sub", e, c)),
      (e, o) => map("add", map("neg", e), o),
      (e, o) => map("mul", map("neg", e), map("div", tnum(1), map("add", tnum(2), map("pow", o, tnum(2))))),
      (e) => map("div", map("mul", c, e), c),
      (e) => map("div", map("mul", e, c), c),
      (e) => map("pow", e, tnum(1)),
      (e, o) => ttranspose(tmatmul(tfill(tnum(1), matrixShape(2, 2)), ttranspose(map("mul", e, o)))),
      (e) => map("add", e, map("mul", tnum(0.5), tsum(tfill(c, matrixShape(2, 2))))),
      (e) => map("sin", map("mul", tnum(2), map("mul", tnum(-1), e))),
    ];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(wraps.length - 1), fc.nat(leaves.length - 1)), { minLength: 1, maxLength: 8 }), fc.nat(leaves.length - 1), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (steps, first, seed) => {
        let e = leaves[first];
        for (const [w, o] of steps) e = wraps[w](e, leaves[o]);
        const point = flattenPoint(shapes, drawValues(shapes, seed));
        const before = elementsAt(e, point);
        const simplified = simplifyTyped(e);
        expect(sameShape(simplified.shape, e.shape)).toBe(true);
        elementsAt(simplified, point).forEach((value, i) => expect(Math.abs(value - before[i])).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(before[i]))));
      }),
      { seed: 99, numRuns: 300 },
    );
  });
});
