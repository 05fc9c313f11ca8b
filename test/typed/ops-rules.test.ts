// Every entry of the typed op table, over random shapes (sizes 1–4) and values:
//   (a) its kernel equals its scalar lowering, evaluated entry by entry;
//   (b) each VJP, run on tensors with a random cotangent C̄, equals the gradient of ⟨C̄, op(args)⟩
//       taken by the scalar reverse differentiator on the lowering (exact), and central
//       finite differences of the kernel (a second, independent check, to a tolerance);
//   (c) each JVP with random tangents satisfies ⟨C̄, JVP(ṫ)⟩ = Σᵢ ⟨VJPᵢ(C̄), ṫᵢ⟩ and equals the
//       directional finite difference.
// Whole programs at tensor level: test/typed/ops-programs.test.ts.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import "../support/fast-check-seed.js";
import { num, type Expr } from "../../src/ast/expr.js";
import { getDifferentiator } from "../../src/diff/registry.js";
import { evaluate } from "../../src/eval/evaluate.js";
import { call } from "../../src/ops/table.js";
import { elementNames, lower } from "../../src/typed/lower.js";
import { TYPED_OPS } from "../../src/typed/ops/table.js";
import type { TypedOpSpec } from "../../src/typed/ops/types.js";
import { matrixShape, rowShape, SCALAR, sizeOf, vectorShape, type Shape } from "../../src/typed/shape.js";
import { dense, type Tensor } from "../../src/typed/tensor.js";
import { tensorAlgebra as T } from "../../src/typed/tensor-algebra.js";
import { matrixGradient } from "../../src/typed/derivative.js";
import { printTyped } from "../../src/typed/print.js";
import { typedGraph, typedValues } from "../../src/typed/sweeps.js";
import { tcall, tdot, tvar, type TExpr } from "../../src/typed/texpr.js";
import { mulberry32 } from "../../src/util/prng.js";

/** The arguments' shapes an op is drawn with, and the result shape for ops that are given one (fill, eye). */
interface Draw {
  readonly args: readonly Shape[];
  readonly given?: Shape;
}

const ANY_SHAPE = (m: number, k: number, kind: number): Shape => [SCALAR, vectorShape(m), rowShape(m), matrixShape(m, k)][kind % 4];
const NON_SCALAR = (m: number, k: number, kind: number): Shape => [vectorShape(m), rowShape(m), matrixShape(m, k)][kind % 3];

/** Shapes for each op; an op missing here fails the tests below, so a new entry gets drawn. */
function drawShapes(op: string, [m, k, n]: readonly number[], kind: number): Draw {
  switch (op) {
    case "matmul":
      return { args: [kind % 2 === 0 ? matrixShape(m, k) : rowShape(k), Math.floor(kind / 2) % 2 === 0 ? matrixShape(k, n) : vectorShape(k)] };
    case "dot": {
      if (kind % 5 === 4) return { args: [vectorShape(m), rowShape(m)] };
      const shape = ANY_SHAPE(m, k, kind);
      return { args: [shape, shape] };
    }
    case "fill":
      return { args: [SCALAR], given: NON_SCALAR(m, k, kind) };
    case "eye":
      return { args: [], given: matrixShape(m, m) };
    case "trace":
    case "inv":
    case "det":
    case "logdet":
      return { args: [matrixShape(m, m)] };
    case "transpose":
    case "rowsums":
    case "colsums":
      return { args: [NON_SCALAR(m, k, kind)] };
    case "sum":
    case "norm2":
    case "max":
    case "min":
    case "maxmask":
    case "minmask":
    case "logsumexp":
    case "softmax":
      return { args: [ANY_SHAPE(m, k, kind)] };
  }
  throw new Error(`no shapes drawn for the typed op ${op}: add it to drawShapes`);
}

/** Ops of one square matrix are drawn diagonally dominant (invertible; det > 0 for logdet), the rest uniform in [-1.5, 1.5]. */
const SQUARE_OPS = new Set(["inv", "det", "logdet"]);

function drawEntries(op: string, shape: Shape, random: () => number, dominant: boolean): Float64Array {
  const data = Float64Array.from({ length: sizeOf(shape) }, () => 3 * random() - 1.5);
  if (dominant && shape.kind === "matrix") {
    const n = shape.rows;
    for (let i = 0; i < n; i++) data[i * n + i] += (op === "logdet" || random() < 0.5 ? 1 : -1) * (1.5 * n + 0.5);
  }
  return data;
}

interface OpCase {
  readonly spec: TypedOpSpec;
  readonly draw: Draw;
  readonly args: readonly Tensor[];
  /** A random cotangent of the result's shape, and random tangents of the arguments' (undefined: held constant). */
  readonly cotangent: Tensor;
  readonly tangents: readonly (Tensor | undefined)[];
}

function opCase(spec: TypedOpSpec, sizes: readonly number[], kind: number, seed: number, dominant = true): OpCase {
  const random = mulberry32(seed);
  const draw = drawShapes(spec.name, sizes, kind);
  const args = draw.args.map((shape) => ({ shape, data: drawEntries(spec.name, shape, random, dominant && SQUARE_OPS.has(spec.name)) }));
  const shape = spec.shape(draw.args, undefined, draw.given);
  const uniform = (s: Shape): Tensor => ({ shape: s, data: Float64Array.from({ length: sizeOf(s) }, () => 2 * random() - 1) });
  const cotangent = uniform(shape);
  // each argument moves with probability 3/4, and at least one does
  const moving = draw.args.map(() => random() < 0.75);
  if (!moving.some(Boolean) && moving.length > 0) moving[0] = true;
  const tangents = draw.args.map((s, i) => (moving[i] ? uniform(s) : undefined));
  return { spec, draw, args, cotangent, tangents };
}

const caseArbitrary = (spec: TypedOpSpec, dominant = true): fc.Arbitrary<OpCase> =>
  fc
    .tuple(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 3, maxLength: 3 }), fc.nat(99), fc.noBias(fc.integer({ min: 0, max: 2 ** 31 - 1 })))
    .map(([sizes, kind, seed]) => opCase(spec, sizes, kind, seed, dominant));

const argName = (i: number) => `x${i}`;

/** The op applied to variables x0, x1, … of the arguments' shapes, and the point giving them the case's values. */
function symbolic(c: OpCase): { node: TExpr; point: Map<string, number> } {
  const vars = c.draw.args.map((shape, i) => tvar(argName(i), shape));
  const node = tcall(c.spec.name, vars, undefined, c.draw.given);
  const point = new Map<string, number>();
  c.args.forEach((a, i) => elementNames(argName(i), a.shape).forEach((name, k) => point.set(name, a.data[k])));
  return { node, point };
}

/** ⟨c, node⟩ as a typed expression, c a variable of the result's shape (held constant, valued C̄). */
const innerWithCotangent = (node: TExpr): TExpr => tdot(tvar("c", node.shape), node);

const entries = (t: Tensor): number[] => Array.from(dense(t).data);
const inner = (a: Tensor, b: Tensor): number => entries(a).reduce((s, x, i) => s + x * entries(b)[i], 0);
const run = (c: OpCase, args: readonly Tensor[]): Tensor => T.call(c.spec.name, args, c.draw.given);

/** |a − b| within rel of their size (NaN equals NaN: a kernel and its lowering agree on it). */
function expectClose(actual: number, expected: number, rel: number, what: string): void {
  if (Number.isNaN(expected)) return void expect(actual, what).toBeNaN();
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(rel * (1 + Math.max(Math.abs(actual), Math.abs(expected))));
}

/** ⟨C̄, op(args with argument i's entry k moved by d)⟩. */
function objective(c: OpCase, i: number, move: (data: Float64Array) => void): number {
  const moved = c.args.map((a, j) => {
    if (j !== i) return a;
    const data = Float64Array.from(a.data);
    move(data);
    return { shape: a.shape, data };
  });
  return inner(c.cotangent, run(c, moved));
}

const vjpOf = (c: OpCase, i: number): Tensor => T.conform(c.spec.vjp[i](T, c.args, run(c, c.args), c.cotangent), c.args[i].shape);

const describeCase = (c: OpCase) => `${c.spec.name}(${c.args.map((a) => `${JSON.stringify(a.shape)}=[${entries(a).map((x) => x.toFixed(3))}]`).join(", ")})`;

describe("every typed op: kernel, VJP and JVP against the scalar lowering and finite differences", () => {
  it("every op has shapes drawn here and one VJP per argument", () => {
    for (const spec of TYPED_OPS) {
      expect(() => drawShapes(spec.name, [2, 3, 2], 0), spec.name).not.toThrow();
      expect(spec.vjp.length, spec.name).toBe(spec.arity);
    }
  });

  for (const spec of TYPED_OPS) {
    describe(spec.name, () => {
      it("(a) the kernel equals the lowering evaluated entry by entry (square matrices also not dominant)", () => {
        fc.assert(
          fc.property(fc.oneof(caseArbitrary(spec), caseArbitrary(spec, false)), (c) => {
            const { node, point } = symbolic(c);
            const out = entries(run(c, c.args));
            const lowered = lower(node).elements.map((e) => evaluate(e, point));
            expect(out.length).toBe(lowered.length);
            // det/inv: LU and the cofactor expansion round differently
            out.forEach((x, k) => expectClose(x, lowered[k], SQUARE_OPS.has(spec.name) ? 1e-9 : 1e-13, `${describeCase(c)} entry ${k}`));
          }),
          { numRuns: 60 },
        );
      });

      if (spec.arity === 0) return;

      it("(b) each VJP equals the lowering's reverse gradient of ⟨C̄, op⟩, and central differences", () => {
        fc.assert(
          fc.property(caseArbitrary(spec), (c) => {
            const { node, point } = symbolic(c);
            const cot = entries(c.cotangent);
            const objectiveExpr: Expr = lower(node).elements.map((e, k) => call("mul", [num(cot[k]), e])).reduce((s, t) => call("add", [s, t]));
            c.args.forEach((a, i) => {
              const names = elementNames(argName(i), a.shape);
              const exact = getDifferentiator("reverse").gradient(objectiveExpr, point, names).gradient;
              const vjp = entries(vjpOf(c, i));
              names.forEach((name, k) => {
                expectClose(vjp[k], exact[name], 1e-9, `${describeCase(c)} ∂/∂${name}`);
                const h = 1e-6 * Math.max(1, Math.abs(a.data[k]));
                const fd = (objective(c, i, (d) => (d[k] += h)) - objective(c, i, (d) => (d[k] -= h))) / (2 * h);
                expectClose(vjp[k], fd, 1e-5, `${describeCase(c)} ∂/∂${name} by central differences`);
              });
            });
          }),
          { numRuns: 40 },
        );
      });

      it("(b') the VJP over typed expressions (the matrix-form derivative of ⟨C̄, op⟩), evaluated on tensors, equals it on tensors", () => {
        fc.assert(
          fc.property(caseArbitrary(spec), (c) => {
            const { node } = symbolic(c);
            const gradient = matrixGradient(innerWithCotangent(node), c.args.map((_, i) => argName(i)));
            c.args.forEach((a, i) => {
              const g = gradient.get(argName(i)) as TExpr;
              const values = typedValues(typedGraph(g), T, (v) => (v.name === "c" ? c.cotangent : c.args[Number(v.name.slice(1))]));
              const symbolicVjp = entries(T.conform(values.get(g) as Tensor, a.shape));
              entries(vjpOf(c, i)).forEach((x, k) => expectClose(symbolicVjp[k], x, 1e-12, `${describeCase(c)} ∂/∂${argName(i)}[${k}] = ${printTyped(g)}`));
            });
          }),
          { numRuns: 30 },
        );
      });

      it("(c) the JVP is the VJP transposed, ⟨C̄, JVP(ṫ)⟩ = Σᵢ ⟨VJPᵢ(C̄), ṫᵢ⟩, and the directional difference", () => {
        fc.assert(
          fc.property(caseArbitrary(spec), (c) => {
            const jvp = c.spec.jvp(T, c.args, run(c, c.args), c.tangents);
            const left = inner(c.cotangent, T.conform(jvp, c.cotangent.shape));
            const right = c.tangents.reduce((s, t, i) => (t === undefined ? s : s + inner(vjpOf(c, i), t)), 0);
            expectClose(left, right, 1e-10, `${describeCase(c)} ⟨C̄, JVP⟩`);
            const h = 1e-6;
            const along = (sign: number) => c.args.map((a, i) => {
              const t = c.tangents[i];
              return t === undefined ? a : { shape: a.shape, data: a.data.map((x, k) => x + sign * h * t.data[k]) };
            });
            const fd = (inner(c.cotangent, run(c, along(1))) - inner(c.cotangent, run(c, along(-1)))) / (2 * h);
            expectClose(left, fd, 1e-5, `${describeCase(c)} directional difference`);
          }),
          { numRuns: 40 },
        );
      });
    });
  }
});
