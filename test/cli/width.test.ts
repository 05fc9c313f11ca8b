// Issue 17, "width": compare nn2 was 301 columns and demo 232. Output now fits the terminal
// (io.columns, else 100), narrowing tables in a stated order; --wide shows everything.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { CASE_NARROWING } from "../../src/cli/commands/compare.js";
import { DEFAULT_WIDTH, fitTable, outputWidth, wrapLine } from "../../src/cli/format.js";
import { CASE_HEADER } from "../../src/harness/report.js";

async function run(argv: string[], columns?: number): Promise<{ code: number; stdout: string }> {
  let stdout = "";
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: () => {}, columns });
  return { code, stdout };
}
const widest = (text: string) => Math.max(...text.split("\n").map((l) => l.length));

describe("fitTable narrows in the stated order", () => {
  const header = ["name", "a long header", "b", "c"];
  const rows = [["x", "1", "22", "333"], ["yy", "4444", "5", "6"]];
  const plan = { abbreviate: { "a long header": "a" }, drop: ["c", "b"] };

  it("a table that fits is unchanged", () => {
    const { text, dropped } = fitTable(header, rows, 100, plan);
    expect(dropped).toEqual([]);
    expect(text.split("\n")[0]).toBe("name  a long header   b    c");
  });

  it("too wide: headers shorten first, then c goes, then b; columns not listed stay", () => {
    expect(fitTable(header, rows, 19, plan)).toMatchObject({ dropped: [] });
    expect(fitTable(header, rows, 19, plan).text.split("\n")[0]).toBe("name     a   b    c");
    expect(fitTable(header, rows, 18, plan).dropped).toEqual(["c"]);
    expect(fitTable(header, rows, 14, plan).dropped).toEqual(["c"]);
    expect(fitTable(header, rows, 5, plan)).toMatchObject({ dropped: ["c", "b"], text: "name     a\n----  ----\nx        1\nyy    4444\n" });
  });

  it("the width: --wide is unlimited; else the terminal's; else 100", () => {
    expect([outputWidth(80, true), outputWidth(80, false), outputWidth(undefined, false), DEFAULT_WIDTH]).toEqual([Infinity, 80, 100, 100]);
  });

  it("compare's plan names only real columns and keeps method, max rel Δ, check and grad ms", () => {
    for (const name of [...CASE_NARROWING.drop, ...Object.keys(CASE_NARROWING.abbreviate)]) expect(CASE_HEADER).toContain(name);
    const kept = CASE_HEADER.filter((h) => !CASE_NARROWING.drop.includes(h));
    expect(kept).toEqual(["method", "max rel Δ", "check", "grad ms"]);
  });
});

describe("wrapLine (property over 2,000 lines)", () => {
  it("keeps every word in order, and no line is wider than the width unless it is one word", () => {
    const word = fc.stringMatching(/^[a-z(),;=.]{1,14}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 40 }), fc.integer({ min: 10, max: 120 }), (words, width) => {
        const line = words.join(" ");
        const out = wrapLine(line, width);
        expect(out.split(/\s+/).filter((w) => w !== "")).toEqual(words);
        for (const piece of out.split("\n")) if (piece.trim().includes(" ")) expect(piece.length).toBeLessThanOrEqual(width);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("compare nn2 and demo fit", () => {
  it("compare nn2 fits 100 columns with stdout no terminal, and says what it left out", async () => {
    const { code, stdout } = await run(["compare", "nn2"]);
    expect(code).toBe(0);
    expect(widest(stdout)).toBeLessThanOrEqual(100);
    expect(stdout).toContain("(fitted to 100 columns, without in est., tape, passes, f evals; --wide shows every column)");
    expect(stdout).toMatch(/^method {15}params {6}\|Δ\| {4}rel Δ  check  setup ms  grad ms  grad\/f {4}ops  DAG\/tree$/m);
  });

  it("an 80-column terminal: every line fits 80", async () => {
    const { stdout } = await run(["compare", "nn2"], 80);
    expect(widest(stdout)).toBeLessThanOrEqual(80);
    expect(stdout).toContain("(fitted to 80 columns, without");
  });

  it("--wide: every column, the heading's facts on one line, no narrowing note", async () => {
    const { stdout } = await run(["compare", "nn2", "--wide"], 80);
    const headerLine = stdout.split("\n").find((l) => l.startsWith("method"));
    expect(headerLine?.split(/ {2,}/)).toEqual([...CASE_HEADER]);
    expect(stdout).toMatch(/^f = \S+; f has 94 distinct nodes \(DAG\), 390 printed as a tree; one evaluation of f .* as generated code/m);
    expect(stdout).not.toContain("fitted to");
  });

  it("demo fits 100 columns; --wide keeps setup ms in both short tables", async () => {
    const narrow = await run(["demo"]);
    expect(narrow.code).toBe(0);
    expect(widest(narrow.stdout)).toBeLessThanOrEqual(100);
    const wide = await run(["demo", "--wide"]);
    expect(wide.stdout.match(/^method .*setup ms/gm)).toHaveLength(2);
    expect(widest(wide.stdout)).toBeGreaterThan(100);
  });
});
