import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../cli/run.js";

const QUIZ1 = "exp(x*z) + x*z/log(x) + sin(log(x))/exp(x*z)";
const DYDX = "z*exp(x*z) + z/log(x) - z/log(x)^2 + cos(log(x))/(x*exp(x*z)) - z*sin(log(x))/exp(x*z)";
const DYDZ = "x*exp(x*z) + x/log(x) - x*sin(log(x))/exp(x*z)";

describe("diffscope check: exit codes and what is printed", () => {
  it("exit 0 for a right answer, 1 for a wrong one (with the point, both values, and a correct form)", async () => {
    const right = await cli("check", "x^2", "--wrt", "x", "--answer", "2x");
    expect(right.code).toBe(0);
    expect(right.stdout).toMatch(/verdict\s+correct/);
    const wrong = await cli("check", "x^2", "--wrt", "x", "--answer", "2x + 0.001");
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(/verdict\s+INCORRECT/);
    expect(wrong.stdout).toContain("at x = 1: the answer is 2.001, d/dx is 2");
    expect(wrong.stdout).toMatch(/simplifies to 0\.001, not 0/);
    expect(wrong.stdout).toMatch(/correct\s+2\*x/);
  });

  it("says where a partly right answer holds", async () => {
    const r = await cli("check", "sqrt(x^2)", "--answer", "1");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("agrees for x > 0, differs for x < 0");
  });

  it("exit 2 with a caret, naming the answer or the expression as the unreadable one", async () => {
    const badAnswer = await cli("check", "x^2", "--wrt", "x", "--answer", "2*x)");
    expect(badAnswer.code).toBe(2);
    expect(badAnswer.stderr).toMatch(/^error in the answer: /);
    expect(badAnswer.stderr).toContain("   ^");
    const badExpression = await cli("check", "sin(x", "--wrt", "x", "--answer", "cos(x)");
    expect(badExpression.code).toBe(2);
    expect(badExpression.stderr).toMatch(/^error in the expression: /);
    const badSecond = await cli("check", QUIZ1, "--answer", `x=${DYDX}`, "--answer", "z=x*exp(x*z) +");
    expect(badSecond.code).toBe(2);
    expect(badSecond.stderr).toMatch(/^error in the answer for z: /);
  });

  it("exit 2 when the variable is ambiguous or the answers do not match --wrt", async () => {
    const ambiguous = await cli("check", QUIZ1, "--answer", DYDX);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain("say which variable");
    const count = await cli("check", QUIZ1, "--wrt", "x,z", "--answer", DYDX);
    expect(count.code).toBe(2);
    expect(count.stderr).toContain("1 answer(s) for 2 variable(s)");
  });

  it("Quiz 1, both partials at once: named answers or --wrt x,z in order; one wrong one makes exit 1", async () => {
    expect((await cli("check", QUIZ1, "--answer", `x=${DYDX}`, "--answer", `z=${DYDZ}`)).code).toBe(0);
    expect((await cli("check", QUIZ1, "--wrt", "x,z", "--answer", DYDX, "--answer", DYDZ)).code).toBe(0);
    const swapped = await cli("check", QUIZ1, "--wrt", "x,z", "--answer", DYDZ, "--answer", DYDX, "--json");
    expect(swapped.code).toBe(1);
    const report = JSON.parse(swapped.stdout);
    expect(report.checks.map((c: { wrt: string; verdict: string }) => [c.wrt, c.verdict])).toEqual([["x", "incorrect"], ["z", "incorrect"]]);
  });

  it("numeric answers: --at/--value judged to the figures written, the rule shown; --tolerance overrides it", async () => {
    const ok = await cli("check", QUIZ1, "--at", "x=2,z=3", "--wrt", "x,z", "--value", "1208.37", "--value", "809.74");
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("rule      1208.37 gives 6 significant figures; the exact value 1208.36656055 rounds to 1208.37 at 6 figures");
    const tight = await cli("check", QUIZ1, "--at", "x=2,z=3", "--value", "x=1208.37", "--tolerance", "1e-7", "--json");
    expect(tight.code).toBe(1);
    const [c] = JSON.parse(tight.stdout).checks;
    expect(c.tolerance).toBe(1e-7);
    expect(c.exact).toBeCloseTo(1208.36656055419, 9);
    const notANumber = await cli("check", QUIZ1, "--at", "x=2,z=3", "--value", "x=12O8");
    expect(notANumber.code).toBe(2);
  });

  it("the issue's examples: 1210 and 1.21e3 (3 figures) are right for 1208.37, 1207.4 (5 figures) is wrong", async () => {
    for (const value of ["1210", "1.21e3"]) {
      const r = await cli("check", QUIZ1, "--at", "x=2,z=3", "--value", `x=${value}`, "--json");
      expect(r.code, value).toBe(0);
      const [c] = JSON.parse(r.stdout).checks;
      expect(c).toMatchObject({ text: value, rule: "significant figures", tolerance: null, precision: { figures: 3, judgedAt: 3, halfUnit: 5, rounded: "1210" } });
      expect(c.ruleText).toMatch(/gives 3 significant figures.*rounds to 1210 at 3 figures.*: correct$/);
    }
    const wrong = await cli("check", QUIZ1, "--at", "x=2,z=3", "--value", "x=1207.4");
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toContain("  value     1207.4\n");
    expect(wrong.stdout).toContain("rule      1207.4 gives 5 significant figures; the exact value 1208.36656055 rounds to 1208.4 at 5 figures (half a unit there: 0.05): incorrect");
  });

  it("--tolerance overrides the digits both ways; an expression answer is judged to the default 1e-3", async () => {
    const loose = await cli("check", QUIZ1, "--at", "x=2,z=3", "--value", "x=1207.4", "--tolerance", "1e-3");
    expect(loose.code).toBe(0);
    expect(loose.stdout).toContain("within 0.001 relative (the tolerance given");
    expect((await cli("check", QUIZ1, "--at", "x=2,z=3", "--value", "x=1210", "--tolerance", "1e-4")).code).toBe(1);
    const expression = await cli("check", "sin(x)", "--at", "x=pi/4", "--value", "sqrt(2)/2", "--json");
    expect(expression.code).toBe(0);
    expect(JSON.parse(expression.stdout).checks[0]).toMatchObject({ text: "sqrt(2)/2", rule: "tolerance", tolerance: 1e-3 });
  });

  it("a batch file's tolerance overrides the digits too: 1207.4 is wrong without it, right with 0.001", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "diffscope-figures-")), "hw.json");
    const problem = { expression: QUIZ1, at: { x: 2, z: 3 }, value: { x: "1207.4" } };
    writeFileSync(file, JSON.stringify([problem, { ...problem, tolerance: 0.001 }]));
    const r = await cli("check", "--file", file, "--json");
    expect(r.code).toBe(1);
    const [strict, loose] = JSON.parse(r.stdout).problems;
    expect(strict.checks[0]).toMatchObject({ verdict: "incorrect", rule: "significant figures" });
    expect(loose.checks[0]).toMatchObject({ verdict: "correct", rule: "tolerance", tolerance: 0.001 });
  });

  it("--json carries the counterexample and the region", async () => {
    const r = await cli("check", "abs(x)", "--answer", "1", "--json");
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.verdict).toBe("incorrect");
    const [c] = report.checks;
    expect(c.region).toBe("agrees for x > 0, differs for x < 0");
    expect(c.counterexample.answer).toBe(1);
    expect(c.counterexample.derivative).toBe(-1);
    expect(c.counterexample.point.x).toBeLessThan(0);
  });
});

describe("diffscope check --file: a batch of problems", () => {
  const dir = mkdtempSync(join(tmpdir(), "diffscope-check-"));
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const yaml = (answerForTanh: string) => `problems:
  - name: Quiz 1, both partials
    expression: ${QUIZ1}
    answer:
      x: ${DYDX}
      z: ${DYDZ}
  - name: Quiz 1 by numbers
    expression: ${QUIZ1}
    at: {x: 2, z: 3}
    value: {x: 1208.37, z: 809.74}
  - name: Quiz 1 to 3 figures, one quoted
    expression: ${QUIZ1}
    at: {x: 2, z: 3}
    value: {x: 1.21e3, z: "810."}
  - name: tanh
    expression: tanh(a)
    answer: "${answerForTanh}"
  - expression: sigmoid(w*x)
    wrt: w
    answer: x*sigmoid(w*x)*(1 - sigmoid(w*x))
`;

  it("YAML: exit 0 when every answer is right, 1 when one is wrong, with one report", async () => {
    const allRight = await cli("check", "--file", write("right.yaml", yaml("1 - tanh(a)^2")));
    expect(allRight.code).toBe(0);
    expect(allRight.stdout).toContain("5 of 5 problems correct");
    expect(allRight.stdout).toContain("810. gives 3 significant figures");
    const oneWrong = await cli("check", "--file", write("wrong.yaml", yaml("1 + tanh(a)^2")));
    expect(oneWrong.code).toBe(1);
    expect(oneWrong.stdout).toContain("4 of 5 problems correct, 1 incorrect");
    expect(oneWrong.stdout).toContain("== tanh ==");
  });

  it("JSON, --json: a summary and one entry per problem; an unreadable answer gives exit 2 and its caret", async () => {
    const problems = [
      { expression: "x^2", answer: "2x" },
      { expression: "x^2", answer: "2x +" },
      { expression: "sqrt(x^2)", answer: "1" },
    ];
    const r = await cli("check", "--file", write("hw.json", JSON.stringify(problems)), "--json");
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout);
    expect(report.summary).toEqual({ problems: 3, correct: 1, incorrect: 1, undecided: 0, unreadable: 1 });
    expect(report.problems[1].error).toMatch(/^error in the answer: unexpected end of input/);
    expect(report.problems[2].checks[0].region).toBe("agrees for x > 0, differs for x < 0");
  });

  it("a malformed file is exit 2 with what is wrong", async () => {
    const noExpression = await cli("check", "--file", write("bad.yaml", "- answer: 2x\n"));
    expect(noExpression.code).toBe(2);
    expect(noExpression.stderr).toContain('problem 1 has no "expression"');
    const missing = await cli("check", "--file", join(dir, "nope.yaml"));
    expect(missing.code).toBe(2);
    const unknownKey = await cli("check", "--file", write("typo.yaml", "- expression: x^2\n  anwser: 2x\n"));
    expect(unknownKey.code).toBe(2);
    expect(unknownKey.stderr).toContain("unknown key(s) anwser");
  });
});
