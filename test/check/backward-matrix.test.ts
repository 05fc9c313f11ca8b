// Backward sheets in matrix form, on the lecture's Quiz 2 network y = σ(βᵀ σ(α2ᵀ σ(α1ᵀ x))) at
// random layer sizes. The oracle for the right lines is the typed layer's matrix-calculus printer
// (printMatrixGradient, itself tested against reverse mode); the checker lowers each line to its
// entries and judges them against the scalar backward pass, an independent route.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import "../support/fast-check-seed.js";
import { readForwardProgram } from "../../src/check/backward/forward.js";
import { judgeSheet } from "../../src/check/backward/judge.js";
import { parseTyped, printMatrixGradient } from "../../src/typed/index.js";
import { cli } from "../cli/run.js";

const sizes = fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }));

/** Quiz 2 with D0 inputs and hidden layers of D1 and D2: the forward program and the true sheet. */
function quiz2([d0, d1, d2]: readonly [number, number, number]): { program: string; sheet: string[] } {
  const declarations = `x ∈ ℝ^${d0}; α1 ∈ ℝ^{${d0}×${d1}}; α2 ∈ ℝ^{${d1}×${d2}}; β ∈ ℝ^${d2}`;
  const program = `${declarations}\ny = σ(βᵀ z2)\nz2 = σ(α2ᵀ z1)\nz1 = σ(α1ᵀ x)`;
  const typed = `x: R^${d0}; alpha1: R^(${d0}x${d1}); alpha2: R^(${d1}x${d2}); beta: R^${d2}; z1 = sigmoid(alpha1' * x); z2 = sigmoid(alpha2' * z1); y = sigmoid(beta' * z2); y`;
  const sheet = printMatrixGradient(parseTyped(typed))
    .split("\n")
    .filter((line) => line.startsWith("∂J/∂"))
    .map((line) => line.replace(/^∂J\/∂(beta|alpha)/, (_, name: string) => `dy/d${name === "beta" ? "β" : "α"}`).replace(/^∂J\/∂/, "dy/d"));
  return { program, sheet };
}

const verdicts = (program: string, sheet: readonly string[]) => judgeSheet(readForwardProgram(program), sheet.join("\n")).lines.map((l) => [l.verdict, l.diagnosis]);

describe("Quiz 2 in matrix form", () => {
  it("the printer's matrix-form gradient, written as a sheet, is judged right line by line at every size", () => {
    fc.assert(
      fc.property(sizes, (dims) => {
        const { program, sheet } = quiz2(dims);
        expect(sheet.length).toBe(4);
        expect(verdicts(program, sheet).every(([verdict]) => verdict === "correct")).toBe(true);
      }),
      { numRuns: 25 },
    );
  });

  it("a line with its sign flipped is the only wrong line, and is a wrong sign", () => {
    fc.assert(
      fc.property(sizes, fc.integer({ min: 0, max: 3 }), (dims, k) => {
        const { program, sheet } = quiz2(dims);
        const [left, right] = sheet[k].split(" = ");
        const judged = verdicts(program, sheet.map((line, i) => (i === k ? `${left} = -(${right})` : line)));
        expect(judged.filter(([v]) => v === "incorrect").length).toBe(1);
        expect(judged[k][1]).toMatch(/^wrong sign/);
      }),
      { numRuns: 25 },
    );
  });

  it("a weight's gradient transposed (square or not) is the only wrong line, and is the transposed layout", () => {
    fc.assert(
      fc.property(sizes, fc.constantFrom(1, 2), (dims, k) => {
        const [d0, d1, d2] = dims;
        const [rows, cols] = k === 1 ? [d1, d2] : [d0, d1];
        fc.pre(rows > 1 || cols > 1);
        const { program, sheet } = quiz2(dims);
        const [left, right] = sheet[k].split(" = ");
        const judged = verdicts(program, sheet.map((line, i) => (i === k ? `${left} = (${right})'` : line)));
        expect(judged.filter(([v]) => v === "incorrect").length).toBe(1);
        expect(judged[k][1]).toMatch(/transposed layout/);
      }),
      { numRuns: 25 },
    );
  });

  it("the lecture's α⁽²⁾ gradient, z1 δ2ᵀ, for 3 inputs and layers of 4 and 2 (examples/quiz2)", () => {
    const { program } = quiz2([3, 4, 2]);
    expect(verdicts(program, ["dy/dα2 = z1 (dy/dz2 .* z2 .* (1 - z2))'"])).toEqual([["correct", undefined]]);
    expect(verdicts(program, ["dy/dα2 = (dy/dz2 .* z2 .* (1 - z2)) z1'"])[0][1]).toMatch(/^this is a 2×4 matrix, dy\/dalpha2 has the shape of alpha2, a 4×2 matrix/);
  });

  it("trace --sheet of a typed program gives one matrix-form line per quantity, and filled with `derive`'s forms it is judged right", async () => {
    const program = "x: R^3; W: R^(2x3); t: R^2; z = sigmoid(W*x); 0.5*norm2(z - t)^2";
    const blank = await cli("trace", program, "--sheet");
    expect(blank.stdout.trim().split("\n")).toEqual(["dJ/dz = ?", "dJ/dt = ?", "dJ/dW = ?", "dJ/dx = ?"]);
    const derived = (await cli("derive", program)).stdout.split("\n").filter((l) => l.startsWith("∂J/∂"));
    const forms = new Map(derived.map((l) => [l.slice(4, l.indexOf(" = ")), l.slice(l.indexOf(" = ") + 3)]));
    const filled = blank.stdout.trim().split("\n").map((line) => line.replace(/^dJ\/d(\w+) = \?$/, (_, q: string) => `dJ/d${q} = ${forms.get(q) ?? "z - t"}`));
    const report = judgeSheet(readForwardProgram(program), filled.join("\n"));
    expect(report.lines.map((l) => l.verdict)).toEqual(["correct", "correct", "correct", "correct"]);
  });
});
