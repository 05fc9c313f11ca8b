// The rows as CSV (RFC 4180): one line per family and n, the same keys as the JSON rows,
// with the gradient flattened to gradient_<method> and the budget notes as "column:why" lists.
import type { ShownGradient, SwellRow } from "./row.js";

type ScalarKey = { [K in keyof SwellRow]: SwellRow[K] extends number | string | boolean | null ? K : never }[keyof SwellRow];

const SCALAR_KEYS: readonly ScalarKey[] = [
  "family", "n", "variables", "shownVariable", "parsedFromText",
  "functionTreeNodes", "functionDagNodes",
  "derivativeTreeNodes", "derivativeTreeNodesBuilt", "deriveTreeMs",
  "derivativeDagNodes", "derivativeDagNodesBuilt", "sharedDerivativeTreeNodes", "deriveSharedMs",
  "simplifiedDagNodes", "simplifiedTreeNodes", "simplifyMs", "simplifiedDerivativeText", "evaluateDerivativeMs",
  "tapeEntries", "tapeRecordMs", "tapeForwardMs", "tapeBackwardMs",
  "forwardPasses", "forwardMs", "finiteDifferenceEvaluations", "finiteDifferenceMs", "finiteDifferenceErrorEstimate",
  "mathjsDerivativeNodes", "mathjsDerivativeMs", "mathjsDerivativeText", "mathjsUnsimplifiedNodes", "mathjsUnsimplifiedMs",
  "exactMethodsMaxRelativeDifference",
];

const GRADIENT_KEYS: readonly (keyof ShownGradient)[] = [
  "symbolicTree", "symbolicShared", "symbolicSimplified", "reverse", "forward", "finiteDifference", "mathjs", "mathjsUnsimplified",
];

function csvField(value: number | string | boolean | null): string {
  if (value === null) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function notes(record: Readonly<Record<string, string>>): string {
  return Object.entries(record).map(([column, why]) => `${column}:${why}`).join(";");
}

export function swellCsv(rows: readonly SwellRow[]): string {
  const header = [...SCALAR_KEYS, ...GRADIENT_KEYS.map((k) => `gradient_${k}`), "overBudget", "failed"];
  const lines = rows.map((row) =>
    [
      ...SCALAR_KEYS.map((k) => csvField(row[k])),
      ...GRADIENT_KEYS.map((k) => csvField(row.gradient[k])),
      csvField(notes(row.overBudget)),
      csvField(notes(row.failed)),
    ].join(","),
  );
  return [header.join(","), ...lines].join("\r\n") + "\r\n";
}
