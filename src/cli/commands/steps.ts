// `diffscope steps`: the symbolic derivation rule by rule (chain, product, quotient, power, …).
import type { Expr } from "../../ast/expr.js";
import { variablesOf } from "../../ast/walk.js";
import { derivationJson, derivationText, deriveSteps } from "../../trace/index.js";
import { parseCommandArgs, parseExpressionArg, stringOption } from "../args.js";
import type { Command } from "../command.js";
import { toJson } from "../format.js";
import { EXIT, UsageError, type Io } from "../io.js";

/** --wrt x,z, or every variable of f. */
export function wrtList(text: string | undefined, f: Expr, command: string): string[] {
  if (text === undefined) return variablesOf(f);
  const names = text.split(",").map((w) => w.trim()).filter((w) => w !== "");
  if (names.length === 0) throw new UsageError(`${command}: --wrt names no variable`, "e.g. --wrt x,z");
  return names;
}

/** The derivations of f by each variable, as text or as the "steps" JSON value. */
export function printSteps(f: Expr, wrt: readonly string[], json: boolean, io: Io): unknown {
  const derivations = wrt.map((x) => deriveSteps(f, x));
  if (json) return derivations.map(derivationJson);
  io.stdout(derivations.map(derivationText).join("\n"));
  return undefined;
}

export const stepsCommand: Command = {
  name: "steps",
  summary: "show a symbolic derivative rule by rule (chain, product, quotient, power rules)",
  help: `usage: diffscope steps EXPR [--wrt x,z] [--json]

  --wrt VARS   differentiate by these variables (default: every variable)
  --json       print {"steps": [{"wrt", "result", "derivation": {rule, statement, …, steps: […]}}]}

Each sub-expression that depends on the variable gets the rule that applies (sum, product,
quotient, power, exponential, or the chain rule with the function's own derivative), the
rule's general form built from the op table, what its placeholders stand for, the derivations
of its arguments, and the simplified result. A sub-expression used twice is derived once.

example: diffscope steps "cos(sin(x^2) + 3x^2)"`,
  options: { wrt: { type: "string" }, json: { type: "boolean" } },
  run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, this.options, "steps");
    const f = parseExpressionArg(positionals[0], "steps");
    const wrt = wrtList(stringOption(values, "wrt"), f, "steps");
    if (wrt.length === 0) throw new UsageError("steps: the expression has no variables to differentiate by");
    const json = values.json === true;
    const steps = printSteps(f, wrt, json, io);
    if (json) io.stdout(`${toJson({ steps })}\n`);
    return EXIT.ok;
  },
};
