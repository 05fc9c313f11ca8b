// Tensor-level gradients of whole programs that use the typed table's ops (trace, logdet, inv,
// det, max/min and their masks, logsumexp, softmax, rowsums, colsums beside the products and
// reductions in their sub-expressions): reverse, forward and symbolic agree with the scalar
// reverse differentiator on the lowering, to 1e-10 relative, over random programs.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import "../support/fast-check-seed.js";
import { getDifferentiator } from "../../src/diff/registry.js";
import { prepareTensorGradient } from "../../src/diff/tensor-level.js";
import { elementNames, lowerScalar } from "../../src/typed/lower.js";
import { printTyped } from "../../src/typed/print.js";
import { parseTyped } from "../../src/typed/parse.js";
import { matrixShape, rowShape, SCALAR, vectorShape, type Shape } from "../../src/typed/shape.js";
import { tcall, tdot, tmap, tmatmul, tnum, tsum, ttranspose, typedVariablesOf, type TExpr } from "../../src/typed/texpr.js";
import { MatrixFormError } from "../../src/typed/vjp.js";
import { drawValues, entriesOf, flattenPoint, type TypedValue } from "../../src/typed/values.js";
import { chooserFromSeed, programText, randomTyped, type Choose } from "../support/random-typed.js";

/** Element-wise ops smooth everywhere, so the random sub-expressions stay finite and differentiable. */
const SMOOTH = { unaryOps: ["sin", "cos", "tanh", "sigmoid", "softplus"], binaryOps: ["add", "sub", "mul"], constants: false, maxDepth: 2 } as const;

/** A scalar typed expression that uses the table's ops beyond sum, dot, norm2 and the products: 1–3 terms, summed. */
function programWithTableOps(choose: Choose): TExpr {
  const n = 1 + choose(3);
  const m = 1 + choose(3);
  const sub = (shape: Shape) => randomTyped(choose, { ...SMOOTH, resultShape: shape });
  const square = matrixShape(n, n);
  const eye = () => tcall("eye", [], undefined, square);
  const spd = () => {
    const X = sub(square);
    return tmap("add", [tmatmul(X, ttranspose(X)), eye()]);
  };
  const anyShape = () => [SCALAR, vectorShape(n), matrixShape(n, m)][choose(3)];
  const terms: (() => TExpr)[] = [
    () => tcall("trace", [sub(square)]),
    () => tcall("logdet", [spd()]),
    () => tcall("det", [tmap("add", [sub(square), tmap("mul", [tnum(2 * n), eye()])])]),
    () => tsum(tcall("inv", [spd()])),
    () => tdot(tcall("inv", [spd()]), sub(square)),
    () => tcall(choose(2) === 0 ? "max" : "min", [sub(anyShape())]),
    () => tcall("logsumexp", [sub(anyShape())]),
    () => tdot(tcall("softmax", [sub(vectorShape(n))]), sub(vectorShape(n))),
    () => tdot(tcall("rowsums", [sub(matrixShape(n, m))]), sub(vectorShape(n))),
    () => tdot(tcall("colsums", [sub(matrixShape(n, m))]), sub(rowShape(m))),
    () => tdot(tcall(choose(2) === 0 ? "maxmask" : "minmask", [sub(vectorShape(n))]), sub(vectorShape(n))),
  ];
  const count = 1 + choose(3);
  return Array.from({ length: count }, () => terms[choose(terms.length)]()).reduce((s, t) => tmap("add", [s, t]));
}

/** The gradient by the scalar reverse differentiator on the lowering: the oracle. */
function loweredGradient(f: TExpr, values: ReadonlyMap<string, TypedValue>): { value: number; gradient: Map<string, number[]> } {
  const shapes = typedVariablesOf(f);
  const names = [...shapes].flatMap(([name, shape]) => elementNames(name, shape));
  const result = getDifferentiator("reverse").gradient(lowerScalar(f), flattenPoint(shapes, values), names);
  return { value: result.value, gradient: new Map([...shapes].map(([name, shape]) => [name, elementNames(name, shape).map((e) => result.gradient[e])])) };
}

describe("tensor-level gradients of programs with the table's ops agree with the lowering's", () => {
  it("reverse, forward and symbolic at tensor level equal the scalar reverse gradient of the lowering, to 1e-10 relative", () => {
    let compared = 0;
    fc.assert(
      fc.property(fc.noBias(fc.integer({ min: 0, max: 2 ** 31 - 1 })), (seed) => {
        const f = programWithTableOps(chooserFromSeed(seed));
        const program = parseTyped(programText(f));
        const shapes = typedVariablesOf(program.result);
        const values = drawValues(shapes, seed);
        const oracle = loweredGradient(program.result, values);
        const all = [oracle.value, ...[...oracle.gradient.values()].flat()];
        if (!all.every(Number.isFinite)) return;
        compared++;
        const scale = Math.max(1, ...all.map(Math.abs));
        const inputs = new Map([...shapes].map(([name, shape]) => [name, Float64Array.from(entriesOf(values.get(name) as TypedValue, shape, name))]));
        for (const method of ["reverse", "forward", "symbolic"] as const) {
          let prepared;
          try {
            prepared = prepareTensorGradient(program, { method, wrt: [...shapes.keys()] });
          } catch (error) {
            if (method === "symbolic" && error instanceof MatrixFormError) continue; // a literal holding variables has no matrix form
            throw error;
          }
          const result = prepared.gradient(inputs);
          const text = `${method}: ${printTyped(program.result)}`;
          expect(Math.abs(result.value - oracle.value), text).toBeLessThanOrEqual(1e-10 * scale);
          [...shapes.keys()].forEach((name, v) => {
            const expected = oracle.gradient.get(name) as number[];
            Array.from(result.gradients[v]).forEach((g, k) => expect(Math.abs(g - expected[k]), `${text} ∂/∂${name}[${k}]: ${g} vs ${expected[k]}`).toBeLessThanOrEqual(1e-10 * scale));
          });
        }
      }),
      { numRuns: 150 },
    );
    expect(compared).toBeGreaterThan(100);
  });
});
