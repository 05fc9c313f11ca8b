// Scores diffscope's reader on the student-answer corpus (issue 12): each answer as the student
// wrote it goes through `diffscope check` in-process; per notation and overall it prints how
// many correct answers are accepted (exit 0) and how many wrong ones rejected (exit 1), then
// every failure with its exit code and the first line of the message.
//   npx tsx scripts/corpus/score.ts [--json]
import { judge, expectedCode } from "../../test/corpus/judge.js";
import { NOTATIONS, studentAnswers, type Notation, type StudentAnswer } from "../../test/corpus/student-answers.js";

interface Failure {
  readonly entry: StudentAnswer;
  readonly code: number;
  readonly message: string;
}

interface Tally {
  correct: number;
  accepted: number;
  wrong: number;
  rejected: number;
}

const tallies = new Map<Notation | "overall", Tally>();
const tallyOf = (key: Notation | "overall"): Tally => {
  let t = tallies.get(key);
  if (t === undefined) tallies.set(key, (t = { correct: 0, accepted: 0, wrong: 0, rejected: 0 }));
  return t;
};
const failures: Failure[] = [];

for (const entry of studentAnswers) {
  const { code, message } = await judge(entry, entry.answer);
  const right = code === expectedCode(entry);
  for (const t of [tallyOf(entry.notation), tallyOf("overall")]) {
    if (entry.correct) {
      t.correct++;
      if (right) t.accepted++;
    } else {
      t.wrong++;
      if (right) t.rejected++;
    }
  }
  if (!right) failures.push({ entry, code, message });
}

const pct = (n: number, of: number) => (of === 0 ? "-" : `${((100 * n) / of).toFixed(1)}%`);
if (process.argv.includes("--json")) {
  const rows = [...NOTATIONS, "overall" as const].map((key) => ({ notation: key, ...tallyOf(key) }));
  const list = failures.map(({ entry, code, message }) => ({ id: entry.id, answer: entry.answer, correct: entry.correct, code, message }));
  process.stdout.write(JSON.stringify({ rows, failures: list }, null, 2) + "\n");
} else {
  const lines = ["notation   correct accepted          wrong rejected"];
  for (const key of [...NOTATIONS, "overall" as const]) {
    const t = tallyOf(key);
    lines.push(
      `${key.padEnd(10)} ${String(t.accepted).padStart(3)}/${String(t.correct).padEnd(3)} ${pct(t.accepted, t.correct).padStart(6)}` +
        `        ${String(t.rejected).padStart(3)}/${String(t.wrong).padEnd(3)} ${pct(t.rejected, t.wrong).padStart(6)}`,
    );
  }
  lines.push("", `${failures.length} failure(s)${failures.length ? ":" : ""}`);
  for (const { entry, code, message } of failures) {
    lines.push(`  ${entry.id} [${entry.notation}, ${entry.correct ? "correct" : "wrong"}] exit ${code}: ${entry.answer}`);
    lines.push(`      ${message}`);
  }
  process.stdout.write(lines.join("\n") + "\n");
}
