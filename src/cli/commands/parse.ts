import { dagSize } from "../../ast/walk.js";
import { printLatex } from "../../print/latex.js";
import { printExpr } from "../../print/text.js";
import { expectPositionals, parseCommandArgs, parseExpressionArg } from "../args.js";
import type { Command } from "../command.js";
import { toJson } from "../format.js";
import { EXIT } from "../io.js";

export const parseCommand: Command = {
  name: "parse",
  summary: "show how an expression is read: canonical text, LaTeX, tree and DAG size",
  help: `usage: diffscope parse EXPR [--json]

  --json   print {"text", "latex", "treeSize", "dagSize"}

The tree size counts nodes as printed; the DAG size counts distinct sub-expressions
(equal sub-expressions are stored once), e.g. "sin(x)*sin(x)" has tree size 5, DAG size 3.`,
  options: { json: { type: "boolean" } },
  run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, this.options, "parse");
    expectPositionals(positionals, 1, "parse");
    const expr = parseExpressionArg(positionals[0], "parse");
    const info = { text: printExpr(expr), latex: printLatex(expr), treeSize: expr.treeSize, dagSize: dagSize(expr) };
    io.stdout(
      values.json
        ? `${toJson(info)}\n`
        : `text:      ${info.text}\nlatex:     ${info.latex}\ntree size: ${info.treeSize}\nDAG size:  ${info.dagSize}\n`,
    );
    return EXIT.ok;
  },
};
