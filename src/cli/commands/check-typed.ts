// `check` with vectors and matrices: answers in matrix form, checked entry by entry.
import { pairWithVariables, ProblemError } from "../../check/problem.js";
import { checkTypedAnswer } from "../../check/typed.js";
import { typedCheckJson, typedCheckText } from "../../check/typed-report.js";
import { ParseError } from "../../parse/parse.js";
import { bindingNames } from "../../typed/program.js";
import { parseTyped } from "../../typed/parse.js";
import { typedVariablesOf } from "../../typed/texpr.js";
import { InputParseError, stringListOption, stringOption, wrtOption, type ParsedArgs } from "../args.js";
import { toJson } from "../format.js";
import { EXIT, UsageError, type Io } from "../io.js";
import { parseShapes } from "../typed-input.js";
import { scalarResult } from "./grad-typed.js";

const NAMED = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=(?!=)(.*)$/s;

export function runTypedCheck(text: string, values: ParsedArgs["values"], json: boolean, io: Io): number {
  if (values.value !== undefined || values.at !== undefined || values.tolerance !== undefined) {
    throw new UsageError("check: with vectors and matrices, give the answer as an expression (--answer); numeric answers (--at, --value) are for scalar expressions");
  }
  const read = (source: string, what: string, context?: Parameters<typeof parseTyped>[2]) => {
    try {
      return parseTyped(source, context === undefined ? parseShapes(stringOption(values, "shape"), "check") : new Map(), context);
    } catch (error) {
      if (error instanceof ParseError) throw new InputParseError(what, error, source);
      throw error;
    }
  };
  const program = read(text, "expression");
  const f = scalarResult(program, "check");
  const answers = stringListOption(values, "answer").map((answer) => {
    const m = NAMED.exec(answer);
    return m ? { wrt: m[1], item: m[2] } : { item: answer };
  });
  if (answers.length === 0) throw new UsageError("check: nothing to check: give an answer", `e.g. --wrt W --answer "…"`);
  let pairs: { wrt: string; item: string }[];
  try {
    pairs = pairWithVariables(answers, wrtOption(stringOption(values, "wrt"), "check"), [...typedVariablesOf(program.result).keys()], "answer");
  } catch (error) {
    if (error instanceof ProblemError) throw new UsageError(`check: ${error.message}`, error.hint);
    throw error;
  }
  for (const { wrt } of pairs) {
    if (!program.shapes.has(wrt)) throw new UsageError(`check: ${wrt} is not a variable of the expression`, `variables: ${[...program.shapes.keys()].join(", ")}`);
  }
  const single = pairs.length === 1;
  // Answers are read in the expression's context: its shapes and its named quantities (z, y).
  const parsed = pairs.map((p) => ({ wrt: p.wrt, answer: read(p.item, single ? "answer" : `answer for ${p.wrt}`, program).result }));
  const checks = parsed.map((p) => checkTypedAnswer(program, f, p.wrt, p.answer));
  const names = bindingNames(program);
  io.stdout(json ? `${toJson(typedCheckJson(program, checks, names))}\n` : typedCheckText(program, checks, names));
  const verdicts = checks.map((c) => c.verdict);
  return verdicts.includes("incorrect") || verdicts.includes("undecided") ? EXIT.negative : EXIT.ok;
}
