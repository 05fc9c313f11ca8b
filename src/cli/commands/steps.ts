// `diffscope steps`: the symbolic derivation rule by rule (chain, product, quotient, power, …).
import type { Expr } from "../../ast/expr.js";
import { dagSize, variablesOf } from "../../ast/walk.js";
import { derivationJson, derivationText, deriveSteps } from "../../trace/index.js";
import { expectPositionals, parseCommandArgs, parseExpressionArg, stringOption, wrtOption } from "../args.js";
import type { Command } from "../command.js";
import { toJson } from "../format.js";
import { EXIT, UsageError, type Io } from "../io.js";

/** --wrt x,z (variables of f), or every variable of f; at least one. */
export function wrtList(text: string | undefined, f: Expr, command: string): string[] {
  const inF = variablesOf(f);
  const names = wrtOption(text, command) ?? inF;
  if (names.length === 0) throw new UsageError(`${command}: the expression has no variables to differentiate by`, `e.g. diffscope ${command} "sin(x^2)"`);
  const absent = names.find((name) => !inF.includes(name));
  if (absent !== undefined) {
    throw new UsageError(`${command}: --wrt ${absent}: ${absent} is not a variable of the expression`, `its variables: ${inF.join(", ") || "(none)"}`);
  }
  return names;
}

/**
 * A derivation prints one block per distinct sub-expression, each showing that sub-expression
 * and its derivative, so its text grows with (distinct nodes) × (their printed size): past
 * this many distinct nodes it is unreadable and can exhaust memory.
 */
export const MAX_STEPS_NODES = 400;

/** The derivations of f by each variable, as text or as the "steps" JSON value. */
export function printSteps(f: Expr, wrt: readonly string[], json: boolean, io: Io, command = "steps"): unknown {
  const nodes = dagSize(f);
  const tooLarge = (): UsageError =>
    new UsageError(
      `${command}: the expression is too large to show rule by rule (${nodes} distinct sub-expressions; up to ${MAX_STEPS_NODES} are shown)`,
      command === "trace"
        ? "leave out --steps for the forward and backward tables; the derivative itself: diffscope derive EXPR"
        : "the derivative itself: diffscope derive EXPR; the backward pass: diffscope trace EXPR --at …",
    );
  if (nodes > MAX_STEPS_NODES) throw tooLarge();
  let text: string;
  try {
    const derivations = wrt.map((x) => deriveSteps(f, x));
    if (json) return derivations.map(derivationJson);
    text = derivations.map(derivationText).join("\n");
  } catch (error) {
    // Deep nesting or very long printed derivatives (within the node limit) still run out.
    if (error instanceof RangeError) throw tooLarge();
    throw error;
  }
  io.stdout(text);
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
    expectPositionals(positionals, 1, "steps");
    const f = parseExpressionArg(positionals[0], "steps");
    const wrt = wrtList(stringOption(values, "wrt"), f, "steps");
    const json = values.json === true;
    const steps = printSteps(f, wrt, json, io);
    if (json) io.stdout(`${toJson({ steps })}\n`);
    return EXIT.ok;
  },
};
