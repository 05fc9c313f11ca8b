// Issue 17: check takes the point of numeric answers as --at or as --at-file (the typed
// commands' JSON), with the same verdict either way; --seed is refused with the reason.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "./run.js";

const PROGRAM = "x: R^3; W: R^(2x3); sum(sigmoid(W*x))";
const file = join(mkdtempSync(join(tmpdir(), "diffscope-check-")), "point.json");
// 0.1 has no short binary form: the file's doubles must reach the checker digit for digit.
writeFileSync(file, JSON.stringify({ x: [1, 2, 3], W: [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]] }));

describe("check --at-file", () => {
  it("gives the verdict and report --at gives, for a right and a wrong matrix answer", async () => {
    const exact = await cli("grad", PROGRAM, "--at-file", file, "--method", "reverse", "--json");
    const gradient = (JSON.parse(exact.stdout) as { methods: { reverse: { gradient: { W: number[][] } } } }).methods.reverse.gradient.W;
    const right = `W=[${gradient.map((row) => row.join(",")).join(";")}]`;
    for (const [value, code] of [[right, 0], ["W=[0.1,0.2,0.3;0.1,0.2,0.3]", 1]] as const) {
      const byFile = await cli("check", PROGRAM, "--wrt", "W", "--at-file", file, "--value", value);
      const byText = await cli("check", PROGRAM, "--wrt", "W", "--at", "x=[1,2,3],W=[0.1,0.2,0.3;0.4,0.5,0.6]", "--value", value);
      expect(byFile.code, value).toBe(code);
      expect(byFile.stdout).toBe(byText.stdout);
    }
  });

  it("refuses --seed (a numeric answer needs the point it was worked out at) and --at with --at-file, exit 2", async () => {
    const seeded = await cli("check", "x^2", "--wrt", "x", "--seed", "1", "--value", "2");
    expect([seeded.code, seeded.stderr]).toEqual([2, expect.stringMatching(/--seed draws values nobody worked with/)]);
    const both = await cli("check", PROGRAM, "--wrt", "W", "--at-file", file, "--at", "x=[1,2,3]", "--value", "W=[1,2,3;4,5,6]");
    expect([both.code, both.stderr]).toEqual([2, expect.stringMatching(/--at or with --at-file, not both/)]);
  });
});
