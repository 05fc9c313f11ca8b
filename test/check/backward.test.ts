// A backward sheet judged line by line against the lecture's simple example, written exactly as
// the notes print it (LaTeX, with the local derivatives after \quad), and with one classic
// mistake at a time: each gets its own diagnosis, on its own line only.
import { describe, expect, it } from "vitest";
import { readForwardProgram } from "../../src/check/backward/forward.js";
import { judgeSheet } from "../../src/check/backward/judge.js";

const PROGRAM = "J = \\cos(u)\nu = u_1 + u_2\nu_1 = \\sin(t)\nu_2 = 3t\nt = x^2";
// The lecture's backward pass, as printed in the notes.
const LECTURE = [
  "$$\\frac{dJ}{du} += -\\sin(u)$$",
  "$$\\frac{dJ}{du_1} += \\frac{dJ}{du} \\frac{du}{du_1}, \\quad \\frac{du}{du_1} = 1$$",
  "$$\\frac{dJ}{dt} += \\frac{dJ}{du_1} \\frac{du_1}{dt}, \\quad \\frac{du_1}{dt} = \\cos(t)$$",
  "$$\\frac{dJ}{dt} += \\frac{dJ}{du_2} \\frac{du_2}{dt}, \\quad \\frac{du_2}{dt} = 3$$",
  "$$\\frac{dJ}{dx} += \\frac{dJ}{dt} \\frac{dt}{dx}, \\quad \\frac{dt}{dx} = 2x$$",
];

const judge = (lines: readonly string[], program = PROGRAM) => judgeSheet(readForwardProgram(program), lines.join("\n"));
const wrongLines = (lines: readonly string[]) => judge(lines).lines.filter((l) => l.verdict === "incorrect").map((l) => [l.line, l.diagnosis]);

describe("the lecture's simple example J = cos(sin(x^2) + 3x^2)", () => {
  it("accepts the notes' own backward pass line by line, with its local derivatives", () => {
    const report = judge(LECTURE);
    expect(report.verdict).toBe("correct");
    expect(report.lines.map((l) => l.quantity)).toEqual(["u", "u_1", "t", "t", "x"]);
    expect(report.lines.flatMap((l) => l.claims.map((c) => c.verdict))).toEqual(["correct", "correct", "correct", "correct"]);
  });

  it("accepts it in ASCII, with the forward program given as the expression (trace's names)", () => {
    const report = judgeSheet(readForwardProgram("cos(sin(x^2) + 3x^2)"), ["dJ/du = -sin(u)", "dJ/du1 = dJ/du * du/du1", "dJ/du2 = dJ/du", "dJ/dt += dJ/du1 * cos(t)", "dJ/dt += dJ/du2 * 3", "dJ/dx = dJ/dt * 2x"].join("\n"));
    expect(report.lines.map((l) => l.verdict)).toEqual(["correct", "correct", "correct", "correct", "correct", "correct"]);
  });

  it("names a wrong sign on its line only", () => {
    expect(wrongLines(LECTURE.map((l, i) => (i === 0 ? "dJ/du = sin(u)" : l)))).toEqual([[1, "wrong sign: this is -(dJ/du)"]]);
  });

  it("names the missing path through u2 when the second += line is left out, or is wrong", () => {
    expect(wrongLines(LECTURE.filter((_l, i) => i !== 3))).toEqual([[3, "misses the path through u_2 (dJ/du_2 * du_2/dt)"]]);
    // Both += lines there, the first one right: the second is named.
    expect(wrongLines([...LECTURE.slice(0, 3), "dJ/dt += dJ/du_2 * 2", LECTURE[4]]).map(([line]) => line)).toEqual([4]);
  });

  it("names a missing chain factor", () => {
    expect(wrongLines(LECTURE.map((l, i) => (i === 4 ? "dJ/dx = dJ/dt" : l)))).toEqual([[5, "misses the factor 2*x = dt/dx"]]);
  });

  it("names a constant multiple", () => {
    expect(wrongLines(LECTURE.map((l, i) => (i === 4 ? "dJ/dx = dJ/dt * 4x" : l)))).toEqual([[5, "a constant multiple: this is 2 times dJ/dx"]]);
  });

  it("judges a wrong local derivative written beside a line, saying what it is", () => {
    const report = judge(LECTURE.map((l, i) => (i === 2 ? "dJ/dt += dJ/du_1 \\cos(t), \\quad du_1/dt = \\sin(t)" : l)));
    expect(report.lines[2].verdict).toBe("correct");
    expect(report.lines[2].claims).toEqual([{ written: "du_1/dt = \\sin(t)", verdict: "incorrect", diagnosis: "du_1/dt is cos(t)" }]);
    expect(report.firstWrong).toBe(3);
  });

  it("does not let one mistake condemn the lines after it: later lines use the true adjoints", () => {
    const report = judge(LECTURE.map((l, i) => (i === 1 ? "dJ/du_1 = 7" : l)));
    expect(report.lines.map((l) => l.verdict)).toEqual(["correct", "incorrect", "correct", "correct", "correct"]);
  });
});
