// Batch files and `check` options that were misread: keys spliced into the point, tolerances
// that made a wrong sign correct, nesting reported as the expression's, YAML tags leaking out as
// Node process warnings, and files read with no size limit (/dev/zero grew to 16 GB).
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { notAVariable } from "../../src/ops/names.js";
import { MAX_INPUT_FILE_BYTES, readCappedFile, UsageError } from "../../src/cli/io.js";
import { cli } from "../cli/run.js";

const dir = mkdtempSync(join(tmpdir(), "diffscope-batch-"));
let files = 0;
/** Writes `content` to a fresh file ending in `extension` and returns its path. */
function file(content: string, extension = ".json"): string {
  const path = join(dir, `f${files++}${extension}`);
  writeFileSync(path, content);
  return path;
}
const problems = (...list: unknown[]) => file(JSON.stringify(list));

describe("batch at and shape keys are variable names, kept apart from their values", () => {
  it('the issue\'s {"x=100,y": 2} is exit 2 naming the key (it became x = 100, y = 2)', async () => {
    const r = await cli("check", "--file", problems({ expression: "x+y", at: { "x=100,y": 2 }, value: { x: 1, y: 1 } }));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('problem 1.at: the key "x=100,y" is not a variable name');
    expect(r.stdout).toBe("");
  });

  it("a value text with a comma is one value (a parse error), not a second variable", async () => {
    const r = await cli("check", "--file", problems({ expression: "x+y", at: { x: "1,y=5" }, value: { x: 1, y: 1 } }));
    expect(r.code).toBe(2);
    expect(r.stdout).toContain("could not read");
    expect(r.stdout).not.toContain("y = 5");
  });

  it("shape keys too; a good point still reads as before", async () => {
    const shaped = await cli("check", "--file", problems({ expression: "sum(x)", shape: { "x=3,y": 2 }, at: { x: [1, 2] }, value: { x: [1, 1] } }));
    expect(shaped.code).toBe(2);
    expect(shaped.stderr).toContain('problem 1.shape: the key "x=3,y" is not a variable name');
    const good = await cli("check", "--file", problems({ expression: "x*y", at: { x: 2, y: "pi/4" }, value: { x: Math.PI / 4, y: 2 } }));
    expect(good.code).toBe(0);
    expect(good.stdout).toContain("at x = 2, y = 0.785398");
  });

  it("property: a random key is accepted exactly when it is a variable name, and never splices", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 8 }), fc.stringMatching(/^[a-z][=, a-z0-9]{0,6}$/)), async (key) => {
        if (key === "x") return;
        const r = await cli("check", "--file", problems({ expression: "x", at: { x: 1, [key]: 2 }, value: { x: 1 } }));
        if (notAVariable(key) === undefined) {
          // An extra variable the expression does not use: the check still runs and is right.
          expect(r.stderr).not.toContain("is not a variable name");
        } else {
          expect(r.code).toBe(2);
          expect(r.stderr).toContain(`problem 1.at: the key ${notAVariable(key)}`);
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe("tolerances are relative: greater than 0, less than 1", () => {
  it("the issue's tolerance 3 judged −4 correct for an exact 4: now exit 2 in a file and on the command line", async () => {
    for (const tolerance of [-1, 3, 1e300, 0, 1]) {
      const r = await cli("check", "--file", problems({ expression: "x^2", at: { x: 2 }, value: -4, tolerance }));
      expect(r.code, `tolerance ${tolerance}`).toBe(2);
      expect(r.stderr).toContain(`problem 1.tolerance ${tolerance}`);
      expect(r.stderr).toContain("expected a relative tolerance: a number greater than 0 and less than 1");
      const option = await cli("check", "x^2", "--at", "x=2", "--value", "-4", "--tolerance", String(tolerance));
      expect(option.code).toBe(2);
      expect(option.stderr).toContain(`--tolerance ${tolerance} is not`);
    }
  });

  it("property: a tolerance is accepted exactly when 0 < t < 1, and then 4 is correct and −4 is not", async () => {
    const tolerances = fc.oneof(fc.double({ noNaN: true }), fc.double({ min: 1e-12, max: 0.999999, noNaN: true }));
    await fc.assert(
      fc.asyncProperty(tolerances, async (tolerance) => {
        const right = await cli("check", "x^2", "--at", "x=2", "--value", "4", "--tolerance", String(tolerance));
        const wrong = await cli("check", "x^2", "--at", "x=2", "--value", "-4", "--tolerance", String(tolerance));
        if (tolerance > 0 && tolerance < 1) {
          expect([right.code, wrong.code]).toEqual([0, 1]);
        } else {
          expect([right.code, wrong.code]).toEqual([2, 2]);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe("deep nesting is the file's problem, with a position", () => {
  it("100,000 nested JSON lists: exit 2 naming the JSON and 1:65 (was 'the expression is too deeply nested')", async () => {
    const r = await cli("check", "--file", file(`${"[".repeat(100_000)}${"]".repeat(100_000)}`));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("the JSON nests lists and maps more than 64 levels deep at 1:65");
    expect(r.stderr).not.toContain("expression");
    // The source line is shown as a window around the spot, not 200,000 characters.
    expect(r.stderr.length).toBeLessThan(1000);
  });

  it("YAML flow and block nesting alike", async () => {
    const flow = await cli("check", "--file", file(`problems: ${"[".repeat(5000)}${"]".repeat(5000)}\n`, ".yaml"));
    expect(flow.code).toBe(2);
    expect(flow.stderr).toContain("the YAML nests lists and maps more than 64 levels deep at 1:75");
    const block = await cli("check", "--file", file(`${"- ".repeat(100)}x\n`, ".yaml"));
    expect(block.code).toBe(2);
    expect(block.stderr).toContain("the YAML nests lists and maps more than 64 levels deep");
  });

  it("a file nested within the limit is read as before", async () => {
    const r = await cli("check", "--file", problems({ expression: "x: R^2; sum(x)", at: { x: [1, 2] }, value: { x: [1, 1] } }));
    expect(r.code).toBe(0);
  });
});

describe("YAML tags", () => {
  const warnings: unknown[] = [];
  const onWarning = (w: unknown) => warnings.push(w);
  beforeEach(() => {
    warnings.length = 0;
    process.on("warning", onWarning);
  });
  afterEach(() => {
    process.off("warning", onWarning);
  });

  it("an unknown tag (!!foo, !bar) is exit 2 with line:col and a caret, like other YAML errors; no process warning", async () => {
    const emit = vi.spyOn(process, "emitWarning");
    try {
      for (const tag of ["!!foo", "!bar"]) {
        const r = await cli("check", "--file", file(`problems:\n  - expression: ${tag} x^2\n    answer: 2x\n`, ".yaml"));
        expect(r.code).toBe(2);
        expect(r.stderr).toContain("is not valid YAML: Unresolved tag");
        expect(r.stderr).toContain("at line 2, column 17");
        expect(r.stderr).toContain("remove the tag");
      }
      expect(emit).not.toHaveBeenCalled();
    } finally {
      emit.mockRestore();
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings).toEqual([]);
  });

  it("standard tags (!!str) still read", async () => {
    const r = await cli("check", "--file", file(`- expression: !!str x^2\n  answer: 2x\n`, ".yaml"));
    expect(r.code).toBe(0);
  });
});

describe(`files are read up to ${MAX_INPUT_FILE_BYTES} bytes (10 MiB), streaming`, () => {
  it("/dev/zero: exit 2 saying it holds more than the limit (was unbounded growth to 16 GB)", async () => {
    const r = await cli("check", "--file", "/dev/zero");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("error: check: --file /dev/zero holds more than the limit of 10 MiB (10,485,760 bytes); reading stopped there\nsplit it into smaller files\n");
  });

  it("a regular file past the limit: its size and the limit; --at-file too", async () => {
    const big = file(" ".repeat(MAX_INPUT_FILE_BYTES + 1));
    const r = await cli("check", "--file", big);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--file ${big} is 10 MiB (10,485,761 bytes); the limit is 10 MiB (10,485,760 bytes)`);
    const point = await cli("grad", "x: R^2; sum(x)", "--at-file", big);
    expect(point.code).toBe(2);
    expect(point.stderr).toContain(`--at-file ${big} is 10 MiB (10,485,761 bytes)`);
  });

  it("exactly at the limit is read whole; one byte more is refused (a small limit, same code)", () => {
    const path = file("x".repeat(100));
    expect(readCappedFile(path, "f", 100)).toBe("x".repeat(100));
    expect(() => readCappedFile(path, "f", 99)).toThrow(UsageError);
    // Multi-byte characters split across chunks decode whole.
    const accents = file("é".repeat(2_000_000));
    expect(readCappedFile(accents, "f")).toBe("é".repeat(2_000_000));
  });

  it("a pipe that never ends (a FIFO fed by `yes`) is refused at the limit", async () => {
    const fifo = join(dir, "fifo.yaml");
    execFileSync("mkfifo", [fifo]);
    const writer = spawn("sh", ["-c", `exec yes > '${fifo}'`], { stdio: "ignore" });
    try {
      const r = await cli("check", "--file", fifo);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("holds more than the limit of 10 MiB");
    } finally {
      writer.kill();
    }
  });
});

describe("--json errors are JSON", () => {
  it("a refused batch file: {error: {message, details, exitCode: 2}} on stdout, nothing on stderr", async () => {
    const r = await cli("check", "--file", problems({ expression: "x", at: { x: 1 }, value: 1, tolerance: 3 }), "--json");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("");
    const parsed = JSON.parse(r.stdout) as { error: { message: string; details?: string; exitCode: number } };
    expect(parsed.error.exitCode).toBe(2);
    expect(parsed.error.message).toMatch(/^check: problem 1\.tolerance 3 is not less than 1/);
    expect(parsed.error.details).toBe("see: diffscope check --help");
  });

  it("/dev/zero with --json", async () => {
    const r = await cli("check", "--file", "/dev/zero", "--json");
    expect(JSON.parse(r.stdout)).toEqual({
      error: { message: "check: --file /dev/zero holds more than the limit of 10 MiB (10,485,760 bytes); reading stopped there", details: "split it into smaller files", exitCode: 2 },
    });
  });
});
