import { describe, expect, it } from "vitest";
import { cli } from "./run.js";

const QUIZ1 = "exp(x*z) + x*z/log(x) + sin(log(x))/exp(x*z)";

describe("diffscope eval", () => {
  it("Quiz 1 at x=2, z=3 is 412.0865475647234 (12 significant digits)", async () => {
    const r = await cli("eval", QUIZ1, "--at", "x=2,z=3");
    expect(r.code).toBe(0);
    expect(Number(r.stdout).toPrecision(12)).toBe((412.0865475647234).toPrecision(12));
  });

  it("--json prints {\"value\": …}", async () => {
    const r = await cli("eval", QUIZ1, "--at", "x=2,z=3", "--json");
    expect(JSON.parse(r.stdout).value).toBeCloseTo(412.0865475647234, 10);
  });

  it("--at values may be constant expressions; unused variables are fine", async () => {
    const r = await cli("eval", "sin(x)", "--at", "x=pi/2,unused=7");
    expect(Number(r.stdout)).toBe(1);
  });

  it("a missing variable is exit 2 naming it, with no stack trace", async () => {
    const r = await cli("eval", "x*z", "--at", "x=2");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/variable z/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("a syntax error is exit 2 with line:col and a caret under the spot", async () => {
    const r = await cli("eval", "sin(x +* 2)", "--at", "x=1");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/expression/);
    expect(r.stderr).toMatch(/1:8/);
    const lines = r.stderr.split("\n");
    const caretLine = lines.find((l) => /^\s*\^\s*$/.test(l));
    const sourceLine = lines[lines.indexOf(caretLine as string) - 1];
    expect(sourceLine.indexOf("sin(x +* 2)") + 7).toBe((caretLine as string).indexOf("^"));
  });

  it("a malformed --at is exit 2 saying what is accepted", async () => {
    const r = await cli("eval", "x", "--at", "x");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/name=value/);
  });

  it("an unknown option or command is exit 2", async () => {
    expect((await cli("eval", "x", "--bogus")).code).toBe(2);
    expect((await cli("frobnicate")).code).toBe(2);
  });
});

describe("diffscope parse", () => {
  it("prints canonical text, LaTeX, tree size and DAG size (sin(x)*sin(x): tree 5, DAG 3)", async () => {
    const r = await cli("parse", "sin(x) sin(x)", "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      text: "sin(x)*sin(x)",
      latex: "\\sin\\left(x\\right) \\cdot \\sin\\left(x\\right)",
      treeSize: 5,
      dagSize: 3,
    });
  });

  it("--help works on every command and lists the options", async () => {
    for (const command of ["eval", "parse", "demo"]) {
      const r = await cli(command, "--help");
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/usage: diffscope/);
    }
    expect((await cli("--help")).stdout).toMatch(/commands:/);
  });
});
