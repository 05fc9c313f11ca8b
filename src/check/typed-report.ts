// Reports of matrix-form answers: the verdict over all entries and, when wrong, the first
// differing entry with a point where it differs (the point shown as vectors and matrices).
import { formatTypedInline } from "../typed/format-value.js";
import { printTyped, type PrintNames } from "../typed/print.js";
import type { TypedProgram } from "../typed/program.js";
import { describeShape, sizeOf } from "../typed/shape.js";
import { reshape } from "../typed/values.js";
import { printBounded } from "../print/text.js";
import type { PointRecord } from "./equivalence.js";
import { derivativeCheckJson, formatReportNumber } from "./report.js";
import type { EntryCheck, TypedAnswerCheck, TypedProblemReport, TypedValueCheck } from "./typed.js";
import { bindingNames } from "../typed/program.js";
import { VALUE_ABSOLUTE_FLOOR } from "./value.js";

export const LAYOUT_WORDS = "denominator layout: ∂f/∂W has the shape of W, entry (i, j) is ∂f/∂W_ij";

/** A counterexample over element names, shown as the program's variables. */
function typedPoint(program: TypedProgram, point: PointRecord): string {
  return [...program.shapes]
    .filter(([name, shape]) => reshapeable(point, name, shape))
    .map(([name, shape]) => `${name} = ${formatTypedInline(reshape(name, shape, (element) => point[element]))}`)
    .join(", ");
}

function reshapeable(point: PointRecord, name: string, shape: Parameters<typeof reshape>[1]): boolean {
  let ok = true;
  reshape(name, shape, (element) => {
    if (!(element in point)) ok = false;
    return 0;
  });
  return ok;
}

function entryLabel(check: TypedAnswerCheck, entry: EntryCheck): string {
  const where = check.shape.kind === "matrix" ? `row ${entry.row + 1}, column ${entry.col + 1}` : `entry ${Math.max(entry.row, entry.col) + 1}`;
  return `${where} (∂f/∂${entry.element})`;
}

const verdictWord = { correct: "correct", incorrect: "INCORRECT", undecided: "could not decide" } as const;

/** The report of a typed problem: answer expressions or numeric values, entry by entry. */
export function typedReportText(report: TypedProblemReport): string {
  const names = bindingNames(report.program);
  const blocks = [...report.checks.map((c) => answerBlock(report.program, c, names)), ...(report.valueChecks ?? []).map((c) => valueBlock(report, c))];
  return `${blocks.join("\n\n")}\n`;
}

function valueBlock(report: TypedProblemReport, check: TypedValueCheck): string {
  const lines = [
    `∂f/∂${check.wrt}, ${describeShape(check.shape)}, at ${[...(report.at ?? [])].map(([k, v]) => `${k} = ${formatTypedInline(v)}`).join(", ")}`,
    `  f         ${report.program.source.replace(/\s+/g, " ").trim()}`,
    `  value     ${formatTypedInline(check.value)}`,
    `  exact     ${formatTypedInline(check.exact)}`,
    `  verdict   ${verdictWord[check.verdict]}: ${check.agreeing} of ${check.entries.length} entries within ${check.tolerance} relative (differences below ${VALUE_ABSOLUTE_FLOOR} always accepted)`,
  ];
  const entry = check.firstDiffering;
  if (entry !== undefined) {
    lines.push(`  first differing entry: ∂f/∂${entry.wrt} is ${formatReportNumber(entry.exact)}, the answer ${formatReportNumber(entry.value)}`);
  }
  for (const note of check.notes) lines.push(`  note      ${note}`);
  return lines.join("\n");
}

function answerBlock(program: TypedProgram, check: TypedAnswerCheck, names: PrintNames): string {
  const lines = [
    `∂f/∂${check.wrt}, ${describeShape(check.shape)} (${LAYOUT_WORDS})`,
    `  f         ${program.source.replace(/\s+/g, " ").trim()}`,
    `  answer    ${printTyped(check.answer, names)}`,
  ];
  if (check.shapeMismatch !== undefined) {
    lines.push(`  verdict   INCORRECT: ${check.shapeMismatch}`);
    if (check.correct !== undefined) lines.push(`  correct   ${printTyped(check.correct, names)}   (one correct form, by matrix calculus)`);
    return lines.join("\n");
  }
  const total = sizeOf(check.shape);
  lines.push(`  verdict   ${verdictWord[check.verdict]}: ${check.agreeing} of ${total} entries agree with ∂f/∂${check.wrt} as functions`);
  const entry = check.firstDiffering;
  if (entry !== undefined) {
    const c = entry.check;
    lines.push(`  first differing entry: ${entryLabel(check, entry)}`);
    lines.push(`    answer    ${printBounded(c.answer)}`);
    if (c.counterexample !== undefined) {
      lines.push(`    e.g.      at ${typedPoint(program, c.counterexample.point)}`);
      lines.push(`              the answer's entry is ${formatReportNumber(c.counterexample.answer)}, ∂f/∂${entry.element} is ${formatReportNumber(c.counterexample.derivative)}`);
    }
    if (c.region !== undefined) lines.push(`    where     ${c.region}`);
    if (c.derivative !== undefined && check.correct === undefined) lines.push(`    correct   ${printBounded(c.derivative)}   (one correct form of this entry)`);
  }
  if (check.verdict !== "correct" && check.correct !== undefined) lines.push(`  correct   ${printTyped(check.correct, names)}   (one correct form, by matrix calculus)`);
  return lines.join("\n");
}

export function typedReportJson(report: TypedProblemReport) {
  const names = bindingNames(report.program);
  return {
    kind: "typed",
    program: report.program.source,
    layout: LAYOUT_WORDS,
    verdict: report.verdict,
    ...(report.at !== undefined ? { at: Object.fromEntries(report.at) } : {}),
    ...(report.valueChecks !== undefined
      ? { values: report.valueChecks.map((c) => ({ wrt: c.wrt, shape: describeShape(c.shape), value: c.value, exact: c.exact, verdict: c.verdict, tolerance: c.tolerance, entries: c.entries.length, agreeing: c.agreeing, firstDiffering: c.firstDiffering ?? null, notes: c.notes })) }
      : {}),
    checks: report.checks.map((check) => ({
      wrt: check.wrt,
      shape: describeShape(check.shape),
      answer: printTyped(check.answer, names),
      verdict: check.verdict,
      entries: sizeOf(check.shape),
      agreeing: check.agreeing,
      shapeMismatch: check.shapeMismatch ?? null,
      correct: check.correct === undefined ? null : printTyped(check.correct, names),
      firstDiffering:
        check.firstDiffering === undefined
          ? null
          : { row: check.firstDiffering.row + 1, column: check.firstDiffering.col + 1, element: check.firstDiffering.element, ...derivativeCheckJson(check.firstDiffering.check) },
    })),
  };
}
