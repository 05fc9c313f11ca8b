// `check … --backward sheet.txt`, a batch problem's `backward:` list, and `check … --wrt u` for a
// defined quantity u: each is a backward sheet judged against the forward program (the last one a
// sheet of one line, dJ/du = the answer), so one mechanism judges them all.
import { readForwardProgram } from "../../check/backward/forward.js";
import { judgeSheet } from "../../check/backward/judge.js";
import type { BackwardProblemReport } from "../../check/backward/report.js";
import { ProblemError, type ProblemSpec } from "../../check/problem.js";
import { variablesOf } from "../../ast/walk.js";
import { canonicalVariableName, parse, ParseError } from "../../parse/parse.js";
import type { ForwardProgram } from "../../trace/program.js";
import { InputParseError } from "../args.js";

/** A ParseError in `source` as the CLI reports one: "error in the <what>: …" with line:col and a caret. */
function reading<T>(read: () => T, what: string, source: string, remap?: (error: ParseError) => ParseError | undefined): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    const mapped = remap?.(error);
    throw mapped === undefined ? new InputParseError(what, error, source) : new InputParseError("answer", mapped, mapped.source);
  }
}

/** A sheet line built around one answer: "dJ/du = " before it. */
interface OneLine {
  readonly prefix: string;
  readonly answer: string;
}

/**
 * Judges `spec.backward` against `spec.expression` read as a forward program. `sheetWhat` names
 * the sheet in errors ("sheet sheet.txt"); `source` is shown in the report.
 */
export function runBackwardProblem(spec: ProblemSpec, sheetWhat: string, source?: string, oneLine?: OneLine): BackwardProblemReport {
  const sheetText = spec.backward as string;
  const extra = [
    spec.wrt !== undefined && oneLine === undefined && "wrt",
    (spec.answers?.length ?? 0) > 0 && oneLine === undefined && "an answer",
    (spec.values?.length ?? 0) > 0 && "a value",
    spec.at !== undefined && "a point (at)",
    spec.tolerance !== undefined && "a tolerance",
    spec.shapes !== undefined && "shapes",
  ].filter((x): x is string => typeof x === "string");
  if (extra.length > 0) {
    throw new ProblemError(`a backward sheet is judged on its own: ${extra.join(", ")} cannot go with it`, "each line of the sheet names its adjoint (dJ/du = …)");
  }
  const program = reading(() => readForwardProgram(spec.expression), "program", spec.expression);
  const remap = oneLine === undefined ? undefined : (error: ParseError) => inAnswer(error, oneLine);
  const sheet = reading(() => judgeSheet(program, sheetText), sheetWhat, sheetText, remap);
  return { kind: "backward", name: spec.name, source, verdict: sheet.verdict, sheet, showAnswer: spec.showAnswer === true };
}

/** A parse error inside the answer of a one-line sheet, placed in the answer's own text. */
function inAnswer(error: ParseError, { prefix, answer }: OneLine): ParseError | undefined {
  if (error.line !== 1 || error.column <= prefix.length) return undefined;
  const column = error.column - prefix.length;
  return new ParseError({ reason: error.reason, at: { line: 1, column, offset: column - 1 }, offending: error.offending, expected: error.expected, hint: error.hint }, answer);
}

/**
 * `check PROGRAM --wrt u --answer …` where u is a quantity the program defines (u in
 * cos(sin(x^2) + 3x^2), as trace names it, or a definition "u = …"), or where the program is
 * definitions the ordinary reader does not take: the answer as the one-line sheet dJ/du = answer.
 * Undefined when the ordinary check applies.
 */
export function quantityAnswer(spec: ProblemSpec): { spec: ProblemSpec; oneLine: OneLine } | undefined {
  const answers = spec.answers ?? [];
  if (answers.length !== 1 || (spec.values?.length ?? 0) > 0 || spec.shapes !== undefined || (spec.wrt?.length ?? 1) !== 1) return undefined;
  const named = spec.wrt?.[0] ?? answers[0].wrt;
  if (named === undefined) return undefined;
  const wrt = canonicalVariableName(named);
  let program: ForwardProgram;
  try {
    // An expression ending in an unnamed value is an ordinary check, not a quantity's.
    program = readForwardProgram(spec.expression, { unnamedValue: false });
  } catch {
    return undefined;
  }
  const defined = program.definitions.some((d) => d.name === wrt);
  if (!defined && (!program.inputs.includes(wrt) || ordinaryReads(spec.expression, wrt))) return undefined;
  const prefix = `d${program.output}/d${wrt} = `;
  const answer = answers[0].item;
  return { spec: { ...spec, wrt: undefined, answers: undefined, backward: `${prefix}${answer}` }, oneLine: { prefix, answer } };
}

/** Whether the ordinary check reads the expression, with `wrt` among its variables. */
function ordinaryReads(text: string, wrt: string): boolean {
  try {
    return variablesOf(parse(text)).includes(wrt);
  } catch {
    return false;
  }
}
