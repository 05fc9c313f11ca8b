// Reports of matrix-form answers: the verdict over all entries and, when wrong, the first
// differing entry with a point where it differs (the point shown as vectors and matrices).
import { formatTypedInline } from "../typed/format-value.js";
import { printTyped, type PrintNames } from "../typed/print.js";
import { bindingNames, type TypedProgram } from "../typed/program.js";
import { describeShape, sizeOf, type Shape } from "../typed/shape.js";
import { reshape } from "../typed/values.js";
import { elementNames } from "../typed/lower.js";
import { printBounded } from "../print/text.js";
import type { PointRecord } from "./equivalence.js";
import { derivativeCheckJson, formatReportNumber } from "./report.js";
import type { EntryCheck, TypedAnswerCheck, TypedProblemReport, TypedValueCheck } from "./typed.js";
import { VALUE_ABSOLUTE_FLOOR } from "./value.js";

export const LAYOUT_WORDS = "denominator layout: ∂f/∂W has the shape of W, entry (i, j) is ∂f/∂W_ij";

/** The layout sentence for one variable: "∂f/∂x has the shape of x, entry i is ∂f/∂x_i". */
function layoutFor(name: string, shape: Shape): string {
  const entry = shape.kind === "matrix" ? `entry (i, j) is ∂f/∂${name}_ij` : shape.kind === "scalar" ? "" : `entry i is ∂f/∂${name}_i`;
  return `denominator layout: ∂f/∂${name} has the shape of ${name}${entry === "" ? "" : `, ${entry}`}`;
}

/** A counterexample over element names, shown as the program's variables. */
function typedPoint(program: TypedProgram, point: PointRecord): string {
  const shown = [...program.shapes].filter(([name, shape]) => elementNames(name, shape).every((element) => element in point));
  const covered = new Set(shown.flatMap(([name, shape]) => elementNames(name, shape)));
  // Names only the answer has (a stray q) are shown too, so the numbers can be reproduced.
  const others = Object.keys(point).filter((name) => !covered.has(name)).map((name) => `${name} = ${formatReportNumber(point[name])}`);
  return [...shown.map(([name, shape]) => `${name} = ${formatTypedInline(reshape(name, shape, (element) => point[element]))}`), ...others].join(", ");
}

/** The entries' notes, one of each kind: notes that differ only in their numbers (counts, points) are one. */
function entryNotes(check: TypedAnswerCheck): string[] {
  const byKind = new Map<string, string>();
  for (const note of check.entries.flatMap((e) => e.check.notes)) {
    const kind = note.replace(/-?\d+(\.\d+)?/g, "#");
    if (!byKind.has(kind)) byKind.set(kind, check.entries.length > 1 ? `${note} (first entry with this note)` : note);
  }
  return [...byKind.values()];
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
  ];
  if (check.entries.length === 0) {
    lines.push(`  verdict   INCORRECT: ${check.notes.join("; ")}`);
    return lines.join("\n");
  }
  lines.push(
    `  exact     ${formatTypedInline(check.exact)}`,
    `  verdict   ${verdictWord[check.verdict]}: ${check.agreeing} of ${check.entries.length} entries within ` +
      `${check.tolerance === null ? "the precision each states (half a unit in its last significant figure;" : `${check.tolerance} relative (`} differences below ${VALUE_ABSOLUTE_FLOOR} always accepted)`,
  );
  const entry = check.firstDiffering;
  if (entry !== undefined) {
    lines.push(`  first differing entry: ∂f/∂${entry.wrt} is ${formatReportNumber(entry.exact)}, the answer ${formatReportNumber(entry.value)}`);
    if (entry.rule === "significant figures") lines.push(`  rule      ${entry.ruleText}`);
  } else if (check.entries.length === 1) {
    lines.push(`  rule      ${check.entries[0].ruleText}`);
  }
  for (const note of check.notes) lines.push(`  note      ${note}`);
  return lines.join("\n");
}

function answerBlock(program: TypedProgram, check: TypedAnswerCheck, names: PrintNames): string {
  const lines = [
    `∂f/∂${check.wrt}, ${describeShape(check.shape)} (${layoutFor(check.wrt, check.shape)})`,
    `  f         ${program.source.replace(/\s+/g, " ").trim()}`,
    ...(check.readAs === undefined
      ? [`  answer    ${printTyped(check.answer, names)}`]
      : [`  answer    ${check.readAs.written.trim()}`, `  read as   ${printTyped(check.answer, names)}`, ...check.readAs.notes.map((note) => `  reading   ${note}`)]),
  ];
  if (check.shapeMismatch !== undefined) {
    lines.push(`  verdict   INCORRECT: ${check.shapeMismatch}`);
    if (check.correct !== undefined) lines.push(`  correct   ${printTyped(check.correct, names)}   (one correct form, by matrix calculus)`);
    return lines.join("\n");
  }
  // Notes every entry's check made (an answer undefined at some points, a name the expression lacks), once each.
  const notes = entryNotes(check);
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
  for (const note of notes) lines.push(`  note      ${note}`);
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
      readAs: check.readAs === undefined ? null : { written: check.readAs.written, notes: check.readAs.notes },
      verdict: check.verdict,
      entries: sizeOf(check.shape),
      agreeing: check.agreeing,
      shapeMismatch: check.shapeMismatch ?? null,
      notes: entryNotes(check),
      correct: check.correct === undefined ? null : printTyped(check.correct, names),
      firstDiffering:
        check.firstDiffering === undefined
          ? null
          : { row: check.firstDiffering.row + 1, column: check.firstDiffering.col + 1, element: check.firstDiffering.element, ...derivativeCheckJson(check.firstDiffering.check) },
    })),
  };
}
