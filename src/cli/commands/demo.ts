// `diffscope demo`: the lecture's Calculus Quiz 1 by all four methods, then short comparison
// tables for Quiz 1 and the Quiz 2 network (what `diffscope compare` shows in full).
import { CHECK_RULE } from "../../harness/compare.js";
import { caseHeading, jsonReport, shortCaseTable } from "../../harness/report.js";
import { runComparison } from "../../harness/run.js";
import { QUIZ1_TEXT } from "../../harness/suites.js";
import { expectPositionals, parseCommandArgs } from "../args.js";
import type { Command } from "../command.js";
import { formatSignificant, formatTable, formatValue, toJson } from "../format.js";
import { EXIT } from "../io.js";

export const QUIZ1 = QUIZ1_TEXT;

export const demoCommand: Command = {
  name: "demo",
  summary: "the lecture's Calculus Quiz 1 by all four methods, then short compare quiz1 and nn2 tables",
  help: `usage: diffscope demo [--json]

Differentiates the lecture's Calculus Quiz 1, y = ${QUIZ1} at x = 2, z = 3, by
symbolic differentiation, finite differences, forward mode and reverse mode, then prints short
versions of \`diffscope compare quiz1\` and \`diffscope compare nn2\` (the Quiz 2 network).

  --json   print {"expression", "at", "value", "methods": {"<method>": {"gradient"}}, "compare"}`,
  options: { json: { type: "boolean" } },
  run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, this.options, "demo");
    expectPositionals(positionals, 0, "demo");
    const report = runComparison(["quiz1", "nn2"], { timingBudgetMs: 60 });
    const [quiz1] = report.cases;
    const value = quiz1.rows.find((r) => r.method === "reverse")?.value ?? NaN;
    if (values.json) {
      const methods = Object.fromEntries(quiz1.rows.map((r) => [r.method, { gradient: r.gradient }]));
      io.stdout(`${toJson({ expression: QUIZ1, at: { x: 2, z: 3 }, value, methods, compare: jsonReport(report) })}\n`);
      return EXIT.ok;
    }
    const gradients = formatTable(
      ["method", "dy/dx", "dy/dz"],
      quiz1.rows.map((r) => [r.method, formatSignificant(r.gradient.x, 15), formatSignificant(r.gradient.z, 15)]),
    );
    const short = report.cases.map((c) => {
      const table = shortCaseTable(c);
      return [caseHeading(c)[0], "", formatTable(table.header, table.rows)].join("\n");
    });
    io.stdout(
      [
        `Calculus Quiz 1: y = ${QUIZ1}`,
        `at x = 2, z = 3: y = ${formatValue(value)}`,
        "",
        gradients,
        "The four methods side by side (diffscope compare quiz1 nn2 for every column):",
        "",
        ...short,
        `${CHECK_RULE}.`,
        "grad/f = gradient time / one evaluation of f (by generated code for methods marked compiled). More: diffscope compare all, diffscope compare mnist (784,100,10).",
        "",
      ].join("\n"),
    );
    return EXIT.ok;
  },
};
