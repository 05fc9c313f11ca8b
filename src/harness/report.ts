// The cells of the comparison tables and the JSON rows (the CLI lays the tables out).
import { CHECK_RULE, type CaseReport, type MethodRow } from "./compare.js";
import { crossovers, jacobianTimes, type JacobianReport, type JacobianRow } from "./jacobian.js";
import type { ComparisonReport } from "./run.js";

export interface TableCells {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** 3 significant digits, e.g. 0.0123, 1.23, 123, 12300. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms === 0) return "0";
  return ms >= 1e6 ? ms.toExponential(2) : String(Number(ms.toPrecision(3)));
}

/** Errors in 2-digit scientific notation; exact zero as 0. */
export function formatError(error: number): string {
  if (error === 0) return "0";
  if (!Number.isFinite(error)) return String(error);
  return error.toExponential(1);
}

/** Counts; huge ones (swollen trees) in scientific notation. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return n >= 1e7 ? n.toExponential(1) : String(n);
}

export const CASE_HEADER = [
  "method", "params", "max |Δ|", "max rel Δ", "check", "in est.", "setup ms", "grad ms", "grad/f",
  "operations", "f evals", "passes", "tape", "expr nodes DAG/tree",
] as const;

/** pass / FAIL, or n/a when no exact method ran to compare with. */
function checkCell(row: MethodRow): string {
  if (row.error !== undefined) return "error";
  if (row.check.compared === 0) return "n/a";
  return row.check.passed ? "pass" : "FAIL";
}

/** The method, marked when its timed runs ran generated code. */
function methodLabel(row: MethodRow): string {
  return row.path === "interpreted" ? row.method : `${row.method} (${row.path})`;
}

function methodCells(row: MethodRow): string[] {
  if (row.error !== undefined) return [row.method, String(row.parameters), "error", ...new Array<string>(CASE_HEADER.length - 3).fill("-")];
  const approx = row.extrapolated ? "~" : "";
  const counter = (n: number) => (n === 0 ? "-" : `${approx}${formatCount(n)}`);
  const exprNodes = row.setupCost.expressionNodes > 0
    ? `${formatCount(row.setupCost.expressionNodes)}/${formatCount(row.setupCost.expressionTreeNodes)}`
    : "-";
  return [
    methodLabel(row),
    row.extrapolated ? `${row.measuredParameters}/${row.parameters}` : String(row.parameters),
    formatError(row.maxAbsError),
    formatError(row.maxRelError),
    checkCell(row),
    row.withinEstimate !== undefined ? `${row.withinEstimate}/${row.measuredParameters}` : "-",
    formatMs(row.setupMs),
    `${approx}${formatMs(row.gradientMs)}`,
    `${approx}${formatMs(row.ratio)}`,
    counter(row.totalCost.operations),
    counter(row.totalCost.functionEvaluations),
    counter(row.totalCost.passes),
    row.totalCost.tapeEntries === 0 ? "-" : formatCount(row.totalCost.tapeEntries),
    exprNodes,
  ];
}

/** The counters that tell a method's cost, in words: "27 passes", "163 f evaluations", … */
export function costSummary(row: MethodRow): string {
  const c = row.totalCost;
  const approx = row.extrapolated ? "~" : "";
  if (row.error !== undefined) return "failed";
  switch (row.method) {
    case "symbolic":
      return `${formatCount(row.setupCost.expressionNodes)} derivative nodes (${formatCount(row.setupCost.expressionTreeNodes)} as a tree)`;
    case "finite-difference":
      return `${approx}${formatCount(c.functionEvaluations)} evaluations of f`;
    case "forward":
      return `${approx}${formatCount(c.passes)} dual-number passes`;
    case "reverse":
      return `${c.passes} sweeps over a tape of ${formatCount(c.tapeEntries)}`;
  }
}

export const SHORT_HEADER = ["method", "max rel Δ", "check", "setup ms", "grad ms", "grad/f", "cost"] as const;

/** Fewer columns, for the demo. */
export function shortCaseTable(report: CaseReport): TableCells {
  return {
    header: SHORT_HEADER,
    rows: report.rows.map((row) => {
      const approx = row.extrapolated ? "~" : "";
      return [
        methodLabel(row), formatError(row.maxRelError), checkCell(row),
        formatMs(row.setupMs), `${approx}${formatMs(row.gradientMs)}`, `${approx}${formatMs(row.ratio)}`, costSummary(row),
      ];
    }),
  };
}

export function caseTable(report: CaseReport): TableCells {
  return { header: CASE_HEADER, rows: report.rows.map(methodCells) };
}

/**
 * Title and the facts about f shared by all methods. `broken`: the facts line is cut before each
 * time (continuations indented by 2), so a narrow layout breaks at the same places whatever the
 * times' digits; otherwise it is one line.
 */
export function caseHeading(report: CaseReport, broken = false): string[] {
  const title = `${report.suite}${report.case ? ` (${report.case})` : ""}: ${report.description}`;
  const value = report.rows.find((r) => r.error === undefined)?.value;
  const facts = [
    `f = ${value ?? NaN}; f has ${report.dagNodes} distinct nodes (DAG), ${formatCount(report.treeNodes)} printed as a tree;`,
    `one evaluation of f (tape sweep, no derivatives) takes ${formatMs(report.functionMs)} ms` +
      (report.compiledFunctionMs !== undefined || report.tensorFunctionMs !== undefined ? "," : ""),
    ...(report.compiledFunctionMs !== undefined
      ? [`${formatMs(report.compiledFunctionMs)} ms as generated code (the unit of grad/f for methods marked "compiled")` + (report.tensorFunctionMs !== undefined ? "," : "")]
      : []),
    ...(report.tensorFunctionMs !== undefined
      ? [`${formatMs(report.tensorFunctionMs)} ms at tensor level (the unit of grad/f for methods marked "tensor")`]
      : []),
  ];
  return [
    title,
    ...(report.typed !== undefined ? [`as typed: ${report.typed}`] : []),
    ...(broken ? facts.map((line, i) => (i === 0 ? line : `  ${line}`)) : [facts.join(" ")]),
  ];
}

/** The case's notes and each method's, with identical notes merged. */
export function caseNotes(report: CaseReport): string[] {
  const byText = new Map<string, string[]>();
  const add = (who: string, text: string) => byText.set(text, [...(byText.get(text) ?? []), who]);
  for (const note of report.notes) add("", note);
  for (const row of report.rows) {
    if (row.error !== undefined) add(row.method, `failed: ${row.error}`);
    for (const note of row.notes) add(row.method, note);
    if (row.nonFinite !== undefined) add(row.method, `not finite: ${row.nonFinite}`);
  }
  const kinks = [...new Set(report.rows.flatMap((r) => r.kinks))];
  const lines = [...byText].map(([text, who]) => {
    const methods = who.filter((w) => w !== "");
    return methods.length === 0 || methods.length === report.rows.length ? text : `${methods.join(", ")}: ${text}`;
  });
  if (kinks.length > 0) lines.unshift(`at a non-differentiable point (flagged by every method): ${kinks.join("; ")}`);
  return lines;
}

export const JACOBIAN_HEADER = ["A inputs", "B outputs", "forward ms", "reverse ms", "fwd passes", "rev passes", "faster", "by", "max |fwd − rev|"] as const;

export function jacobianTable(report: JacobianReport): TableCells {
  const rows: string[][] = [];
  for (const a of report.inputSizes) {
    for (const b of report.outputSizes) {
      const pair = report.rows.filter((r) => r.inputs === a && r.outputs === b);
      const fwd = pair.find((r) => r.method === "forward") as JacobianRow;
      const rev = pair.find((r) => r.method === "reverse") as JacobianRow;
      const forwardFaster = fwd.ms < rev.ms;
      rows.push([
        String(a), String(b), formatMs(fwd.ms), formatMs(rev.ms), String(fwd.passes), String(rev.passes),
        forwardFaster ? "forward" : "reverse",
        `${(forwardFaster ? rev.ms / fwd.ms : fwd.ms / rev.ms).toFixed(1)}×`,
        formatError(fwd.maxAbsDifference),
      ]);
    }
  }
  return { header: JACOBIAN_HEADER, rows };
}

/** A × B grid: which method was faster in each measured cell (F/R and by how much). */
export function crossoverGrid(report: JacobianReport): TableCells {
  const header = ["A \\ B", ...report.outputSizes.map(String)];
  const rows = report.inputSizes.map((a) => [
    String(a),
    ...report.outputSizes.map((b) => {
      const t = jacobianTimes(report, a, b);
      return t.forward < t.reverse ? `F ${(t.reverse / t.forward).toFixed(1)}×` : `R ${(t.forward / t.reverse).toFixed(1)}×`;
    }),
  ]);
  return { header, rows };
}

export function crossoverSummary(report: JacobianReport): string[] {
  return crossovers(report).map(({ outputs, reverseFasterFromInputs: a }) =>
    a === undefined
      ? `B = ${outputs}: forward faster at every measured A`
      : `B = ${outputs}: reverse faster from A = ${a}`,
  );
}

/** JSON rows: each names its suite and method. Gradients are included for up to 100 parameters. */
export function jsonRows(report: ComparisonReport): object[] {
  const rows: object[] = report.cases.flatMap((c) =>
    c.rows.map((row) => {
      const { gradient, errorEstimate, ...rest } = row;
      const small = row.measuredParameters <= 100;
      return { ...rest, functionMs: c.functionMs, ...(small ? { gradient, ...(errorEstimate ? { errorEstimate } : {}) } : {}) };
    }),
  );
  return [...rows, ...(report.jacobian?.rows ?? [])];
}

export function jsonReport(report: ComparisonReport): object {
  return {
    check: CHECK_RULE,
    cases: report.cases.map(({ rows: _rows, ...meta }) => meta),
    rows: jsonRows(report),
  };
}
