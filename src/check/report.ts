// Reports of checked problems: plain text for people, plain objects for --json.
import type { Expr } from "../ast/expr.js";
import { variablesOf } from "../ast/walk.js";
import { printBounded } from "../print/text.js";
import type { DerivativeCheck, PointRecord } from "./equivalence.js";
import type { ProblemReport, Verdict } from "./problem.js";
import { VALUE_ABSOLUTE_FLOOR, type ValueCheck } from "./value.js";
import { typedReportJson, typedReportText } from "./typed-report.js";
import { backwardReportJson, backwardReportText } from "./backward/report.js";

/** 12 significant digits (enough to see a difference, short enough to read). */
export function formatReportNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return "0";
  const text = value.toPrecision(12);
  return text.includes("e") ? text.replace(/\.?0+e/, "e") : String(Number(text));
}

export function formatPoint(point: PointRecord): string {
  return Object.entries(point).map(([k, v]) => `${k} = ${formatReportNumber(v)}`).join(", ");
}

/** dJ/dx-style label: "dy/dx" reads as the lecture writes partials. */
function partialLabel(wrt: string): string {
  return `d/d${wrt}`;
}

const VERDICT_WORD: Readonly<Record<Verdict, string>> = { correct: "correct", incorrect: "INCORRECT", undecided: "could not decide" };

function derivativeCheckText(expression: Expr, check: DerivativeCheck): string[] {
  const label = partialLabel(check.wrt);
  const lines = [`${label} [${printBounded(expression)}]`];
  if (check.readAs === undefined) lines.push(`  answer    ${printBounded(check.answer)}`);
  else lines.push(`  answer    ${check.readAs.written.trim()}`, `  read as   ${printBounded(check.answer)}`, ...check.readAs.notes.map((note) => `  reading   ${note}`));
  const { compared, agreeing } = check.numeric;
  const scales = `${check.numeric.scales[0]} to ${check.numeric.scales[check.numeric.scales.length - 1]}`;
  lines.push(`  verdict   ${VERDICT_WORD[check.verdict]}`);
  const difference = check.symbolicDifference;
  if (difference !== undefined) {
    const proved = difference.kind === "num" && difference.value === 0;
    const text = printBounded(difference);
    lines.push(
      proved ? "  symbolic  answer − derivative simplifies to 0 (a proof)"
      : check.verdict === "incorrect" && (difference.kind === "num" || text.length <= 60) ? `  symbolic  answer − derivative simplifies to ${text}, not 0`
      : "  symbolic  answer − derivative does not simplify to 0 (the simplifier is bounded: the numeric check decides)",
    );
  }
  if (compared > 0) {
    const uncounted = check.numeric.inconclusive > 0 ? `; ${check.numeric.inconclusive} more where float64 rounding exceeds the values, not counted` : "";
    lines.push(`  numeric   agrees at ${agreeing} of ${compared} random points (scales ${scales}, both signs, inside the domain${uncounted})`);
  }
  if (check.counterexample !== undefined) {
    const c = check.counterexample;
    lines.push(`  e.g.      at ${formatPoint(c.point)}: the answer is ${formatReportNumber(c.answer)}, ${label} is ${formatReportNumber(c.derivative)}`);
  }
  if (check.region !== undefined) lines.push(`  where     ${check.region}`);
  for (const note of check.notes) lines.push(`  note      ${note}`);
  if (check.verdict !== "correct" && check.derivative !== undefined) {
    lines.push(`  correct   ${printBounded(check.derivative)}   (one correct form)`);
  }
  return lines;
}

function valueCheckText(expression: Expr, check: ValueCheck): string[] {
  const label = partialLabel(check.wrt);
  const relative = Number.isFinite(check.relativeError) ? (check.relativeError === 0 ? "0" : check.relativeError.toExponential(1)) : "∞";
  const lines = [
    `${label} [${printBounded(expression)}] at ${formatPoint(check.point)}`,
    `  value     ${check.text}`,
    `  exact     ${formatReportNumber(check.exact)}`,
    `  verdict   ${VERDICT_WORD[check.verdict]} (relative difference ${relative})`,
    `  rule      ${check.ruleText}`,
  ];
  for (const note of check.notes) lines.push(`  note      ${note}`);
  return lines;
}

export function problemText(report: ProblemReport): string {
  if (report.kind === "backward") return backwardReportText(report);
  if (report.kind === "typed") {
    const body = typedReportText(report);
    return report.name === undefined ? body : `== ${report.name} ==\n${body}`;
  }
  const blocks =
    report.kind === "derivative"
      ? report.checks.map((c) => derivativeCheckText(report.expression, c))
      : report.checks.map((c) => valueCheckText(report.expression, c));
  const title = report.name === undefined ? [] : [`== ${report.name} ==`];
  return [...title, ...blocks.map((b) => b.join("\n"))].join("\n\n") + "\n";
}

const pointJson = (p: PointRecord) => ({ ...p });

export function derivativeCheckJson(check: DerivativeCheck) {
  return {
    wrt: check.wrt,
    answer: printBounded(check.answer),
    readAs: check.readAs === undefined ? null : { written: check.readAs.written, notes: check.readAs.notes },
    verdict: check.verdict,
    decidedBy: check.decidedBy,
    derivative: check.derivative === undefined ? null : printBounded(check.derivative),
    symbolicDifference: check.symbolicDifference === undefined ? null : printBounded(check.symbolicDifference),
    numeric: check.numeric,
    counterexample: check.counterexample === undefined ? null : { ...check.counterexample, point: pointJson(check.counterexample.point) },
    region: check.region ?? null,
    notes: check.notes,
  };
}

function valueCheckJson(check: ValueCheck) {
  return { ...check, point: pointJson(check.point), absoluteFloor: VALUE_ABSOLUTE_FLOOR };
}

export function problemJson(report: ProblemReport) {
  if (report.kind === "backward") return backwardReportJson(report);
  if (report.kind === "typed") {
    return { ...(report.name === undefined ? {} : { name: report.name }), ...typedReportJson(report) };
  }
  return {
    ...(report.name === undefined ? {} : { name: report.name }),
    expression: printBounded(report.expression),
    variables: variablesOf(report.expression),
    kind: report.kind,
    verdict: report.verdict,
    checks: report.kind === "derivative" ? report.checks.map(derivativeCheckJson) : report.checks.map(valueCheckJson),
  };
}
