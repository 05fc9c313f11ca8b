import { describe, expect, it } from "vitest";
import { derivative, evaluate as mathEvaluate } from "mathjs";
import { cli } from "./run.js";

const QUIZ1 = "exp(x*z) + x*z/log(x) + sin(log(x))/exp(x*z)";
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe("diffscope grad", () => {
  it("--json: Quiz 1 partials from all four methods, exact ones to 1e-12 (dy/dx = 1208.36656055419, dy/dz = 809.739809413939)", async () => {
    const r = await cli("grad", QUIZ1, "--at", "x=2,z=3", "--json");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out.methods).sort()).toEqual(["finite-difference", "forward", "reverse", "symbolic"]);
    for (const m of ["symbolic", "forward", "reverse"]) {
      expect(rel(out.methods[m].gradient.x, 1208.36656055419)).toBeLessThan(1e-12);
      expect(rel(out.methods[m].gradient.z, 809.739809413939)).toBeLessThan(1e-12);
    }
    const fd = out.methods["finite-difference"];
    expect(Math.abs(fd.gradient.x - 1208.36656055419)).toBeLessThanOrEqual(fd.errorEstimate.x);
    expect(rel(fd.gradient.x, 1208.36656055419)).toBeLessThan(1e-8);
    expect(out.value).toBeCloseTo(412.0865475647234, 10);
  });

  it("the table shows every method, its deviation and its cost", async () => {
    const r = await cli("grad", QUIZ1, "--at", "x=2,z=3");
    for (const word of ["symbolic", "finite-difference", "forward", "reverse", "max |dev| vs exact", "tape"]) expect(r.stdout).toContain(word);
  });

  it("--wrt and --method select; a kink is noted with its convention", async () => {
    const r = await cli("grad", "relu(x - 1)*y", "--at", "x=1,y=2", "--wrt", "x", "--method", "reverse", "--json");
    const out = JSON.parse(r.stdout);
    expect(out.methods.reverse.gradient).toEqual({ x: 0 });
    expect(out.methods.reverse.diagnostics.kinks[0].convention).toMatch(/relu'\(0\) = 0/);
  });

  it("bad --method, --wrt or --step is exit 2 with what is accepted", async () => {
    expect((await cli("grad", "x", "--at", "x=1", "--method", "magic")).stderr).toMatch(/methods: all, symbolic/);
    expect((await cli("grad", "x", "--at", "x=1", "--wrt", "q")).code).toBe(2);
    expect((await cli("grad", "x", "--at", "x=1", "--step", "-1")).code).toBe(2);
  });
});

describe("diffscope derive", () => {
  it("the Baydin logistic example: d/dx 4x(1-x) simplifies to 4 - 8*x", async () => {
    const r = await cli("derive", "4*x*(1-x)", "--wrt", "x");
    expect(r.stdout.trim()).toBe("4 - 8*x");
  });

  it("the printed derivative is read by mathjs and agrees with mathjs.derivative", async () => {
    for (const text of ["cos(sin(x^2) + 3x^2)", QUIZ1, "atan(x)/sqrt(1 + x^2)", "log(x, 3)*tanh(x)"]) {
      const r = await cli("derive", text, "--wrt", "x", "--json");
      const ours = JSON.parse(r.stdout).derivatives.x as string;
      const theirs = derivative(text, "x");
      for (const x of [0.7, 1.3, 2.9]) {
        const a = mathEvaluate(ours, { x, z: 1.5 }) as number;
        const b = theirs.evaluate({ x, z: 1.5 }) as number;
        expect(rel(a, b)).toBeLessThan(1e-12);
      }
    }
  });

  it("--order 2 differentiates twice; --latex prints LaTeX; tree and shared modes print equal values", async () => {
    expect((await cli("derive", "x^3", "--wrt", "x", "--order", "2")).stdout.trim()).toBe("6*x");
    expect((await cli("derive", "sqrt(x)", "--wrt", "x", "--latex")).stdout).toMatch(/\\frac|\\sqrt/);
    const tree = JSON.parse((await cli("derive", QUIZ1, "--wrt", "z", "--mode", "tree", "--json")).stdout).derivatives.z;
    const shared = JSON.parse((await cli("derive", QUIZ1, "--wrt", "z", "--json")).stdout).derivatives.z;
    expect(rel(mathEvaluate(tree, { x: 2, z: 3 }), mathEvaluate(shared, { x: 2, z: 3 }))).toBeLessThan(1e-14);
  });
});
