// Issue 17, "smaller fixes" and "a point outside the domain": what a new user trips over first.
import { describe, expect, it } from "vitest";
import { CATEGORICAL_CROSS_ENTROPY_NOTE, CROSS_ENTROPY_NOTE } from "../../src/harness/network.js";
import { GRADIENT_SUITES } from "../../src/harness/suites.js";
import { cli } from "./run.js";

describe("an unknown command gets a did-you-mean", () => {
  it.each([
    ["gard", "grad"],
    ["drive", "derive"],
    ["comapre", "compare"],
    ["evl", "eval"],
  ])("%s → %s", async (typed, meant) => {
    const r = await cli(typed, "x");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`unknown command "${typed}"`);
    expect(r.stderr).toContain(`(did you mean ${meant}?)`);
  });

  it("a name far from every command gets the list only", async () => {
    const r = await cli("xyzzy");
    expect(r.stderr).not.toContain("did you mean");
    expect(r.stderr).toContain("commands: demo, eval");
  });
});

describe("derive and grad agree about a --wrt variable the expression does not have", () => {
  it("derive x^2 --wrt y is refused (exit 2), as grad refuses it, instead of printing 0", async () => {
    const derive = await cli("derive", "x^2", "--wrt", "y");
    expect([derive.code, derive.stdout]).toEqual([2, ""]);
    expect(derive.stderr).toContain("derive: --wrt y: y is not a variable of the expression");
    expect(derive.stderr).toContain("variables of the expression: x");
    const grad = await cli("grad", "x^2", "--wrt", "y", "--at", "x=1");
    expect([grad.code, grad.stdout]).toEqual([2, ""]);
    expect(grad.stderr).toContain("--wrt y: y is neither in the expression nor in --at");
  });

  it("a variable the expression has still derives (d/dx x^2 = 2*x)", async () => {
    expect(await cli("derive", "x^2", "--wrt", "x")).toMatchObject({ code: 0, stdout: "2*x\n" });
  });
});

describe("--at with a name the expression does not use gets a note on stderr", () => {
  it.each([
    ["eval", ["x^2", "--at", "x=2,y=3"], "4\n"],
    ["grad", ["x^2", "--at", "x=2,y=3", "--method", "reverse", "--json"], undefined],
    ["trace", ["x^2", "--at", "x=2,y=3"], undefined],
  ])("%s", async (command, args, stdout) => {
    const r = await cli(command, ...args);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`${command}: note: --at gives y, which the expression does not use (its variables: x)\n`);
    if (stdout !== undefined) expect(r.stdout).toBe(stdout);
  });

  it("no note when every name is used, or is a --wrt variable of grad (its partial is 0)", async () => {
    expect((await cli("eval", "x*y", "--at", "x=2,y=3")).stderr).toBe("");
    const r = await cli("grad", "x^2", "--at", "x=2,y=3", "--wrt", "x,y", "--json");
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout).methods.reverse.gradient).toEqual({ x: 4, y: 0 });
  });
});

describe("grad at a point outside f's domain", () => {
  it("log(x) at x = -1 is refused, exit 2, nothing on stdout, saying the point is outside the domain", async () => {
    const r = await cli("grad", "log(x)", "--at", "x=-1");
    expect([r.code, r.stdout]).toEqual([2, ""]);
    expect(r.stderr).toBe(
      "error: grad: x = -1 is outside the domain of f: log(x) has no real value there (argument -1), so f is NaN and has no derivative\n" +
        "choose a point inside the domain (e.g. a positive argument for log and sqrt, |u| ≤ 1 for asin)\n",
    );
  });

  it("with --json the refusal is JSON with exit code 2", async () => {
    const r = await cli("grad", "log(x)", "--at", "x=-1", "--json");
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error).toMatchObject({ exitCode: 2, message: expect.stringContaining("outside the domain of f") });
  });

  it.each([
    ["sqrt(x)*y", "x=-4,y=2", "sqrt(x)"],
    ["asin(x) + y", "x=2,y=0", "asin(x)"],
    ["x/x", "x=0", "x/x"],
    ["log(x - y)", "x=1,y=2", "log(x - y)"],
    ["y*(-8)^x", "x=0.5,y=1", "(-8)^x"],
  ])("%s at %s: %s is named", async (f, at, culprit) => {
    const r = await cli("grad", f, "--at", at);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`outside the domain of f: ${culprit} has no real value there`);
  });

  it.each([
    ["exp(1000*x) - exp(1000*x)", "x=1", "unreliable"],
    ["log(x)", "x=0", "log(x) is -Infinity"],
    ["asin(x)", "x=1", undefined],
    ["log(x)", "x=1", undefined],
  ])("%s at %s is not outside the domain: exit 0", async (f, at, note) => {
    const r = await cli("grad", f, "--at", at);
    expect(r.code).toBe(0);
    if (note !== undefined) expect(r.stdout).toContain(note);
  });
});

describe("compare: a network's title and its loss note say what it is", () => {
  it("nn2 reshaped by --widths 2,2,1 says it is not the lecture's 3,4,3,1 network", async () => {
    const r = await cli("compare", "nn2", "--widths", "2,2,1", "--methods", "reverse", "--wide");
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe(
      "nn2 (reshaped by --widths, not the default 3,4,3,1): widths 2,2,1, sigmoid hidden units, sigmoid output, cross-entropy, 6 parameters",
    );
    const plain = await cli("compare", "nn2", "--methods", "reverse", "--wide");
    expect(plain.stdout.split("\n")[0]).toBe("nn2: widths 3,4,3,1, sigmoid hidden units, sigmoid output, cross-entropy, 27 parameters");
  });

  it("mnist (softmax over 10 classes) gets the categorical cross-entropy note, not the binary one", () => {
    const mnist = GRADIENT_SUITES.find((s) => s.name === "mnist");
    const [c] = mnist?.cases({}) ?? [];
    expect(c.notes).toEqual([CATEGORICAL_CROSS_ENTROPY_NOTE]);
    expect(CATEGORICAL_CROSS_ENTROPY_NOTE).toContain("J = −Σ_k y*_k log p_k");
    const nn2 = GRADIENT_SUITES.find((s) => s.name === "nn2")?.cases({}) ?? [];
    expect(nn2[0].notes).toEqual([CROSS_ENTROPY_NOTE]);
  });

  it("a softmax network by --widths prints the categorical note", async () => {
    const r = await cli("compare", "--widths", "4,3", "--methods", "reverse", "--wide");
    expect(r.stdout).toContain(`note: ${CATEGORICAL_CROSS_ENTROPY_NOTE}`);
    expect(r.stdout).not.toContain("(1−y*) log(1−y)");
  });
});
