// `diffscope bench`: the performance benchmark of issue 8 — every method and the peers on the
// same cases, one gradient vs one function evaluation, and the targets checked.
import { BENCH_CASES, findCase } from "../../bench/cases.js";
import type { BenchReport } from "../../bench/run.js";
import type { BenchRow } from "../../bench/methods.js";
import { expectPositionals, parseCommandArgs } from "../args.js";
import type { Command } from "../command.js";
import { formatTable, toJson } from "../format.js";
import { EXIT, UsageError } from "../io.js";

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
    "deviation: max |g − g_ref| / max |g_ref| against the hand-written gradient on networks, compiled reverse mode elsewhere",
    "absolute times vary by machine (and with load); the ratios are the point",
    "",
    "notes:",
    ...notes,
    "",
    "summary:",
    ...report.summary.map((line) => `  ${line}`),
    ...report.cases.filter((c) => c.peakRssMB !== undefined).map((c) => `  peak RSS of ${c.peakRssOf} alone on ${c.name}: ${c.peakRssMB?.toFixed(0)} MB`),
    `  peak RSS of this run: ${report.peakRssMB.toFixed(0)} MB`,
    `(whole run ${report.totalSeconds.toFixed(0)} s)`,
  ].join("\n");
}

export const benchCommand: Command = {
  name: "bench",
  summary: "benchmark: gradient vs function time for every method, mathjs, TensorFlow.js and hand-written code",
  help: `usage: diffscope bench [--quick] [--case NAME] [--method LABEL] [--json]

Times one gradient and one function evaluation (medians after warm-up) on the lecture's Quiz 1,
the Quiz-2 network (3-4-3-1), the logistic map at n = 100 (and n = 10, small enough for mathjs)
and the networks 784-100-10 (79,400 weights) and 784-256-128-10 (234,752 weights), for
symbolic (interpreted and compiled), finite differences, forward mode, reverse mode (taped and
compiled), mathjs, TensorFlow.js, PyTorch (when /usr/bin/python3 can import torch) and
hand-written JavaScript. Finite differences and forward mode on the large networks are timed on
a few partials and extrapolated (marked ~). Takes minutes; progress goes to stderr.

  --quick          leave out the 784-… networks (about half a minute)
  --case NAME      run one case: ${BENCH_CASES.map((c) => `"${c.name}"`).join(", ")}
                   (a network also without "nn ", e.g. 784-100-10)
  --method LABEL   run only the rows whose method starts with LABEL, e.g. "reverse (compiled)"
  --json           print {"rows": [{"case", "method", "gradientSeconds", "functionSeconds", "ratio", …}],
                   "summary", "machine", "cases" (with peakRssMB where measured), "peakRssMB"}`,
  options: { quick: { type: "boolean" }, json: { type: "boolean" }, case: { type: "string" }, method: { type: "string" } },
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, this.options, "bench");
    expectPositionals(positionals, 0, "bench");
    const caseName = typeof values.case === "string" ? values.case : undefined;
    if (caseName !== undefined && findCase(caseName) === undefined) {
      throw new UsageError(`bench: no case called "${caseName}"`, `cases: ${BENCH_CASES.map((c) => `"${c.name}"`).join(", ")}`);
    }
    const method = typeof values.method === "string" ? values.method : undefined;
    // loaded on demand: the peers (mathjs, TensorFlow.js) are heavy to import
    const { runBench, ROW_LABELS, selectsRow } = await import("../../bench/run.js");
    if (method !== undefined && !ROW_LABELS.some((label) => selectsRow(method, label))) {
      throw new UsageError(`bench: no method called "${method}"`, `methods: ${ROW_LABELS.map((l) => `"${l}"`).join(", ")}`);
    }
    const { childPeakRss } = await import("../../bench/peak-rss.js");
    const report = await runBench({
      quick: values.quick === true, caseName, method,
      // a run of one method measures its own peak; a wider one asks a child for the reverse row's
      peakRssOf: method === undefined ? childPeakRss : undefined,
      progress: (message) => io.stderr(`bench: ${message}\n`),
    });
    io.stdout(values.json ? `${toJson(report)}\n` : `${formatBench(report)}\n`);
    return EXIT.ok;
  },
};
