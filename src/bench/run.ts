// The benchmark: every case through every method and peer, then the summary that checks the
// targets of issues 8 and 14 against the measured ratios.
import { cpus, totalmem } from "node:os";
import { benchCases, findCase, type BenchCase, type NamedCase } from "./cases.js";
import {
  caseContext, perParameterRow, reverseCompiledRow, reverseTapedRow, reverseViaPointRow, symbolicCompiledRow,
  symbolicInterpretedRow, type BenchRow, type CaseContext,
} from "./methods.js";
import { tensorRow } from "./tensor-rows.js";
import { handWrittenRow, mathjsRow, networkReference, tfjsRow, torchRow } from "./peers.js";
import { timeOnce, type TimingBudget } from "../util/timing.js";

export interface BenchOptions {
  /** Leave out the large networks. */
  readonly quick?: boolean;
  /** Run this case alone (a name as in the rows; see findCase). */
  readonly caseName?: string;
  /** Run only the rows whose method label starts with this (e.g. "reverse (compiled)"). */
  readonly method?: string;
  /** Progress messages (the CLI writes them to stderr). */
  readonly progress?: (message: string) => void;
  /**
   * Peak RSS in MB of running one case's method alone (the CLI runs `bench --case … --method …`
   * in a child process); asked for the cases with a memory target.
   */
  readonly peakRssOf?: (caseName: string, method: string) => Promise<number | undefined>;
}

export interface CaseReport {
  readonly name: string;
  readonly description: string;
  readonly buildSeconds: number;
  /** Peak RSS of the case's reverse row run alone in a child process, when measured. */
  readonly peakRssMB?: number;
  readonly peakRssOf?: string;
}

export interface BenchReport {
  readonly rows: readonly BenchRow[];
  /** One line per target: what was measured and whether the target was met. */
  readonly summary: readonly string[];
  readonly machine: { readonly cpu: string; readonly cores: number; readonly memoryGiB: number; readonly node: string };
  readonly cases: readonly CaseReport[];
  /** Peak RSS of this whole run (of the one case and method with --case and --method). */
  readonly peakRssMB: number;
  readonly totalSeconds: number;
}

const SMALL_BUDGET: TimingBudget = { warmupSeconds: 0.3, sampleSeconds: 0.4, minSamples: 7 };
const LARGE_BUDGET: TimingBudget = { warmupSeconds: 1.5, sampleSeconds: 2, minSamples: 3, maxSamples: 15 };

type RowMaker = (x: CaseContext) => BenchRow | undefined | Promise<BenchRow | undefined>;

const ROW_MAKERS: readonly (readonly [string, RowMaker])[] = [
  ["reverse (compiled)", reverseCompiledRow],
  ["reverse (tensor)", (x) => tensorRow(x, "reverse")],
  ["symbolic (tensor)", (x) => tensorRow(x, "symbolic")],
  ["symbolic (interpreted)", symbolicInterpretedRow],
  ["symbolic (compiled)", symbolicCompiledRow],
  ["finite differences", (x) => perParameterRow(x, "finite-difference", "finite differences")],
  ["forward", (x) => perParameterRow(x, "forward", "forward (dual numbers)")],
  ["reverse (taped)", reverseTapedRow],
  ["reverse (compiled, at(point))", reverseViaPointRow],
  ["mathjs", (x) => (x.c.mathjsText !== undefined || x.c.mathjsSkipped !== undefined ? mathjsRow(x) : undefined)],
  ["TensorFlow.js", (x) => (x.c.network !== undefined ? tfjsRow(x) : undefined)],
  ["PyTorch", torchRow],
  ["hand-written", handWrittenRow],
];

/** The row labels, for --method. */
export const ROW_LABELS: readonly string[] = ROW_MAKERS.map(([label]) => label);

/**
 * Whether --method `method` selects the row maker `label`: the label itself when one is called
 * that ("reverse (compiled)" is not also "reverse (compiled, at(point))"), else every label it
 * begins ("reverse" selects every reverse row), or a row's method the label begins ("hand-written JS").
 */
export function selectsRow(method: string, label: string): boolean {
  if (ROW_LABELS.includes(method)) return label === method;
  return label.startsWith(method) || method.startsWith(label);
}

/** The cases with a target on peak memory (issue 14). */
const MEMORY_TARGET_CASES = ["nn 784-256-128-10"];

function selectCases(options: BenchOptions): readonly NamedCase[] {
  if (options.caseName === undefined) return benchCases({ quick: options.quick });
  const found = findCase(options.caseName);
  if (found === undefined) throw new Error(`internal: unknown bench case ${options.caseName} (the CLI checks names)`);
  return [found];
}

export async function runBench(options: BenchOptions = {}): Promise<BenchReport> {
  const started = performance.now();
  const progress = options.progress ?? (() => undefined);
  const rows: BenchRow[] = [];
  const cases: CaseReport[] = [];
  for (const entry of selectCases(options)) {
    const built = timeOnce(entry.make);
    const c: BenchCase = built.result;
    const budget = c.large ? LARGE_BUDGET : SMALL_BUDGET;
    const context = caseContext(c, budget, networkReference(c));
    const caseRows: BenchRow[] = [];
    for (const [label, make] of ROW_MAKERS) {
      if (options.method !== undefined && !selectsRow(options.method, label)) continue;
      const notRun = c.notRun?.get(label);
      if (notRun !== undefined) {
        caseRows.push({ case: c.name, method: label, gradientSeconds: null, functionSeconds: null, ratio: null, note: notRun });
        continue;
      }
      progress(`${c.name}: ${label}`);
      const made = await make(context);
      if (made !== undefined) caseRows.push(made);
    }
    rows.push(...orderRows(caseRows));
    const report: CaseReport = { name: c.name, description: c.description, buildSeconds: built.seconds };
    const reverse = reverseRow(rows, c.name);
    if (!MEMORY_TARGET_CASES.includes(c.name) || reverse === undefined) cases.push(report);
    else if (options.caseName !== undefined && options.method !== undefined) {
      // this run is the case's method alone: its own peak is the figure
      cases.push({ ...report, peakRssMB: process.resourceUsage().maxRSS / 1024, peakRssOf: reverse.method });
    } else if (options.peakRssOf !== undefined) {
      progress(`${c.name}: peak RSS of ${reverse.method} alone (a child process)`);
      const peakRssMB = await options.peakRssOf(c.name, reverse.method);
      cases.push(peakRssMB === undefined ? report : { ...report, peakRssMB, peakRssOf: reverse.method });
    } else cases.push(report);
  }
  const machine = {
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
  return {
    rows, summary: summarize(rows, cases), machine, cases,
    peakRssMB: process.resourceUsage().maxRSS / 1024, totalSeconds: (performance.now() - started) / 1000,
  };
}

const ORDER = [
  "symbolic (interpreted)", "symbolic (compiled)", "symbolic (tensor)", "finite differences", "forward (dual numbers)", "reverse (taped)",
  "reverse (compiled)", "reverse (compiled, at(point))", "reverse (tensor)", "mathjs", "TensorFlow.js", "PyTorch",
  "hand-written JS",
];

/** A method's place in ORDER (a peer's label may add its version: "PyTorch 1.13.0"); others last. */
function rank(method: string): number {
  const exact = ORDER.indexOf(method);
  if (exact >= 0) return exact;
  const prefixed = ORDER.findIndex((m) => method.startsWith(`${m} `));
  return prefixed >= 0 ? prefixed : ORDER.length;
}

function orderRows(rows: readonly BenchRow[]): BenchRow[] {
  return [...rows].sort((a, b) => rank(a.method) - rank(b.method));
}

/** The reverse row the targets compare: tensor-level reverse mode when present, else compiled. */
const REVERSE_METHODS = ["reverse (tensor)", "reverse (compiled)"];

export function reverseRow(rows: readonly BenchRow[], c: string): BenchRow | undefined {
  return REVERSE_METHODS.map((m) => find(rows, c, m)).find((r) => r?.gradientSeconds != null);
}

const find = (rows: readonly BenchRow[], c: string, method: string) => rows.find((r) => r.case === c && r.method === method);
const times = (v: number) => `${v.toFixed(2)}×`;

const verdict = (met: boolean) => (met ? "met" : "MISSED");
/** Seconds as "0.787 ms", "41.3 ms" or "32.5 s" (no exponents). */
const ms = (seconds: number) => (seconds >= 1 ? `${seconds.toFixed(seconds >= 100 ? 0 : 1)} s` : `${(seconds * 1000).toPrecision(3)} ms`);

/** Issue 14's targets on the MNIST-size networks: gradient vs hand-written loops, set-up, memory. */
function networkTargets(rows: readonly BenchRow[], cases: readonly CaseReport[]): string[] {
  const lines: string[] = [];
  for (const [net, limit] of [["nn 784-100-10", 1.5], ["nn 784-256-128-10", 2]] as const) {
    const reverse = reverseRow(rows, net);
    const hand = find(rows, net, "hand-written JS");
    if (reverse?.gradientSeconds == null || hand?.gradientSeconds == null) continue;
    const factor = reverse.gradientSeconds / hand.gradientSeconds;
    lines.push(
      `target reverse gradient ≤ ${limit}× the hand-written loops on ${net}: ${reverse.method} ${times(factor)} ` +
        `(${ms(reverse.gradientSeconds)} vs ${ms(hand.gradientSeconds)}) — ${verdict(factor <= limit)}`,
    );
  }
  const big = "nn 784-256-128-10";
  const reverse = reverseRow(rows, big);
  const built = cases.find((c) => c.name === big);
  if (reverse?.setupSeconds !== undefined && built !== undefined) {
    // A tensor row's set-up starts from the program text; a scalar row needs the case's f built first.
    const fromText = reverse.path === "tensor";
    const setup = fromText ? reverse.setupSeconds : built.buildSeconds + reverse.setupSeconds;
    lines.push(
      `target set-up ≤ 50 ms on ${big} (from the typed program to the first gradient): ${reverse.method} ${ms(setup)}` +
        (fromText ? "" : ` (scalar f ${ms(built.buildSeconds)}, then ${ms(reverse.setupSeconds)})`) + ` — ${verdict(setup <= 0.05)}`,
    );
  }
  if (built?.peakRssMB !== undefined) {
    lines.push(
      `target peak RSS ≤ 200 MB on ${big}: ${built.peakRssOf} run alone (bench --case … --method …) ` +
        `${built.peakRssMB.toFixed(0)} MB — ${verdict(built.peakRssMB <= 200)}`,
    );
  }
  return lines;
}

/** The targets of issues 8 and 14, checked against this run (met or missed, never silently dropped). */
export function summarize(rows: readonly BenchRow[], cases: readonly CaseReport[] = []): string[] {
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
  lines.push(...networkTargets(rows, cases));
  const skipped = rows.filter((r) => r.gradientSeconds === null);
  for (const r of skipped) lines.push(`not run: ${r.method} on ${r.case} — ${r.note ?? ""}`);
  return lines;
}
