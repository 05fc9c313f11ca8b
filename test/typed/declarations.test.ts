// Shape declarations as notes and homework write them (issue 12): x ∈ ℝ³, W ∈ ℝ^{3×4},
// W ∈ ℝ³ˣ⁴, x \in \mathbb{R}^3, W \in \mathbb{R}^{3 \times 4} are the same declarations as
// x: R^3 and W: R^(3x4).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ParseError } from "../../src/parse/errors.js";
import { parseTyped } from "../../src/typed/parse.js";
import { matrixShape, parseShapeSpec, SCALAR, vectorShape, type Shape } from "../../src/typed/shape.js";
import { DECLARATION_HELP, splitStatements } from "../../src/typed/statements.js";
import { cli } from "../cli/run.js";

/** The shape one declaration gives its name. */
function declared(text: string): Shape {
  const [statement] = splitStatements(text);
  if (statement.kind !== "declaration") throw new Error(`${text} is not read as a declaration`);
  return statement.shape;
}

function parseError(text: string): ParseError {
  try {
    parseTyped(text);
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error(`${text} was read`);
}

describe("one declaration, every notation", () => {
  const forms: [string, Shape][] = [
    ["x ∈ ℝ³", vectorShape(3)],
    ["x ∈ R^3", vectorShape(3)],
    ["x \\in \\mathbb{R}^3", vectorShape(3)],
    ["x \\in \\mathbb R^{3}", vectorShape(3)],
    ["x\\in\\R^3", vectorShape(3)],
    ["x ∈ ℝ¹²", vectorShape(12)],
    ["W ∈ ℝ^{3×4}", matrixShape(3, 4)],
    ["W ∈ ℝ³ˣ⁴", matrixShape(3, 4)],
    ["W \\in \\mathbb{R}^{3 \\times 4}", matrixShape(3, 4)],
    ["W \\in \\mathbb{R}^{3\\times4}", matrixShape(3, 4)],
    ["W: ℝ^{3×4}", matrixShape(3, 4)],
    ["W: R^(3x4)", matrixShape(3, 4)],
    ["W: R^{3 x 4}", matrixShape(3, 4)],
    ["W: R^(3,4)", matrixShape(3, 4)],
    ["s ∈ ℝ", SCALAR],
    ["s \\in \\mathbb{R}", SCALAR],
    ["s: R", SCALAR],
  ];
  for (const [text, shape] of forms) it(`${text}`, () => expect(declared(text)).toEqual(shape));

  it("property: any size, in each notation, is the same shape as the ASCII declaration", () => {
    const superscript = (n: number) => [...String(n)].map((d) => "⁰¹²³⁴⁵⁶⁷⁸⁹"[Number(d)]).join("");
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 1, max: 999 }), (rows, cols) => {
        const matrix = declared(`W: R^(${rows}x${cols})`);
        expect(matrix).toEqual(matrixShape(rows, cols));
        for (const form of [`W ∈ ℝ^{${rows}×${cols}}`, `W ∈ ℝ${superscript(rows)}ˣ${superscript(cols)}`, `W \\in \\mathbb{R}^{${rows} \\times ${cols}}`]) {
          expect(declared(form), form).toEqual(matrix);
        }
        const vector = declared(`x: R^${rows}`);
        for (const form of [`x ∈ ℝ${superscript(rows)}`, `x \\in \\mathbb{R}^{${rows}}`, `x ∈ R^${rows}`]) expect(declared(form), form).toEqual(vector);
      }),
      { numRuns: 300 },
    );
  });
});

describe("a whole program", () => {
  const ascii = "x: R^3; W: R^(2x3); t: R^2; z = sigmoid(W*x); 0.5*norm2(z - t)^2";
  const unicode = "x ∈ ℝ³; W ∈ ℝ²ˣ³; t ∈ ℝ^2; z = sigmoid(W*x); 0.5*norm2(z - t)^2";
  const latex = "x \\in \\mathbb{R}^3; W \\in \\mathbb{R}^{2 \\times 3}; t \\in \\mathbb{R}^{2}; z = sigmoid(W*x); 0.5*norm2(z - t)^2";

  it("with ∈ ℝ or \\in \\mathbb{R} declarations gives the same TypedProgram shapes and result as the ASCII one", () => {
    const expected = parseTyped(ascii);
    for (const text of [unicode, latex]) {
      const program = parseTyped(text);
      expect([...program.shapes]).toEqual([...expected.shapes]);
      expect(program.result.shape).toEqual(expected.result.shape);
      expect(program.result).toEqual(expected.result);
    }
  });

  it("the check command reads it: the lecture's ∂J/∂W in matrix form is correct", async () => {
    const r = await cli("check", unicode, "--wrt", "W", "--answer", "((z - t) .* z .* (1 - z)) * x'");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });

  it("--shape takes 3×4 and 3 \\times 4 as it takes 3x4", () => {
    expect(parseShapeSpec("3×4")).toEqual(matrixShape(3, 4));
    expect(parseShapeSpec("3 × 4")).toEqual(matrixShape(3, 4));
    expect(parseShapeSpec("3 \\times 4")).toEqual(matrixShape(3, 4));
    expect(parseShapeSpec("3x4")).toEqual(matrixShape(3, 4));
  });
});

describe("a malformed declaration is refused where it goes wrong, with what would be accepted", () => {
  it("x ∈ ℝ^{3×}: the number of columns is missing, caret at }", () => {
    const text = "x ∈ ℝ^{3×}; x";
    const error = parseError(text);
    expect(error.reason).toBe('cannot read the type "ℝ^{3×}": at "}", the number of columns after "×" was expected');
    expect({ line: error.line, column: error.column }).toEqual({ line: 1, column: text.indexOf("}") + 1 });
    expect(error.hint).toBe(DECLARATION_HELP);
    expect(error.rendered).toContain("x ∈ ℝ³, W ∈ ℝ^{3×4}, W ∈ ℝ³ˣ⁴, x \\in \\mathbb{R}^3");
  });

  it("an unclosed brace in LaTeX names the brace; a backslash prints as one backslash", () => {
    const text = "W \\in \\mathbb{R}^{3 \\times 4; W";
    const error = parseError(text);
    expect(error.reason).toBe('cannot read the type "\\mathbb{R}^{3 \\times 4": it ends where "}" closing "{" was expected');
    expect(error.rendered).not.toContain("\\\\");
  });

  it("ℝ³ˣ without columns, a second line, and a type that is not R", () => {
    expect(parseError("x ∈ ℝ³ˣ; x").reason).toMatch(/the number of columns \(a superscript, as in ℝ³ˣ⁴\) was expected$/);
    const error = parseError("x ∈ ℝ³;\nW ∈ ℚ^{3×4}; x");
    expect({ line: error.line, column: error.column }).toEqual({ line: 2, column: 5 });
    expect(error.reason).toMatch(/R, ℝ or \\mathbb\{R\} was expected$/);
  });

  it("the size limit holds in every notation", () => {
    expect(parseError("W ∈ ℝ^{100000×100000}; sum(W)").reason).toBe("100000×100000 is 1.0e+10 entries; the limit is 1e+6 (each entry becomes scalar nodes)");
    expect(parseError("x ∈ ℝ⁰; x").reason).toMatch(/^sizes must be whole numbers from 1/);
  });
});
