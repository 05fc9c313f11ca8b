// `diffscope bench --case NAME` and `--method LABEL`: names as in the rows (a network also
// without "nn "), unknown ones refused with the list (exit 2, no stack trace).
import { describe, expect, it } from "vitest";
import { BENCH_CASES, findCase } from "../../src/bench/cases.js";
import { selectsRow } from "../../src/bench/run.js";
import { cli } from "../cli/run.js";

describe("bench --case", () => {
  it("finds every case by its row name, and networks without the nn prefix", () => {
    for (const c of BENCH_CASES) expect(findCase(c.name)?.name).toBe(c.name);
    expect(findCase("784-256-128-10")?.name).toBe("nn 784-256-128-10");
    expect(findCase("  NN 3-4-3-1 ")?.name).toBe("nn 3-4-3-1");
    expect(findCase("784-100")).toBeUndefined();
  });

  it("an unknown case is exit 2 with the list of names, no stack trace", async () => {
    const run = await cli("bench", "--case", "quiz2");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no case called "quiz2"');
    expect(run.stderr).toContain('"quiz1", "nn 3-4-3-1", "logistic n=100", "logistic n=10", "nn 784-100-10", "nn 784-256-128-10"');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("--method: a whole label selects that row alone, a prefix every row it begins", () => {
    expect(selectsRow("reverse (compiled)", "reverse (compiled)")).toBe(true);
    expect(selectsRow("reverse (compiled)", "reverse (compiled, at(point))")).toBe(false);
    expect(selectsRow("reverse", "reverse (compiled, at(point))")).toBe(true);
    expect(selectsRow("reverse", "reverse (taped)")).toBe(true);
    expect(selectsRow("hand-written JS", "hand-written")).toBe(true);
    expect(selectsRow("reverse", "forward")).toBe(false);
  });

  it("an unknown method is exit 2 with the list of methods", async () => {
    const run = await cli("bench", "--case", "quiz1", "--method", "backward");
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no method called "backward"[\s\S]*"reverse \(compiled\)"/);
  });

  it("--case quiz1 --method hand-written --json runs that one row, with its own peak RSS", async () => {
    const run = await cli("bench", "--case", "quiz1", "--method", "hand-written", "--json");
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { rows: { case: string; method: string; gradientSeconds: number; functionSeconds: number }[]; peakRssMB: number };
    expect(report.rows.map((r) => [r.case, r.method])).toEqual([["quiz1", "hand-written JS"]]);
    expect(report.rows[0].gradientSeconds).toBeGreaterThan(0);
    expect(report.rows[0].functionSeconds).toBeGreaterThan(0);
    expect(report.peakRssMB).toBeGreaterThan(10);
  });
});
