import { dagSize } from "../../ast/walk.js";
import { printLatex } from "../../print/latex.js";
import { printExpr } from "../../print/text.js";
import { expectPositionals, parseCommandArgs, stringOption } from "../args.js";
import type { Command } from "../command.js";
import { formatTable, toJson } from "../format.js";
import { EXIT, type Io } from "../io.js";
import { bindingNames, describeShape, formatShape, lower, printTyped } from "../../typed/index.js";
import { parseShapes, readProgram, scalarReading } from "../typed-input.js";

function runTypedParse(text: string, shapes: string | undefined, json: boolean, io: Io): number {
  const program = readProgram(text, parseShapes(shapes, "parse"), "expression");
  const names = bindingNames(program);
  const { elements } = lower(program.result);
  const quantities = [
    ...[...program.shapes].map(([name, shape]) => ({ name, shape: formatShape(shape), formula: "(variable)" })),
    ...program.bindings.map((b) => ({ name: b.name, shape: formatShape(b.expr.shape), formula: printTyped(b.expr, new Map([...names].filter(([node]) => node !== b.expr))) })),
  ];
  const lowered = { elements: elements.length, treeSize: elements.reduce((sum, e) => sum + e.treeSize, 0), dagSize: dagSize([...elements]) };
  const result = { text: printTyped(program.result, names), shape: formatShape(program.result.shape) };
  if (json) {
    io.stdout(`${toJson({ result, quantities, lowered })}\n`);
    return EXIT.ok;
  }
  io.stdout(
    `${formatTable(["name", "shape", "formula"], quantities.map((q) => [q.name, q.shape, q.formula]))}\n` +
      `result:    ${result.text}  (${describeShape(program.result.shape)})\n` +
      `lowered:   ${lowered.elements} scalar expression(s), tree size ${lowered.treeSize}, DAG size ${lowered.dagSize}\n`,
  );
  return EXIT.ok;
}

export const parseCommand: Command = {
  name: "parse",
  summary: "show how an expression is read: canonical text, LaTeX, tree and DAG size",
  help: `usage: diffscope parse EXPR [--json]

  --json   print {"text", "latex", "treeSize", "dagSize"}

The tree size counts nodes as printed; the DAG size counts distinct sub-expressions
(equal sub-expressions are stored once), e.g. "sin(x)*sin(x)" has tree size 5, DAG size 3.

With vectors and matrices (--shape x=3,W=2x3, or a header "x: R^3; W: R^(2x3); …"): the shape
of every quantity, and the size of the scalar expressions it lowers to (W_i_j, x_i, …).`,
  options: { json: { type: "boolean" }, shape: { type: "string" } },
  run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, this.options, "parse");
    expectPositionals(positionals, 1, "parse");
    const reading = scalarReading(positionals[0], values, "parse");
    if (reading === undefined) return runTypedParse(positionals[0], stringOption(values, "shape"), values.json === true, io);
    const expr = reading.expr;
    const info = { text: printExpr(expr), latex: printLatex(expr), treeSize: expr.treeSize, dagSize: dagSize(expr), ...(reading.notes.length > 0 && { reading: reading.notes }) };
    const notes = reading.notes.map((note) => `reading:   ${note}\n`).join("");
    io.stdout(
      values.json
        ? `${toJson(info)}\n`
        : `text:      ${info.text}\nlatex:     ${info.latex}\n${notes}tree size: ${info.treeSize}\nDAG size:  ${info.dagSize}\n`,
    );
    return EXIT.ok;
  },
};
