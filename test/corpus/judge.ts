// Runs `diffscope check` in-process on one corpus entry with a given answer text: the verdict
// the corpus tests and scripts/corpus/score.ts read (exit 0 correct, 1 incorrect, 2 unreadable).
import { cli } from "../cli/run.js";
import type { StudentAnswer } from "./student-answers.js";

export interface Judgement {
  readonly code: number;
  /** The first line that says why: the error for exit 2, else the verdict line. */
  readonly message: string;
}

export async function judge(entry: StudentAnswer, answer: string): Promise<Judgement> {
  const run = await cli("check", entry.expression, "--wrt", entry.wrt, "--answer", answer);
  const lines = (run.code === 0 || run.code === 1 ? run.stdout : run.stderr || run.stdout).split("\n");
  const verdict = lines.find((line) => /^\s*verdict\s/.test(line));
  return { code: run.code, message: (verdict ?? lines.find((line) => line.trim() !== "") ?? "").trim() };
}

/** The exit code a right judgement of the entry gives. */
export function expectedCode(entry: StudentAnswer): 0 | 1 {
  return entry.correct ? 0 : 1;
}

// Correct answers that today's check rejects by its own float64 error (a diffscope bug, not
// a label to change): d/da of log(1 − σ(a)) evaluates 1 − σ(a) with catastrophic cancellation
// for a ≳ 17, so diffscope's own derivative is off by ~1e-7 relative there while the answer
// σ(a) − y* is exact, and the allowance for rounding does not cover it ("agrees for x < 17.67,
// differs elsewhere"; the symbolic side leaves σ(1−σ)/(1−σ) − σ uncancelled). Same at HEAD
// before issue 12. When check is fixed, student-answers.test.ts fails on these: empty the list.
export const KNOWN_FALSE_REJECTS: ReadonlySet<string> = new Set([
  ...["01", "02", "05", "06", "07", "08", "13", "14", "15", "19", "20", "21"].map((n) => `ce-da-${n}`),
  ...["01", "02", "06", "07", "08", "09", "13", "14", "15", "19", "20"].map((n) => `logreg-w-${n}`),
  ...["01", "03", "04", "07", "09"].map((n) => `logreg-b-${n}`),
  ...["01", "04", "05", "06", "10", "11", "14"].map((n) => `logreg-theta-${n}`),
  ...["01", "03", "04", "06"].map((n) => `logreg-x-${n}`),
  ...["01", "04", "05", "08", "09", "12"].map((n) => `net-ce-beta-${n}`),
  ...["01", "03", "04", "07", "09"].map((n) => `log1msig-${n}`),
]);
