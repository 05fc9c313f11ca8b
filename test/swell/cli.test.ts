// `diffscope swell`: table, JSON, CSV and SVG outputs, and bad options refused with exit 2.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "../cli/run.js";
import { parseDuration } from "../../src/cli/commands/swell.js";
import { PLOTTED_SERIES } from "../../src/swell/plot.js";

const dir = mkdtempSync(join(tmpdir(), "diffscope-swell-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Splits one CSV line (RFC 4180 quoting). */
function csvFields(line: string): string[] {
  const fields: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { current += '"'; i++; }
      else if (c === '"') quoted = false;
      else current += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { fields.push(current); current = ""; }
    else current += c;
  }
  fields.push(current);
  return fields;
}

describe("swell --json --csv --svg", async () => {
  const csvPath = join(dir, "swell.csv");
  const svgPath = join(dir, "swell.svg");
  const run = await cli("swell", "--family", "logistic", "--n", "1,2,3", "--budget", "10s", "--json", "--csv", csvPath, "--svg", svgPath);

  it("exits 0, reports progress on stderr and prints {rows: [...]} with the required keys", () => {
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("logistic n=3");
    const { rows } = JSON.parse(run.stdout) as { rows: Record<string, unknown>[] };
    expect(rows.map((r) => r.n)).toEqual([1, 2, 3]);
    for (const key of [
      "family", "n", "functionTreeNodes", "functionDagNodes", "derivativeTreeNodes", "derivativeDagNodes", "tapeEntries",
      "deriveTreeMs", "deriveSharedMs", "tapeRecordMs", "forwardMs", "finiteDifferenceMs",
      "mathjsDerivativeNodes", "mathjsDerivativeMs", "mathjsUnsimplifiedNodes", "mathjsUnsimplifiedMs",
    ]) {
      expect(rows[2], key).toHaveProperty(key);
      expect(rows[2][key], key).not.toBeNull();
    }
    expect(rows[1].simplifiedDerivativeText).toBe("4 - 8*x");
  });

  it("writes a CSV with one line per row, as many fields as the header, and the same figures", () => {
    const lines = readFileSync(csvPath, "utf8").trimEnd().split("\r\n");
    const header = csvFields(lines[0]);
    expect(lines).toHaveLength(4);
    const json = (JSON.parse(run.stdout) as { rows: Record<string, unknown>[] }).rows;
    lines.slice(1).forEach((line, i) => {
      const fields = csvFields(line);
      expect(fields).toHaveLength(header.length);
      const at = (key: string) => fields[header.indexOf(key)];
      expect(Number(at("tapeEntries"))).toBe(json[i].tapeEntries);
      expect(Number(at("mathjsDerivativeNodes"))).toBe(json[i].mathjsDerivativeNodes);
    });
    expect(csvFields(lines[3])[header.indexOf("mathjsDerivativeText")]).toContain("*"); // quoted text survives
  });

  it("writes an SVG plot drawn by vega with one legend entry per representation", () => {
    const svg = readFileSync(svgPath, "utf8");
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("role-legend");
    for (const series of PLOTTED_SERIES) expect(svg).toContain(series.label);
  });
});

describe("swell table", () => {
  it("prints sizes, times and gradients per family, with the over-budget legend", async () => {
    const run = await cli("swell", "--family", "product", "--n", "1,2,3", "--budget", "10s");
    expect(run.code).toBe(0);
    for (const heading of ["== product", "sizes (nodes):", "times (ms):", "∂f/∂x1 at the point", "over budget"]) {
      expect(run.stdout).toContain(heading);
    }
  });
});

describe("bad options", () => {
  const refused: [string, string[], RegExp][] = [
    ["an unknown family", ["--family", "fibonacci"], /unknown family "fibonacci"/],
    ["a budget that is not a duration", ["--budget", "soon"], /--budget expects a duration/],
    ["a zero budget", ["--budget", "0s"], /--budget expects a duration/],
    ["--max-n 0", ["--max-n", "0"], /--max-n expects whole numbers/],
    ["--n with a fraction", ["--n", "1,2.5"], /--n expects whole numbers/],
    ["--n together with --max-n", ["--n", "3", "--max-n", "4"], /not both/],
    ["a CSV file in a missing directory", ["--csv", join(dir, "missing", "x.csv")], /no such directory/],
    ["an unknown option", ["--colour"], /swell: Unknown option/i],
  ];
  for (const [what, args, message] of refused) {
    it(`refuses ${what} with exit 2 and a message`, async () => {
      const run = await cli("swell", ...args);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stdout).toBe("");
    });
  }

  it("writes no file when the options are refused", async () => {
    const csvPath = join(dir, "refused.csv");
    const run = await cli("swell", "--budget", "never", "--csv", csvPath);
    expect(run.code).toBe(2);
    expect(existsSync(csvPath)).toBe(false);
  });

  it("reads durations: 5s, 500ms, 1.5s, 1m and bare seconds", () => {
    expect([parseDuration("5s"), parseDuration("500ms"), parseDuration("1.5s"), parseDuration("1m"), parseDuration("2")]).toEqual([
      5000, 500, 1500, 60_000, 2000,
    ]);
  });
});
