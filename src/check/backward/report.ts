// Reports of a judged backward sheet: plain text for people, plain objects for --json. Every line
// is marked correct or INCORRECT with what its mistake is; the answers are shown only on request.
import { printBounded } from "../../print/text.js";
import { formatShape, isScalar } from "../../typed/shape.js";
import type { ReadProgram } from "./forward.js";
import type { JudgedLine, SheetReport } from "./judge.js";

/** A backward sheet checked as a problem (command line or batch file). */
export interface BackwardProblemReport {
  readonly kind: "backward";
  readonly name?: string;
  /** Where the sheet came from (a file name), when it has one. */
  readonly source?: string;
  readonly verdict: SheetReport["verdict"];
  readonly sheet: SheetReport;
  /** Reveal one correct form of each adjoint the sheet sets. */
  readonly showAnswer: boolean;
}

/** The forward pass as diffscope read it: "t = x^2; u1 = sin(t); …; J = cos(u)". */
export function forwardText(program: ReadProgram): string {
  const shaped = [...(program.shapes ?? [])].filter(([, shape]) => !isScalar(shape));
  // With vectors and matrices, the entries' definitions would fill a screen: name the shapes instead.
  if (shaped.length > 0) return `${shaped.map(([name, shape]) => `${name} ${formatShape(shape)}`).join(", ")}; ${program.definitions.length} definitions of entries, output ${program.output}`;
  return program.definitions.map((d) => `${d.name} = ${printBounded(d.formula)}`).join("; ");
}

/**
 * Whether to show how a line was read: when it is written in LaTeX or Unicode, or a reading rule
 * fired (every sheet uses derivative notation, so that alone does not count).
 */
const shownAsRead = (line: JudgedLine): line is JudgedLine & { asRead: string } =>
  line.asRead !== undefined && ((line.readAs?.notes.length ?? 0) > 0 || !/^[\x20-\x7e]*$/.test(line.written) || line.written.includes("\\"));

const VERDICT_WORD = { correct: "correct", incorrect: "INCORRECT" } as const;

function lineText(line: JudgedLine, width: number): string[] {
  const label = `line ${line.line}`.padEnd(width);
  const indent = " ".repeat(width + 13);
  const out = [`${label}  ${VERDICT_WORD[line.verdict].padEnd(9)}  ${line.written}`];
  if (shownAsRead(line)) out.push(`${indent}read as   ${line.asRead}`, ...(line.readAs?.notes ?? []).map((note) => `${indent}reading   ${note}`));
  if (line.diagnosis !== undefined) out.push(`${indent}mistake   ${line.diagnosis}`);
  for (const claim of line.claims) {
    out.push(`${indent}claim     ${claim.written}: ${VERDICT_WORD[claim.verdict]}${claim.diagnosis === undefined ? "" : ` (${claim.diagnosis})`}`);
  }
  return out;
}

/** The report: the forward pass, every line with its verdict, and the first wrong line. */
export function backwardReportText(report: BackwardProblemReport): string {
  const { sheet } = report;
  const width = Math.max(...sheet.lines.map((l) => `line ${l.line}`.length));
  const wrong = sheet.lines.filter((l) => l.verdict === "incorrect" || l.claims.some((c) => c.verdict === "incorrect")).length;
  const out = [
    ...(report.name === undefined ? [] : [`== ${report.name} ==`]),
    `forward   ${forwardText(sheet.program)}`,
    ...(report.source === undefined ? [] : [`sheet     ${report.source}`]),
    "",
    ...sheet.lines.flatMap((l) => lineText(l, width)),
    "",
    sheet.firstWrong === undefined
      ? `all ${sheet.lines.length} line${sheet.lines.length === 1 ? "" : "s"} correct`
      : `first wrong line: ${sheet.firstWrong} (${wrong} of ${sheet.lines.length} line${sheet.lines.length === 1 ? "" : "s"} wrong)`,
  ];
  if (report.showAnswer) {
    out.push("", "correct forms (one per adjoint):", ...[...sheet.answers].map(([q, form]) => `  d${sheet.program.output}/d${q} = ${form}`));
  }
  return `${out.join("\n")}\n`;
}

/** The same for --json: {"lines": [{"line", "quantity", "verdict", "diagnosis", …}], "verdict", "firstWrong", …}. */
export function backwardReportJson(report: BackwardProblemReport) {
  const { sheet } = report;
  return {
    ...(report.name === undefined ? {} : { name: report.name }),
    kind: "backward" as const,
    forward: forwardText(sheet.program),
    output: sheet.program.output,
    inputs: sheet.program.inputs,
    ...(report.source === undefined ? {} : { sheet: report.source }),
    verdict: sheet.verdict,
    firstWrong: sheet.firstWrong ?? null,
    lines: sheet.lines.map((l) => ({
      line: l.line,
      written: l.written,
      quantity: l.quantity,
      verdict: l.verdict,
      diagnosis: l.diagnosis ?? null,
      readAs: shownAsRead(l) ? { text: l.asRead, notes: l.readAs?.notes ?? [] } : null,
      claims: l.claims.map((c) => ({ written: c.written, verdict: c.verdict, diagnosis: c.diagnosis ?? null })),
    })),
    ...(report.showAnswer ? { answers: Object.fromEntries(sheet.answers) } : {}),
  };
}
