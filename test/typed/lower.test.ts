// Lowering: each element of a typed expression becomes one scalar expression. Checked against
// hand-built scalar nodes, against mathjs evaluating the printed text (an independent reading
// of the same operators), and against the lecture's network as the scalar builder makes it.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { all, create, type MathNode, type Matrix } from "mathjs";
import { num, variable, type Expr } from "../../src/ast/expr.js";
import { evaluate, evaluateAll } from "../../src/eval/evaluate.js";
import { buildNetwork } from "../../src/harness/network.js";
import { call } from "../../src/ops/table.js";
import { elementName, elementNames, lower, lowerAll, lowerScalar } from "../../src/typed/lower.js";
import { parseTyped } from "../../src/typed/parse.js";
import { printTyped } from "../../src/typed/print.js";
import { matrixShape, rowShape, SCALAR, vectorShape, type Shape } from "../../src/typed/shape.js";
import { tmap, tmatmul, ttranspose, tvar, typedVariablesOf, type TExpr } from "../../src/typed/texpr.js";
import { drawValues, flattenPoint, type TypedValue } from "../../src/typed/values.js";
import { programText, typedArbitrary } from "../support/random-typed.js";

const v = (name: string) => variable(name);
const add = (a: Expr, b: Expr) => call("add", [a, b]);
const mul = (a: Expr, b: Expr) => call("mul", [a, b]);

describe("element names", () => {
  it("x_i for a vector, W_i_j for a matrix, 1-based and row-major; a row's elements are its vector's", () => {
    expect(elementNames("x", vectorShape(3))).toEqual(["x_1", "x_2", "x_3"]);
    expect(elementNames("W", matrixShape(2, 3))).toEqual(["W_1_1", "W_1_2", "W_1_3", "W_2_1", "W_2_2", "W_2_3"]);
    expect(elementNames("r", rowShape(2))).toEqual(["r_1", "r_2"]);
    expect(elementNames("s", SCALAR)).toEqual(["s"]);
    expect(elementName("W", matrixShape(4, 5), 3, 0)).toBe("W_4_1");
  });

  it("a variable lowers to its elements as scalar variables", () => {
    expect(lower(tvar("W", matrixShape(2, 2))).elements).toEqual(["W_1_1", "W_1_2", "W_2_1", "W_2_2"].map((n) => v(n)));
  });
});

describe("lowering by hand", () => {
  const A = tvar("A", matrixShape(2, 3));
  const B = tvar("B", matrixShape(3, 2));

  it("(A B)_i_j = Σ_k A_i_k B_k_j, summed left to right", () => {
    const { shape, elements } = lower(tmatmul(A, B));
    expect(shape).toEqual(matrixShape(2, 2));
    const entry = (i: number, j: number) => [1, 2, 3].map((k) => mul(v(`A_${i}_${k}`), v(`B_${k}_${j}`))).reduce(add);
    expect(elements).toEqual([entry(1, 1), entry(1, 2), entry(2, 1), entry(2, 2)]);
    elements.forEach((e, k) => expect(e).toBe([entry(1, 1), entry(1, 2), entry(2, 1), entry(2, 2)][k]));
  });

  it("(A')_i_j = A_j_i, for a wide and a tall matrix", () => {
    expect(lower(ttranspose(A)).elements).toEqual(["A_1_1", "A_2_1", "A_1_2", "A_2_2", "A_1_3", "A_2_3"].map((n) => v(n)));
    expect(lower(ttranspose(B)).elements).toEqual(["B_1_1", "B_2_1", "B_3_1", "B_1_2", "B_2_2", "B_3_2"].map((n) => v(n)));
    expect(lower(ttranspose(ttranspose(A))).elements).toEqual(lower(A).elements);
  });

  it("a scalar broadcasts: (s - A)_i_j = s - A_i_j", () => {
    expect(lower(tmap("sub", [tvar("s"), A])).elements).toEqual(elementNames("A", A.shape).map((n) => call("sub", [v("s"), v(n)])));
  });

  it("a let-bound quantity used twice is lowered once: both uses are the same scalar nodes", () => {
    const program = parseTyped("x: R^3; W: R^(2x3); z = sigmoid(W * x); z .* z");
    const z = program.bindings[0].expr;
    const all = lowerAll(program.result);
    const zElements = (all.get(z) as { elements: readonly Expr[] }).elements;
    (all.get(program.result) as { elements: readonly Expr[] }).elements.forEach((e, i) => {
      expect(e).toBe(mul(zElements[i], zElements[i]));
    });
  });

  it("lowerScalar wants a scalar-valued expression", () => {
    expect(lowerScalar(tmatmul(ttranspose(tvar("x", vectorShape(2))), tvar("y", vectorShape(2))))).toBe(add(mul(v("x_1"), v("y_1")), mul(v("x_2"), v("y_2"))));
    expect(() => lowerScalar(tvar("x", vectorShape(2)))).toThrow(RangeError);
  });
});

// ---- mathjs as the oracle ----
//
// mathjs reads the text printTyped writes (its own precedence, its own matrix product,
// transpose, element-wise operators, broadcasting, sum). Where mathjs's conventions differ
// from the typed language, the oracle adapts them, and only these:
//   - vectors are columns: a vector's value is an n×1 matrix, and the literal [a, b, c]
//     (a 1-D array in mathjs) is reshaped to n×1; ones(n) is ones(n, 1);
//   - a row times a column is a scalar for us and a 1×1 matrix for mathjs: every `*` result
//     of size 1×1 is read as its number;
//   - `^` with a scalar base and a vector exponent is element-wise for us, so it is read as .^
//     (on two scalars they agree);
//   - mathjs applies sin, exp, … to matrices only through map, so each function of the
//     scope maps its mathjs namesake; sigmoid, relu and softplus (not in mathjs) are written
//     from their textbook definitions; dot and norm2 act on the flattened elements.
// Functions with poles (tan, sec, coth, …) are left out: near a pole a last-bit difference
// between two correct implementations is amplified beyond any fixed tolerance.
// Where our value is NaN or infinite, mathjs may legitimately differ: it returns the real odd
// root of a negative base ((-8)^(1/3) = -2 with `predictable`) where Math.pow gives NaN. Those
// elements are skipped, and the test checks that most expressions have none.

const math = create(all, { predictable: true });
type MathValue = number | Matrix;

const isMatrix = (value: unknown): value is Matrix => math.isMatrix(value);
const flatten = (value: MathValue): number[] => (isMatrix(value) ? (math.flatten(value).toArray() as number[]) : [value]);
const elementwise = (f: (x: number) => number) => (a: MathValue): MathValue => (isMatrix(a) ? math.map(a, (x: number) => f(x)) : f(a));
const oneByOneAsNumber = (value: MathValue): MathValue => (isMatrix(value) && value.size().every((d) => d === 1) ? flatten(value)[0] : value);

const MATHJS_FUNCTIONS = ["sin", "cos", "exp", "log", "sqrt", "tanh", "atan", "sinh", "cosh", "asinh", "abs", "sign", "cbrt", "log2", "log10"] as const;
const TEXTBOOK: Readonly<Record<string, (x: number) => number>> = {
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  relu: (x) => (x > 0 ? x : 0),
  softplus: (x) => Math.log(1 + Math.exp(x)),
};
const ORACLE_OPS = [...MATHJS_FUNCTIONS, ...Object.keys(TEXTBOOK)];

const mathjsFunctions = math as unknown as Readonly<Record<string, (x: number) => number>>;
const SCOPE_FUNCTIONS: Readonly<Record<string, unknown>> = {
  ...Object.fromEntries(MATHJS_FUNCTIONS.map((name) => [name, elementwise((x) => mathjsFunctions[name](x))])),
  ...Object.fromEntries(Object.entries(TEXTBOOK).map(([name, f]) => [name, elementwise(f)])),
  matrixProduct: (a: MathValue, b: MathValue) => oneByOneAsNumber(math.multiply(a, b) as MathValue),
  column: (items: Matrix) => math.reshape(items, [items.size()[0], 1]),
  ones: (m: number, n?: number) => math.ones(m, n ?? 1),
  dot: (a: MathValue, b: MathValue) => math.dot(flatten(a), flatten(b)),
  norm2: (a: MathValue) => math.norm(flatten(a)),
};

/** mathjs's tree of the text with the adaptations above. */
function adapt(node: MathNode): MathNode {
  if (math.isArrayNode(node)) {
    const items = node.items;
    if (items.some((item) => math.isArrayNode(item))) {
      return new math.ArrayNode(items.map((row) => new math.ArrayNode((row as unknown as { items: MathNode[] }).items.map(adapt))));
    }
    return new math.FunctionNode("column", [new math.ArrayNode(items.map(adapt))]);
  }
  const inner = node.map((child) => adapt(child));
  if (math.isOperatorNode(inner) && inner.fn === "multiply") return new math.FunctionNode("matrixProduct", inner.args);
  if (math.isOperatorNode(inner) && inner.fn === "pow") return new math.OperatorNode(".^", "dotPow", inner.args);
  return inner;
}

function mathjsValue(value: TypedValue, shape: Shape): MathValue {
  if (shape.kind === "scalar") return value as number;
  if (shape.kind === "vector") return math.matrix((value as readonly number[]).map((x) => [x]));
  return math.matrix((value as readonly (readonly number[])[]).map((row) => [...row]));
}

/** mathjs's elements (row-major) of the printed text at the given values. */
function mathjsElements(expr: TExpr, values: ReadonlyMap<string, TypedValue>): number[] {
  const scope = new Map<string, unknown>(Object.entries(SCOPE_FUNCTIONS));
  for (const [name, shape] of typedVariablesOf(expr)) scope.set(name, mathjsValue(values.get(name) as TypedValue, shape));
  return flatten(adapt(math.parse(printTyped(expr))).evaluate(scope) as MathValue);
}

/** Our elements: lower, flatten the values to the scalar point, evaluate. */
function loweredElements(expr: TExpr, values: ReadonlyMap<string, TypedValue>): number[] {
  const { elements } = lower(expr);
  const computed = evaluateAll(elements, flattenPoint(typedVariablesOf(expr), values));
  return elements.map((e) => computed.get(e.id) as number);
}

describe("lowering against mathjs", () => {
  it("the oracle reads a matrix product, a transpose and a literal as we do (a check of the oracle)", () => {
    const expr = parseTyped("A: R^(2x3); x: R^3; (A * x)' * [1; 2] + sum(A') * 0 + x' * x").result;
    const values = new Map<string, TypedValue>([["A", [[1, 2, 3], [4, 5, 6]]], ["x", [1, -1, 2]]]);
    // A x = (5, 11); (5, 11)·(1, 2) = 27; x'x = 6
    expect(mathjsElements(expr, values)).toEqual([33]);
    expect(loweredElements(expr, values)).toEqual([33]);
  });

  it("for random well-shaped expressions and random values, every element agrees to 1e-12 (relative)", () => {
    let allFinite = 0;
    let runs = 0;
    fc.assert(
      fc.property(typedArbitrary({ unaryOps: ORACLE_OPS, binaryOps: ["add", "sub", "mul", "div", "pow"] }), fc.nat(), (expr, seed) => {
        const values = drawValues(typedVariablesOf(expr), seed);
        const ours = loweredElements(expr, values);
        const theirs = mathjsElements(expr, values);
        const context = `${programText(expr)} at ${JSON.stringify([...values])}`;
        expect(ours.length, context).toBe(theirs.length);
        runs++;
        if (ours.every(Number.isFinite)) allFinite++;
        ours.forEach((x, i) => {
          if (!Number.isFinite(x)) return;
          expect(Math.abs(x - theirs[i]), `element ${i} of ${context}: ${x} vs ${theirs[i]}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(theirs[i])));
        });
      }),
      { numRuns: 2000 },
    );
    // most expressions are compared in full (NaN comes from negative bases and logs of negatives)
    expect(allFinite / runs).toBeGreaterThan(0.7);
  });
});

// ---- the lecture's network ----

const QUIZ2_HEADER = "x: R^3; a1: R^(4x3); a2: R^(3x4); b: R^3; y = sigmoid(b' * sigmoid(a2 * sigmoid(a1 * x))); ";

describe("the Quiz 2 network, typed", () => {
  it("with the cross-entropy loss it lowers to the very node buildNetwork makes", () => {
    const typed = lowerScalar(parseTyped(QUIZ2_HEADER + "-(ystar*log(y) + (1 - ystar)*log(1 - y))").result);
    expect(typed).toBe(buildNetwork({ widths: [3, 4, 3, 1] }).loss);
  });

  it("with the quadratic loss too", () => {
    const typed = lowerScalar(parseTyped(QUIZ2_HEADER + "0.5 * (y - ystar)^2").result);
    expect(typed).toBe(buildNetwork({ widths: [3, 4, 3, 1], loss: "quadratic" }).loss);
  });

  it("the lecture's transposed form (α⁽¹⁾ is 3×4, written alpha1' * x) has the same value when alpha1_i_j = a1_j_i", () => {
    const net = buildNetwork({ widths: [3, 4, 3, 1] });
    const lecture = parseTyped(
      "x: R^3; alpha1: R^(3x4); alpha2: R^(4x3); beta: R^3; y = sigmoid(beta' * sigmoid(alpha2' * sigmoid(alpha1' * x))); -(ystar*log(y) + (1 - ystar)*log(1 - y))",
    );
    const point = new Map<string, number>([...net.point].filter(([name]) => name.startsWith("x_") || name === "ystar"));
    for (const [alpha, a, rows, cols] of [["alpha1", "a1", 3, 4], ["alpha2", "a2", 4, 3]] as const) {
      for (let i = 1; i <= rows; i++) for (let j = 1; j <= cols; j++) point.set(`${alpha}_${i}_${j}`, net.point.get(`${a}_${j}_${i}`) as number);
    }
    for (let j = 1; j <= 3; j++) point.set(`beta_${j}`, net.point.get(`b_${j}`) as number);
    const lowered = lowerScalar(lecture.result);
    // the same sums in the same order, so the same float
    expect(evaluate(lowered, point)).toBe(evaluate(net.loss, net.point));
    // and a point where the transposition matters: alpha1_1_2 is a1_2_1, not a1_1_2
    expect(net.point.get("a1_2_1")).not.toBe(net.point.get("a1_1_2"));
  });

  it("the typed values of the network flatten to the builder's scalar parameters", () => {
    const net = buildNetwork({ widths: [3, 4, 3, 1] });
    const program = parseTyped(QUIZ2_HEADER + "y");
    const a1 = Array.from({ length: 4 }, (_, j) => Array.from({ length: 3 }, (_, i) => net.point.get(`a1_${j + 1}_${i + 1}`) as number));
    const point = flattenPoint(program.shapes, new Map<string, TypedValue>([["a1", a1]]));
    for (const [name, value] of point) expect(value).toBe(net.point.get(name));
    expect(point.size).toBe(12);
  });
});

describe("numbers", () => {
  it("a number lowers to the same hash-consed node as the scalar builder's", () => {
    expect(lower(parseTyped("2.5").result).elements[0]).toBe(num(2.5));
    expect(lower(parseTyped("-2").result).elements[0]).toBe(num(-2));
  });
});
