// `diffscope bench`: the performance benchmark of issue 8 — every method and the peers on the
// same cases, one gradient vs one function evaluation, and the targets checked.
import type { BenchReport } from "../../bench/run.js";
import type { BenchRow } from "../../bench/methods.js";
import { expectPositionals, parseCommandArgs } from "../args.js";
import type { Command } from "../command.js";
import { formatTable, toJson } from "../format.js";
import { EXIT } from "../io.js";

/** Seconds in a readable unit with 3 significant digits (ns, µs, ms, s, min, h). */
export function formatSeconds(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return "-";
  const units: [number, string][] = [[3600, "h"], [60, "min"], [1, "s"], [1e-3, "ms"], [1e-6, "µs"], [1e-9, "ns"]];
  const [scale, unit] = units.find(([s]) => seconds >= s) ?? units[units.length - 1];
  return `${(seconds / scale).toPrecision(3)} ${unit}`;
}

function formatRatio(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return "-";
  return ratio >= 100 ? ratio.toFixed(0) : ratio >= 10 ? ratio.toFixed(1) : ratio.toFixed(2);
}

function formatDeviation(d: number | null | undefined): string {
  if (d === undefined || d === null) return "-";
  return d === 0 ? "0" : d.toExponential(1);
}

function tableRow(r: BenchRow): string[] {
  const gradient = `${r.extrapolated ? "~" : ""}${formatSeconds(r.gradientSeconds)}`;
  return [r.case, r.method, r.path ?? "", gradient, formatSeconds(r.functionSeconds), formatRatio(r.ratio),
    r.setupSeconds === undefined ? "-" : formatSeconds(r.setupSeconds), formatDeviation(r.deviation)];
}

export function formatBench(report: BenchReport): string {
  const m = report.machine;
  const header = ["case", "method", "path", "gradient", "f", "ratio", "set-up", "deviation"];
  const notes = report.rows.filter((r) => r.note !== undefined).map((r) => `  ${r.case} / ${r.method}: ${r.note}`);
  return [
    `diffscope bench — ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}`,
    ...report.cases.map((c) => `  ${c.name}: ${c.description}`),
    "",
    formatTable(header, report.rows.map(tableRow)).trimEnd(),
    "",
    "gradient: median time of one gradient (all partials and f); ~ = extrapolated from a subset of partials",
    "f: median time of one evaluation of f on the same footing (interpreter for interpreted methods, generated",
    "   code for compiled ones, the peer's own for peers); ratio = gradient / f (the cheap-gradient principle)",
    "deviation: max |g − g_ref| / max |g_ref| against compiled reverse mode",
    "absolute times vary by machine (and with load); the ratios are the point",
    "",
    "notes:",
    ...notes,
    "",
    "summary:",
    ...report.summary.map((line) => `  ${line}`),
    `(whole run ${report.totalSeconds.toFixed(0)} s)`,
  ].join("\n");
}

export const benchCommand: Command = {
  name: "bench",
  summary: "benchmark: gradient vs function time for every method, mathjs, TensorFlow.js and hand-written code",
  help: `usage: diffscope bench [--quick] [--json]

Times one gradient and one function evaluation (medians after warm-up) on the lecture's Quiz 1,
the Quiz-2 network (3-4-3-1), the logistic map at n = 100 (and n = 10, small enough for mathjs)
and a 784-100-10 network (79,400 weights), for symbolic (interpreted and compiled), finite
differences, forward mode, reverse mode (taped and compiled), mathjs, TensorFlow.js and
hand-written JavaScript. Finite differences and forward mode on the large network are timed on
a few partials and extrapolated (marked ~). Takes a few minutes; progress goes to stderr.

  --quick   leave out the 784-100-10 network (about half a minute)
  --json    print {"rows": [{"case", "method", "gradientSeconds", "functionSeconds", "ratio", …}], "summary", "machine"}`,
  options: { quick: { type: "boolean" }, json: { type: "boolean" } },
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, this.options, "bench");
    expectPositionals(positionals, 0, "bench");
    // loaded on demand: the peers (mathjs, TensorFlow.js) are heavy to import
    const { runBench } = await import("../../bench/run.js");
    const report = await runBench({ quick: values.quick === true, progress: (message) => io.stderr(`bench: ${message}\n`) });
    io.stdout(values.json ? `${toJson(report)}\n` : `${formatBench(report)}\n`);
    return EXIT.ok;
  },
};
