// `diffscope swell`: the expression-swell benchmark as a table, JSON, CSV and an SVG plot.
import { existsSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import {
  budgetLegend, defaultNs, FAMILIES, FAMILY_NAMES, isFamilyName, PlotPackagesMissingError, rightAligned, runSwell, swellCsv,
  swellPlotter, swellSections, type FamilyName, type SwellPlotter,
} from "../../swell/index.js";
import { parseCommandArgs, stringOption, type ParsedArgs } from "../args.js";
import type { Command } from "../command.js";
import { formatTable, toJson } from "../format.js";
import { EXIT, UsageError } from "../io.js";

const DEFAULT_BUDGET = "3s";
const DEFAULT_MAX_N = 30;
const LARGEST_N = 10_000;

/** "5s", "500ms", "1.5s", "2m" or a bare number of seconds, in milliseconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?|\.\d+)\s*(ms|s|m)?$/.exec(text.trim());
  const unitMs: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000 };
  const ms = match === null ? NaN : Number(match[1]) * (unitMs[match[2] ?? "s"] ?? NaN);
  if (!(ms > 0) || ms > 600_000) {
    throw new UsageError(`swell: --budget expects a duration up to 10 minutes like 5s, 500ms or 1m, got "${text}"`);
  }
  return ms;
}

function parsePositiveInteger(text: string, option: string): number {
  const value = /^\d+$/.test(text.trim()) ? Number(text) : NaN;
  if (!(value >= 1 && value <= LARGEST_N)) {
    throw new UsageError(`swell: ${option} expects whole numbers from 1 to ${LARGEST_N}, got "${text}"`);
  }
  return value;
}

function familiesOption(text: string | undefined): FamilyName[] {
  if (text === undefined) return ["logistic"];
  if (text === "all") return [...FAMILY_NAMES];
  const names = text.split(",").map((s) => s.trim());
  for (const name of names) {
    if (!isFamilyName(name)) {
      throw new UsageError(`swell: unknown family "${name}"`, `families: ${FAMILY_NAMES.join(", ")}, or all`);
    }
  }
  return [...new Set(names as FamilyName[])];
}

function nsOption(values: ParsedArgs["values"]): number[] {
  const list = stringOption(values, "n");
  const maxN = stringOption(values, "max-n");
  if (list !== undefined && maxN !== undefined) throw new UsageError("swell: give --n or --max-n, not both");
  if (list !== undefined) {
    const ns = list.split(",").map((s) => parsePositiveInteger(s, "--n"));
    return [...new Set(ns)].sort((a, b) => a - b);
  }
  return defaultNs(maxN === undefined ? DEFAULT_MAX_N : parsePositiveInteger(maxN, "--max-n"));
}

/**
 * Refuses, before the (long) run starts, an output file that cannot be written: its directory
 * is missing, it is a directory, or a probe file cannot be created next to it.
 */
function outputPath(file: string | undefined, option: string): string | undefined {
  if (file === undefined) return undefined;
  if (file.trim() === "") throw new UsageError(`swell: ${option} needs a file name`);
  const path = resolve(file);
  const dir = dirname(path);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`swell: ${option} ${file}: no such directory ${dir}`);
  if (existsSync(path) && statSync(path).isDirectory()) throw new UsageError(`swell: ${option} ${file} is a directory`);
  const probe = temporaryName(path);
  try {
    writeFileSync(probe, "", { flag: "wx" });
  } catch (error) {
    throw new UsageError(`swell: ${option} ${file} cannot be written: ${error instanceof Error ? error.message : String(error)}`);
  }
  unlinkSync(probe);
  return path;
}

const temporaryName = (path: string): string => `${path}.${process.pid}.tmp`;

/**
 * Writes every file through a temporary file and then renames them all, so no file is left
 * half-written and a failure writing one leaves none of them written.
 */
function writeAllOrNone(files: readonly { readonly path: string; readonly text: string; readonly option: string }[]): void {
  const written: string[] = [];
  try {
    for (const { path, text, option } of files) {
      const temporary = temporaryName(path);
      try {
        writeFileSync(temporary, text);
      } catch (error) {
        throw new UsageError(`swell: ${option} ${path} could not be written: ${error instanceof Error ? error.message : String(error)}`);
      }
      written.push(temporary);
    }
  } catch (error) {
    for (const temporary of written) if (existsSync(temporary)) unlinkSync(temporary);
    throw error;
  }
  files.forEach(({ path }, i) => renameSync(written[i], path));
}

export const swellCommand: Command = {
  name: "swell",
  summary: "expression-swell benchmark: how derivative sizes and costs grow with n, per method and mathjs",
  help: `usage: diffscope swell [--family NAME|all] [--max-n N | --n LIST] [--budget 3s] [--json] [--csv FILE] [--svg FILE]

  --family NAME   ${FAMILY_NAMES.join(", ")} or all (default logistic); a comma list is accepted
  --max-n N       n = 1, 2, ..., min(N, 30), then steps of about x1.5 up to N (default ${DEFAULT_MAX_N})
  --n LIST        exactly these n, e.g. --n 1,2,4,1000
  --budget TIME   time allowed per cell, e.g. 5s, 500ms, 1m (default ${DEFAULT_BUDGET}); a cell that
                  runs out is "over budget" and its column stops growing for the family
  --json          print {"budgetMs", "families", "rows": [...]} instead of tables
  --csv FILE      also write the rows as CSV
  --svg FILE      also write a log-scale plot of size against n (vega-lite), one line per representation

Per family and n: the function's tree and DAG sizes; the symbolic derivative built the textbook
way (tree), on the shared DAG, and simplified; the reverse tape; forward-mode passes and
finite-difference evaluations; mathjs's derivative with and without its simplifier (in a worker
thread stopped at the budget); and the gradient from every method at a fixed point.
Families:
${FAMILY_NAMES.map((name) => `  ${name.padEnd(15)} ${FAMILIES[name].title}`).join("\n")}
Progress goes to stderr; files are written only once the run has finished.`,
  options: {
    family: { type: "string" },
    "max-n": { type: "string" },
    n: { type: "string" },
    budget: { type: "string" },
    json: { type: "boolean" },
    csv: { type: "string" },
    svg: { type: "string" },
  },
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, this.options, "swell");
    if (positionals.length > 0) throw new UsageError(`swell: unexpected argument "${positionals[0]}"`, "see: diffscope swell --help");
    const families = familiesOption(stringOption(values, "family"));
    const ns = nsOption(values);
    const budgetMs = parseDuration(stringOption(values, "budget") ?? DEFAULT_BUDGET);
    const csvPath = outputPath(stringOption(values, "csv"), "--csv");
    const svgPath = outputPath(stringOption(values, "svg"), "--svg");
    if (csvPath !== undefined && csvPath === svgPath) throw new UsageError("swell: --csv and --svg name the same file");

    // vega and vega-lite are optional dependencies: learn that they are missing before the run.
    const plotter = svgPath === undefined ? undefined : await loadPlotter();
    const report = await runSwell({ families, ns, budgetMs, onProgress: (line) => io.stderr(`${line}\n`) });

    // Everything is rendered before any file is written.
    const [title, subtitle] = families.length === 1
      ? [`Expression swell: ${families[0]}`, FAMILIES[families[0]].title]
      : ["Expression swell by family", undefined];
    const svg = plotter === undefined ? undefined : await plotter.render(report.rows, title, subtitle);
    const csv = csvPath === undefined ? undefined : swellCsv(report.rows);
    writeAllOrNone([
      ...(svgPath !== undefined && svg !== undefined ? [{ path: svgPath, text: svg, option: "--svg" }] : []),
      ...(csvPath !== undefined && csv !== undefined ? [{ path: csvPath, text: csv, option: "--csv" }] : []),
    ]);

    if (values.json) {
      io.stdout(`${toJson(report)}\n`);
      return EXIT.ok;
    }
    const text: string[] = [];
    for (const section of swellSections(report)) {
      text.push(`== ${section.heading}`, ...section.notes.map((note) => `   ${note}`), "");
      for (const table of section.tables) {
        const aligned = rightAligned(table);
        text.push(`${table.title}:`, formatTable(aligned.header, aligned.rows));
      }
    }
    text.push(budgetLegend(budgetMs));
    if (svgPath !== undefined) text.push(`plot written to ${svgPath}`);
    if (csvPath !== undefined) text.push(`CSV written to ${csvPath}`);
    io.stdout(`${text.join("\n")}\n`);
    return EXIT.ok;
  },
};

async function loadPlotter(): Promise<SwellPlotter> {
  try {
    return await swellPlotter();
  } catch (error) {
    if (error instanceof PlotPackagesMissingError) throw new UsageError(`swell --svg: ${error.message}`, error.hint);
    throw error;
  }
}
