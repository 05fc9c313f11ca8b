// The report as text tables (cells only; the CLI lays them out): per family, sizes, times and
// the gradient from every method, with over-budget cells marked.
import type { OverBudget } from "./budget.js";
import type { SwellReport } from "./measure.js";
import type { SwellColumn, SwellRow } from "./row.js";

export interface TextTable {
  readonly title: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export interface FamilySection {
  readonly heading: string;
  readonly notes: readonly string[];
  readonly tables: readonly TextTable[];
}

/** A size: exact below ten million, else three digits and an exponent (2.15e12). */
export function formatNodes(nodes: number): string {
  if (!Number.isFinite(nodes)) return String(nodes);
  return nodes < 1e7 ? String(nodes) : nodes.toExponential(2).replace("e+", "e");
}

/** Milliseconds with two significant digits below 10, whole above. */
export function formatMs(ms: number): string {
  if (ms >= 10) return String(Math.round(ms));
  if (ms === 0) return "0";
  return String(Number(ms.toPrecision(2)));
}

export function formatGradient(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return String(Number(value.toPrecision(10)));
}

const MARK: Readonly<Record<OverBudget, string>> = { exceeded: "over budget", predicted: "over budget*", stopped: "-" };

/** A cell: the figure, or why there is none. */
function cell(row: SwellRow, column: SwellColumn | undefined, value: number | null, format: (v: number) => string): string {
  if (value !== null) return format(value);
  if (column !== undefined) {
    const why = row.overBudget[column];
    if (why !== undefined) return MARK[why];
    if (row.failed[column] !== undefined) return "failed";
  }
  return "";
}

function sizeTable(rows: readonly SwellRow[]): TextTable {
  return {
    title: "sizes (nodes)",
    header: ["n", "f tree", "f DAG", "∂ naive tree", "∂ shared DAG", "∂ shared printed", "∂ simplified DAG", "tape", "mathjs ∂", "mathjs ∂ unsimpl."],
    rows: rows.map((r) => [
      String(r.n),
      formatNodes(r.functionTreeNodes),
      formatNodes(r.functionDagNodes),
      cell(r, "deriveTree", r.derivativeTreeNodes, formatNodes),
      cell(r, "deriveShared", r.derivativeDagNodes, formatNodes),
      cell(r, "deriveShared", r.sharedDerivativeTreeNodes, formatNodes),
      cell(r, "simplify", r.simplifiedDagNodes, formatNodes),
      cell(r, "tape", r.tapeEntries, formatNodes),
      cell(r, "mathjs", r.mathjsDerivativeNodes, formatNodes),
      cell(r, "mathjsUnsimplified", r.mathjsUnsimplifiedNodes, formatNodes),
    ]),
  };
}

function sum(...values: (number | null)[]): number | null {
  return values.every((v): v is number => v !== null) ? values.reduce((a, b) => a + b, 0) : null;
}

function timeTable(rows: readonly SwellRow[]): TextTable {
  return {
    title: "times (ms)",
    header: [
      "n", "derive tree", "derive shared", "simplify", "evaluate ∂", "tape record", "tape sweeps",
      "forward", "passes", "finite diff.", "f evals", "mathjs", "mathjs unsimpl.",
    ],
    rows: rows.map((r) => [
      String(r.n),
      cell(r, "deriveTree", r.deriveTreeMs, formatMs),
      cell(r, "deriveShared", r.deriveSharedMs, formatMs),
      cell(r, "simplify", r.simplifyMs, formatMs),
      cell(r, "evaluate", r.evaluateDerivativeMs, formatMs),
      cell(r, "tape", r.tapeRecordMs, formatMs),
      cell(r, "tape", sum(r.tapeForwardMs, r.tapeBackwardMs), formatMs),
      cell(r, "forward", r.forwardMs, formatMs),
      cell(r, "forward", r.forwardPasses, String),
      cell(r, "finiteDifference", r.finiteDifferenceMs, formatMs),
      cell(r, "finiteDifference", r.finiteDifferenceEvaluations, String),
      cell(r, "mathjs", r.mathjsDerivativeMs, formatMs),
      cell(r, "mathjsUnsimplified", r.mathjsUnsimplifiedMs, formatMs),
    ]),
  };
}

function gradientTable(rows: readonly SwellRow[]): TextTable {
  const shown = rows[0]?.shownVariable ?? "x";
  return {
    title: `∂f/∂${shown} at the point, from every method`,
    header: [
      "n", "symbolic tree", "symbolic shared", "simplified", "reverse", "forward", "finite diff.", "± estimate",
      "mathjs", "mathjs unsimpl.", "exact max rel. diff",
    ],
    rows: rows.map((r) => [
      String(r.n),
      cell(r, "deriveTree", r.gradient.symbolicTree, formatGradient),
      cell(r, "evaluate", r.gradient.symbolicShared, formatGradient),
      cell(r, "simplify", r.gradient.symbolicSimplified, formatGradient),
      cell(r, "tape", r.gradient.reverse, formatGradient),
      cell(r, "forward", r.gradient.forward, formatGradient),
      cell(r, "finiteDifference", r.gradient.finiteDifference, formatGradient),
      cell(r, "finiteDifference", r.finiteDifferenceErrorEstimate, (v) => v.toExponential(1)),
      cell(r, "mathjs", r.gradient.mathjs, formatGradient),
      cell(r, "mathjsUnsimplified", r.gradient.mathjsUnsimplified, formatGradient),
      r.exactMethodsMaxRelativeDifference === null ? "" : r.exactMethodsMaxRelativeDifference.toExponential(1),
    ]),
  };
}

/** Short derivatives side by side: diffscope's simplified one and mathjs's. */
function derivativeTexts(rows: readonly SwellRow[]): string[] {
  return rows
    .filter((r) => r.simplifiedDerivativeText !== null && r.n > 1)
    .map((r) => {
      const mathjs = r.mathjsDerivativeText === null ? "" : `   (mathjs: ${r.mathjsDerivativeText})`;
      return `n = ${r.n}: ∂f/∂${r.shownVariable} simplified = ${r.simplifiedDerivativeText?.split(", ")[0]}${mathjs}`;
    });
}

export function swellSections(report: SwellReport): FamilySection[] {
  return report.families.map((family) => {
    const rows = report.rows.filter((r) => r.family === family.name);
    const notes = [
      `${family.title}; at ${family.point}${rows.length > 0 && rows[0].variables > 1 ? " (and so on)" : ""}`,
      `shows: ${family.lesson}`,
      ...derivativeTexts(rows).slice(0, 3),
      ...(family.stoppedEarly === undefined ? [] : [`stopped: ${family.stoppedEarly}`]),
    ];
    return { heading: family.name, notes, tables: [sizeTable(rows), timeTable(rows), gradientTable(rows)] };
  });
}

export function budgetLegend(budgetMs: number): string {
  return (
    `over budget: the cell took longer than the ${formatMs(budgetMs / 1000)} s budget (tree derivation and mathjs are stopped at it); ` +
    `over budget*: predicted from the growth of the previous runs and not run; -: the column stopped growing after running out. ` +
    `mathjs differentiates by the first variable only.`
  );
}

/** Right-aligns every column (numbers and budget marks read best that way). */
export function rightAligned(table: TextTable): TextTable {
  const widths = table.header.map((h, c) => Math.max(h.length, ...table.rows.map((r) => (r[c] ?? "").length)));
  const pad = (cells: readonly string[]) => cells.map((text, c) => text.padStart(widths[c]));
  return { title: table.title, header: pad(table.header), rows: table.rows.map(pad) };
}
