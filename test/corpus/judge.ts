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
