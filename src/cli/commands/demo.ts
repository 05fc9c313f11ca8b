// `diffscope demo`: the lecture's Calculus Quiz 1 by all four methods, then short comparison
// tables for Quiz 1 and the Quiz 2 network (what `diffscope compare` shows in full).
import { CHECK_RULE } from "../../harness/compare.js";
import { caseHeading, jsonReport, shortCaseTable } from "../../harness/report.js";
import { runComparison } from "../../harness/run.js";
import { QUIZ1_TEXT } from "../../harness/suites.js";
import { expectPositionals, parseCommandArgs } from "../args.js";
import type { Command } from "../command.js";
import { formatSignificant, formatTable, formatValue, outputWidth, toJson, wrapLine, type NarrowingPlan } from "../format.js";
import { fittedTable } from "./compare.js";
import { EXIT } from "../io.js";

export const QUIZ1 = QUIZ1_TEXT;

/** The short tables narrow by the cost summary's neighbours first; the cost summary goes last. */
export const DEMO_NARROWING: NarrowingPlan = { abbreviate: { "max rel Δ": "rel Δ" }, drop: ["setup ms", "grad ms", "cost"], minWidth: { method: "symbolic (compiled)".length } };

export const demoCommand: Command = {
  name: "demo",
  summary: "the lecture's Calculus Quiz 1 by all four methods, then short compare quiz1 and nn2 tables",
  help: `usage: diffscope demo [--wide] [--json]

Differentiates the lecture's Calculus Quiz 1, y = ${QUIZ1} at x = 2, z = 3, by
symbolic differentiation, finite differences, forward mode and reverse mode, then prints short
versions of \`diffscope compare quiz1\` and \`diffscope compare nn2\` (the Quiz 2 network).

  --wide   every column and unbroken lines (by default the output fits the terminal, or 100
           columns when stdout is not one: the short tables drop ${DEMO_NARROWING.drop.join(", then ")} as needed)
  --json   print {"expression", "at", "value", "methods": {"<method>": {"gradient"}}, "compare"}`,
  options: { wide: { type: "boolean" }, json: { type: "boolean" } },
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
    const width = outputWidth(io.columns, values.wide === true);
    // Prose breaks at spaces to the width; the tables are fitted, never broken.
    const prose = (line: string) => wrapLine(line, width);
    const short = report.cases.map((c) => [prose(caseHeading(c)[0]), "", `${fittedTable(shortCaseTable(c), width, DEMO_NARROWING)}\n`].join("\n"));
    io.stdout(
      [
        prose(`Calculus Quiz 1: y = ${QUIZ1}`),
        `at x = 2, z = 3: y = ${formatValue(value)}`,
        "",
        gradients,
        prose("The four methods side by side (diffscope compare quiz1 nn2 for every column):"),
        "",
        ...short,
        prose(`${CHECK_RULE}.`),
        prose("grad/f = gradient time / one evaluation of f (by generated code for methods marked compiled). More: diffscope compare all, diffscope compare mnist (784,100,10)."),
        "",
      ].join("\n"),
    );
    return EXIT.ok;
  },
};
