// max(a, b) and min(a, b) in the op table: values against mathjs, derivatives against central
// differences away from ties, and the tie convention (1/2 to each argument, as JAX's
// jnp.maximum and PyTorch's torch.maximum) by every method.
import fc from "fast-check";
import * as math from "mathjs";
import { describe, expect, it } from "vitest";
import { num, variable, type Expr } from "../../src/ast/expr.js";
import { topologicalOrder, variablesOf } from "../../src/ast/walk.js";
import { prepareCompiledSymbolic } from "../../src/compile/symbolic.js";
import { DIFFERENTIATORS } from "../../src/diff/registry.js";
import { derive } from "../../src/diff/symbolic/index.js";
import { METHOD_NAMES } from "../../src/diff/types.js";
import { typedGradient } from "../../src/diff/typed.js";
import { evaluate, evaluateAll, type Point } from "../../src/eval/evaluate.js";
import { applyExact } from "../../src/ops/exact-zero.js";
import { call, exprAlgebra, functionsNamed, getOp, knownFunctionNames, numberAlgebra } from "../../src/ops/table.js";
import { parse } from "../../src/parse/parse.js";
import { printLatex } from "../../src/print/latex.js";
import { printExpr } from "../../src/print/text.js";
import { exactGradients } from "../support/agreement.js";
import { exprArbitrary, isInsideDomain } from "../support/random-expr.js";

const [x, y] = ["x", "y"].map(variable);
const max = getOp("max");
const min = getOp("min");
const partialsAt = (name: string, args: readonly number[]) => {
  const op = getOp(name);
  return op.partials.map((rule) => rule(numberAlgebra, args, op.eval(args)));
};

/** Equal as values: ===, so 0 and -0 count as one (mathjs's max(-0, 0) is -0, Math.max's 0), or both NaN. */
const sameValue = (a: number, b: number) => a === b || (Number.isNaN(a) && Number.isNaN(b));

const anyDouble = fc.oneof(
  fc.double(),
  fc.constantFrom(0, -0, 1, -1, Infinity, -Infinity, NaN),
  fc.integer({ min: -5, max: 5 }),
);

describe("values: mathjs's max and min are the oracle", () => {
  // mathjs compares with its tolerance (relTol 1e-12, absTol 1e-15) and of two nearly equal
  // arguments returns the first (math.min(0, -5e-324) is 0); Math.max compares exactly. So where
  // mathjs calls the arguments equal, both answers must be one of them; elsewhere the same value.
  it("op.eval equals math.max and math.min on 5000 random pairs (ties, ±0, infinities and NaN among them)", () => {
    fc.assert(
      fc.property(anyDouble, anyDouble, (a, b) => {
        const nearlyEqual = !Number.isNaN(a) && !Number.isNaN(b) && (math.equal(a, b) as boolean);
        for (const [ours, theirs, name] of [[max.eval([a, b]), math.max(a, b), "max"], [min.eval([a, b]), math.min(a, b), "min"]] as const) {
          const agree = nearlyEqual ? [a, b].includes(ours) && [a, b].includes(theirs as number) : sameValue(ours, theirs as number);
          expect(agree, `${name}(${a}, ${b}): ours ${ours}, mathjs ${String(theirs)}`).toBe(true);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it("mathjs evaluates our printed text of expressions with max and min to our value (2000 random expressions and points)", () => {
    const exprs = exprArbitrary({ ops: ["add", "sub", "mul", "sin", "exp", "max", "min"], variables: ["x", "y"], maxDepth: 4 });
    const coordinate = fc.integer({ min: -3000, max: 3000 }).map((k) => k / 1000);
    fc.assert(
      fc.property(exprs, coordinate, coordinate, (e, xv, yv) => {
        const text = printExpr(e);
        const ours = evaluate(e, { x: xv, y: yv });
        const theirs = math.evaluate(text, { x: xv, y: yv }) as number;
        expect(Math.abs(ours - theirs) <= 1e-12 * Math.max(1, Math.abs(ours)) || sameValue(ours, theirs), `${text}: ${ours} vs ${theirs}`).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("NaN in either argument gives NaN, as Math.max: max(NaN, 1), max(1, NaN), min(NaN, -Infinity), and NaN partials", () => {
    for (const args of [[NaN, 1], [1, NaN], [NaN, -Infinity], [NaN, NaN]]) {
      expect(max.eval(args)).toBeNaN();
      expect(min.eval(args)).toBeNaN();
      for (const p of [...partialsAt("max", args), ...partialsAt("min", args)]) expect(p).toBeNaN();
    }
  });

  it("facts: max(2, 3) = 3, min(2, 3) = 2, max(-Infinity, -5) = -5, min(Infinity, 7) = 7", () => {
    expect([max.eval([2, 3]), min.eval([2, 3]), max.eval([-Infinity, -5]), min.eval([Infinity, 7])]).toEqual([3, 2, -5, 7]);
  });
});

describe("the partials: 1 to the argument that wins, 0 to the other, 1/2 each at a tie", () => {
  it("∂max/∂(a, b) is (1, 0) where a > b, (0, 1) where a < b; min the other way round (3000 random pairs)", () => {
    const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(finite, finite, (a, b) => {
        fc.pre(a !== b && Number.isFinite(a - b));
        const aWins = a > b ? 1 : 0;
        expect(partialsAt("max", [a, b])).toEqual([aWins, 1 - aWins]);
        expect(partialsAt("min", [a, b])).toEqual([1 - aWins, aWins]);
      }),
      { numRuns: 3000 },
    );
  });

  it("at a tie a = b (0 and -0 included) every partial is 1/2; the ops say the point is not differentiable", () => {
    for (const [a, b] of [[0, 0], [0, -0], [-0, 0], [2.5, 2.5], [-1e300, -1e300], [5e-324, 5e-324]]) {
      expect(partialsAt("max", [a, b])).toEqual([0.5, 0.5]);
      expect(partialsAt("min", [a, b])).toEqual([0.5, 0.5]);
      expect(max.nonDifferentiableAt?.([a, b])).toBe(true);
      expect(min.nonDifferentiableAt?.([a, b])).toBe(true);
      expect(max.domain?.([a, b])).toBe(false);
    }
    expect(max.nonDifferentiableAt?.([1, 1 + 2 ** -52])).toBe(false);
    expect(max.kinkConvention).toContain("1/2");
    expect(min.kinkConvention).toContain("1/2");
  });

  it("the partial rules are heaviside(a - b, 0.5) and heaviside(b - a, 0.5), which print and read back as themselves", () => {
    const [da, db] = max.partials.map((rule) => rule(exprAlgebra, [x, y], call("max", [x, y])));
    expect(printExpr(da)).toBe("heaviside(x - y, 0.5)");
    expect(printExpr(db)).toBe("heaviside(y - x, 0.5)");
    expect(parse(printExpr(da))).toBe(da);
    expect(functionsNamed("heaviside")?.get(2)?.name).toBe("heavisideTie");
  });

  it("heaviside(x, h) is 1 for x > 0, h at x = 0, 0 for x < 0 (numpy.heaviside), NaN for a NaN argument", () => {
    const step = getOp("heavisideTie");
    expect([step.eval([3, 0.5]), step.eval([-3, 0.5]), step.eval([0, 0.5]), step.eval([-0, 0.25])]).toEqual([1, 0, 0.5, 0.25]);
    expect(step.eval([NaN, 0.5])).toBeNaN();
    expect(step.eval([1, NaN])).toBeNaN();
    // ∂/∂h is 1 at x = 0 (the value there is h) and 0 elsewhere; ∂/∂x is 0 (the jump is ignored)
    expect(partialsAt("heavisideTie", [0, 0.5])).toEqual([0, 1]);
    expect(partialsAt("heavisideTie", [2, 0.5])).toEqual([0, 0]);
    expect(partialsAt("heavisideTie", [-2, 0.5])).toEqual([0, 0]);
  });
});

/** The smallest |a - b| over the max and min calls of f at the point (Infinity if none). */
function tieDistance(f: Expr, point: Point): number {
  const values = evaluateAll(f, point);
  let distance = Infinity;
  for (const node of topologicalOrder(f)) {
    if (node.kind !== "call" || (node.op !== "max" && node.op !== "min")) continue;
    const [a, b] = node.args.map((arg) => values.get(arg.id) as number);
    distance = Math.min(distance, Math.abs(a - b));
  }
  return distance;
}

/** ∂f/∂v by a central difference with Richardson extrapolation (steps h, h/2; error O(h^4)). */
function centralDifference(f: Expr, point: Readonly<Record<string, number>>, v: string, h: number): number {
  const at = (t: number) => evaluate(f, { ...point, [v]: point[v] + t });
  const central = (s: number) => (at(s) - at(-s)) / (2 * s);
  const [d1, d2] = [central(h), central(h / 2)];
  return d2 + (d2 - d1) / 3;
}

const MILD_OPS = ["add", "sub", "mul", "sin", "cos", "tanh", "sigmoid", "max", "min"];
const coordinate = fc.noBias(fc.integer({ min: -2000, max: 2000 }).map((k) => k / 1000));

/** max or min of two random expressions over x and y, at a point at least 0.01 away from every tie. */
const offTie = fc
  .tuple(
    fc.constantFrom("max", "min"),
    exprArbitrary({ ops: MILD_OPS, variables: ["x", "y"], maxDepth: 3 }),
    exprArbitrary({ ops: MILD_OPS, variables: ["x", "y"], maxDepth: 3 }),
    coordinate,
    coordinate,
  )
  .map(([op, a, b, xv, yv]) => ({ f: call(op, [a, b]), point: { x: xv, y: yv } }))
  .filter(({ f, point }) => variablesOf(f).length > 0 && isInsideDomain(f, point) && tieDistance(f, point) > 0.01);

describe("derivatives away from ties: every exact method against a central difference of f", () => {
  it("symbolic, forward (scalar, vector), reverse (interpreted, compiled) equal the difference quotient, 2000 random f = max/min(u, v)", () => {
    fc.assert(
      fc.property(offTie, ({ f, point }) => {
        const wrt = variablesOf(f);
        const full = { x: point.x, y: point.y };
        for (const [method, result] of exactGradients(f, full, wrt)) {
          for (const v of wrt) {
            const estimate = centralDifference(f, full, v, 1e-4);
            const exact = result.gradient[v];
            expect(Math.abs(exact - estimate), `${method} ∂/∂${v} of ${printExpr(f)} at ${JSON.stringify(full)}: ${exact} vs ${estimate}`)
              .toBeLessThanOrEqual(1e-7 * Math.max(1, Math.abs(exact)));
          }
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe("at a tie every method gives the convention 1/2 to each argument", () => {
  /** Every method's gradient at a point: the four of the registry and the compiled symbolic one. */
  function allGradients(f: Expr, point: Readonly<Record<string, number>>, wrt: readonly string[]): [string, Readonly<Record<string, number>>][] {
    return [
      ...[...exactGradients(f, point, wrt)].map(([name, r]): [string, Readonly<Record<string, number>>] => [name, r.gradient]),
      ["finite-difference", DIFFERENTIATORS["finite-difference"].gradient(f, point, wrt).gradient],
      ["symbolic (compiled)", prepareCompiledSymbolic(f, wrt).at(point).gradient],
    ];
  }

  it("max(x, y) and min(x, y) at x = y = t: ∂/∂x = ∂/∂y = 1/2 by every method, exact and finite differences (300 random t)", () => {
    const t = fc.oneof(fc.constantFrom(0, -0, 1, -2.5), fc.double({ min: -1e6, max: 1e6, noNaN: true }));
    fc.assert(
      fc.property(t, (tv) => {
        for (const f of [call("max", [x, y]), call("min", [x, y])]) {
          for (const [method, gradient] of allGradients(f, { x: tv, y: tv }, ["x", "y"])) {
            const what = `${method}: ${printExpr(f)} at x = y = ${tv}`;
            // the exact methods give 1/2 exactly; finite differences difference the tangent line, to rounding
            if (method === "finite-difference") for (const g of [gradient.x, gradient.y]) expect(g, what).toBeCloseTo(0.5, 9);
            else expect([gradient.x, gradient.y], what).toEqual([0.5, 0.5]);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  const cases: [string, Readonly<Record<string, number>>, Readonly<Record<string, number>>][] = [
    // the lecture's relu written as max: 1/2 at the kink, where relu'(0) = 0
    ["max(0, x)", { x: 0 }, { x: 0.5 }],
    ["relu(x)", { x: 0 }, { x: 0 }],
    ["min(x, 0)", { x: 0 }, { x: 0.5 }],
    // max(x, x) = x: the two halves add up to the true derivative 1
    ["max(x, x)", { x: 3 }, { x: 1 }],
    // two branches that touch with equal slope 2 at x = 1: the derivative is 2 either way
    ["max(x^2, 2*x - 1)", { x: 1 }, { x: 2 }],
    // branches of different slope: the mean slope, (2x + 1)/2 at x = 1
    ["max(x^2, x)*y", { x: 1, y: 4 }, { x: 6, y: 1 }],
    ["min(x*y, y) + x", { x: 1, y: 2 }, { x: 2, y: 1 }],
  ];
  for (const [text, point, expected] of cases) {
    it(`${text} at ${JSON.stringify(point)}: gradient ${JSON.stringify(expected)} by every method`, () => {
      const f = parse(text);
      const wrt = Object.keys(expected);
      for (const [method, gradient] of allGradients(f, point, wrt)) {
        for (const v of wrt) expect(gradient[v], `${method} ∂/∂${v}`).toBeCloseTo(expected[v], 9);
      }
    });
  }

  it("typed, element by element: ∂/∂v sum(max(v, w)) at v = [1, 2, 3], w = [1, 0, 5] is [0.5, 1, 0] by every method", () => {
    for (const method of METHOD_NAMES) {
      const { gradient } = typedGradient("v: R^3; w: R^3; sum(max(v, w))", { v: [1, 2, 3], w: [1, 0, 5] }, { method, wrt: ["v"] });
      const g = gradient.get("v") as number[];
      g.forEach((gi, i) => expect(gi, `${method} v_${i + 1}`).toBeCloseTo([0.5, 1, 0][i], 6));
    }
  });
});

describe("the branch max does not take is an exact zero (rule for 0 · ∞)", () => {
  it("max(1, sqrt(x)), min(-1, -sqrt(x)) and max(sqrt(x), 1)*x at x = 0: ∂/∂x is 0, 0, 1 by every exact method, not 0 · ∞ = NaN", () => {
    for (const [text, expected] of [["max(1, sqrt(x))", 0], ["min(-1, -sqrt(x))", 0], ["max(sqrt(x), 1)*x", 1]] as const) {
      // |∂|: the cut product keeps IEEE's sign (0 · −∞ is −0)
      for (const [method, result] of exactGradients(parse(text), { x: 0 }, ["x"])) expect(Math.abs(result.gradient.x), `${method}: ${text}`).toBe(expected);
    }
  });

  it("max's zero is exact exactly when the winning argument's is (at a tie, when both are)", () => {
    const exact = (value: number) => ({ value, exactZero: value === 0 });
    const rounded = (value: number) => ({ value, exactZero: false });
    expect(applyExact(max, [exact(0), rounded(-1)]).exactZero).toBe(true);
    expect(applyExact(max, [rounded(0), exact(-1)]).exactZero).toBe(false);
    expect(applyExact(min, [rounded(1), exact(0)]).exactZero).toBe(true);
    expect(applyExact(max, [exact(0), rounded(0)]).exactZero).toBe(false);
    expect(applyExact(max, [exact(0), exact(-0)]).exactZero).toBe(true);
  });
});

describe("printing: text, LaTeX and the derivative read back", () => {
  it("max and min print as function calls; LaTeX uses \\max and \\min like the table's other functions (\\sin\\left(x\\right))", () => {
    const f = call("max", [x, call("min", [y, num(2)])]);
    expect(printExpr(f)).toBe("max(x, min(y, 2))");
    expect(printLatex(f)).toBe("\\max\\left(x, \\min\\left(y, 2\\right)\\right)");
    expect(printLatex(call("sin", [x]))).toBe("\\sin\\left(x\\right)");
    expect(printLatex(derive(parse("max(x, 2)"), "x"))).toBe("\\operatorname{H}\\left(x - 2, 0.5\\right)");
    expect(knownFunctionNames()).toEqual(expect.arrayContaining(["max", "min", "heaviside"]));
  });

  it("d/dx max(x, 2) is heaviside(x - 2, 0.5); d/dy min(x*y, 3) is heaviside(3 - x*y, 0.5)*x", () => {
    expect(printExpr(derive(parse("max(x, 2)"), "x"))).toBe("heaviside(x - 2, 0.5)");
    expect(printExpr(derive(parse("min(x*y, 3)"), "y"))).toBe("heaviside(3 - x*y, 0.5)*x");
  });

  it("parse(print(d)) is the same node for derivatives of 1000 random expressions with max and min", () => {
    const exprs = exprArbitrary({ ops: ["add", "mul", "sin", "exp", "max", "min", "pow"], variables: ["x", "y"], maxDepth: 4 });
    fc.assert(
      fc.property(exprs, fc.constantFrom("x", "y"), (e, v) => {
        for (const mode of ["tree", "shared"] as const) {
          const d = derive(e, v, { mode });
          expect(parse(printExpr(d)), `d/d${v} ${printExpr(e)} = ${printExpr(d)}`).toBe(d);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
