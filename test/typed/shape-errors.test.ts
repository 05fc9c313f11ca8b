// Shape errors, operator by operator and function by function: each says what did not fit, in
// the words of the README ("cannot multiply 3×4 by 3: inner sizes 4 and 3 differ"), and points
// at the operator with line:col and a caret under it. Also the program-level errors
// (declarations, definitions, statements, element names) and typed syntax in a scalar expression.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { DECLARE_SHAPES_HINT } from "../../src/parse/build.js";
import { parse, ParseError } from "../../src/parse/parse.js";
import { parseTyped } from "../../src/typed/parse.js";
import { matrixShape, vectorShape, type Shape } from "../../src/typed/shape.js";
import { DECLARATION_HELP } from "../../src/typed/statements.js";
import { ShapeError, tmatmul, tvar } from "../../src/typed/texpr.js";
import { parseErrorOf } from "../support/parse-error.js";

const errorOf = parseErrorOf;

const typedError = (text: string, shapes?: ReadonlyMap<string, Shape>) => errorOf(() => parseTyped(text, shapes));

/** 1-based line and column of a 0-based offset, counted here rather than by the code under test. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/**
 * The error is at the `nth` occurrence of `marked` in `text`: its line and column, and in the
 * rendering the source line with carets under exactly `marked`.
 */
function expectAt(error: ParseError, text: string, marked: string, nth = 0): void {
  let offset = -1;
  for (let k = 0; k <= nth; k++) offset = text.indexOf(marked, offset + 1);
  if (offset < 0) throw new Error(`${marked} not in ${text}`);
  const { line, column } = lineColumn(text, offset);
  expect({ line: error.line, column: error.column }, error.rendered).toEqual({ line, column });
  const rendered = error.rendered.split("\n");
  expect(rendered[1]).toBe(`  ${text.split("\n")[line - 1]}`);
  expect(rendered[2]).toBe(`  ${" ".repeat(column - 1)}${"^".repeat(marked.length)}`);
}

/** A shape as the messages write it: 3 (a vector), 1×3 (a row), 3×4. */
function shapeText(shape: Shape): string {
  if (shape.kind === "vector") return String(shape.length);
  if (shape.kind === "row") return `1×${shape.length}`;
  if (shape.kind === "matrix") return `${shape.rows}×${shape.cols}`;
  return "scalar";
}

describe("the matrix product *", () => {
  it("says which inner sizes differ, with the README's wording, and points at the *", () => {
    const text = "A: R^(3x4); x: R^3; A * x";
    const error = typedError(text);
    expect(error.reason).toBe("cannot multiply 3×4 by 3: inner sizes 4 and 3 differ");
    expect(error.message.startsWith("cannot multiply 3×4 by 3: inner sizes 4 and 3 differ at 1:23")).toBe(true);
    expectAt(error, text, "*");
    // A' would fit, and the hint says so
    expect(error.hint).toContain("A' * B");
  });

  it.each([
    ["A: R^(2x3); B: R^(2x3); A * B", "cannot multiply 2×3 by 2×3: inner sizes 3 and 2 differ"],
    ["x: R^3; y: R^3; x * y", "cannot multiply 3 by 3: inner sizes 1 and 3 differ"],
    ["x: R^3; y: R^3; x' * y'", "cannot multiply 1×3 by 1×3: inner sizes 3 and 1 differ"],
    ["x: R^3; A: R^(3x3); A * x'", "cannot multiply 3×3 by 1×3: inner sizes 3 and 1 differ"],
    ["x: R^3; A: R^(2x2); x' * A", "cannot multiply 1×3 by 2×2: inner sizes 3 and 2 differ"],
  ])("%s", (text, reason) => {
    const error = typedError(text);
    expect(error.reason).toBe(reason);
    expectAt(error, text, "*");
  });

  it("an implicit product that does not fit points at its right operand", () => {
    const cases: [string, string][] = [
      ["x: R^3; y: R^4; x y", "y"],
      ["x: R^3; A: R^(2x2); 2 x A", "A"],
      ["x: R^3; y: R^3; (x) (y)", "y"],
      ["x: R^3; A: R^(2x3); 2 x sin(A)", "sin"],
    ];
    for (const [text, marked] of cases) {
      const error = typedError(text);
      expect(error.reason, text).toMatch(/^cannot multiply .*: inner sizes \d+ and \d+ differ$/);
      expectAt(error, text, marked, marked === "y" || marked === "A" ? 1 : 0);
    }
  });

  it("for random shapes: an error exactly when the inner sizes differ, saying which", () => {
    const side = fc.oneof(
      fc.integer({ min: 1, max: 4 }).map((n): [Shape, string] => [vectorShape(n), `R^${n}`]),
      fc.integer({ min: 1, max: 4 }).map((n): [Shape, string] => [{ kind: "row", length: n }, `R^${n}`]),
      fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })).map(([m, n]): [Shape, string] => [matrixShape(m, n), `R^(${m}x${n})`]),
    );
    const rows = (s: Shape) => (s.kind === "vector" ? s.length : s.kind === "matrix" ? s.rows : 1);
    const cols = (s: Shape) => (s.kind === "row" ? s.length : s.kind === "matrix" ? s.cols : 1);
    fc.assert(
      fc.property(side, side, ([a, aType], [b, bType]) => {
        const operand = (name: string, s: Shape) => (s.kind === "row" ? `${name}'` : name);
        const text = `P: ${aType}; Q: ${bType}; ${operand("P", a)} * ${operand("Q", b)}`;
        if (cols(a) === rows(b)) {
          const shape = parseTyped(text).result.shape;
          expect(shape.kind === "scalar" ? [1, 1] : [rows(shape), cols(shape)], text).toEqual([rows(a), cols(b)]);
        } else {
          const error = typedError(text);
          expect(error.reason).toBe(`cannot multiply ${shapeText(a)} by ${shapeText(b)}: inner sizes ${cols(a)} and ${rows(b)} differ`);
          expectAt(error, text, "*");
        }
      }),
      { numRuns: 400 },
    );
  });

  it("the constructor throws ShapeError with the same reason and no position", () => {
    try {
      tmatmul(tvar("A", matrixShape(3, 4)), tvar("x", vectorShape(3)));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ShapeError);
      expect((error as ShapeError).reason).toBe("cannot multiply 3×4 by 3: inner sizes 4 and 3 differ");
      expect((error as ShapeError).at).toBeUndefined();
    }
  });
});

describe("element-wise operators", () => {
  const VERBS: Readonly<Record<string, string>> = { "+": "add", "-": "subtract", ".*": "multiply", "./": "divide", ".^": "raise" };

  it.each(Object.entries(VERBS))("%s on a vector of 3 and a vector of 4", (op, verb) => {
    const text = `x: R^3; y: R^4; x ${op} y`;
    const error = typedError(text);
    expect(error.reason).toBe(`cannot ${verb} 3 and 4 element-wise: shapes differ`);
    expectAt(error, text, op);
  });

  it("a vector of 3 and a 3×1 matrix, a vector and its transpose, differ too", () => {
    expect(typedError("x: R^3; y: R^(3x1); x + y").reason).toBe("cannot add 3 and 3×1 element-wise: shapes differ");
    const error = typedError("x: R^3; x .* x'");
    expect(error.reason).toBe("cannot multiply 3 and 1×3 element-wise: shapes differ");
    expect(error.hint).toContain("transposed");
  });

  it("for random pairs of different shapes, every element-wise operator refuses them at the operator", () => {
    const shape = fc.oneof(
      fc.integer({ min: 1, max: 3 }).map((n): [Shape, string, boolean] => [vectorShape(n), `R^${n}`, false]),
      fc.integer({ min: 1, max: 3 }).map((n): [Shape, string, boolean] => [{ kind: "row", length: n }, `R^${n}`, true]),
      fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })).map(([m, n]): [Shape, string, boolean] => [matrixShape(m, n), `R^(${m}x${n})`, false]),
    );
    fc.assert(
      fc.property(shape, shape, fc.constantFrom(...Object.keys(VERBS)), ([a, aType, aRow], [b, bType, bRow], op) => {
        const text = `P: ${aType}; Q: ${bType}; P${aRow ? "'" : ""} ${op} Q${bRow ? "'" : ""}`;
        if (shapeText(a) === shapeText(b) && a.kind === b.kind) {
          expect(parseTyped(text).result.shape).toEqual(a);
        } else {
          const error = typedError(text);
          expect(error.reason).toBe(`cannot ${VERBS[op]} ${shapeText(a)} and ${shapeText(b)} element-wise: shapes differ`);
          expectAt(error, text, op);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("/ divides by a scalar only", () => {
    const text = "x: R^3; y: R^3; x / y";
    const error = typedError(text);
    expect(error.reason).toBe("cannot divide by a vector of 3");
    expect(error.hint).toContain("./");
    expectAt(error, text, "/");
    expect(typedError("A: R^(2x2); 1 / A").reason).toBe("cannot divide by a 2×2 matrix");
  });

  it("^ takes a scalar base: not a matrix, a vector or a row (x'^2 is (x')^2)", () => {
    const cases: [string, string][] = [
      ["A: R^(3x3); A ^ 2", "cannot raise a 3×3 matrix to a power with ^"],
      ["x: R^3; x^2", "cannot raise a vector of 3 to a power with ^"],
      ["x: R^3; x'^2", "cannot raise a row vector of 3 to a power with ^"],
      ["x: R^3; x ** 2", "cannot raise a vector of 3 to a power with ^"],
    ];
    for (const [text, reason] of cases) {
      const error = typedError(text);
      expect(error.reason, text).toBe(reason);
      expect(error.hint).toContain(".^");
      expectAt(error, text, text.includes("**") ? "**" : "^", text.includes("**") ? 0 : 1);
    }
  });
});

describe("functions", () => {
  it.each([
    ["pow", "raise"],
    ["log", "apply logBase to"],
    ["nthRoot", "apply nthRoot to"],
  ])("%s(x, y) of a vector of 3 and a vector of 4", (fn, verb) => {
    const text = `x: R^3; y: R^4; ${fn}(x, y)`;
    const error = typedError(text);
    expect(error.reason).toBe(`cannot ${verb} 3 and 4 element-wise: shapes differ`);
    expectAt(error, text, fn);
  });

  it("dot of vectors of different lengths, or of a matrix and a vector", () => {
    const text = "x: R^3; y: R^4; dot(x, y)";
    const error = typedError(text);
    expect(error.reason).toBe("cannot take dot(3, 4): shapes differ");
    expectAt(error, text, "dot");
    expect(typedError("x: R^4; A: R^(2x2); dot(A, x)").reason).toBe("cannot take dot(2×2, 4): shapes differ");
    expect(typedError("A: R^(2x3); B: R^(3x2); dot(A, B)").reason).toBe("cannot take dot(2×3, 3×2): shapes differ");
  });

  it("wrong argument counts and ones without whole-number sizes", () => {
    expect(typedError("x: R^3; sum(x, x)").reason).toBe("sum takes 1 argument, got 2");
    expect(typedError("x: R^3; dot(x)").reason).toBe("dot takes 2 arguments, got 1");
    expect(typedError("x: R^3; norm2()").reason).toMatch(/^unexpected/); // no arguments is a syntax error
    const text = "x: R^3; ones(x)";
    const error = typedError(text);
    expect(error.reason).toBe("ones takes sizes written as whole numbers");
    expectAt(error, text, "x", 1);
    expect(typedError("ones(0)").reason).toBe("ones takes sizes written as whole numbers");
    expect(typedError("ones(1.5)").reason).toBe("ones takes sizes written as whole numbers");
    expect(typedError("ones(2, 3, 4)").reason).toBe("ones takes 1 or 2 sizes, got 3");
  });
});

describe("literals", () => {
  it("rows of different lengths", () => {
    const text = "a: R; [1, 2; 3]";
    const error = typedError(text);
    expect(error.reason).toBe("matrix rows differ in length: row 1 has 2 entries, row 2 has 1 entry");
    expectAt(error, text, "[");
    expect(typedError("[1; 2, 3; 4, 5]").reason).toBe("matrix rows differ in length: row 1 has 1 entry, row 2 has 2 entries");
  });

  it("entries that are not scalars", () => {
    const text = "x: R^2; [x, 1]";
    const error = typedError(text);
    expect(error.reason).toBe("a matrix literal holds scalars, got a vector of 2");
    expectAt(error, text, "[");
    expect(typedError("A: R^(2x2); [1; A]").reason).toBe("a matrix literal holds scalars, got a 2×2 matrix");
    expect(typedError("x: R^2; [1, x']").reason).toBe("a matrix literal holds scalars, got a row vector of 2");
  });
});

describe("declarations", () => {
  // The caret marks where the type stops reading, up to its end.
  it.each([["Q^3", "Q^3"], ["R^(3x)", ")"], ["R^-3", "-3"], ["R3", "R3"], ["R^(3x4x5)", "x5)"], ["vector", "vector"]])("x: %s is not a type (caret at %s)", (type, spot) => {
    const text = `x: ${type}; x`;
    const error = typedError(text);
    expect(error.reason.startsWith(`cannot read the type "${type}": `), error.reason).toBe(true);
    expect(error.hint).toBe(DECLARATION_HELP);
    expectAt(error, text, spot);
  });

  it("sizes of 0 are refused", () => {
    expect(typedError("x: R^0; x").reason).toMatch(/^sizes must be whole numbers from 1/);
    expect(typedError("x: R^(0x3); x").reason).toMatch(/^sizes must be whole numbers from 1/);
    expect(typedError("W: R^(100000x100000); sum(W)").reason).toBe("100000×100000 is 1.0e+10 entries; the limit is 1e+6 (each entry becomes scalar nodes)");
  });

  it("a name declared twice with different shapes, in the text or by the caller", () => {
    const text = "x: R^3; x: R^4; x";
    const error = typedError(text);
    expect(error.reason).toBe("x is declared a vector of 4 here but a vector of 3 elsewhere");
    expectAt(error, text, "x", 1);
    expect(typedError("x: R^(2x2); x", new Map([["x", vectorShape(4)]])).reason).toBe("x is declared a 2×2 matrix here but a vector of 4 elsewhere");
    // the same shape twice is fine
    expect(parseTyped("x: R^3; x: R^3; sum(x)").result.shape.kind).toBe("scalar");
  });

  it("a declaration after the name is used", () => {
    const text = "y = 2 * x; x: R^3; y";
    const error = typedError(text);
    expect(error.reason).toBe("x is declared after it is used");
    expectAt(error, text, "x", 1);
  });

  it("constants and functions cannot be declared or defined", () => {
    expect(typedError("pi: R^3; 1").reason).toBe("pi is a constant and cannot be declared");
    expect(typedError("sin: R^3; 1").reason).toBe("sin is a function and cannot be declared");
    expect(typedError("sum = 2; 1").reason).toBe("sum is a function and cannot be defined");
    expect(typedError("x: R^3; x * sum").reason).toBe("sum is a function, not a variable");
  });
});

describe("definitions and statements", () => {
  it("a name defined twice", () => {
    const text = "a = 1; a = 2; a";
    const error = typedError(text);
    expect(error.reason).toBe("a is defined twice");
    expectAt(error, text, "a", 1);
  });

  it("a definition of a declared or already used variable", () => {
    const text = "x: R^3; x = 2; x";
    const error = typedError(text);
    expect(error.reason).toBe("x is already a variable");
    expectAt(error, text, "x", 1);
    expect(typedError("a = 2 * t; t = 3; a").reason).toBe("t is already a variable");
  });

  it("a bare expression before the last statement", () => {
    const text = "x: R^3;  sum(x); x";
    const error = typedError(text);
    expect(error.reason).toBe("only the last statement may be a bare expression");
    expectAt(error, text, "sum(x)");
  });

  it("a program without an expression, at the end of the text", () => {
    for (const text of ["x: R^3", "x: R^3;", "a = 2", "x: R^3; a = sum(x);"]) {
      const error = typedError(text);
      expect(error.reason, text).toBe("the program ends without an expression");
      expect(error.offset, text).toBe(text.length);
    }
  });

  it("an empty statement", () => {
    expect(typedError("x: R^3; ; sum(x)").reason).toBe("empty statement");
    expect(typedError("").reason).toBe("empty statement");
  });
});

describe("element names", () => {
  it("a scalar named like an element of a vector or a matrix", () => {
    const text = "x: R^3; x_1 + sum(x)";
    const error = typedError(text);
    expect(error.reason).toBe("x_1 is also the name of an element of x");
    expectAt(error, text, "x_1");
    expect(typedError("A: R^(2x2); A_1_2 + sum(A)").reason).toBe("A_1_2 is also the name of an element of A");
    expect(typedError("x: R^2; x_1: R^2; sum(x) + sum(x_1)").reason).toBe("x_1 is also the name of an element of x");
  });

  it("the hint names the matrix's own elements (A_1_1, A_1_2, …)", () => {
    expect(typedError("A: R^(2x2); A_1_2 + sum(A)").hint).toContain("A_1_1");
  });

  it("a vector whose elements are named like a matrix's (x_1 of 2 next to a 2×2 x: both have an element x_1_1)", () => {
    expect(typedError("x: R^(2x2); x_1: R^2; sum(x) + sum(x_1)").reason).toMatch(/element/);
  });

  it("a declared scalar named like an element, even if unused (its value would overwrite the element's)", () => {
    expect(typedError("x: R^3; x_1: R; sum(x)").reason).toMatch(/element/);
  });
});

describe("errors on several lines", () => {
  it("line:col and the caret are those of the line with the error", () => {
    const text = "x: R^3;\nA: R^(2x4);\ny = A * x;\nsum(y)";
    const error = typedError(text);
    expect(error.reason).toBe("cannot multiply 2×4 by 3: inner sizes 4 and 3 differ");
    expect([error.line, error.column]).toEqual([3, 7]);
    expectAt(error, text, "*");
  });

  it("in a declaration, a definition and the last expression", () => {
    const declaration = "x: R^3;\n  W: R^(2 by 3);\nW * x";
    expectAt(typedError(declaration), declaration, "by 3)"); // where the type stops reading
    const twice = "x: R^3;\nz = x;\n\n   z = 2 * x;\nz";
    expectAt(typedError(twice), twice, "z", 1);
    const last = "x: R^3;\ny: R^2;\nz = x .* x;\n\tsum(z)\n  + dot(x,\n y)";
    const error = typedError(last);
    expect(error.reason).toBe("cannot take dot(3, 2): shapes differ");
    expectAt(error, last, "dot");
  });
});

describe("typed syntax in a scalar expression", () => {
  it.each([
    ["x'", "'", "a transpose in a scalar expression"],
    ["2 * [1, 2]", "[", "a matrix literal in a scalar expression"],
    ["x .* y", ".*", "the element-wise operator .* in a scalar expression"],
    ["x ./ y", "./", "the element-wise operator ./ in a scalar expression"],
    ["x .^ 2", ".^", "the element-wise operator .^ in a scalar expression"],
  ])("%s", (text, marked, reason) => {
    const error = errorOf(() => parse(text));
    expect(error.reason).toBe(reason);
    expect(error.hint).toBe(DECLARE_SHAPES_HINT);
    expect(error.column).toBe(text.indexOf(marked) + 1);
  });
});
