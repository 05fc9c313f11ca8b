// The backward sheets in examples/ run through the CLI (`check PROGRAM --backward FILE`): every
// *.correct.txt is judged all correct (exit 0); every other sheet holds one classic mistake, named
// by its file (simple.wrong-sign.txt), and is judged with exactly that one line wrong (exit 1) and
// that kind of diagnosis. Then the blank sheet of `trace --sheet`, filled in with the true
// adjoints, is what --backward reads and judges all correct; and --wrt u, batch sheets, errors.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import "../support/fast-check-seed.js";
import { SUMS_READ, usesIndexSums } from "../support/index-sums.js";
import { exprArbitrary } from "../support/random-expr.js";
import { readForwardProgram } from "../../src/check/backward/forward.js";
import { judgeSheet } from "../../src/check/backward/judge.js";
import { printExpr } from "../../src/print/text.js";
import { backwardPass } from "../../src/trace/adjoints.js";
import { programOf, type ForwardProgram } from "../../src/trace/program.js";
import { blankSheet, sheetSlots } from "../../src/trace/sheet.js";
import { cli } from "./run.js";

const EXAMPLES = join(import.meta.dirname, "../../examples");
const DIAGNOSIS: Record<string, RegExp> = {
  "wrong-sign": /^wrong sign: this is -\(d[A-Za-z]+\/d/,
  "missing-path": /^misses the path through /,
  "missing-factor": /^misses the factor /,
  "extra-factor": /^has an extra factor /,
  "constant-multiple": /^a constant multiple: this is /,
  "cross-entropy-sign": /^the sign convention of cross-entropy/,
  // Matrix form (examples/quiz2) and index notation (examples/network-indexed).
  transposed: /transposed layout/,
  "missing-sum": /a missing Σ_[a-z]/,
  "wrong-index": /is indexed by the wrong letter/,
  "wrong-index-summed": /the wrong index summed/,
};

const exampleDirs = readdirSync(EXAMPLES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
// program.txt is the program every sheet is checked against; program.ascii.txt and the like are its variants, not sheets.
const sheetsOf = (dir: string) => readdirSync(join(EXAMPLES, dir)).filter((f) => f.endsWith(".txt") && !f.startsWith("program."));
const programOfDir = (dir: string) => readFileSync(join(EXAMPLES, dir, "program.txt"), "utf8");

interface LineJson {
  line: number;
  verdict: string;
  diagnosis: string | null;
  claims: { verdict: string }[];
}

describe("examples/", () => {
  it("holds the simple example, logistic regression, the network and Quiz 2, each with a correct sheet and mistakes of every kind", () => {
    expect(exampleDirs).toEqual(expect.arrayContaining(["simple", "logistic", "network", "quiz2"]));
    for (const dir of exampleDirs) expect(sheetsOf(dir).filter((f) => f.endsWith(".correct.txt")).length).toBeGreaterThan(0);
    const kinds = new Set(exampleDirs.flatMap((dir) => sheetsOf(dir).map((f) => f.split(".").at(-2) as string)));
    expect([...kinds].sort()).toEqual(["correct", ...Object.keys(DIAGNOSIS)].sort());
  });

  for (const dir of exampleDirs) {
    for (const file of sheetsOf(dir)) {
      const kind = file.split(".").at(-2) as string;
      const needsSums = usesIndexSums(programOfDir(dir)) || usesIndexSums(readFileSync(join(EXAMPLES, dir, file), "utf8"));
      it.skipIf(needsSums && !SUMS_READ)(`${dir}/${file}: ${kind === "correct" ? "every line correct" : `one line wrong: ${kind}`}`, async () => {
        const run = await cli("check", programOfDir(dir), "--backward", join(EXAMPLES, dir, file), "--json");
        const report = JSON.parse(run.stdout) as { verdict: string; firstWrong: number | null; lines: LineJson[] };
        const wrong = report.lines.filter((l) => l.verdict === "incorrect" || l.claims.some((c) => c.verdict === "incorrect"));
        if (kind === "correct") {
          expect(run.code).toBe(0);
          expect(wrong).toEqual([]);
          expect(report.firstWrong).toBeNull();
          return;
        }
        expect(run.code).toBe(1);
        expect(wrong.map((l) => l.line)).toEqual([report.firstWrong]);
        expect(wrong[0].diagnosis).toMatch(DIAGNOSIS[kind]);
      });
    }
  }

  it("the notes' own LaTeX pass is read line by line: 5 lines, the two dJ/dt += lines, each local derivative judged", async () => {
    const run = await cli("check", programOfDir("simple"), "--backward", join(EXAMPLES, "simple/simple.latex.correct.txt"));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("line 5  correct    \\frac{dJ}{dt} += \\frac{dJ}{du_1} \\frac{du_1}{dt}, \\quad \\frac{du_1}{dt} = \\cos(t)");
    expect(run.stdout).toContain("read as   dJ/dt += dJ/du_1*du_1/dt");
    expect(run.stdout).toContain("claim     \\frac{du_1}{dt} = \\cos(t): correct");
    expect(run.stdout.trimEnd().endsWith("all 5 lines correct")).toBe(true);
  });

  it("the text report names the first wrong line and its mistake, and reveals no answer unless asked", async () => {
    const sheet = join(EXAMPLES, "simple/simple.missing-path.txt");
    const run = await cli("check", programOfDir("simple"), "--backward", sheet);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("line 4  INCORRECT  dJ/dt += dJ/du_1 * cos(t)\n                   mistake   misses the path through u_2 (dJ/du_2 * du_2/dt)");
    expect(run.stdout).toContain("first wrong line: 4 (1 of 5 lines wrong)");
    expect(run.stdout).not.toContain("correct forms");
    const shown = await cli("check", programOfDir("simple"), "--backward", sheet, "--show-answer");
    expect(shown.stdout).toContain("correct forms (one per adjoint):\n  dJ/du = -sin(u)\n");
    const json = JSON.parse((await cli("check", programOfDir("simple"), "--backward", sheet, "--json", "--show-answer")).stdout);
    expect(json.answers.u).toBe("-sin(u)");
  });

  it("a batch file's backward problems are judged and reported like other problems", async () => {
    const run = await cli("check", "--file", join(EXAMPLES, "homework.yaml"), "--json");
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.summary).toEqual({ problems: 2, correct: 1, incorrect: 1, undecided: 0, unreadable: 0 });
    expect(report.problems[1].firstWrong).toBe(3);
    expect(report.problems[1].lines[2].diagnosis).toBe("misses the path through u2 (dJ/du2 * du2/dt)");
    // show_answer: true on the second problem only.
    expect(report.problems[0].answers).toBeUndefined();
    expect(report.problems[1].answers.t).toBe("-3*sin(u) - sin(u)*cos(t)");
  });
});

describe("check --wrt a defined quantity", () => {
  it("judges the answer as dJ/du, for an expression (trace's names) and for definitions", async () => {
    expect((await cli("check", "cos(sin(x^2) + 3x^2)", "--wrt", "u", "--answer", "-sin(u)")).code).toBe(0);
    const wrong = await cli("check", "cos(sin(x^2) + 3x^2)", "--wrt", "t", "--answer", "-sin(u)*cos(t)");
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toContain("mistake   misses the path through u2 (dJ/du2 * du2/dt)");
    expect((await cli("check", "J = cos(u); u = x^2", "--wrt", "x", "--answer", "-sin(u)*2x")).code).toBe(0);
    expect((await cli("check", "J = cos(u); u = x^2", "--answer", "u=sin(u)")).stdout).toContain("wrong sign");
  });

  it("places a parse error of the answer in the answer's own text", async () => {
    const run = await cli("check", "cos(sin(x^2) + 3x^2)", "--wrt", "u", "--answer", "sin(u");
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('error in the answer: unexpected end of input at 1:6\n  sin(u\n       ^\nexpected an operator, "," or ")"\n');
  });

  it("leaves an ordinary variable to the ordinary check", async () => {
    const run = await cli("check", "cos(u) + x", "--wrt", "u", "--answer", "-sin(u)");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("d/du [cos(u) + x]");
  });
});

describe("errors in a sheet", () => {
  const dir = mkdtempSync(join(tmpdir(), "diffscope-sheet-"));
  const write = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it("an adjoint the program does not have: exit 2, the file, line:col, a caret and the quantities it has", async () => {
    const sheet = write("q.txt", "dJ/du = -sin(u)\ndJ/dq = 1\n");
    const run = await cli("check", "cos(sin(x^2) + 3x^2)", "--backward", sheet);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`error in the sheet ${sheet}: the program has no quantity q at 2:1\n  dJ/dq = 1\n  ^^^^^\nits quantities: J, u, u2, u1, t, x\n`);
    const json = JSON.parse((await cli("check", "cos(sin(x^2) + 3x^2)", "--backward", sheet, "--json")).stdout);
    expect(json.error).toMatchObject({ line: 2, column: 1, offending: "dJ/dq", exitCode: 2 });
  });

  it("a missing file, or options that do not go with a sheet: exit 2 with what to do", async () => {
    const missing = await cli("check", "cos(x)", "--backward", join(dir, "none.txt"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^error: check: cannot read the sheet .*none\.txt: ENOENT/);
    const both = await cli("check", "cos(x)", "--backward", write("ok.txt", "dJ/dx = -sin(x)\n"), "--wrt", "x");
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("--backward judges the sheet's lines on their own; give no --wrt with it");
  });
});

/** The blank sheet filled in: each = line with the true adjoint, each += line with its path. */
function filled(program: ForwardProgram): string {
  const pass = backwardPass(program);
  return sheetSlots(program, pass).map((slot) => `${slot.left} ${printExpr(slot.path?.contribution ?? (pass.adjoints.get(slot.quantity) as never))}\n`).join("");
}

describe("trace --sheet", () => {
  it("prints the lecture's blank sheet for the simple example: the output's adjoint first, two += lines for t", async () => {
    const run = await cli("trace", "cos(sin(x^2) + 3x^2)", "--sheet");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("dJ/du = ?\ndJ/du1 = ?\ndJ/du2 = ?\ndJ/dt += ?\ndJ/dt += ?\ndJ/dx = ?\n");
  });

  it("for a program of definitions, module by module, Greek names as letters; the target y* gets no line", async () => {
    const run = await cli("trace", programOfDir("network"), "--sheet");
    expect(run.stdout.split("\n").slice(0, 6)).toEqual(["dJ/dy = ?", "dJ/db = ?", "dJ/dβ_1 = ?", "dJ/dz_1 = ?", "dJ/dβ_2 = ?", "dJ/dz_2 = ?"]);
    expect(run.stdout).not.toContain("ystar");
    expect(run.stdout.match(/^dJ\/dx_1 \+= \?$/gm)).toHaveLength(2);
  });

  for (const dir of ["simple", "logistic", "network"]) {
    it(`${dir}: the blank sheet filled with the true adjoints is read by --backward and judged all correct`, async () => {
      const program = readForwardProgram(programOfDir(dir));
      const blank = (await cli("trace", programOfDir(dir), "--sheet")).stdout;
      expect(blank).toBe(blankSheet(program));
      const text = filled(program);
      expect(text.split("\n").map((l) => l.slice(0, l.indexOf("=") + 1))).toEqual(blank.split("\n").map((l) => l.slice(0, l.indexOf("=") + 1)));
      const sheet = join(mkdtempSync(join(tmpdir(), "diffscope-filled-")), "filled.txt");
      writeFileSync(sheet, text);
      const run = await cli("check", programOfDir(dir), "--backward", sheet);
      expect(run.stdout).toContain(`all ${blank.split("\n").length - 1} lines correct`);
      expect(run.code).toBe(0);
    });
  }

  it("property: for random expressions, the filled blank sheet is judged all correct, line for line", () => {
    const ops = ["add", "sub", "mul", "neg", "sin", "cos", "exp", "tanh"];
    fc.assert(
      fc.property(exprArbitrary({ ops, maxDepth: 3, variables: ["x", "y"] }), (f) => {
        const program = programOf(f);
        fc.pre(program.inputs.length > 0);
        const report = judgeSheet(program, filled(program));
        expect(report.lines.length).toBe(blankSheet(program).split("\n").length - 1);
        expect(report.lines.filter((l) => l.verdict !== "correct")).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});
