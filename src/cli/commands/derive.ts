import { dagSize, variablesOf } from "../../ast/walk.js";
import { deriveN } from "../../diff/symbolic/index.js";
import { printLatex } from "../../print/latex.js";
import { printExpr } from "../../print/text.js";
import { expectPositionals, parseCommandArgs, parseExpressionArg, stringOption, wrtOption } from "../args.js";
import type { Command } from "../command.js";
import { toJson } from "../format.js";
import { EXIT, UsageError } from "../io.js";

export const deriveCommand: Command = {
  name: "derive",
  summary: "the symbolic derivative as text (or LaTeX), simplified",
  help: `usage: diffscope derive EXPR --wrt x [--order N] [--mode tree|shared] [--latex] [--raw] [--json]

  --wrt x[,z]           variable(s) to differentiate by (default: every variable of EXPR)
  --order N             differentiate N times (default 1)
  --mode tree|shared    textbook tree recursion, or reverse accumulation on the shared DAG (default)
  --latex               print LaTeX instead of text
  --raw                 skip the simplifier
  --json                print {"derivatives": {"x": "<text>"}, "latex": {…}, "sizes": {…}}

The text is readable by diffscope and, for functions mathjs knows, by mathjs.`,
  options: {
    wrt: { type: "string" },
    order: { type: "string" },
    mode: { type: "string" },
    latex: { type: "boolean" },
    raw: { type: "boolean" },
    json: { type: "boolean" },
  },
  run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, this.options, "derive");
    expectPositionals(positionals, 1, "derive");
    const f = parseExpressionArg(positionals[0], "derive");
    const wrt = wrtOption(stringOption(values, "wrt"), "derive") ?? variablesOf(f);
    if (wrt.length === 0) throw new UsageError("derive: the expression has no variables; give --wrt", `e.g. diffscope derive "x^2" --wrt x`);
    const orderText = stringOption(values, "order") ?? "1";
    const order = /^\s*\d+\s*$/.test(orderText) ? Number(orderText) : NaN;
    if (!(order >= 0 && order <= 20)) throw new UsageError(`derive: --order must be a whole number from 0 to 20, got "${orderText}"`);
    const mode = stringOption(values, "mode") ?? "shared";
    if (mode !== "tree" && mode !== "shared") throw new UsageError(`derive: --mode must be tree or shared, got "${mode}"`);

    const derivatives = wrt.map((v) => deriveN(f, v, order, { mode, simplify: !values.raw }));
    const texts = derivatives.map((d) => printExpr(d));
    if (values.json) {
      io.stdout(`${toJson({
        expression: printExpr(f),
        order,
        mode,
        derivatives: Object.fromEntries(wrt.map((v, i) => [v, texts[i]])),
        latex: Object.fromEntries(wrt.map((v, i) => [v, printLatex(derivatives[i])])),
        sizes: Object.fromEntries(wrt.map((v, i) => [v, { treeNodes: derivatives[i].treeSize, dagNodes: dagSize(derivatives[i]) }])),
      })}\n`);
      return EXIT.ok;
    }
    const shown = values.latex ? derivatives.map(printLatex) : texts;
    if (wrt.length === 1) io.stdout(`${shown[0]}\n`);
    else io.stdout(wrt.map((v, i) => `${v}: ${shown[i]}\n`).join(""));
    return EXIT.ok;
  },
};
