// Issue 12's acceptance test: diffscope reads every corpus answer as the student wrote it —
// LaTeX, pasted Unicode, the lecture's ASCII forms — and `check` accepts the correct ones
// (exit 0) and rejects the wrong ones (exit 1). `npx tsx scripts/corpus/score.ts` prints the
// same verdicts as a table with every failure.
import { describe, expect, it } from "vitest";
import { expectedCode, judge } from "./judge.js";
import { studentAnswers } from "./student-answers.js";

describe("diffscope check reads the students' answers as written", () => {
  for (const entry of studentAnswers) {
    it(`${entry.id} [${entry.notation}, ${entry.correct ? "correct" : entry.mistake}]: ${entry.answer}`, async () => {
      const { code, message } = await judge(entry, entry.answer);
      expect({ code, message }).toMatchObject({ code: expectedCode(entry) });
    });
  }
});
