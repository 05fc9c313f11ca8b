// `diffscope trace`: the lecture's forward and backward tables at a point.
import { evaluate } from "../../eval/evaluate.js";
import { printBounded } from "../../print/text.js";
import { traceAt, type Trace } from "../../trace/index.js";
import { expectPositionals, parseCommandArgs, noteUnusedPoint, parsePoint, stringOption } from "../args.js";
import type { Command } from "../command.js";
import { formatSignificant, formatTable, formatValue, toJson } from "../format.js";
import { EXIT, UsageError } from "../io.js";
import { printSteps, wrtList } from "./steps.js";
import { readTypedInput, scalarExpression, TYPED_HELP, TYPED_OPTIONS } from "../typed-input.js";
import { elementNames, renderTypedTrace, typedTrace } from "../../typed/index.js";
import { requireScalar, typedWrt } from "./grad-typed.js";
import { wrtOption, type ParsedArgs } from "../args.js";
import type { Io } from "../io.js";
import { readForwardProgram } from "../../check/backward/forward.js";
import { forwardText } from "../../check/backward/report.js";
import { ParseError } from "../../parse/parse.js";
import { sheetSlots } from "../../trace/sheet.js";
import { InputParseError } from "../args.js";

/** `trace PROGRAM --sheet`: the blank backward sheet, the lines a student fills in (? for each value). */
function runSheet(text: string | undefined, values: ParsedArgs["values"], io: Io): number {
  const others = ["at", "wrt", "steps", "seed", "at-file", "shape"].filter((o) => values[o] !== undefined);
  if (others.length > 0) throw new UsageError(`trace: --sheet prints the blank backward sheet, which needs no ${others.map((o) => `--${o}`).join(", ")}`);
  if (text === undefined || text.trim() === "") throw new UsageError("trace: --sheet needs the forward program (an expression, or its definitions)", 'e.g. diffscope trace "cos(sin(x^2) + 3x^2)" --sheet');
  let program;
  try {
    program = readForwardProgram(text);
  } catch (error) {
    if (error instanceof ParseError) throw new InputParseError("program", error, text);
    throw error;
  }
  // A vector or matrix quantity gets one line in matrix form (dJ/dW = ?), not one per entry.
  const baseOf = new Map<string, string>();
  for (const [base, shape] of program.shapes ?? []) for (const entry of elementNames(base, shape)) baseOf.set(entry, base);
  const written = new Set<string>();
  const lines = sheetSlots(program).flatMap((slot) => {
    const base = baseOf.get(slot.quantity);
    if (base === undefined) return [`${slot.left} ?`];
    if (written.has(base)) return [];
    written.add(base);
    return [`d${program.output}/d${base} = ?`];
  });
  if (values.json === true) {
    io.stdout(`${toJson({ forward: forwardText(program), output: program.output, inputs: program.inputs, sheet: lines })}\n`);
  } else {
    io.stdout(`${lines.join("\n")}\n`);
  }
  return EXIT.ok;
}

function runTypedTrace(text: string, values: ParsedArgs["values"], io: Io): number {
  if (values.steps === true) throw new UsageError("trace: --steps is for scalar expressions; with vectors and matrices the backward table is already in matrix form");
  if (values.at === undefined && values["at-file"] === undefined && values.seed === undefined) {
    throw new UsageError("trace: give the point with --at, --at-file or --seed", 'e.g. diffscope trace "x: R^3; sum(sigmoid(x))" --seed 1');
  }
  const input = readTypedInput(text, values, "trace");
  requireScalar(input.program, "trace");
  const wrt = typedWrt(input.program, wrtOption(stringOption(values, "wrt"), "trace"), "trace");
  const trace = typedTrace(input.program, input.values, [...wrt.keys()]);
  io.stdout(values.json === true ? `${toJson({ program: input.program.source, ...trace })}\n` : renderTypedTrace(trace));
  return EXIT.ok;
}

const n = (v: number): string => formatSignificant(v, 6);

function forwardTable(trace: Trace): string {
  const rows = trace.forward.map((r) => [r.name, r.role === "input" ? "(input)" : r.formula, n(r.value)]);
  return formatTable(["name", "formula", "value"], rows);
}

function backwardTable(trace: Trace): string {
  const J = trace.output;
  const rows = trace.backward.map((r) => {
    const fromOutput = r.source === J;
    const update = fromOutput ? `d${J}/d${r.target} += ${r.localFormula}` : `d${J}/d${r.target} += d${J}/d${r.source} * d${r.source}/d${r.target}`;
    const localName = `d${r.source}/d${r.target}`;
    const localValue = r.localFormula === n(r.local) ? "" : ` = ${n(r.local)}`;
    const local = `${localName} = ${r.localFormula}${localValue}`;
    const product = `${n(r.adjoint)} * ${n(r.local)} = ${n(r.increment)}`;
    const adjoint = r.before === undefined ? `d${J}/d${r.target} = ${n(r.after)}` : `d${J}/d${r.target} = ${n(r.before)} ${r.increment < 0 ? "-" : "+"} ${n(Math.abs(r.increment))} = ${n(r.after)}`;
    return [update, local, product, adjoint];
  });
  return formatTable(["increment", "local derivative", "adjoint * local", "adjoint so far"], rows);
}

function traceText(trace: Trace, expression: string, at: string): string {
  const J = trace.output;
  const gradient = trace.wrt.map((v) => `d${J}/d${v} = ${formatValue(trace.gradient[v])}`).join("\n  ");
  return [
    `${J} = ${expression} at ${at}`,
    "",
    "Forward pass (topological order: each quantity after the ones it uses)",
    forwardTable(trace),
    `Backward pass (reverse topological order; d${J}/d${J} = 1, every other adjoint starts at 0)`,
    trace.backward.length > 0 ? backwardTable(trace) : "(no operation between the output and the variables differentiated by)\n",
    `${J} = ${formatValue(trace.value)}`,
    `Gradient:\n  ${gradient}`,
    "",
  ].join("\n");
}

export const traceCommand: Command = {
  name: "trace",
  summary: "the lecture's forward and backward tables (backpropagation step by step) at a point",
  help: `usage: diffscope trace EXPR --at x=1 [--wrt x,z] [--steps] [--json]
       diffscope trace PROGRAM --sheet [--json]     (the blank backward sheet to fill in)

  --at NAME=VALUE,…  the point (a value may be a constant expression, e.g. pi/4)
  --wrt VARS         differentiate by these variables (default: every variable)
  --steps            also show the symbolic derivation rule by rule (as \`diffscope steps\`)
  --json             print {"output", "value", "forward": […], "backward": […], "gradient": {…}}
  --sheet            print the blank backward sheet of EXPR, or of a forward program written as
                     definitions ("J = cos(u); u = u1 + u2; …", any order): one line per adjoint
                     (dJ/du = ?), the output's first, and one dJ/dt += ? per path where several
                     lead into t. Filled in, it is what \`check PROGRAM --backward FILE\` judges

Forward: every intermediate quantity once, in topological order, with a name, its formula in
earlier names and its value. Where the expression has the shape of the lecture's simple example
the lecture's names are used (t, u1, u2, u, J); otherwise the output is y and the rest v1, v2, ….
Backward: each adjoint increment dJ/dv += dJ/du * du/dv in the tape's reverse order, with the
local derivative's formula (from the op table) and every number; a quantity used twice gets one
increment per use, accumulating (+=). The numbers are the reverse-mode tape's own.

With vectors and matrices, the tables are the lecture's module by module: each quantity a
vector or matrix (a = alpha1' * x, z = sigmoid(a), …; name them with definitions, or they are
t1, t2, …), and each adjoint in matrix form (dJ/da = dJ/dz .* z .* (1 - z)) with its value.
${TYPED_HELP}

examples: diffscope trace "cos(sin(x^2) + 3x^2)" --at x=1
          diffscope trace "x: R^3; W: R^(2x3); t: R^2; a = W * x; z = sigmoid(a); 0.5*norm2(z - t)^2" --seed 1`,
  options: { at: { type: "string" }, wrt: { type: "string" }, steps: { type: "boolean" }, json: { type: "boolean" }, sheet: { type: "boolean" }, ...TYPED_OPTIONS },
  run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, this.options, "trace");
    expectPositionals(positionals, 1, "trace");
    if (values.sheet === true) return runSheet(positionals[0], values, io);
    const f = scalarExpression(positionals[0], values, "trace");
    if (f === undefined) return runTypedTrace(positionals[0], values, io);
    const atText = stringOption(values, "at");
    if (atText === undefined) throw new UsageError("trace: give the point with --at", 'e.g. diffscope trace "cos(sin(x^2) + 3x^2)" --at x=1');
    const point = parsePoint(atText, "trace");
    evaluate(f, point); // reports missing variables before anything is printed
    noteUnusedPoint(point, f, "trace", io);
    const wrt = wrtList(stringOption(values, "wrt"), f, "trace");
    const trace = traceAt(f, point, wrt);
    const json = values.json === true;
    if (json) {
      const steps = values.steps === true ? printSteps(f, wrt, true, io, "trace") : undefined;
      io.stdout(`${toJson({ expression: printBounded(f), point: Object.fromEntries(point), ...trace, gradient: { ...trace.gradient }, ...(steps === undefined ? {} : { steps }) })}\n`);
      return EXIT.ok;
    }
    // Steps are worked out first, so a refusal (too large) prints nothing half-way.
    let stepsText = "";
    if (values.steps === true) printSteps(f, wrt, false, { stdout: (t) => (stepsText += t), stderr: io.stderr }, "trace");
    io.stdout(traceText(trace, printBounded(f), [...point].map(([k, v]) => `${k} = ${formatValue(v)}`).join(", ")));
    if (values.steps === true) io.stdout(`\nSymbolic derivation, rule by rule\n\n${stepsText}`);
    return EXIT.ok;
  },
};
