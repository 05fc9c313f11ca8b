// `diffscope compare`: the four methods side by side on the lecture's suites.
import { isMethodName } from "../../diff/registry.js";
import { METHOD_NAMES, type MethodName } from "../../diff/types.js";
import { CHECK_RULE } from "../../harness/compare.js";
import { TRUNK_DEPTH } from "../../harness/jacobian.js";
import { ACTIVATIONS, LOSSES, NetworkSpecError, type Activation, type Loss } from "../../harness/network.js";
import {
  caseHeading, caseNotes, caseTable, crossoverGrid, crossoverSummary, jacobianTable, jsonReport, type TableCells,
} from "../../harness/report.js";
import { ALL_SUITES, runComparison, SUITE_NAMES, UnknownSuiteError, JACOBIAN_SUITE, type ComparisonReport } from "../../harness/run.js";
import { GRADIENT_SUITES, type NetworkSettings } from "../../harness/suites.js";
import { parseCommandArgs, stringOption, type ParsedArgs } from "../args.js";
import type { Command } from "../command.js";
import { droppedNote, fitTable, outputWidth, toJson, wrapLine, type NarrowingPlan } from "../format.js";
import { EXIT, UsageError } from "../io.js";

const SUITE_LINES = [...GRADIENT_SUITES, JACOBIAN_SUITE].map((s) => `  ${s.name.padEnd(12)} ${s.summary}`).join("\n");

/**
 * How the method table narrows (format.ts fitTable): method, max rel Δ, check and grad ms always
 * stay; the counters that only some methods fill go first, the timing detail after them.
 */
export const CASE_NARROWING: NarrowingPlan = {
  abbreviate: { "max |Δ|": "|Δ|", "max rel Δ": "rel Δ", operations: "ops", "expr nodes DAG/tree": "DAG/tree" },
  drop: ["in est.", "tape", "passes", "f evals", "expr nodes DAG/tree", "operations", "setup ms", "params", "max |Δ|", "grad/f"],
  minWidth: { method: "symbolic (compiled)".length },
};

/** The jacobian table: the pass counts (A and 1 + B, by construction) go first. */
export const JACOBIAN_NARROWING: NarrowingPlan = {
  abbreviate: { "max |fwd − rev|": "|fwd − rev|" },
  drop: ["fwd passes", "rev passes", "max |fwd − rev|", "by"],
};

export const compareCommand: Command = {
  name: "compare",
  summary: "the four methods side by side on the lecture's functions and networks: errors and costs",
  help: `usage: diffscope compare [SUITE…|all] [--widths 3,4,3,1] [--activation sigmoid] [--loss cross-entropy]
                         [--biases] [--seed N] [--methods reverse,forward] [--budget MS] [--sizes 1,4,16]
                         [--wide] [--json]

suites (default all = ${ALL_SUITES.join(", ")}):
${SUITE_LINES}

  --widths W0,…,WL   units per layer, input to output (last = outputs: 1 → sigmoid, K → softmax);
                     overrides the network suites' shape; alone it runs the "network" suite
  --activation A     hidden units: ${ACTIVATIONS.join(", ")}
  --loss L           ${LOSSES.join(", ")}
  --biases           give every unit a bias (c1_j, …, d)
  --seed N           seed of weights, inputs and target (default 1)
  --methods M,…      methods to run (default all: ${METHOD_NAMES.join(", ")})
  --budget MS        forward and finite differences: if all parameters would take longer, measure an
                     evenly spread subset within MS and extrapolate (default 2000; 6000 from
                     10,000 parameters on)
  --sizes N,…        jacobian suite: the A and B values of the grid (default 1,4,16,64)
  --wide             every column and unbroken lines, however wide (by default the output fits
                     the terminal, or 100 columns when stdout is not one: see below)
  --json             print {"check", "cases", "rows"}; every row names its "suite" and "method"

Per method: max |Δ| and max rel Δ from the exact methods' median, a gradient check (tolerances
printed below the tables), set-up time apart from per-point time (median of warm runs), the
ratio gradient time / one evaluation of f, and the cost counters. Progress goes to stderr.
To fit the width, headers shorten first (${Object.entries(CASE_NARROWING.abbreviate).map(([a, b]) => `${a} → ${b}`).join(", ")}),
then columns go in this order: ${CASE_NARROWING.drop.join(", ")}; a line under the table
names those left out. Long lines break at spaces.

examples: diffscope compare nn2
          diffscope compare mnist            (784,100,10: under a minute)
          diffscope compare --widths 5,8,8,3 --activation tanh --json`,
  options: {
    widths: { type: "string" },
    activation: { type: "string" },
    loss: { type: "string" },
    biases: { type: "boolean" },
    seed: { type: "string" },
    methods: { type: "string" },
    budget: { type: "string" },
    sizes: { type: "string" },
    wide: { type: "boolean" },
    json: { type: "boolean" },
  },
  run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, this.options, "compare");
    const settings = networkSettings(values);
    const suites = positionals.length > 0 ? positionals : settings.widths !== undefined ? ["network"] : ["all"];
    for (const s of suites) {
      if (s !== "all" && !SUITE_NAMES.includes(s)) {
        throw new UsageError(`compare: unknown suite "${s}"`, `suites: ${[...SUITE_NAMES, "all"].join(", ")}`);
      }
    }
    const networkSuites = new Set(["nn1", "nn2", "activations", "mnist", "network", "all"]);
    const shaped = settings.widths !== undefined || settings.activation !== undefined || settings.loss !== undefined || settings.biases !== undefined;
    if (shaped && !suites.some((s) => networkSuites.has(s))) {
      io.stderr(`compare: note: --widths/--activation/--loss/--biases shape only the network suites (nn1, nn2, activations, mnist, network)\n`);
    }
    let report: ComparisonReport;
    try {
      report = runComparison(suites, {
        settings,
        methods: methodsOption(stringOption(values, "methods")),
        parameterBudgetMs: positiveNumber(stringOption(values, "budget"), "--budget"),
        jacobianSizes: sizesOption(stringOption(values, "sizes")),
        onProgress: (message) => io.stderr(`compare: ${message}\n`),
      });
    } catch (error) {
      if (error instanceof NetworkSpecError || error instanceof UnknownSuiteError) throw new UsageError(`compare: ${error.message}`);
      throw error;
    }
    io.stdout(values.json ? `${toJson(jsonReport(report))}\n` : renderReport(report, outputWidth(io.columns, values.wide === true)));
    return EXIT.ok;
  },
};

/** A table fitted to the width, with the line that says what it left out. */
export function fittedTable(cells: TableCells, width: number, plan: NarrowingPlan): string {
  const { text, dropped } = fitTable(cells.header, cells.rows, width, plan);
  const note = droppedNote(dropped, width);
  return text.trimEnd() + (note === undefined ? "" : `\n${wrapLine(note, width, 1)}`);
}

/** Prose lines (headings, notes) broken at spaces to the width; continuation lines indented. */
export function wrapped(lines: readonly string[], width: number, indent = 2): string[] {
  return lines.map((line) => wrapLine(line, width, indent));
}

export function renderReport(report: ComparisonReport, width = Infinity): string {
  const parts: string[] = [];
  const printed = new Set<string>();
  for (const c of report.cases) {
    // A note shared by several cases (the cross-entropy sign) is printed once.
    const notes = caseNotes(c).filter((n) => !printed.has(n));
    notes.forEach((n) => printed.add(n));
    parts.push(
      [
        ...wrapped(caseHeading(c, width !== Infinity), width),
        "",
        fittedTable(caseTable(c), width, CASE_NARROWING),
        ...(notes.length > 0 ? ["", ...wrapped(notes.map((n) => `  note: ${n}`), width, 6)] : []),
      ].join("\n"),
    );
  }
  if (report.cases.length > 0) parts.push(wrapLine(`${CHECK_RULE}; ~ = extrapolated from the measured subset`, width));
  if (report.jacobian !== undefined) {
    parts.push(
      [
        ...wrapped([
          `jacobian: f: R^A → R^B, a shared trunk of ${TRUNK_DEPTH} layers h^l_i = sin(h^(l−1)_i + mean_j h^(l−1)_j) from h⁰ = x, then ` +
            "f_k = tanh(u_k h_m + v_k h_(m+1)) + x_m x_(m+1), m = k mod A;",
          "the full Jacobian by forward mode (A passes) and reverse mode (1 forward + B backward sweeps)",
        ], width),
        "",
        fittedTable(jacobianTable(report.jacobian), width, JACOBIAN_NARROWING),
        "",
        wrapLine("which is faster (F forward, R reverse) and by how much, rows A inputs, columns B outputs:", width),
        fittedTable(crossoverGrid(report.jacobian), width, { abbreviate: {}, drop: [] }),
        "",
        ...wrapped(crossoverSummary(report.jacobian), width),
      ].join("\n"),
    );
  }
  return `${parts.join("\n\n")}\n`;
}

function networkSettings(values: ParsedArgs["values"]): NetworkSettings {
  const widthsText = stringOption(values, "widths");
  const activation = stringOption(values, "activation");
  const loss = stringOption(values, "loss");
  const seedText = stringOption(values, "seed");
  if (activation !== undefined && !(ACTIVATIONS as readonly string[]).includes(activation)) {
    throw new UsageError(`compare: --activation must be one of ${ACTIVATIONS.join(", ")}, got "${activation}"`);
  }
  if (loss !== undefined && !(LOSSES as readonly string[]).includes(loss)) {
    throw new UsageError(`compare: --loss must be one of ${LOSSES.join(", ")}, got "${loss}"`);
  }
  let seed: number | undefined;
  if (seedText !== undefined) {
    seed = Number(seedText);
    if (seedText.trim() === "" || !Number.isSafeInteger(seed)) throw new UsageError(`compare: --seed must be an integer, got "${seedText}"`);
  }
  return {
    widths: widthsText === undefined ? undefined : widthsOption(widthsText),
    activation: activation as Activation | undefined,
    loss: loss as Loss | undefined,
    biases: values.biases === true ? true : undefined,
    seed,
  };
}

/** Beyond this many weights even building the expression takes minutes. */
const MAX_WEIGHTS = 1_000_000;

function widthsOption(text: string): number[] {
  const widths = text.split(",").map((w) => Number(w.trim()));
  if (widths.length < 2 || widths.some((w) => !Number.isInteger(w) || w < 1)) {
    throw new UsageError(`compare: --widths expects two or more positive integers (input to output), got "${text}"`, "e.g. --widths 3,4,3,1");
  }
  const weights = widths.slice(1).reduce((total, w, l) => total + w * widths[l], 0);
  if (weights > MAX_WEIGHTS) {
    throw new UsageError(`compare: --widths ${text} has ${weights} weights; at most ${MAX_WEIGHTS} are supported`, "e.g. --widths 784,100,10 (79,400 weights)");
  }
  return widths;
}

function sizesOption(text: string | undefined): number[] | undefined {
  if (text === undefined) return undefined;
  const sizes = text.split(",").map((w) => Number(w.trim()));
  if (sizes.length === 0 || sizes.some((w) => !Number.isInteger(w) || w < 1 || w > 1000)) {
    throw new UsageError(`compare: --sizes expects positive integers up to 1000, got "${text}"`, "e.g. --sizes 1,4,16,64");
  }
  return sizes;
}

function methodsOption(text: string | undefined): MethodName[] | undefined {
  if (text === undefined || text === "all") return undefined;
  const names = text.split(",").map((m) => m.trim());
  for (const name of names) {
    if (!isMethodName(name)) throw new UsageError(`compare: unknown method "${name}"`, `methods: ${METHOD_NAMES.join(", ")}, all`);
  }
  return names as MethodName[];
}

function positiveNumber(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value <= 0) throw new UsageError(`compare: ${option} must be a positive number of milliseconds, got "${text}"`);
  return value;
}
