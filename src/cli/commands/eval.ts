import { evaluate } from "../../eval/evaluate.js";
import { expectPositionals, parseCommandArgs, noteUnusedPoint, parsePoint, stringOption } from "../args.js";
import type { Command } from "../command.js";
import { formatValue, toJson } from "../format.js";
import { EXIT } from "../io.js";
import { formatTypedBlock } from "../../typed/format-value.js";
import { lower } from "../../typed/lower.js";
import { formatShape } from "../../typed/shape.js";
import { fromEntries } from "../../typed/values.js";
import { readTypedInput, scalarExpression, TYPED_HELP, TYPED_OPTIONS } from "../typed-input.js";

export const evalCommand: Command = {
  name: "eval",
  summary: "evaluate an expression at a point",
  help: `usage: diffscope eval EXPR --at x=2,z=3 [--json]

  --at NAME=VALUE,…   values of the variables (a value may be a constant expression, e.g. pi/4)
  --json              print {"value": …} (a vector or matrix as nested arrays, with its "shape")

Vectors and matrices:
${TYPED_HELP}

examples: diffscope eval "exp(x*z) + x*z/log(x) + sin(log(x))/exp(x*z)" --at x=2,z=3
          diffscope eval "W * x" --at "W=[1,2;3,4],x=[1,1]"`,
  options: { at: { type: "string" }, json: { type: "boolean" }, ...TYPED_OPTIONS },
  run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, this.options, "eval");
    expectPositionals(positionals, 1, "eval");
    const expr = scalarExpression(positionals[0], values, "eval");
    if (expr === undefined) {
      const input = readTypedInput(positionals[0], values, "eval");
      const { shape, elements } = lower(input.program.result);
      const numbers = elements.map((e) => evaluate(e, input.point));
      const value = fromEntries(shape, numbers);
      // A row vector prints as the transpose of its column ([1, 2, 3]'), which reads back as a row.
      const text = `${formatTypedBlock(value, 17, "")}${shape.kind === "row" ? "'" : ""}`;
      io.stdout(values.json ? `${toJson({ value, shape: formatShape(shape) })}\n` : `${text}\n`);
      return EXIT.ok;
    }
    const point = parsePoint(stringOption(values, "at"), "eval");
    noteUnusedPoint(point, expr, "eval", io);
    const value = evaluate(expr, point);
    io.stdout(values.json ? `${toJson({ value })}\n` : `${formatValue(value)}\n`);
    return EXIT.ok;
  },
};
