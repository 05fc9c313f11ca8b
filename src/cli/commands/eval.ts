import { evaluate } from "../../eval/evaluate.js";
import { expectPositionals, parseCommandArgs, parseExpressionArg, parsePoint, stringOption } from "../args.js";
import type { Command } from "../command.js";
import { formatValue, toJson } from "../format.js";
import { EXIT } from "../io.js";

export const evalCommand: Command = {
  name: "eval",
  summary: "evaluate an expression at a point",
  help: `usage: diffscope eval EXPR --at x=2,z=3 [--json]

  --at NAME=VALUE,…   values of the variables (a value may be a constant expression, e.g. pi/4)
  --json              print {"value": …}

example: diffscope eval "exp(x*z) + x*z/log(x) + sin(log(x))/exp(x*z)" --at x=2,z=3`,
  options: { at: { type: "string" }, json: { type: "boolean" } },
  run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, this.options, "eval");
    expectPositionals(positionals, 1, "eval");
    const expr = parseExpressionArg(positionals[0], "eval");
    const point = parsePoint(stringOption(values, "at"), "eval");
    const value = evaluate(expr, point);
    io.stdout(values.json ? `${toJson({ value })}\n` : `${formatValue(value)}\n`);
    return EXIT.ok;
  },
};
