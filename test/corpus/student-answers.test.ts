// The corpus of student answers (issue 12) checked as data: its shape, its balance, and every
// label verified by today's `diffscope check` on the entry's hand-made ASCII translation —
// a correct entry's asciiEquivalent is accepted (exit 0), a wrong one's is rejected (exit 1).
// A second, independent oracle (mathjs with a central difference, oracle.ts) checks every
// scalar label too. Whether diffscope reads the answers as written is student-answers-read.test.ts.
import { describe, expect, it } from "vitest";
import { judge, expectedCode } from "./judge.js";
import { oracle } from "./oracle.js";
import { NOTATIONS, studentAnswers } from "./student-answers.js";

const ASCII = /^[\x20-\x7e]*$/;

describe("student-answer corpus: shape and balance", () => {
  it("has at least 360 entries with unique ids and no repeated answer to one question", () => {
    expect(studentAnswers.length).toBeGreaterThanOrEqual(360);
    expect(new Set(studentAnswers.map((e) => e.id)).size).toBe(studentAnswers.length);
    const keys = studentAnswers.map((e) => `${e.expression}\u0000${e.wrt}\u0000${e.answer}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it("is about half wrong overall and inside every notation, each notation with at least 40 entries", () => {
    const share = (list: readonly { correct: boolean }[]) => list.filter((e) => !e.correct).length / list.length;
    expect(share(studentAnswers)).toBeGreaterThan(0.45);
    expect(share(studentAnswers)).toBeLessThan(0.55);
    for (const notation of NOTATIONS) {
      const inNotation = studentAnswers.filter((e) => e.notation === notation);
      expect(inNotation.length, notation).toBeGreaterThanOrEqual(40);
      expect(share(inNotation), notation).toBeGreaterThan(0.4);
      expect(share(inNotation), notation).toBeLessThan(0.6);
    }
  });

  it("names the mistake of every wrong answer and of no correct one", () => {
    expect(studentAnswers.filter((e) => e.correct !== (e.mistake === undefined)).map((e) => e.id)).toEqual([]);
  });

  it("keeps the notations apart: ASCII answers are their own translation, the others need one", () => {
    const misfiled = studentAnswers.filter((e) => {
      if (!ASCII.test(e.asciiEquivalent) || !ASCII.test(e.expression)) return true;
      switch (e.notation) {
        case "ascii":
          return e.answer !== e.asciiEquivalent;
        case "latex":
          return !/[\\${}]|\^\*/.test(e.answer) || e.answer === e.asciiEquivalent;
        case "unicode":
          return ASCII.test(e.answer);
        case "lecture":
          return !ASCII.test(e.answer) || e.answer === e.asciiEquivalent;
      }
    });
    expect(misfiled.map((e) => e.id)).toEqual([]);
  });
});


describe("student-answer corpus: every label verified on the ASCII translation", () => {
  for (const entry of studentAnswers) {
    const label = `${entry.id} (${entry.correct ? "correct" : entry.mistake}): ${entry.asciiEquivalent}`;
    it(`${label} — by today's diffscope check`, async () => {
      const { code, message } = await judge(entry, entry.asciiEquivalent);
      expect({ code, message }).toMatchObject({ code: expectedCode(entry) });
    });
    // Vector problems are left to diffscope's check alone.
    if (!entry.expression.includes(":")) {
      it(`${label} — by mathjs and a central difference`, () => {
        const { points, differing } = oracle(entry);
        expect(points).toBeGreaterThanOrEqual(20);
        if (entry.correct) expect(differing).toBe(0);
        else expect(differing).toBeGreaterThan(0);
      });
    }
  }
});
