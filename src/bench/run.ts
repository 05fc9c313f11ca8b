// The benchmark: every case through every method and peer, then the summary that checks the
// targets of issue 8 against the measured ratios.
import { cpus, totalmem } from "node:os";
import { benchCases, type BenchCase } from "./cases.js";
import {
  caseContext, perParameterRow, reverseTapedRow, reverseViaPointRow, symbolicCompiledRow, symbolicInterpretedRow,
  type BenchRow, type CaseContext,
} from "./methods.js";
import { handWrittenRow, mathjsRow, tfjsRow } from "./peers.js";
import { timeOnce, type TimingBudget } from "../util/timing.js";

export interface BenchOptions {
  /** Leave out the 784-100-10 network. */
  readonly quick?: boolean;
  /** Progress messages (the CLI writes them to stderr). */
  readonly progress?: (message: string) => void;
}

export interface BenchReport {
  readonly rows: readonly BenchRow[];
  /** One line per target: what was measured and whether the target was met. */
  readonly summary: readonly string[];
  readonly machine: { readonly cpu: string; readonly cores: number; readonly memoryGiB: number; readonly node: string };
  readonly cases: readonly { readonly name: string; readonly description: string; readonly buildSeconds: number }[];
  readonly totalSeconds: number;
}

const SMALL_BUDGET: TimingBudget = { warmupSeconds: 0.3, sampleSeconds: 0.4, minSamples: 7 };
const LARGE_BUDGET: TimingBudget = { warmupSeconds: 1.5, sampleSeconds: 2, minSamples: 3, maxSamples: 15 };

type RowMaker = (x: CaseContext) => BenchRow | undefined | Promise<BenchRow | undefined>;

const ROW_MAKERS: readonly (readonly [string, RowMaker])[] = [
  ["symbolic (interpreted)", symbolicInterpretedRow],
  ["symbolic (compiled)", symbolicCompiledRow],
  ["finite differences", (x) => perParameterRow(x, "finite-difference", "finite differences")],
  ["forward", (x) => perParameterRow(x, "forward", "forward (dual numbers)")],
  ["reverse (taped)", reverseTapedRow],
  ["reverse (compiled, at(point))", reverseViaPointRow],
  ["mathjs", (x) => (x.c.mathjsText !== undefined || x.c.mathjsSkipped !== undefined ? mathjsRow(x) : undefined)],
  ["TensorFlow.js", (x) => (x.c.network !== undefined ? tfjsRow(x) : undefined)],
  ["hand-written", handWrittenRow],
];

export async function runBench(options: BenchOptions = {}): Promise<BenchReport> {
  const started = performance.now();
  const progress = options.progress ?? (() => undefined);
  const rows: BenchRow[] = [];
  const cases: BenchReport["cases"][number][] = [];
  for (const makeCase of benchCases({ quick: options.quick })) {
    const built = timeOnce(makeCase);
    const c: BenchCase = built.result;
    cases.push({ name: c.name, description: c.description, buildSeconds: built.seconds });
    const budget = c.large ? LARGE_BUDGET : SMALL_BUDGET;
    progress(`${c.name}: reverse (compiled) — compiling and timing`);
    const { context, referenceRow } = caseContext(c, budget);
    const caseRows: BenchRow[] = [referenceRow];
    for (const [label, make] of ROW_MAKERS) {
      progress(`${c.name}: ${label}`);
      const made = await make(context);
      if (made !== undefined) caseRows.push(made);
    }
    rows.push(...orderRows(caseRows));
  }
  const machine = {
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
  return { rows, summary: summarize(rows), machine, cases, totalSeconds: (performance.now() - started) / 1000 };
}

const ORDER = [
  "symbolic (interpreted)", "symbolic (compiled)", "finite differences", "forward (dual numbers)", "reverse (taped)",
  "reverse (compiled)", "reverse (compiled, at(point))", "mathjs", "TensorFlow.js", "hand-written JS",
];

function orderRows(rows: readonly BenchRow[]): BenchRow[] {
  return [...rows].sort((a, b) => ORDER.indexOf(a.method) - ORDER.indexOf(b.method));
}

const find = (rows: readonly BenchRow[], c: string, method: string) => rows.find((r) => r.case === c && r.method === method);
const times = (v: number) => `${v.toFixed(2)}×`;

/** The targets of issue 8, checked against this run (met or missed, never silently dropped). */
export function summarize(rows: readonly BenchRow[]): string[] {
  const lines: string[] = [];
  for (const net of ["nn 784-100-10", "nn 3-4-3-1"]) {
    const compiled = find(rows, net, "reverse (compiled)");
    const taped = find(rows, net, "reverse (taped)");
    if (compiled?.ratio == null) continue;
    const verdict = compiled.ratio <= 3 ? "met" : "MISSED";
    lines.push(
      `target reverse gradient ≤ 3× f on ${net}: compiled ${times(compiled.ratio)} of compiled f — ${verdict}` +
        (taped?.ratio != null ? `; taped ${times(taped.ratio)} of interpreted f` : ""),
    );
  }
  const handQuiz = find(rows, "quiz1", "hand-written JS");
  if (handQuiz?.gradientSeconds != null) {
    for (const method of ["reverse (compiled)", "symbolic (compiled)"]) {
      const r = find(rows, "quiz1", method);
      if (r?.gradientSeconds == null) continue;
      const factor = r.gradientSeconds / handQuiz.gradientSeconds;
      lines.push(`target compiled Quiz-1 gradient within 2× of hand-written: ${method} ${times(factor)} — ${factor <= 2 ? "met" : "MISSED"}`);
    }
    const mathjs = find(rows, "quiz1", "mathjs");
    if (mathjs?.gradientSeconds != null) {
      lines.push(`for comparison: mathjs's compiled derivatives on Quiz 1 take ${times(mathjs.gradientSeconds / handQuiz.gradientSeconds)} the hand-written gradient`);
    }
  }
  const handNet = find(rows, "nn 784-100-10", "hand-written JS");
  const compiledNet = find(rows, "nn 784-100-10", "reverse (compiled)");
  if (handNet?.gradientSeconds != null && compiledNet?.gradientSeconds != null) {
    lines.push(
      `on nn 784-100-10 the compiled gradient takes ${times(compiledNet.gradientSeconds / handNet.gradientSeconds)} the hand-written loops ` +
        "(generated code: one straight-line statement per graph node and adjoint increment; hand-written: two nested loops per layer)",
    );
  }
  const skipped = rows.filter((r) => r.gradientSeconds === null);
  for (const r of skipped) lines.push(`not run: ${r.method} on ${r.case} — ${r.note ?? ""}`);
  return lines;
}
