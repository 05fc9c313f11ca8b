import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { all, create, type MathJsInstance, type Matrix } from "mathjs";
import { cli } from "./run.js";

// mathjs as an independent oracle for typed semantics: vectors as n×1 matrices, sigmoid
// element-wise. Its evaluate knows `*`, `'`, `.*`, `./`, `.^` with the meanings we give them.
const math = create(all) as MathJsInstance;
math.import({ sigmoid: (m: Matrix | number) => math.map(m as Matrix, (v: number) => 1 / (1 + Math.exp(-v))) }, { override: true });

type Value = number | number[] | number[][];
/** A vector as a column matrix, a matrix as is. */
const asMathjs = (v: Value) => (typeof v === "number" ? v : Array.isArray(v[0]) ? math.matrix(v as number[][]) : math.matrix((v as number[]).map((x) => [x])));
function mathjsScalar(text: string, values: Record<string, Value>): number {
  const scope = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, asMathjs(v)]));
  const out = math.evaluate(text, scope) as unknown;
  return typeof out === "number" ? out : ((out as Matrix).toArray().flat(2)[0] as number);
}

const QUIZ2 = "sigmoid(beta' * sigmoid(alpha2' * sigmoid(alpha1' * x)))";
const QUIZ2_SHAPES = "x=3,alpha1=3x4,alpha2=4x3,beta=3";

/** Central differences of mathjs's evaluation, entry by entry. */
function mathjsGradient(text: string, values: Record<string, Value>, name: string): Value {
  const h = 1e-6;
  const at = (delta: (v: Value) => Value) => mathjsScalar(text, { ...values, [name]: delta(values[name]) });
  const bump = (v: Value, i: number, j: number, d: number): Value =>
    typeof v === "number" ? v + d : Array.isArray(v[0]) ? (v as number[][]).map((row, r) => row.map((x, c) => (r === i && c === j ? x + d : x))) : (v as number[]).map((x, r) => (r === i ? x + d : x));
  const v = values[name];
  const entry = (i: number, j: number) => (at((w) => bump(w, i, j, h)) - at((w) => bump(w, i, j, -h))) / (2 * h);
  if (typeof v === "number") return entry(0, 0);
  if (Array.isArray(v[0])) return (v as number[][]).map((row, i) => row.map((_x, j) => entry(i, j)));
  return (v as number[]).map((_x, i) => entry(i, 0));
}

describe("grad with vectors and matrices", () => {
  it("the issue's Quiz 2 command: four methods agree, gradients have their variable's shape and match mathjs's central differences", async () => {
    const r = await cli("grad", QUIZ2, "--shape", QUIZ2_SHAPES, "--seed", "3", "--json");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const reverse = out.methods.reverse.gradient;
    expect(reverse.alpha1).toHaveLength(3);
    expect(reverse.alpha1[0]).toHaveLength(4);
    expect(reverse.alpha2).toHaveLength(4);
    expect(reverse.beta).toHaveLength(3);
    expect(out.value).toBeCloseTo(mathjsScalar(QUIZ2, out.at), 14);
    for (const m of ["symbolic", "forward"]) expect(out.methods[m].deviationFromExact.maxAbsolute).toBeLessThan(1e-15);
    expect(out.methods["finite-difference"].deviationFromExact.maxAbsolute).toBeLessThan(1e-9);
    for (const name of ["alpha1", "alpha2", "beta", "x"]) {
      const oracle = mathjsGradient(QUIZ2, out.at, name);
      const ours = [reverse[name]].flat(2) as number[];
      (([oracle].flat(2)) as number[]).forEach((g, k) => expect(Math.abs(ours[k] - g), `${name} entry ${k}`).toBeLessThan(1e-8));
    }
    expect(out.layout).toMatch(/denominator layout/);
  });

  it("--at with literals, --at-file with JSON and --seed give one answer for the same values", async () => {
    const seeded = JSON.parse((await cli("grad", QUIZ2, "--shape", QUIZ2_SHAPES, "--seed", "5", "--method", "reverse", "--json")).stdout);
    const dir = mkdtempSync(join(tmpdir(), "diffscope-"));
    const file = join(dir, "point.json");
    writeFileSync(file, JSON.stringify(seeded.at));
    const fromFile = JSON.parse((await cli("grad", QUIZ2, "--at-file", file, "--method", "reverse", "--json")).stdout);
    expect(fromFile.methods.reverse.gradient).toEqual(seeded.methods.reverse.gradient);
    const literal = (v: Value) => (Array.isArray(v) && Array.isArray(v[0]) ? `[${(v as number[][]).map((row) => row.join(",")).join(";")}]` : `[${String(v)}]`);
    const at = Object.entries(seeded.at as Record<string, Value>).map(([k, v]) => `${k}=${literal(v)}`).join(",");
    const inline = JSON.parse((await cli("grad", QUIZ2, "--at", at, "--method", "reverse", "--json")).stdout);
    expect(inline.methods.reverse.gradient).toEqual(seeded.methods.reverse.gradient);
  });

  it("a header in the text declares shapes as --shape does", async () => {
    const viaHeader = JSON.parse((await cli("grad", `x: R^3; alpha1: R^(3x4); alpha2: R^(4x3); beta: R^3; ${QUIZ2}`, "--seed", "2", "--method", "reverse", "--json")).stdout);
    const viaOption = JSON.parse((await cli("grad", QUIZ2, "--shape", QUIZ2_SHAPES, "--seed", "2", "--method", "reverse", "--json")).stdout);
    expect(viaHeader.methods.reverse.gradient).toEqual(viaOption.methods.reverse.gradient);
  });

  it("the text table prints each gradient as a matrix and states the layout", async () => {
    const r = await cli("grad", QUIZ2, "--shape", QUIZ2_SHAPES, "--seed", "1");
    expect(r.stdout).toMatch(/denominator layout/);
    expect(r.stdout).toMatch(/∂f\/∂alpha1 = \[/);
    expect(r.stdout.split("\n").filter((line) => /^\s+\S/.test(line) && !/^\s+[a-z]+ =/.test(line)).length).toBeGreaterThanOrEqual(3);
  });

  it("bad input is exit 2: a shape mismatch with a caret under the operator, a vector-valued f, a missing value", async () => {
    const mismatch = await cli("grad", "W * x", "--shape", "W=3x4,x=3", "--seed", "1");
    expect(mismatch.code).toBe(2);
    expect(mismatch.stderr).toContain("cannot multiply 3×4 by 3: inner sizes 4 and 3 differ at 1:3");
    expect(mismatch.stderr).toContain("  W * x\n    ^");
    const vector = await cli("grad", "W' * x", "--shape", "W=3x4,x=3", "--seed", "1");
    expect(vector.code).toBe(2);
    expect(vector.stderr).toMatch(/a vector of 4; a gradient needs a scalar/);
    const missing = await cli("grad", "sum(W' * x)", "--shape", "W=3x4,x=3", "--at", "x=[1,2,3]");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no value for W/);
    const wrongValue = await cli("grad", "sum(W' * x)", "--shape", "W=3x4,x=3", "--at", "x=[1,2]", "--seed", "1");
    expect(wrongValue.code).toBe(2);
    expect(wrongValue.stderr).toMatch(/x is a vector of 3, but its value is a vector of 2/);
    for (const r of [mismatch, vector, missing, wrongValue]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("eval with vectors and matrices", () => {
  it("W * x + b matches mathjs, and --json gives nested arrays with the shape", async () => {
    const values = { W: [[1, -2, 0.5], [3, 0.25, -1]], x: [0.5, -1, 2], b: [1, 2] };
    const r = await cli("eval", "W * x + b .* b", "--at", "W=[1,-2,0.5;3,0.25,-1],x=[0.5,-1,2],b=[1,2]", "--json");
    const out = JSON.parse(r.stdout);
    expect(out.shape).toBe("2");
    const expected = (math.evaluate("W * x + b .* b", { W: asMathjs(values.W), x: asMathjs(values.x), b: asMathjs(values.b) }) as Matrix).toArray().flat();
    expect(out.value).toEqual(expected);
  });

  it("a transpose and an outer product come back as matrices", async () => {
    const out = JSON.parse((await cli("eval", "x * y'", "--at", "x=[1,2],y=[3,4,5]", "--json")).stdout);
    expect(out.shape).toBe("2×3");
    expect(out.value).toEqual([[3, 4, 5], [6, 8, 10]]);
  });
});

describe("check with matrix-form answers", () => {
  const F = "x: R^3; W: R^(2x3); t: R^2; z = sigmoid(W*x); 0.5*norm2(z - t)^2";

  it("the textbook ∂J/∂W = ((z − t) .* z .* (1 − z)) x' is correct (exit 0), entry by entry", async () => {
    const r = await cli("check", F, "--wrt", "W", "--answer", "((z - t) .* z .* (1 - z)) * x'");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("6 of 6 entries agree");
  });

  it("a missing σ' factor is wrong (exit 1) and the first differing entry is shown with a point", async () => {
    const r = await cli("check", F, "--wrt", "W", "--answer", "(z - t) * x'", "--json");
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.verdict).toBe("incorrect");
    const first = out.checks[0].firstDiffering;
    expect([first.row, first.column, first.element]).toEqual([1, 1, "W_1_1"]);
    expect(first.counterexample.answer).not.toBeCloseTo(first.counterexample.derivative, 6);
  });

  it("a transposed answer is wrong and the report says which layout it fits", async () => {
    const r = await cli("check", F, "--wrt", "W", "--answer", "x * ((z - t) .* z .* (1 - z))'");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/numerator layout/);
  });

  it("answers for several variables; an unreadable answer is exit 2 and says it was the answer", async () => {
    const both = await cli("check", F, "--answer", "W=((z - t) .* z .* (1 - z)) * x'", "--answer", "x=W' * ((z - t) .* z .* (1 - z))", "--answer", "t=t - z");
    expect(both.code).toBe(0);
    const bad = await cli("check", F, "--wrt", "W", "--answer", "(z - t) * x");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error in the answer: cannot multiply 2 by 3/);
  });
});

describe("derive and trace with vectors and matrices", () => {
  const F = "x: R^3; W: R^(2x3); t: R^2; z = sigmoid(W*x); 0.5*norm2(z - t)^2";

  it("derive prints ∂J/∂W in matrix form in the program's names, and its text evaluates to the entries' derivatives", async () => {
    const r = await cli("derive", F, "--wrt", "W");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("∂J/∂W = (z - t) .* z .* (1 - z) * x'");
    expect(r.stdout).toMatch(/denominator layout/);
    const out = JSON.parse((await cli("derive", F, "--wrt", "W,x", "--json")).stdout);
    // The expanded text, evaluated by mathjs at a point, equals diffscope's reverse-mode gradient there.
    const at = { x: [0.3, -0.7, 1.1], W: [[0.2, -0.4, 0.9], [-1.2, 0.5, 0.1]], t: [0.25, 0.75] };
    const grad = JSON.parse((await cli("grad", F, "--at", "x=[0.3,-0.7,1.1],W=[0.2,-0.4,0.9;-1.2,0.5,0.1],t=[0.25,0.75]", "--method", "reverse", "--json")).stdout);
    const scope = { x: asMathjs(at.x), W: asMathjs(at.W), t: asMathjs(at.t) };
    const dW = (math.evaluate(out.expanded.W, scope) as Matrix).toArray() as number[][];
    dW.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - grad.methods.reverse.gradient.W[i][j])).toBeLessThan(1e-15)));
    const dx = ((math.evaluate(out.expanded.x, scope) as Matrix).toArray() as number[][]).flat();
    dx.forEach((v, i) => expect(Math.abs(v - grad.methods.reverse.gradient.x[i])).toBeLessThan(1e-15));
  });

  it("derive refuses options that only scalar derivatives have (exit 2), and prints LaTeX with --latex", async () => {
    const r = await cli("derive", F, "--order", "2");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--order is for scalar expressions/);
    const latex = await cli("derive", F, "--wrt", "W", "--latex");
    expect(latex.stdout).toContain("\\frac{\\partial J}{\\partial W} = \\left(\\left(z - t\\right) \\odot z \\odot \\left(1 - z\\right)\\right) x^\\top");
  });

  it("trace shows the lecture's modules with vector quantities, and its backward values are the gradient", async () => {
    const r = await cli("trace", "x: R^3; W: R^(2x3); t: R^2; a = W * x; z = sigmoid(a); 0.5*norm2(z - t)^2", "--seed", "4", "--json");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const forward = Object.fromEntries(out.forward.map((row: { name: string; shape: string }) => [row.name, row.shape]));
    expect(forward).toMatchObject({ x: "3", W: "2×3", a: "2", z: "2", J: "scalar" });
    const backward = Object.fromEntries(out.backward.map((row: { name: string; formula: string; value: unknown }) => [row.name, row]));
    // dJ/dz is z - t, which the forward table already named (t1): σ' = z(1 − z) comes from the op table
    expect(backward["dJ/da"].formula).toMatch(/^\w+ \.\* z \.\* \(1 - z\)$/);
    const grad = JSON.parse((await cli("grad", "x: R^3; W: R^(2x3); t: R^2; 0.5*norm2(sigmoid(W * x) - t)^2", "--seed", "4", "--method", "reverse", "--json")).stdout);
    expect(backward["dJ/dW"].value).toEqual(grad.methods.reverse.gradient.W);
  });

  it("trace without a point is exit 2 and says how to give one", async () => {
    const r = await cli("trace", F);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--at, --at-file or --seed/);
  });
});

describe("check --file with vectors and matrices", () => {
  it("a batch mixes scalar and typed problems; shapes come from the problem or its header; one wrong entry makes exit 1", async () => {
    const dir = mkdtempSync(join(tmpdir(), "diffscope-"));
    const file = join(dir, "homework.yaml");
    writeFileSync(
      file,
      [
        "problems:",
        "  - name: scalar",
        "    expression: x^2",
        "    answer: 2x",
        "  - name: layer, shapes in the problem",
        "    expression: z = sigmoid(W*x); 0.5*norm2(z - t)^2",
        "    shape: {x: 3, W: 2x3, t: 2}",
        "    answer: {W: \"((z - t) .* z .* (1 - z)) * x'\"}",
        "  - name: logistic regression, shapes in the header, σ' forgotten",
        "    expression: \"x: R^4; theta: R^4; y = sigmoid(theta' * x); 0.5*(y - ystar)^2\"",
        "    wrt: theta",
        "    answer: (y - ystar) * x",
      ].join("\n"),
    );
    const r = await cli("check", "--file", file, "--json");
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.problems.map((p: { verdict: string }) => p.verdict)).toEqual(["correct", "correct", "incorrect"]);
    expect(out.problems[2].checks[0].firstDiffering.element).toBe("theta_1");
    expect(out.problems[2].checks[0].correct).toMatch(/y \* \(1 - y\)/);
    const text = await cli("check", "--file", file);
    expect(text.stdout).toMatch(/2 of 3 problems correct, 1 incorrect/);
  });
});

describe("parse with vectors and matrices", () => {
  it("lists each quantity's shape and the size of the scalar lowering (a 4×4 outer product of a shared z1: 16 roots, 55 distinct nodes)", async () => {
    const out = JSON.parse((await cli("parse", "x: R^3; alpha1: R^(3x4); z1 = sigmoid(alpha1' * x); z1 * z1'", "--json")).stdout);
    expect(out.quantities).toEqual([
      { name: "x", shape: "3", formula: "(variable)" },
      { name: "alpha1", shape: "3×4", formula: "(variable)" },
      { name: "z1", shape: "4", formula: "sigmoid(alpha1' * x)" },
    ]);
    expect(out.result).toEqual({ text: "z1 * z1'", shape: "4×4" });
    // DAG: 3 x_i + 12 alpha1_i_j + per unit 3 products, 2 sums, 1 sigmoid (4 × 6) + 16 products = 55.
    // Tree: each z1_j prints as 12 nodes (3 products of 3, 2 sums, the sigmoid); each entry z1_i*z1_j as 25.
    expect(out.lowered).toEqual({ elements: 16, treeSize: 16 * 25, dagSize: 55 });
  });
});

describe("check with numeric matrix answers at a point", () => {
  const F = "x: R^3; W: R^(2x3); t: R^2; z = sigmoid(W*x); 0.5*norm2(z - t)^2";
  const AT = "x=[1,2,3],W=[0.1,0.2,0.3;-0.1,0.4,0.2],t=[0,1]";
  // ∂J/∂W = ((z − t) ⊙ z ⊙ (1 − z)) xᵀ, computed here on plain numbers
  const sigma = (a: number) => 1 / (1 + Math.exp(-a));
  const z = [sigma(0.1 + 0.4 + 0.9), sigma(-0.1 + 0.8 + 0.6)];
  const delta = z.map((zi, i) => (zi - [0, 1][i]) * zi * (1 - zi));
  const dW = delta.map((d) => [1, 2, 3].map((xj) => d * xj));
  const literal = (m: number[][]) => `[${m.map((row) => row.map((v) => v.toPrecision(4)).join(",")).join(";")}]`;

  it("hand-rounded entries (4 digits) are correct to the 4 figures they state (exit 0)", async () => {
    const r = await cli("check", F, "--at", AT, "--value", `W=${literal(dW)}`, "--json");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.values[0].agreeing).toBe(6);
    out.values[0].exact.flat().forEach((v: number, k: number) => expect(Math.abs(v - dW.flat()[k])).toBeLessThan(1e-15));
  });

  it("one wrong entry is exit 1, and the report names it", async () => {
    const wrong = dW.map((row) => [...row]);
    wrong[1][2] *= -1;
    const r = await cli("check", F, "--at", AT, "--value", `W=${literal(wrong)}`);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("5 of 6 entries");
    expect(r.stdout).toContain("first differing entry: ∂f/∂W_2_3");
  });

  it("an answer of the wrong shape is incorrect (exit 1); a missing point is bad input (exit 2)", async () => {
    const r = await cli("check", F, "--at", AT, "--value", "W=[1,2,3]");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/∂f\/∂W is a 2×3 matrix, but the answer is a vector of 3/);
    expect((await cli("check", F, "--value", `W=${literal(dW)}`)).stderr).toMatch(/needs the point/);
  });

  it("a batch file gives matrix values as nested lists", async () => {
    const dir = mkdtempSync(join(tmpdir(), "diffscope-"));
    const file = join(dir, "homework.json");
    writeFileSync(file, JSON.stringify([{ expression: F, at: { x: [1, 2, 3], W: [[0.1, 0.2, 0.3], [-0.1, 0.4, 0.2]], t: [0, 1] }, value: { W: dW } }]));
    const r = await cli("check", "--file", file, "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).problems[0].values[0].verdict).toBe("correct");
  });
});

describe("limits and edge cases found in review", () => {
  it("sizes past 1e6 entries are refused with a caret, not a hang or a crash (exit 2)", async () => {
    const declared = await cli("parse", "W: R^(100000x100000); sum(W)");
    expect(declared.code).toBe(2);
    expect(declared.stderr).toMatch(/1\.0e\+10 entries; the limit is 1e\+6/);
    const outer = await cli("grad", "x: R^3000; sum(x * x')", "--seed", "1", "--method", "reverse");
    expect(outer.code).toBe(2);
    // 9e6 entries: the entry limit refuses the outer product where it is written
    expect(outer.stderr).toMatch(/3000×3000 is 9\.0e\+6 entries; the limit is 1e\+6[^\n]*at 1:18/);
    expect((await cli("parse", "sum(ones(1e20))")).code).toBe(2);
  });

  it("typed text nested thousands deep is exit 2, not an internal error", async () => {
    const deep = `x: R^2; sum(${"sigmoid(".repeat(3000)}x${")".repeat(3000)})`;
    const r = await cli("grad", deep, "--seed", "1", "--method", "reverse");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/too deeply nested/);
  });

  it("derive names the output J1 when the program already has a J", async () => {
    const r = await cli("derive", "x: R^2; J = sum(x); J^2");
    expect(r.stdout).toMatch(/^∂J1\/∂x = 2 \* J \* ones\(2\)/);
  });

  it("a row vector prints as a transpose, which reads back as the same row", async () => {
    expect((await cli("eval", "x'", "--at", "x=[1,2,3]")).stdout).toBe("[1, 2, 3]'\n");
  });

  it("a one-column matrix takes a list as its value; a value of the wrong size blames the value", async () => {
    const r = await cli("grad", "W: R^(3x1); sum(W)", "--at", "W=[1;2;3]", "--method", "reverse", "--json");
    expect(JSON.parse(r.stdout).methods.reverse.gradient.W).toEqual([[1], [1], [1]]);
    expect((await cli("grad", "x: R^3; sum(x)", "--at", "x=[1,2]")).stderr).toMatch(/x is a vector of 3, but its value is a vector of 2/);
  });

  it("check shows the entries' notes once each, and a stray name with its value in the point", async () => {
    const r = await cli("check", "x: R^3; W: R^(2x3); t: R^2; z = sigmoid(W*x); 0.5*norm2(z - t)^2", "--wrt", "W", "--answer", "q * (z - t) .* z .* (1 - z) * x'");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/note {6}the answer uses q, which the expression does not contain/);
    expect(r.stdout).toMatch(/e\.g\. {6}at x = .*, q = /);
    expect(r.stdout.match(/the answer uses q/g)).toHaveLength(1);
  });
});
