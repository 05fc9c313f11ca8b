// Backward sheets in index notation (src/check/backward/indices.ts): the lecture's network
// (examples/network-indexed) judged line by line, each classic index mistake found on its own
// line and named, a property over random layer sizes, and bad input. Tests that read Σ_j switch
// on by themselves once the reader reads sums (SUMS_READ); nothing else is skipped.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import "../support/fast-check-seed.js";
import { readForwardProgram } from "../../src/check/backward/forward.js";
import { judgeSheet, type SheetReport } from "../../src/check/backward/judge.js";
import { cli } from "../cli/run.js";
import { SUMS_READ, usesIndexSums, withoutComments } from "../support/index-sums.js";

const DIR = join(import.meta.dirname, "../../examples/network-indexed");
const fileText = (name: string): string => readFileSync(join(DIR, name), "utf8");

const PROGRAMS = ["program.txt", "program.ascii.txt"];
const SHEETS = readdirSync(DIR).filter((f) => f.startsWith("network-indexed.") && f.endsWith(".txt"));
const kindOf = (sheet: string): string => sheet.split(".").at(-2) as string;

/** Each mistake sheet's kind: key words of its diagnosis, and a piece of the one line that is wrong. */
const MISTAKES: Record<string, { diagnosis: RegExp[]; line: string }> = {
  "missing-sum": { diagnosis: [/\bj is on the right but not on the left/, /missing Σ_j/, /with Σ_j the line is right/], line: "\\frac{dJ}{dx_i} = \\frac{dJ}{da_j}" },
  "missing-factor": { diagnosis: [/^misses the factor z_1\*?\(1 - z_1\)/, /dz_1\/da_1/], line: "\\frac{dJ}{da_j} = \\frac{dJ}{dz_j}" },
  // The notes' dJ/dy, the log-likelihood's derivative: with the loss's minus sign it is the sign convention.
  "cross-entropy-sign": { diagnosis: [/^the sign convention of cross-entropy/], line: "\\frac{y^*}{y} + \\frac{(1 - y^*)}{y - 1}" },
  transposed: { diagnosis: [/alpha/, /transposed layout/], line: "\\alpha_{i1}" },
  "wrong-index": { diagnosis: [/x_j is indexed by the wrong letter/, /it is x_i/], line: "\\frac{dJ}{da_j} x_j" },
  "wrong-index-summed": { diagnosis: [/sums over i where the sum is over j/, /wrong index summed/], line: "\\sum_i" },
};

interface LineJson {
  line: number;
  written: string;
  quantity: string;
  verdict: string;
  diagnosis: string | null;
  claims: { written: string; verdict: string }[];
}

const isWrong = (line: { verdict: string; claims: readonly { verdict: string }[] }): boolean => line.verdict === "incorrect" || line.claims.some((c) => c.verdict === "incorrect");

describe("examples/network-indexed: the lecture's network in index notation", () => {
  it("has both programs, two correct sheets and one sheet per classic mistake", () => {
    expect(SHEETS.filter((f) => kindOf(f) === "correct").sort()).toEqual(["network-indexed.ascii.correct.txt", "network-indexed.correct.txt"]);
    expect(SHEETS.map(kindOf).filter((k) => k !== "correct").sort()).toEqual(Object.keys(MISTAKES).sort());
    expect(usesIndexSums(fileText("program.txt"))).toBe(true);
    expect(usesIndexSums(fileText("program.ascii.txt"))).toBe(false);
  });

  it.skipIf(!SUMS_READ)("the program's Σ_j and Σ_i expand to the sums written out, entry by entry", () => {
    const withSums = fileText("program.txt");
    const writtenOut = withSums.replace("\\sum_j \\beta_j z_j", "\\beta_1 z_1 + \\beta_2 z_2").replace("\\sum_i \\alpha_{ji} x_i", "\\alpha_{j1} x_1 + \\alpha_{j2} x_2");
    expect(usesIndexSums(writtenOut)).toBe(false);
    const formulas = (text: string) => new Map(readForwardProgram(text).definitions.map((d) => [d.name, d.formula]));
    const expected = formulas(writtenOut);
    expect([...formulas(withSums).keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [name, formula] of formulas(withSums)) expect(formula, name).toBe(expected.get(name));
  });

  for (const program of PROGRAMS) {
    for (const sheet of SHEETS) {
      const kind = kindOf(sheet);
      const needsSums = usesIndexSums(fileText(program)) || usesIndexSums(fileText(sheet));
      it.skipIf(needsSums && !SUMS_READ)(`${sheet} against ${program}: ${kind === "correct" ? "every line correct" : `only the ${kind} line wrong`}`, async () => {
        const run = await cli("check", fileText(program), "--backward", join(DIR, sheet), "--json");
        expect(run.stderr).toBe("");
        const report = JSON.parse(run.stdout) as { verdict: string; firstWrong: number | null; lines: LineJson[] };
        // One verdict per line of the sheet that sets an adjoint (comments are no lines).
        expect(report.lines.length).toBe(withoutComments(fileText(sheet)).split("\n").filter((l) => l.trim() !== "").length);
        const wrong = report.lines.filter(isWrong);
        if (kind === "correct") {
          expect(wrong).toEqual([]);
          expect(report.verdict).toBe("correct");
          expect(run.code).toBe(0);
          return;
        }
        expect(run.code).toBe(1);
        expect(wrong.map((l) => l.line)).toEqual([report.firstWrong]);
        expect(wrong[0].written).toContain(MISTAKES[kind].line);
        for (const words of MISTAKES[kind].diagnosis) expect(wrong[0].diagnosis).toMatch(words);
      });
    }
  }

  it("reports per-line verdicts in JSON: each indexed line once, under its indexed name, with its claims", async () => {
    const run = await cli("check", fileText("program.ascii.txt"), "--backward", join(DIR, "network-indexed.missing-sum.txt"), "--json");
    const report = JSON.parse(run.stdout) as { verdict: string; firstWrong: number; lines: LineJson[] };
    expect(report.verdict).toBe("incorrect");
    expect(report.lines.map((l) => [l.line, l.quantity, l.verdict])).toEqual([
      [4, "y", "correct"],
      [6, "b", "correct"],
      [8, "beta_j", "correct"],
      [9, "z_j", "correct"],
      [11, "a_j", "correct"],
      [13, "alpha_ji", "correct"],
      [14, "x_i", "incorrect"],
    ]);
    expect(report.firstWrong).toBe(14);
    expect(report.lines[4].claims).toEqual([{ written: "\\frac{dz_j}{da_j} = \\frac{\\exp(-a_j)}{(\\exp(-a_j) + 1)^2}", verdict: "correct", diagnosis: null }]);
    // The missing Σ is a mistake of notation: its claim da_j/dx_i = α_ji is still right.
    expect(report.lines[6].claims.map((c) => c.verdict)).toEqual(["correct"]);
  });

  it("the text report names the wrong line, its mistake, and how many lines are wrong", async () => {
    const run = await cli("check", fileText("program.ascii.txt"), "--backward", join(DIR, "network-indexed.wrong-index.txt"));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/line 12 +INCORRECT +\\frac\{dJ\}\{d\\alpha_\{ji\}\} = \\frac\{dJ\}\{da_j\} x_j\n.*read as +dJ\/dalpha_ji = dJ\/da_j\*x_j\n.*mistake +x_j is indexed by the wrong letter: it is x_i\n/);
    expect(run.stdout).toContain("first wrong line: 12 (1 of 7 lines wrong)");
  });
});

// --- random layer sizes ------------------------------------------------------------------------

const upTo = (n: number): number[] => Array.from({ length: n }, (_, k) => k + 1);

/** The network with `inputs` inputs and `hidden` hidden units; with `sums`, written with Σ as the lecture does. */
function networkProgram(inputs: number, hidden: number, sums: boolean): string {
  return [
    `x: R^${inputs}; alpha: R^(${hidden}x${inputs}); beta: R^${hidden}`,
    "J = ystar*log(y) + (1 - ystar)*log(1 - y)",
    "y = sigmoid(b)",
    `b = ${sums ? "sum_j beta_j*z_j" : upTo(hidden).map((j) => `beta_${j}*z_${j}`).join(" + ")}`,
    "z_j = sigmoid(a_j)",
    `a_j = ${sums ? "sum_i alpha_ji*x_i" : upTo(inputs).map((i) => `alpha_j${i}*x_${i}`).join(" + ")}`,
  ].join("\n");
}

/** The true backward pass, one line per indexed adjoint (Greek quantities as letters in dJ/dβ_j: dJ/dbeta_j is read as dJ/db today). */
function trueSheet(hidden: number, sums: boolean): string[] {
  return [
    "dJ/dy = ystar/y - (1 - ystar)/(1 - y)",
    "dJ/db = dJ/dy * y*(1 - y)",
    "dJ/dβ_j = dJ/db * z_j",
    "dJ/dz_j = dJ/db * beta_j",
    "dJ/da_j = dJ/dz_j * z_j*(1 - z_j)",
    "dJ/dα_ji = dJ/da_j * x_i",
    `dJ/dx_i = ${sums ? "sum_j dJ/da_j*alpha_ji" : upTo(hidden).map((j) => `dJ/da_${j}*alpha_${j}i`).join(" + ")}`,
  ];
}

interface IndexMistake {
  readonly line: number;
  readonly text: string;
  readonly diagnosis: RegExp;
}

/**
 * The index mistakes one line of the true sheet can be given at these sizes. Swapping letters
 * (x_j for x_i, α_ij for α_ji) changes the entry only when i and j run over one range of 2 or more.
 */
function indexMistakes(inputs: number, hidden: number, sums: boolean): IndexMistake[] {
  const square = inputs === hidden && inputs > 1;
  const mistakes: IndexMistake[] = [{ line: 7, text: "dJ/dx_i = dJ/da_j*alpha_ji", diagnosis: /a missing Σ_j/ }];
  if (sums) mistakes.push({ line: 7, text: "dJ/dx_i = sum_i dJ/da_j*alpha_ji", diagnosis: /the wrong index summed/ });
  if (square) {
    mistakes.push(
      { line: 7, text: `dJ/dx_i = ${sums ? "sum_j dJ/da_j*alpha_ij" : upTo(hidden).map((j) => `dJ/da_${j}*alpha_i${j}`).join(" + ")}`, diagnosis: /transposed layout/ },
      { line: 6, text: "dJ/dα_ji = dJ/da_j * x_j", diagnosis: /x_j is indexed by the wrong letter: it is x_i/ },
      { line: 6, text: "dJ/dα_ji = dJ/da_i * x_i", diagnosis: /da_i is indexed by the wrong letter: it is d…\/da_j/ },
    );
  }
  return mistakes;
}

const wrongLines = (report: SheetReport) => report.lines.filter(isWrong);

function checkSizes(sums: boolean): void {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.nat(), (inputs, hidden, pick) => {
      const program = readForwardProgram(networkProgram(inputs, hidden, sums));
      const sheet = trueSheet(hidden, sums);
      const truth = judgeSheet(program, sheet.join("\n"));
      expect(wrongLines(truth)).toEqual([]);
      expect(truth.lines.length).toBe(sheet.length);
      const choices = indexMistakes(inputs, hidden, sums);
      const mistake = choices[pick % choices.length];
      const changed = sheet.map((line, k) => (k + 1 === mistake.line ? mistake.text : line));
      const wrong = wrongLines(judgeSheet(program, changed.join("\n")));
      expect(wrong.map((l) => l.line)).toEqual([mistake.line]);
      expect(wrong[0].diagnosis).toMatch(mistake.diagnosis);
    }),
    { numRuns: 20 },
  );
}

describe("random layer sizes (inputs 1–3, hidden 1–3)", () => {
  it("the true sheet is all correct; one index mistake in one line makes that line alone wrong, and names it (sums written out)", () => checkSizes(false), 180_000);

  it.skipIf(!SUMS_READ)("the same with the sums written as Σ, and Σ over the wrong index among the mistakes", () => checkSizes(true), 180_000);
});

// --- bad input ---------------------------------------------------------------------------------

describe("bad input against the indexed network", () => {
  const program = fileText("program.ascii.txt");
  const scratch = mkdtempSync(join(tmpdir(), "backward-indices-"));
  const sheetFile = (name: string, text: string): string => {
    const path = join(scratch, `${name}.txt`);
    writeFileSync(path, text);
    return path;
  };

  it("an adjoint of an unknown quantity names the program's quantities (exit 2, line:col, caret)", async () => {
    const run = await cli("check", program, "--backward", sheetFile("unknown", "dJ/dy = ystar/y - (1 - ystar)/(1 - y)\ndJ/dq = dJ/dy\n"));
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    const [message, source, caret, hint] = run.stderr.split("\n");
    expect(message).toMatch(/the program has no quantity q at 2:1$/);
    expect(source).toBe("  dJ/dq = dJ/dy");
    expect(caret).toBe("  ^^^^^");
    expect(hint).toMatch(/^its quantities: /);
    for (const name of ["J", "y", "b", "z_1", "a_2", "alpha_2_1", "x_1", "beta_2"]) expect(hint.split(/: |, /)).toContain(name);
  });

  it("an indexed adjoint of an unknown quantity is refused the same way", async () => {
    const run = await cli("check", program, "--backward", sheetFile("unknown-indexed", "dJ/dw_j = dJ/db * z_j\n"));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no quantity w_\w+ at 1:1\n  dJ\/dw_j = dJ\/db \* z_j\n  \^+\nits quantities: /);
  });

  it("an entry out of range (x_3 with x ∈ ℝ²) is an error at its line, with a caret, saying the range", async () => {
    const run = await cli("check", program, "--backward", sheetFile("range", "dJ/dy = ystar/y - (1 - ystar)/(1 - y)\ndJ/dx_3 = dJ/da_1*alpha_13\n"));
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("error in the sheet " + sheetFile("range", "dJ/dy = ystar/y - (1 - ystar)/(1 - y)\ndJ/dx_3 = dJ/da_1*alpha_13\n") + ": x_3: entry 3 is outside 1…2 at 2:1\n  dJ/dx_3 = dJ/da_1*alpha_13\n  ^^^^^^^\nx has 2 entries\n");
    const inProgram = await cli("check", program.replace("alpha_j2*x_2", "alpha_j2*x_3"), "--backward", join(DIR, "network-indexed.ascii.correct.txt"));
    expect(inProgram.code).toBe(2);
    expect(inProgram.stderr).toMatch(/^error in the program: in the definition of a_j: x_3: entry 3 is outside 1…2 at 7:\d+\n {2}a_j = alpha_j1\*x_1 \+ alpha_j2\*x_3\n {2}[ ^]*\^[ ^]*\nx has 2 entries\n$/);
  });

  it("an entry out of range on the right of a sheet line is an error at that line, with a caret", async () => {
    const run = await cli("check", program, "--backward", sheetFile("range-right", "dJ/dy = ystar/y - (1 - ystar)/(1 - y)\ndJ/dx_i = dJ/da_1*alpha_1i + dJ/da_2*x_3\n"));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/: x_3: entry 3 is outside 1…2 at 2:\d+\n {2}dJ\/dx_i = dJ\/da_1\*alpha_1i \+ dJ\/da_2\*x_3\n {2}[ ^]*\^[ ^]*\nx has 2 entries\n$/);
  });
});
