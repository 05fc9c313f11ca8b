import { describe, expect, it } from "vitest";
import { cli } from "../cli/run.js";

describe("diffscope compare", () => {
  it("compare nn2 prints one table with a row per method, the check's tolerances and the lecture note", async () => {
    // --wide: every column, lines unbroken (the fitted layout: test/cli/width.test.ts)
    const { code, stdout, stderr } = await cli("compare", "nn2", "--wide");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^nn2: widths 3,4,3,1, sigmoid hidden units, sigmoid output, cross-entropy, 27 parameters/);
    for (const method of ["symbolic", "finite-difference", "forward", "reverse"]) {
      expect(stdout).toMatch(new RegExp(`^${method}( \\(compiled\\))? +27 .* pass `, "m"));
    }
    expect(stdout).toMatch(/drop the minus/);
    expect(stdout).toMatch(/torch\.autograd\.gradcheck/);
    expect(stderr).toMatch(/compare: nn2: reverse…/); // progress goes to stderr
  });

  it("--json prints rows that each name their suite and method", async () => {
    const { code, stdout } = await cli("compare", "nn1", "--loss", "quadratic", "--json");
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { rows: { suite: string; case: string; method: string; gradient: Record<string, number> }[] };
    expect(report.rows.map((r) => `${r.suite}/${r.case}/${r.method}`)).toEqual(
      ["symbolic", "finite-difference", "forward", "reverse"].map((m) => `nn1/quadratic/${m}`),
    );
    expect(Object.keys(report.rows[3].gradient)).toHaveLength(16);
  });

  it("all runs every default suite (here with reverse only and a small Jacobian grid)", async () => {
    const { code, stdout } = await cli("compare", "all", "--methods", "reverse", "--sizes", "1,2", "--json");
    expect(code).toBe(0);
    const rows = (JSON.parse(stdout) as { rows: { suite: string; method: string }[] }).rows;
    expect([...new Set(rows.map((r) => r.suite))]).toEqual(["quiz1", "simple", "logreg", "nn1", "nn2", "activations", "jacobian"]);
    expect(new Set(rows.map((r) => r.method))).toEqual(new Set(["reverse", "forward"])); // jacobian rows: both modes
  });

  it("--widths alone runs the custom network; --biases and --activation shape it", async () => {
    const { code, stdout } = await cli("compare", "--widths", "2,3,2", "--activation", "tanh", "--biases", "--methods", "reverse,symbolic", "--wide");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^network: widths 2,3,2, tanh hidden units, softmax over 2 classes, cross-entropy, biases, 17 parameters/);
  });

  it.each([
    [["bogus"], /unknown suite "bogus"/],
    [["nn2", "--widths", "3,x,1"], /--widths expects two or more positive integers/],
    [["nn2", "--widths", "3"], /--widths expects two or more/],
    [["nn2", "--activation", "swish"], /--activation must be one of sigmoid, tanh, relu, softplus/],
    [["nn2", "--loss", "hinge"], /--loss must be one of cross-entropy, quadratic/],
    [["nn2", "--seed", "1.5"], /--seed must be an integer/],
    [["nn2", "--methods", "newton"], /unknown method "newton"/],
    [["nn2", "--budget=-3"], /--budget must be a positive number/],
    [["jacobian", "--sizes", "0"], /--sizes expects positive integers/],
    [["nn2", "--frobnicate"], /unknown option --frobnicate/],
  ])("compare %j exits 2 with a clear message", async (args, message) => {
    const { code, stderr, stdout } = await cli("compare", ...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stdout).toBe("");
  });

  it("demo: Quiz 1 by the four methods (dy/dx = 1208.36656055419, dy/dz = 809.739809413939), then short quiz1 and nn2 tables", async () => {
    const started = performance.now();
    const { code, stdout } = await cli("demo");
    expect(code).toBe(0);
    for (const method of ["symbolic", "forward", "reverse"]) expect(stdout).toMatch(new RegExp(`^${method} +1208\\.36656055419 +809\\.739809413939$`, "m"));
    expect(stdout).toMatch(/^finite-difference +1208\.3665605\d* +809\.73980941\d*$/m);
    expect(stdout).toMatch(/^quiz1: /m);
    expect(stdout).toMatch(/^nn2: widths 3,4,3,1/m);
    expect(performance.now() - started).toBeLessThan(5000);
    const json = JSON.parse((await cli("demo", "--json")).stdout) as { value: number; methods: Record<string, { gradient: Record<string, number> }> };
    expect(Object.keys(json.methods)).toEqual(["symbolic", "finite-difference", "forward", "reverse"]);
    expect(json.methods.reverse.gradient.x).toBeCloseTo(1208.36656055419, 9);
  });
});
