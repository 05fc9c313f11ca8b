// The typed reader: every syntax form means what the README says, every valid text has exactly
// one parse, and printTyped's text reads back to the same expression.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { num, variable, type Expr } from "../../src/ast/expr.js";
import { call } from "../../src/ops/table.js";
import { countParses } from "../../src/parse/parse.js";
import { lower } from "../../src/typed/lower.js";
import { parseTyped } from "../../src/typed/parse.js";
import { printTyped } from "../../src/typed/print.js";
import { matrixShape, rowShape, SCALAR, sameShape, vectorShape, type Shape } from "../../src/typed/shape.js";
import { isCall, tmap, tmatmul, tnum, ttranspose, tvar, typedVariablesOf, type TExpr } from "../../src/typed/texpr.js";
import { chooserFromSeed, declarationsOf, printTypedVariant, programText, typedArbitrary } from "../support/random-typed.js";

const v = (name: string) => variable(name);
const add = (a: Expr, b: Expr) => call("add", [a, b]);
const mul = (a: Expr, b: Expr) => call("mul", [a, b]);

/** The lowered elements of a program's result (hash-consed, so === compares structure). */
function elementsOf(text: string, shapes?: ReadonlyMap<string, Shape>): readonly Expr[] {
  return lower(parseTyped(text, shapes).result).elements;
}

function resultShape(text: string): Shape {
  return parseTyped(text).result.shape;
}

/** Two element lists are the same hash-consed nodes, in order. */
function expectSameNodes(actual: readonly Expr[], expected: readonly Expr[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((node, i) => expect(node === expected[i], `element ${i}`).toBe(true));
}

describe("declarations", () => {
  it.each([
    ["x: R; x", SCALAR],
    ["x: ℝ; x", SCALAR],
    ["x: R^3; x", vectorShape(3)],
    ["x: ℝ^3; x", vectorShape(3)],
    ["x: R^(3x4); x", matrixShape(3, 4)],
    ["x: R^(3×4); x", matrixShape(3, 4)],
    ["x: R^(3,4); x", matrixShape(3, 4)],
    ["x: R^{3x4}; x", matrixShape(3, 4)],
    ["x : R ^ ( 3 x 4 ) ; x", matrixShape(3, 4)],
    ["x: R^(1x1); x", matrixShape(1, 1)],
  ])("%s has the declared shape", (text, shape) => {
    expect(parseTyped(text).shapes.get("x")).toEqual(shape);
    expect(resultShape(text)).toEqual(shape);
  });

  it("undeclared names are scalars, listed after the declared ones (declared but unused ones too)", () => {
    const program = parseTyped("x: R^3; W: R^(2x2); a * sum(x) + b");
    expect([...program.shapes]).toEqual([
      ["x", vectorShape(3)],
      ["W", matrixShape(2, 2)],
      ["a", SCALAR],
      ["b", SCALAR],
    ]);
  });

  it("shapes may come from the caller instead of the text, with the same meaning", () => {
    const shapes = new Map([["A", matrixShape(2, 3)], ["x", vectorShape(3)]]);
    expectSameNodes(elementsOf("A * x", shapes), elementsOf("A: R^(2x3); x: R^3; A * x"));
    // a declaration that agrees with the caller is fine
    expect(parseTyped("x: R^3; A * x", shapes).result.shape).toEqual(vectorShape(2));
  });

  it("statements may span lines; a trailing ; is allowed", () => {
    expectSameNodes(elementsOf("x: R^3;\nW: R^(2x3);\n\nW * x;\n"), elementsOf("x: R^3; W: R^(2x3); W * x"));
  });
});

describe("definitions", () => {
  it("a defined name stands for its expression: the result refers to the very node", () => {
    const program = parseTyped("x: R^3; W: R^(4x3); a = W * x; z = sigmoid(a); sum(z)");
    expect(program.bindings.map((b) => b.name)).toEqual(["a", "z"]);
    const [a, z] = program.bindings.map((b) => b.expr);
    expect(isCall(a, "matmul")).toBe(true);
    expect(z.kind === "map" && z.args[0] === a).toBe(true);
    expect(isCall(program.result, "sum") && program.result.args[0] === z).toBe(true);
    // defined names are not variables
    expect([...program.shapes.keys()]).toEqual(["x", "W"]);
  });

  it("a definition lowers exactly as its expression written in place", () => {
    expectSameNodes(
      elementsOf("x: R^3; W: R^(4x3); a = W * x; z = sigmoid(a); z .* z - a"),
      elementsOf("x: R^3; W: R^(4x3); sigmoid(W * x) .* sigmoid(W * x) - W * x"),
    );
  });
});

describe("operators and functions", () => {
  const header = "x: R^3; y: R^3; A: R^(2x3); B: R^(3x2); s: R; ";
  const x = (i: number) => v(`x_${i}`);
  const y = (i: number) => v(`y_${i}`);
  const A = (i: number, j: number) => v(`A_${i}_${j}`);

  it("* is the matrix product: (A x)_i = A_i_1 x_1 + A_i_2 x_2 + A_i_3 x_3", () => {
    const p = parseTyped(header + "A * x");
    expect(isCall(p.result, "matmul")).toBe(true);
    expect(p.result.shape).toEqual(vectorShape(2));
    expectSameNodes(lower(p.result).elements, [1, 2].map((i) => add(add(mul(A(i, 1), x(1)), mul(A(i, 2), x(2))), mul(A(i, 3), x(3)))));
  });

  it("* of a row and a column is a scalar, of a column and a row a matrix, of matrices a matrix", () => {
    expect(resultShape(header + "x' * y")).toEqual(SCALAR);
    expect(resultShape(header + "x * y'")).toEqual(matrixShape(3, 3));
    expect(resultShape(header + "A * B")).toEqual(matrixShape(2, 2));
    expect(resultShape(header + "B * A")).toEqual(matrixShape(3, 3));
    expect(resultShape(header + "x' * B")).toEqual(rowShape(2));
    expectSameNodes(elementsOf(header + "x' * y"), [add(add(mul(x(1), y(1)), mul(x(2), y(2))), mul(x(3), y(3)))]);
    expectSameNodes(elementsOf(header + "x * y'").slice(0, 4), [mul(x(1), y(1)), mul(x(1), y(2)), mul(x(1), y(3)), mul(x(2), y(1))]);
  });

  it("* with a scalar on either side is scaling, element by element (an implicit product too)", () => {
    const scaled = [1, 2, 3].map((i) => mul(v("s"), x(i)));
    for (const text of ["s * x", "s x", "s .* x"]) {
      const p = parseTyped(header + text);
      expect(p.result.kind, text).toBe("map");
      expectSameNodes(lower(p.result).elements, scaled);
    }
    expectSameNodes(elementsOf(header + "x * s"), [1, 2, 3].map((i) => mul(x(i), v("s"))));
    expectSameNodes(elementsOf(header + "2x"), [1, 2, 3].map((i) => mul(num(2), x(i))));
  });

  it("', ^T, .^T and transpose() are the same transpose: (A')_i_j = A_j_i", () => {
    const expected = [1, 2, 3].flatMap((i) => [1, 2].map((j) => A(j, i)));
    for (const text of ["A'", "A^T", "A.^T", "transpose(A)", "(A)'", "A''' "]) {
      const p = parseTyped(header + text);
      expect(p.result.shape, text).toEqual(matrixShape(3, 2));
      expectSameNodes(lower(p.result).elements, expected);
    }
    expect(resultShape(header + "x'")).toEqual(rowShape(3));
    expect(resultShape(header + "x''")).toEqual(vectorShape(3));
    // a scalar is its own transpose
    expect(parseTyped(header + "s'").result.kind).toBe("var");
  });

  it(".* ./ .^ and + - work element by element on equal shapes", () => {
    const cases: [string, string][] = [
      ["x .* y", "mul"],
      ["x ./ y", "div"],
      ["x .^ y", "pow"],
      ["x + y", "add"],
      ["x - y", "sub"],
    ];
    for (const [text, op] of cases) {
      expectSameNodes(elementsOf(header + text), [1, 2, 3].map((i) => call(op, [x(i), y(i)])));
    }
    expectSameNodes(elementsOf(header + "pow(x, y)"), elementsOf(header + "x .^ y"));
    expectSameNodes(elementsOf(header + "x .^ 2"), [1, 2, 3].map((i) => call("pow", [x(i), num(2)])));
    // a scalar broadcasts on either side
    expectSameNodes(elementsOf(header + "1 - x"), [1, 2, 3].map((i) => call("sub", [num(1), x(i)])));
    expectSameNodes(elementsOf(header + "x / s"), [1, 2, 3].map((i) => call("div", [x(i), v("s")])));
    expectSameNodes(elementsOf(header + "s ./ x"), [1, 2, 3].map((i) => call("div", [v("s"), x(i)])));
    expectSameNodes(elementsOf(header + "2 ^ x"), [1, 2, 3].map((i) => call("pow", [num(2), x(i)])));
  });

  it("one-argument functions apply element by element, aliases included", () => {
    expectSameNodes(elementsOf(header + "sigmoid(x)"), [1, 2, 3].map((i) => call("sigmoid", [x(i)])));
    expectSameNodes(elementsOf(header + "logistic(x)"), elementsOf(header + "sigmoid(x)"));
    expectSameNodes(elementsOf(header + "ln(A)"), [1, 2].flatMap((i) => [1, 2, 3].map((j) => call("log", [A(i, j)]))));
    expectSameNodes(elementsOf(header + "log(x, 2)"), [1, 2, 3].map((i) => call("logBase", [x(i), num(2)])));
    expect(resultShape(header + "tanh(x')")).toEqual(rowShape(3));
  });

  it("sum, dot, norm2 and ones", () => {
    expectSameNodes(elementsOf(header + "sum(x)"), [add(add(x(1), x(2)), x(3))]);
    expectSameNodes(elementsOf(header + "sum(A)"), [[1, 2].flatMap((i) => [1, 2, 3].map((j): Expr => A(i, j))).reduce(add)]);
    expectSameNodes(elementsOf(header + "dot(x, y)"), [add(add(mul(x(1), y(1)), mul(x(2), y(2))), mul(x(3), y(3)))]);
    expectSameNodes(elementsOf(header + "dot(x', y)"), elementsOf(header + "dot(x, y)"));
    const squares = [1, 2, 3].map((i) => call("pow", [x(i), num(2)]));
    expectSameNodes(elementsOf(header + "norm2(x)"), [call("sqrt", [squares.reduce(add)])]);
    expect(resultShape("ones(3)")).toEqual(vectorShape(3));
    expect(resultShape("ones(2, 3)")).toEqual(matrixShape(2, 3));
    expectSameNodes(elementsOf("ones(2, 3)"), Array.from({ length: 6 }, () => num(1)));
  });

  it("literals: [1, 2; 3, 4] is a matrix read row by row; [1, 2, 3] and [1; 2; 3] are both the column vector", () => {
    expect(resultShape("[1, 2; 3, 4]")).toEqual(matrixShape(2, 2));
    expectSameNodes(elementsOf("[1, 2; 3, 4]"), [1, 2, 3, 4].map((k) => num(k)));
    expect(resultShape("[1, 2; 3, 4; 5, 6]")).toEqual(matrixShape(3, 2));
    expect(resultShape("[1, 2, 3]")).toEqual(vectorShape(3));
    expect(resultShape("[1; 2; 3]")).toEqual(vectorShape(3));
    expectSameNodes(elementsOf("[1, 2, 3]"), elementsOf("[1; 2; 3]"));
    // entries are any scalar expressions
    expectSameNodes(elementsOf(header + "[s + 1, -s]"), [add(v("s"), num(1)), call("neg", [v("s")])]);
    // a literal times a declared vector
    expectSameNodes(elementsOf(header + "[1, 2, 3]' * x"), [add(add(mul(num(1), x(1)), mul(num(2), x(2))), mul(num(3), x(3)))]);
  });
});

describe("precedence", () => {
  const header = "x: R^3; y: R^3; A: R^(3x3); s: R; t: R; ";

  /** `text` reads as the expression built by hand. */
  function expectReadsAs(text: string, built: TExpr): void {
    const parsed = parseTyped(header + text).result;
    expect(sameShape(parsed.shape, built.shape), text).toBe(true);
    expectSameNodes(lower(parsed).elements, lower(built).elements);
  }
  const X = tvar("x", vectorShape(3));
  const Y = tvar("y", vectorShape(3));
  const M = tvar("A", matrixShape(3, 3));
  const S = tvar("s");
  const T = tvar("t");

  it("-x' is -(x'), a row; (-x)' is the same row; both negate each element", () => {
    const p = parseTyped(header + "-x'").result;
    expect(p.kind).toBe("map"); // the minus is applied last
    expect(p.shape).toEqual(rowShape(3));
    const q = parseTyped(header + "(-x)'").result;
    expect(isCall(q, "transpose")).toBe(true);
    expectSameNodes(lower(p).elements, [1, 2, 3].map((i) => call("neg", [v(`x_${i}`)])));
    expectSameNodes(lower(q).elements, lower(p).elements);
  });

  it("x'^2 is (x')^2: for a scalar x it is x^2", () => {
    expectReadsAs("s'^2", tmap("pow", [S, tnum(2)]));
    expectReadsAs("x'.^2", tmap("pow", [ttranspose(X), tnum(2)]));
  });

  it("2x' is 2 (x'), a row", () => {
    expectReadsAs("2x'", tmatmul(tnum(2), ttranspose(X)));
  });

  it("-s^2 is -(s^2); s^-t is s^(-t); s^t^2 is s^(t^2)", () => {
    expectReadsAs("-s^2", tmap("neg", [tmap("pow", [S, tnum(2)])]));
    expectReadsAs("s^-t", tmap("pow", [S, tmap("neg", [T])]));
    expectReadsAs("s^t^2", tmap("pow", [S, tmap("pow", [T, tnum(2)])]));
    expectReadsAs("x.^s.^2", tmap("pow", [X, tmap("pow", [S, tnum(2)])]));
  });

  it("products before sums, left to right: A * x + y, x' * A * y, s - t - s, x ./ y .* x", () => {
    expectReadsAs("A * x + y", tmap("add", [tmatmul(M, X), Y]));
    expectReadsAs("y + A * x", tmap("add", [Y, tmatmul(M, X)]));
    expectReadsAs("x' * A * y", tmatmul(tmatmul(ttranspose(X), M), Y));
    expectReadsAs("x' * (A * y)", tmatmul(ttranspose(X), tmatmul(M, Y)));
    expectReadsAs("s - t - s", tmap("sub", [tmap("sub", [S, T]), S]));
    expectReadsAs("x ./ y .* x", tmap("mul", [tmap("div", [X, Y]), X]));
    expectReadsAs("x .* y .^ 2", tmap("mul", [X, tmap("pow", [Y, tnum(2)])]));
  });

  it("the transpose binds tighter than any product, implicit ones included", () => {
    expectReadsAs("x' * A' * y", tmatmul(tmatmul(ttranspose(X), ttranspose(M)), Y));
    expectReadsAs("s x' y", tmatmul(tmatmul(S, ttranspose(X)), Y));
  });
});

describe("one parse for every valid text", () => {
  it.each([
    "x'", "x''", "-x'", "(-x)'", "x'^2", "2x'", "x' y", "x' * y", "x .* y", "x ./ y", "x .^ 2", "x.^T", "x^T", "[1, 2; 3, 4]",
    "[1, 2, 3]", "[1; 2; 3]", "[x, 2]'", "transpose(A) * x", "A' * x + b", "sum(x .* y)", "2 ones(3)'", "-[1, 2]' * x",
  ])("%s", (text) => {
    expect(countParses(text)).toBe(1);
  });

  it("for thousands of random typed expressions, as printed and in other spellings", () => {
    fc.assert(
      fc.property(typedArbitrary(), fc.nat(), (expr, seed) => {
        expect(countParses(printTyped(expr)), printTyped(expr)).toBe(1);
        const variant = printTypedVariant(expr, chooserFromSeed(seed));
        expect(countParses(variant), variant).toBe(1);
      }),
      { numRuns: 1500 },
    );
  });
});

describe("round trip", () => {
  it("printTyped's text reads back (with the same shapes) to the same expression: same shape, same lowered nodes, same text", () => {
    fc.assert(
      fc.property(typedArbitrary(), (expr) => {
        const text = programText(expr);
        const back = parseTyped(text).result;
        expect(sameShape(back.shape, expr.shape), text).toBe(true);
        expectSameNodes(lower(back).elements, lower(expr).elements);
        expect(printTyped(back)).toBe(printTyped(expr));
      }),
      { numRuns: 3000 },
    );
  });

  it("the same with shapes given by the caller rather than declared in the text", () => {
    fc.assert(
      fc.property(typedArbitrary(), (expr) => {
        const back = parseTyped(printTyped(expr), typedVariablesOf(expr)).result;
        expectSameNodes(lower(back).elements, lower(expr).elements);
      }),
      { numRuns: 500 },
    );
  });

  it("every other spelling (A^T, transpose(A), implicit products, pow(a, b), [a; b], ln, logistic) reads as the same expression", () => {
    fc.assert(
      fc.property(typedArbitrary(), fc.nat(), (expr, seed) => {
        const text = declarationsOf(expr) + printTypedVariant(expr, chooserFromSeed(seed));
        const back = parseTyped(text).result;
        expect(sameShape(back.shape, expr.shape), text).toBe(true);
        expectSameNodes(lower(back).elements, lower(expr).elements);
      }),
      { numRuns: 1500 },
    );
  });

  it("a minus on a number prints so that it reads back as the minus, not as a negative number", () => {
    // -(2) is neg(2); the scalar printer writes it -(2), as it must to read back the same node
    const minusTwo = parseTyped("-(2)").result;
    expect(minusTwo.kind).toBe("map");
    const back = parseTyped(printTyped(minusTwo)).result;
    expect(back.kind, printTyped(minusTwo)).toBe("map");
  });
});
