// The typed table's matrix functions (trace, eye, inv, det, logdet, max/min and their masks,
// logsumexp, softmax, rowsums, colsums): values worked by hand, the edges each entry states
// (ties, overflow, singular matrices, det ≤ 0), how the parser reads them, their shape errors,
// the lowering's size limit, and their text and LaTeX read back.
import fc from "fast-check";
import katex from "katex";
import { describe, expect, it } from "vitest";
import "../support/fast-check-seed.js";
import { dagSize } from "../../src/ast/walk.js";
import { getDifferentiator } from "../../src/diff/registry.js";
import { prepareTensorGradient } from "../../src/diff/tensor-level.js";
import { evaluate } from "../../src/eval/evaluate.js";
import { matrixGradient } from "../../src/typed/derivative.js";
import { printTypedLatex } from "../../src/typed/latex.js";
import { elementNames, lower, loweredNodeCount, lowerScalar } from "../../src/typed/lower.js";
import { getTypedOp } from "../../src/typed/ops/table.js";
import { parseTyped } from "../../src/typed/parse.js";
import { printTyped } from "../../src/typed/print.js";
import { matrixShape, MAX_LOWERED_NODES, rowShape, vectorShape, type Shape } from "../../src/typed/shape.js";
import { tensorAlgebra as T } from "../../src/typed/tensor-algebra.js";
import { dense, type Tensor } from "../../src/typed/tensor.js";
import { tcall, tvar, type TExpr } from "../../src/typed/texpr.js";
import { CostLimitError } from "../../src/util/budget.js";
import { mulberry32 } from "../../src/util/prng.js";
import { cli } from "../cli/run.js";

const matrix = (rows: readonly (readonly number[])[]): Tensor => ({ shape: matrixShape(rows.length, rows[0].length), data: Float64Array.from(rows.flat()) });
const vector = (entries: readonly number[]): Tensor => ({ shape: vectorShape(entries.length), data: Float64Array.from(entries) });
const run = (op: string, ...args: Tensor[]): Tensor => T.call(op, args);
const value = (op: string, ...args: Tensor[]): number => run(op, ...args).data[0];
const entries = (t: Tensor): number[] => Array.from(dense(t).data);
/** The op's VJP for argument 0 with cotangent 1 (a scalar result), as the adjoint sweep conforms it. */
const vjp = (op: string, a: Tensor): number[] => entries(T.conform(getTypedOp(op).vjp[0](T, [a], T.call(op, [a]), T.num(1)), a.shape));

/** The lowering of op(X) evaluated at X's entries. */
function lowered(op: string, a: Tensor): number[] {
  const node = tcall(op, [tvar("X", a.shape)]);
  const point = new Map(elementNames("X", a.shape).map((name, k) => [name, a.data[k]]));
  return lower(node).elements.map((e) => evaluate(e, point));
}

/** A random n×n matrix with entries in [-1, 1], optionally made symmetric positive definite (B B' + I). */
function randomMatrix(n: number, seed: number, spd = false): Tensor {
  const random = mulberry32(seed);
  const b = Float64Array.from({ length: n * n }, () => 2 * random() - 1);
  if (!spd) return { shape: matrixShape(n, n), data: b };
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    let s = i === j ? 1 : 0;
    for (let k = 0; k < n; k++) s += b[i * n + k] * b[j * n + k];
    data[i * n + j] = s;
  }
  return { shape: matrixShape(n, n), data };
}

const transposeOf = (t: Tensor): number[] => entries(T.call("transpose", [t]));
const expectAllClose = (actual: readonly number[], expected: readonly number[], tolerance: number) =>
  actual.forEach((x, k) => expect(Math.abs(x - expected[k]), `entry ${k}: ${x} vs ${expected[k]}`).toBeLessThanOrEqual(tolerance * (1 + Math.abs(expected[k]))));

describe("trace and eye", () => {
  it("trace([1, 2; 3, 4]) = 5, a transposed view's too, and its gradient is I", () => {
    const A = matrix([[1, 2], [3, 4]]);
    expect(value("trace", A)).toBe(5);
    expect(value("trace", T.call("transpose", [A]))).toBe(5);
    expect(vjp("trace", A)).toEqual([1, 0, 0, 1]);
  });

  it("eye(3) is the 3×3 identity: eye(3) * x = x, and trace(eye(3)) = 3", () => {
    const program = parseTyped("x: R^3; eye(3) * x");
    const prepared = prepareTensorGradient(parseTyped("x: R^3; dot(eye(3) * x, x)"), { method: "reverse" });
    expect(program.result.shape).toEqual(vectorShape(3));
    expect(prepared.value(new Map([["x", Float64Array.of(1, 2, 3)]]))).toBe(14);
    expect(value("trace", T.call("eye", [], matrixShape(3, 3)))).toBe(3);
    expect(lower(parseTyped("eye(2)").result).elements.map((e) => evaluate(e, {}))).toEqual([1, 0, 0, 1]);
  });

  it("eye takes one whole size; eye(0), eye(2, 3) and eye(n) are refused with the help", () => {
    expect(() => parseTyped("eye(0)")).toThrow(/eye takes sizes written as whole numbers/);
    expect(() => parseTyped("eye(2, 3)")).toThrow(/eye takes 1 size, got 2/);
    expect(() => parseTyped("n: R; eye(n)")).toThrow(/eye takes sizes written as whole numbers/);
  });
});

describe("det, inv and logdet", () => {
  it("det of known matrices: [1, 2; 3, 4] is -2, [6, 1, 1; 4, -2, 5; 2, 8, 7] is -306, a swap is -1 (pivoting), a singular one 0", () => {
    expect(value("det", matrix([[1, 2], [3, 4]]))).toBeCloseTo(-2, 14);
    expect(value("det", matrix([[6, 1, 1], [4, -2, 5], [2, 8, 7]]))).toBeCloseTo(-306, 11);
    expect(value("det", matrix([[0, 1], [1, 0]]))).toBe(-1);
    expect(value("det", matrix([[1, 2], [2, 4]]))).toBe(0);
    // the cofactor lowering is exact on integers
    expect(lowered("det", matrix([[6, 1, 1], [4, -2, 5], [2, 8, 7]]))).toEqual([-306]);
    expect(lowered("det", matrix([[0, 1], [1, 0]]))).toEqual([-1]);
  });

  it("d det/dA = det(A) A⁻ᵀ, the adjugate transposed: [d, -c; -b, a] for a 2×2", () => {
    expectAllClose(vjp("det", matrix([[1, 2], [3, 4]])), [4, -3, -2, 1], 1e-14);
  });

  it("inv([4, 7; 2, 6]) = [0.6, -0.7; -0.2, 0.4]; A * inv(A) = I on random matrices; a singular matrix gives NaN entries", () => {
    expectAllClose(entries(run("inv", matrix([[4, 7], [2, 6]]))), [0.6, -0.7, -0.2, 0.4], 1e-15);
    expect(entries(run("inv", matrix([[0, 1], [1, 0]])))).toEqual([0, 1, 1, 0]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.nat(), (n, seed) => {
        const A = randomMatrix(n, seed, true);
        const product = entries(T.call("matmul", [A, run("inv", A)]));
        expectAllClose(product, entries(T.call("eye", [], matrixShape(n, n))), 1e-12);
      }),
      { numRuns: 50 },
    );
    expect(entries(run("inv", matrix([[1, 2], [2, 4]]))).every(Number.isNaN)).toBe(true);
  });

  it("d/dA logdet(A) = A⁻ᵀ on random SPD matrices, by all three tensor-level methods and by the lowering", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.nat(), (n, seed) => {
        const A = randomMatrix(n, seed, true);
        const expected = transposeOf(run("inv", A));
        const program = parseTyped(`A: R^(${n}x${n}); logdet(A)`);
        for (const method of ["reverse", "forward", "symbolic"] as const) {
          const result = prepareTensorGradient(program, { method }).gradient(new Map([["A", A.data]]));
          expect(result.value).toBeCloseTo(Math.log(value("det", A)), 12);
          expectAllClose(Array.from(result.gradients[0]), expected, 1e-10);
        }
        const names = elementNames("A", A.shape);
        const scalar = getDifferentiator("reverse").gradient(lowerScalar(program.result), new Map(names.map((name, k) => [name, A.data[k]])), names);
        expectAllClose(names.map((name) => scalar.gradient[name]), expected, 1e-10);
      }),
      { numRuns: 30 },
    );
  });

  it("logdet's VJP is A⁻ᵀ on a matrix that is not symmetric (det > 0)", () => {
    const A = matrix([[2, 1], [0, 3]]); // det 6, A⁻¹ = [1/2, -1/6; 0, 1/3]
    expectAllClose(vjp("logdet", A), [0.5, 0, -1 / 6, 1 / 3], 1e-15);
  });

  it("logdet is log det where det > 0, without overflow: logdet(100 I₂₀₀) = 200 log 100 while det is ∞; NaN where det ≤ 0", () => {
    const n = 200;
    const big: Tensor = { shape: matrixShape(n, n), data: Float64Array.from({ length: n * n }, (_, k) => (Math.floor(k / n) === k % n ? 100 : 0)) };
    expect(value("det", big)).toBe(Infinity);
    expect(value("logdet", big)).toBeCloseTo(n * Math.log(100), 10);
    expect(value("logdet", matrix([[0, 1], [1, 0]]))).toBeNaN(); // det −1
    expect(value("logdet", matrix([[1, 2], [2, 4]]))).toBeNaN(); // det 0
    expect(lowered("logdet", matrix([[0, 1], [1, 0]]))[0]).toBeNaN();
  });

  it("shape errors say what is square: det of 2×3, inv of a vector, trace of a scalar, with line:col", () => {
    expect(() => parseTyped("A: R^(2x3); det(A)")).toThrow(/det takes a square matrix, got a 2×3 matrix/);
    expect(() => parseTyped("x: R^3; inv(x)")).toThrow(/inv takes a square matrix, got a vector of 3/);
    expect(() => parseTyped("trace(2)")).toThrow(/trace takes a square matrix, got a scalar at 1:1/);
    expect(() => parseTyped("A: R^(2x3); A^-1")).toThrow(/inv takes a square matrix, got a 2×3 matrix/);
    expect(() => parseTyped("A: R^(2x2); logdet(A')' ")).not.toThrow();
  });

  it("A^-1 reads as inv(A); other matrix powers are still refused", () => {
    expect(printTyped(parseTyped("A: R^(2x2); A^-1 * A").result)).toBe("inv(A) * A");
    expect(() => parseTyped("A: R^(2x2); A^2")).toThrow(/cannot raise a 2×2 matrix to a power with \^/);
  });

  it("the lowering is the cofactor expansion, refused past the lowering's node limit (det of 17×17) before building; tensor level and grad take any size", async () => {
    expect(loweredNodeCount(parseTyped("A: R^(16x16); det(A)").result)).toBeLessThan(MAX_LOWERED_NODES);
    const f = parseTyped("A: R^(17x17); det(A)").result;
    expect(() => lowerScalar(f)).toThrow(CostLimitError);
    expect(() => lowerScalar(f)).toThrow("lowering the expression to scalars would take 2.1e+6 scalar nodes; the limit is 2e+6");
    const prepared = prepareTensorGradient(parseTyped("A: R^(40x40); logdet(A)"), { method: "reverse" });
    expect(prepared.value(new Map([["A", randomMatrix(40, 1, true).data]]))).toBeGreaterThan(0);
    const run = await cli("grad", "det(A)", "--shape", "A=17x17", "--seed", "1", "--method", "reverse");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("computed at tensor level");
  });

  it("loweredNodeCount is the number of distinct scalar nodes the lowering builds, for det, logdet, inv, trace and the reductions", () => {
    for (let n = 1; n <= 5; n++) {
      for (const text of ["det(A)", "logdet(A)", "sum(inv(A))", "trace(A)", "max(A)", "logsumexp(A)", "sum(softmax(A))", "sum(rowsums(A))", "sum(colsums(A))", "sum(maxmask(A))"]) {
        const f = parseTyped(`A: R^(${n}x${n}); ${text}`).result;
        const built = dagSize(lowerScalar(f));
        const counted = loweredNodeCount(f);
        // an upper bound where hash-consing shares equal numbers (the masks' 0 and 1) or entries go unused (trace's off-diagonal)
        if (text.includes("mask") || text.includes("trace")) expect(built, `${text} at ${n}×${n}`).toBeLessThanOrEqual(counted);
        else expect(built, `${text} at ${n}×${n}`).toBe(counted);
      }
    }
  });
});

describe("max and min", () => {
  it("max(v) of one argument is the reduction, max(a, b) of two the scalar table's (also element-wise on vectors); three is refused", () => {
    const reduction = parseTyped("v: R^3; max(v)").result;
    expect(reduction.kind === "call" && reduction.op === "max").toBe(true);
    const scalar = parseTyped("max(a, b)").result;
    expect(scalar.kind === "map" && scalar.op === "max").toBe(true);
    const elementwise = parseTyped("v: R^3; w: R^3; min(v, w)").result;
    expect(elementwise.kind === "map" && elementwise.op === "min" && elementwise.shape.kind === "vector").toBe(true);
    expect(() => parseTyped("max(1, 2, 3)")).toThrow(/max takes 1 argument, got 3/);
    expect(printTyped(parseTyped("v: R^3; max(v) + max(v(1), 2)").result)).toBe("max(v) + max(v * 1, 2)");
  });

  it("values: max([1, 5, 3]) = 5, min = 1, of a matrix too; NaN anywhere is NaN", () => {
    expect(value("max", vector([1, 5, 3]))).toBe(5);
    expect(value("min", vector([1, 5, 3]))).toBe(1);
    expect(value("max", matrix([[1, -2], [7, 0]]))).toBe(7);
    expect(value("max", vector([1, NaN, 3]))).toBeNaN();
    expect(entries(run("maxmask", vector([1, NaN, 3]))).every(Number.isNaN)).toBe(true);
  });

  it("at a tie the gradient goes to the first extremal entry (the lowering's max(max(v₁, v₂), v₃) splits it instead)", () => {
    expect(vjp("max", vector([1, 3, 3]))).toEqual([0, 1, 0]);
    expect(vjp("min", vector([2, 1, 1]))).toEqual([0, 1, 0]);
    expect(entries(run("maxmask", vector([4, 4, 4])))).toEqual([1, 0, 0]);
    const f = parseTyped("v: R^3; max(v)").result;
    const names = elementNames("v", vectorShape(3));
    const split = getDifferentiator("reverse").gradient(lowerScalar(f), { v_1: 1, v_2: 3, v_3: 3 }, names).gradient;
    expect(names.map((n) => split[n])).toEqual([0, 0.5, 0.5]);
  });

  it("the masks lower to products of steps: maxmask([2, 5, 5, 1]) is [0, 1, 0, 0] by the lowering too", () => {
    expect(lowered("maxmask", vector([2, 5, 5, 1]))).toEqual([0, 1, 0, 0]);
    expect(lowered("minmask", vector([2, 5, 1, 1]))).toEqual([0, 0, 1, 0]);
  });
});

describe("logsumexp and softmax", () => {
  it("logsumexp([1000, 1000]) = 1000 + log 2 and logsumexp([-1000, -1000]) = -1000 + log 2, with no overflow (the lowering too)", () => {
    expect(value("logsumexp", vector([1000, 1000]))).toBe(1000 + Math.log(2));
    expect(value("logsumexp", vector([-1000, -1000]))).toBe(-1000 + Math.log(2));
    expect(lowered("logsumexp", vector([1000, 1000]))).toEqual([1000 + Math.log(2)]);
    expect(value("logsumexp", vector([0, Math.log(3)]))).toBeCloseTo(Math.log(4), 15);
    vjp("logsumexp", vector([1000, 1000])).forEach((g) => expect(g).toBeCloseTo(0.5, 12));
  });

  it("logsumexp is ±∞ when max(v) is", () => {
    expect(value("logsumexp", vector([Infinity, 1]))).toBe(Infinity);
    expect(value("logsumexp", vector([-Infinity, -Infinity]))).toBe(-Infinity);
  });

  it("softmax sums to 1, keeps v's shape, ignores a shift of v, and takes [1000, 0] without NaN", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 1, maxLength: 6 }), fc.double({ min: -500, max: 500, noNaN: true }), (v, c) => {
        const y = entries(run("softmax", vector(v)));
        expect(Math.abs(y.reduce((s, x) => s + x, 0) - 1)).toBeLessThan(1e-14);
        expect(y.every((x) => x >= 0 && x <= 1)).toBe(true);
        expectAllClose(entries(run("softmax", vector(v.map((x) => x + c)))), y, 1e-9);
      }),
      { numRuns: 200 },
    );
    expect(entries(run("softmax", vector([1000, 0])))).toEqual([1, 0]);
    expect(run("softmax", { shape: rowShape(2), data: Float64Array.of(0, 0) }).shape).toEqual(rowShape(2));
    expect(entries(run("softmax", vector([0, 0])))).toEqual([0.5, 0.5]);
  });

  it("cross-entropy: d/dz (logsumexp(z) - dot(t, z)) = softmax(z) - t", () => {
    const program = parseTyped("z: R^3; t: R^3; logsumexp(z) - dot(t, z)");
    const z = Float64Array.of(0.5, -1, 2);
    const t = Float64Array.of(0, 1, 0);
    const softmax = entries(run("softmax", vector(Array.from(z))));
    for (const method of ["reverse", "forward", "symbolic"] as const) {
      const g = prepareTensorGradient(program, { method, wrt: ["z"] }).gradient(new Map([["z", z], ["t", t]]));
      expectAllClose(Array.from(g.gradients[0]), softmax.map((s, i) => s - t[i]), 1e-14);
    }
  });
});

describe("rowsums and colsums", () => {
  it("rowsums([1, 2, 3; 4, 5, 6]) is the vector [6; 15], colsums the row [5, 7, 9]", () => {
    const A = matrix([[1, 2, 3], [4, 5, 6]]);
    const rows = run("rowsums", A);
    const cols = run("colsums", A);
    expect(rows.shape).toEqual(vectorShape(2));
    expect(entries(rows)).toEqual([6, 15]);
    expect(cols.shape).toEqual(rowShape(3));
    expect(entries(cols)).toEqual([5, 7, 9]);
    expect(entries(run("colsums", T.call("transpose", [A])))).toEqual([6, 15]);
  });

  it("rowsums(A) = A * ones(n) and colsums(A) = ones(m)' * A", () => {
    const program = parseTyped("A: R^(2x3); norm2(rowsums(A) - A * ones(3)) + norm2(colsums(A) - ones(2)' * A)");
    const prepared = prepareTensorGradient(program);
    expect(prepared.value(new Map([["A", Float64Array.of(0.5, -1, 2, 3, 0.25, -4)]]))).toBe(0);
  });

  it("a scalar has no rows to sum", () => {
    expect(() => parseTyped("rowsums(2)")).toThrow(/rowsums takes a matrix, got a scalar at 1:1; for the sum of all entries write sum/);
  });
});

describe("text and LaTeX of the new ops read back", () => {
  const programs = [
    "A: R^(3x3); trace(A) + det(A) + logdet(A * A' + eye(3))",
    "A: R^(3x3); B: R^(3x3); sum(inv(A * B)' .* B) + sum(inv(A))",
    "x: R^4; max(x) + min(x') + logsumexp(2 * x) + dot(softmax(x), maxmask(x) - minmask(x))",
    "A: R^(2x3); dot(rowsums(A), rowsums(A)) + sum(colsums(A))",
  ];

  it("printTyped reads back as the same expression", () => {
    for (const text of programs) {
      const f = parseTyped(text).result;
      expect(printTyped(parseTyped(printTyped(f), shapesOf(text)).result), text).toBe(printTyped(f));
    }
  });

  it("printTypedLatex renders in KaTeX and reads back, eye aside (\\mathbf{I}_{3} reads as a variable I_3)", () => {
    for (const text of programs) {
      const f = parseTyped(text).result;
      const latex = printTypedLatex(f);
      expect(() => katex.renderToString(latex, { throwOnError: true, displayMode: true }), latex).not.toThrow();
      if (text.includes("eye")) continue;
      expect(printTyped(parseTyped(latex, shapesOf(text)).result), latex).toBe(printTyped(f));
    }
    expect(() => katex.renderToString(printTypedLatex(parseTyped("eye(3)").result), { throwOnError: true })).not.toThrow();
  });
});

describe("matrix-form derivatives of the new ops", () => {
  it("∂/∂v of logsumexp, max and softmax, ∂/∂A of det, logdet and trace, as printed", () => {
    const gradientOf = (text: string) => printTyped(matrixGradient(parseTyped(text).result).values().next().value as TExpr);
    expect(gradientOf("v: R^3; logsumexp(v)")).toBe("exp(v - logsumexp(v))");
    expect(gradientOf("v: R^3; max(v)")).toBe("maxmask(v)");
    expect(gradientOf("A: R^(2x2); det(A)")).toBe("det(A) * inv(A)'");
    expect(gradientOf("A: R^(2x2); logdet(A)")).toBe("inv(A)'");
    expect(gradientOf("A: R^(2x2); trace(A)")).toBe("eye(2)");
    expect(gradientOf("A: R^(2x3); sum(rowsums(A))")).toBe("ones(2) * ones(3)'");
  });

  it("each gradient's text reads back as the gradient, and its LaTeX renders in KaTeX (and reads back unless it holds eye)", () => {
    const programs = [
      "A: R^(3x3); x: R^3; logdet(A * A' + eye(3)) + x' * inv(A) * x + det(A) * trace(A)",
      "v: R^4; W: R^(4x4); logsumexp(W * v) + dot(softmax(v), W * v) + max(v) - min(W)",
      "A: R^(2x3); t: R^2; dot(rowsums(A .* A), t) + sum(colsums(A) .^ 2)",
    ];
    for (const text of programs) {
      const program = parseTyped(text);
      for (const g of matrixGradient(program.result).values()) {
        expect(printTyped(parseTyped(printTyped(g), program.shapes).result), printTyped(g)).toBe(printTyped(g));
        const latex = printTypedLatex(g);
        expect(() => katex.renderToString(latex, { throwOnError: true, displayMode: true }), latex).not.toThrow();
        if (!printTyped(g).includes("eye")) expect(printTyped(parseTyped(latex, program.shapes).result), latex).toBe(printTyped(g));
      }
    }
  });
});

/** The declared shapes of a program's text. */
function shapesOf(text: string): Map<string, Shape> {
  return new Map([...parseTyped(text).shapes]);
}
