// `diffscope check`: is a hand-derived derivative right? Exit 0 correct, 1 incorrect (or
// undecidable), 2 the expression, answer or file could not be read.
import {
  BATCH_SCHEMA_HELP, BatchFileError, problemJson, problemText, ProblemError, readBatch, runProblem,
  type Labelled, type ProblemReader, type ProblemReport, type ProblemSpec,
} from "../../check/index.js";
import { constantValue, InputParseError, parseCommandArgs, type ParsedArgs, parseExpressionArg, parsePoint, readExpressionArg, stringListOption, stringOption, wrtOption } from "../args.js";
import type { Command } from "../command.js";
import { toJson } from "../format.js";
import { EXIT, readCappedFile, UsageError, type Io } from "../io.js";
import { runTypedProblem } from "../../check/typed.js";
import { DerivationBudgetExceeded } from "../../diff/symbolic/budget.js";
import { CostLimitError } from "../../util/budget.js";
import { ACCEPTED_TOLERANCE, toleranceProblem } from "../../check/value.js";
import { isTypedProblem, typedReader } from "./check-typed.js";
import { parseTypedAt, readPointFile } from "../typed-input.js";
import { formatTypedInline } from "../../typed/format-value.js";
import type { AnswerValue, NamedTexts } from "../../check/problem.js";
import type { TypedValue } from "../../typed/values.js";
import { canonicalVariableName } from "../../parse/parse.js";
import { quantityAnswer, runBackwardProblem } from "./check-backward.js";

const NAMED = /^\s*([^\s=]+)\s*=(.*)$/s;
const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * `x=2*x` names its variable, as do `α=…`, `\alpha=…`, `x₁=…` and `y*=…` (names as the expression
 * writes them); anything else is an answer in the order of --wrt.
 */
function labelledTexts(texts: readonly string[]): Labelled<string>[] {
  return texts.map((text) => {
    const m = NAMED.exec(text);
    return m && VARIABLE.test(canonicalVariableName(m[1])) ? { wrt: m[1], item: m[2] } : { item: text };
  });
}

/**
 * Numbers as written (their digits state their precision; pi/4 is read when checked), or vectors
 * and matrices written as literals (--value W=[1,2;3,4]).
 */
function labelledValues(texts: readonly string[]): Labelled<AnswerValue>[] {
  return labelledTexts(texts).map(({ wrt, item }) => {
    if (item.trim().startsWith("[")) return { wrt, item: parseTypedAt(`${wrt ?? "value"}=${item.trim()}`, "check").values().next().value as TypedValue };
    if (item.trim() === "") throw new UsageError(`check: --value ${wrt === undefined ? "" : `${wrt}=`} has no number`, "e.g. --value 1208.37, --value x=1208.37 or --value W=[1,2;3,4]");
    return { wrt, item: { text: item.trim() } };
  });
}

function toleranceOption(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = text.trim() === "" ? NaN : Number(text);
  const problem = toleranceProblem(value);
  if (problem !== undefined) throw new UsageError(`check: --tolerance ${text} ${problem}`, `expected ${ACCEPTED_TOLERANCE}`);
  return value;
}

const reader: ProblemReader = {
  expression: (text, what, context) => readExpressionArg(text, "check", what, context),
  point: (text) => parsePoint(text, "check"),
  number: (text, wrt) => constantValue(text, wrt, "check", "--value"),
};

function asUsage(error: unknown): never {
  if (error instanceof ProblemError || error instanceof BatchFileError) {
    throw new UsageError(`check: ${error.message}`, error instanceof ProblemError ? error.hint : "see: diffscope check --help");
  }
  throw error;
}

const exitFor = (verdict: ProblemReport["verdict"] | "unreadable"): number =>
  verdict === "correct" ? EXIT.ok : verdict === "unreadable" ? EXIT.badInput : EXIT.negative;

/**
 * Scalar problems by the scalar checker, problems with vectors or matrices entry by entry, backward
 * sheets line by line (and an answer for a defined quantity, --wrt u, as a sheet of one line).
 */
function runAny(spec: ProblemSpec, sheetWhat = "backward sheet", source?: string): ProblemReport {
  if (spec.backward !== undefined) return runBackwardProblem(spec, sheetWhat, source);
  const quantity = quantityAnswer(spec);
  if (quantity !== undefined) return runBackwardProblem(quantity.spec, "answer", undefined, quantity.oneLine);
  return isTypedProblem(spec) ? runTypedProblem(spec, typedReader) : runProblem(spec, reader);
}

function runSingle(spec: ProblemSpec, json: boolean, io: Io, sheetFile?: string): number {
  let report: ProblemReport;
  try {
    report = runAny(spec, sheetFile === undefined ? undefined : `sheet ${sheetFile}`, sheetFile);
  } catch (error) {
    asUsage(error);
  }
  io.stdout(json ? `${toJson(problemJson(report))}\n` : problemText(report));
  return exitFor(report.verdict);
}

type BatchEntry = { readonly report: ProblemReport } | { readonly name?: string; readonly unreadable: string };

function runBatch(fileName: string, json: boolean, io: Io): number {
  let text: string;
  try {
    text = readCappedFile(fileName, `check: --file ${fileName}`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`check: cannot read ${fileName}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let specs: ProblemSpec[];
  try {
    specs = readBatch(text, fileName);
  } catch (error) {
    asUsage(error);
  }
  const entries: BatchEntry[] = specs.map((spec, i) => {
    const label = spec.name ?? `problem ${i + 1}`;
    try {
      return { report: runAny(spec, `backward sheet of ${label}`) };
    } catch (error) {
      if (error instanceof InputParseError) return { name: label, unreadable: `error in the ${error.what}: ${error.parseError.render(error.source)}` };
      if (error instanceof ProblemError || error instanceof UsageError) return { name: label, unreadable: error.message };
      // Too large to check (the rest of the file is still checked).
      if (error instanceof CostLimitError || error instanceof DerivationBudgetExceeded) return { name: label, unreadable: error.message };
      throw error;
    }
  });
  const verdictOf = (e: BatchEntry) => ("report" in e ? e.report.verdict : "unreadable");
  const count = (v: string) => entries.filter((e) => verdictOf(e) === v).length;
  const summary = { problems: entries.length, correct: count("correct"), incorrect: count("incorrect"), undecided: count("undecided"), unreadable: count("unreadable") };
  const worst = summary.unreadable > 0 ? "unreadable" : summary.incorrect > 0 ? "incorrect" : summary.undecided > 0 ? "undecided" : "correct";
  if (json) {
    const problems = entries.map((e) => ("report" in e ? problemJson(e.report) : { name: e.name, verdict: "unreadable", error: e.unreadable }));
    io.stdout(`${toJson({ file: fileName, verdict: worst, summary, problems })}\n`);
  } else {
    const blocks = entries.map((e, i) =>
      "report" in e
        ? problemText(e.report.name === undefined ? { ...e.report, name: `problem ${i + 1}` } : e.report)
        : `== ${e.name} ==\ncould not read: ${e.unreadable}\n`,
    );
    const tally = `${summary.correct} of ${summary.problems} problems correct` +
      (summary.incorrect ? `, ${summary.incorrect} incorrect` : "") +
      (summary.undecided ? `, ${summary.undecided} undecided` : "") +
      (summary.unreadable ? `, ${summary.unreadable} unreadable` : "");
    io.stdout(`${blocks.join("\n")}\n${tally}\n`);
  }
  return exitFor(worst);
}

/**
 * The point of numeric answers: --at text, or --at-file's values as name/literal pairs (the
 * literals print every digit, so the file's numbers are read back exactly). No --seed: a numeric
 * answer was worked out at a point its author knows, not at one drawn for them.
 */
function pointOption(values: ParsedArgs["values"]): string | NamedTexts | undefined {
  if (values.seed !== undefined) {
    throw new UsageError("check: --seed draws values nobody worked with; a numeric answer needs the point it was computed at", "give it with --at or --at-file");
  }
  const file = stringOption(values, "at-file");
  const at = stringOption(values, "at");
  if (file === undefined) return at;
  if (at !== undefined) throw new UsageError("check: give the point with --at or with --at-file, not both");
  return [...readPointFile(file, "check")].map(([name, value]) => [name, formatTypedInline(value, 17)] as const);
}

/** `check PROGRAM --backward FILE`: the sheet read from FILE ("-": stdin) and judged line by line. */
function runSheetFile(positionals: readonly string[], values: ParsedArgs["values"], file: string, json: boolean, io: Io): number {
  const others = ["wrt", "answer", "value", "at", "at-file", "tolerance", "shape", "seed"].filter((o) => values[o] !== undefined);
  if (others.length > 0) {
    throw new UsageError(`check: --backward judges the sheet's lines on their own; give no ${others.map((o) => `--${o}`).join(", ")} with it`, "each line names its adjoint: dJ/du = …");
  }
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0 ? "check: --backward needs the forward program (the expression, or its definitions)" : `check: one forward program expected, got ${positionals.length} arguments (quote it: "…")`,
      'e.g. diffscope check "J = cos(u); u = u1 + u2; u1 = sin(t); u2 = 3t; t = x^2" --backward sheet.txt',
    );
  }
  const name = file === "-" ? "stdin" : file;
  let text: string;
  try {
    text = readCappedFile(file === "-" ? "/dev/stdin" : file, `check: --backward ${name}`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`check: cannot read the sheet ${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const spec: ProblemSpec = { expression: positionals[0], backward: text, showAnswer: values["show-answer"] === true };
  return runSingle(spec, json, io, name);
}

export const checkCommand: Command = {
  name: "check",
  summary: "check a hand-derived derivative (or a number) against the exact one",
  help: `usage: diffscope check EXPR --wrt x --answer "hand-derived derivative" [--json]
       diffscope check EXPR --answer x="…" --answer z="…"          (several partials)
       diffscope check EXPR --wrt x,z --answer "…" --answer "…"    (one answer per variable, in order)
       diffscope check EXPR --at x=2,z=3 --wrt x --value 1208.37 [--tolerance 1e-3]
       diffscope check --file homework.yaml [--json]               (a batch of problems)
       diffscope check PROGRAM --backward sheet.txt [--show-answer] [--json]   (a backward pass, line by line)

  --wrt VARS         variable(s) differentiated by (optional when EXPR has one variable or answers are named)
  --answer TEXT      the derivative as you wrote it; NAME=TEXT names its variable (repeatable)
  --at NAME=VALUE,…  the point for numeric answers (vectors and matrices as x=[1,2,3],W=[1,2;3,4])
  --at-file FILE     the point as JSON: {"x": [1, 2, 3], "W": [[1, 2], [3, 4]]} (rows as inner arrays)
  --shape x=3,W=2x3  declare vectors and matrices (or a header in EXPR: "x: R^3; W: R^(2x3); …")
  --value NUMBER     a numeric answer at --at; NAME=NUMBER names its variable (repeatable);
                     for a vector or matrix variable, W=[1,2;3,4] (checked entry by entry).
                     Judged to the significant figures written: 1210 and 1.21e3 (3 figures) are
                     right for 1208.37, 1207.4 (5) is not; 1200 counts 2 (whole-number zeros are
                     not counted), fewer than 2 are judged as 2; an expression (pi/4) to 1e-3
  --tolerance REL    relative tolerance for numeric answers instead of the figures written
  --file PATH        check every problem in a JSON or YAML file; exit 1 if any is wrong
  --backward FILE    judge a backward sheet (one adjoint per line: dJ/du = …, dJ/dt += …; "-" reads
                     stdin) against PROGRAM, the forward pass: definitions in any order
                     ("J = cos(u); u = u1 + u2; …") or an expression named as \`trace\` names it
  --show-answer      with --backward (or --wrt a quantity): add one correct form per adjoint
  --json             print the report as JSON

An answer is judged as a function: the symbolic difference answer − derivative is simplified
(0 proves it), and both are compared at deterministic random points (scales 0.1 to 1000, both
signs) inside the domain of the expression and of the answer, to relative tolerance 1e-9 plus
float64 rounding. Equal wherever both are defined → correct. A wrong answer gets a point where
they differ and, when it holds on part of the domain only, where it holds.

${BATCH_SCHEMA_HELP}

An answer (or expression) may start with a minus sign: --answer "-sin(x)" works, as do --answer="-sin(x)"
and --answer x="-sin(x)".

A backward sheet (--backward): each line sets an adjoint (dJ/du = …) or adds one path to it
(dJ/dt += …; the += lines of a quantity are summed); on the right, dJ/dv is v's adjoint, dv/dq the
local derivative, and names are the program's quantities; ∂J/∂u, \\frac{dJ}{du} and dJdu are read
too, and after a comma a claim about a local derivative (du/du_1 = 1) is judged as well. Each line
is judged with the true values of the adjoints it uses, so one mistake does not condemn the lines
after it; a wrong line's mistake is named (wrong sign, a missing path, a missing factor, …).
\`diffscope trace PROGRAM --sheet\` prints the blank sheet. --wrt may name a quantity: with
cos(sin(x^2) + 3x^2), --wrt u --answer "-sin(u)" judges dJ/du (a sheet of that one line).

Vectors and matrices: declare shapes with --shape x=3,W=3x4 (or a header in EXPR, "x: R^3; W: R^(4x3); …")
and answer in matrix form, in EXPR's names; each entry is checked as above and the first wrong
entry is shown. Gradients have the shape of their variable (denominator layout).
  e.g. diffscope check "x: R^3; W: R^(2x3); t: R^2; z = sigmoid(W*x); 0.5*norm2(z - t)^2" \\
         --wrt W --answer "((z - t) .* z .* (1 - z)) * x'"

Exit codes: 0 correct, 1 incorrect (or undecidable), 2 the expression, answer or file could not be read.

example: diffscope check "sqrt(x^2)" --wrt x --answer 1`,
  options: {
    wrt: { type: "string" },
    answer: { type: "string", multiple: true },
    at: { type: "string" },
    "at-file": { type: "string" },
    seed: { type: "string" },
    value: { type: "string", multiple: true },
    tolerance: { type: "string" },
    file: { type: "string" },
    json: { type: "boolean" },
    shape: { type: "string" },
    backward: { type: "string" },
    "show-answer": { type: "boolean" },
  },
  run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, this.options, "check");
    const json = values.json === true;
    const file = stringOption(values, "file");
    if (file !== undefined) {
      if (positionals.length > 0 || values.answer !== undefined || values.value !== undefined) {
        throw new UsageError("check: --file takes the problems from the file; give no expression, --answer or --value with it");
      }
      return runBatch(file, json, io);
    }
    const backward = stringOption(values, "backward");
    if (backward !== undefined) return runSheetFile(positionals, values, backward, json, io);
    if (positionals.length > 1) {
      throw new UsageError(`check: one expression expected, got ${positionals.length} (quote it: "…")`, 'e.g. diffscope check "x^2" --wrt x --answer "2*x"');
    }
    const spec: ProblemSpec = {
      expression: positionals[0] ?? "",
      wrt: wrtOption(stringOption(values, "wrt"), "check"),
      answers: labelledTexts(stringListOption(values, "answer")),
      at: pointOption(values),
      values: labelledValues(stringListOption(values, "value")),
      tolerance: toleranceOption(stringOption(values, "tolerance")),
      shapes: stringOption(values, "shape"),
      showAnswer: values["show-answer"] === true,
    };
    if (positionals[0] === undefined) parseExpressionArg(undefined, "check");
    return runSingle(spec, json, io);
  },
};
