// Number, JSON and table formatting shared by the commands (no calculus here).

/** Shortest text that reads back as the same float64. */
export function formatValue(value: number): string {
  if (Object.is(value, -0)) return "-0";
  return String(value);
}

export { formatSignificant } from "../util/significant.js";

/** JSON with NaN and ±Infinity written as strings (plain JSON has no such numbers). */
export function toJson(data: unknown): string {
  return JSON.stringify(
    data,
    (_key, value: unknown) => (typeof value === "number" && !Number.isFinite(value) ? String(value) : value),
    2,
  );
}

/** A plain-text table with aligned columns; numbers right-aligned. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? "").length)));
  const isNumeric = header.map((_h, c) => rows.length > 0 && rows.every((r) => /^[-+]?[\d.]+(e[-+]?\d+)?%?$|^-$|^NaN$|^-?Infinity$/.test(r[c] ?? "")));
  const line = (cells: readonly string[]) =>
    cells.map((cell, c) => (isNumeric[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join("  ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n") + "\n";
}

/** Width of a table or text line when stdout is no terminal (a pipe, a file, a test). */
export const DEFAULT_WIDTH = 100;

/** The width output fits: the terminal's (or 100), or unlimited with --wide. */
export function outputWidth(columns: number | undefined, wide: boolean): number {
  if (wide) return Infinity;
  return columns !== undefined && columns > 0 ? columns : DEFAULT_WIDTH;
}

/**
 * How a table narrows: first the headers in `abbreviate` take their short form, then columns are
 * dropped in `drop` order (named by their full header) until the table fits. Columns not in
 * `drop` always stay.
 */
export interface NarrowingPlan {
  readonly abbreviate: Readonly<Record<string, string>>;
  readonly drop: readonly string[];
  /**
   * Widths a column is laid out with at least, when narrowed: a cell that may or may not carry a
   * suffix from run to run (" (compiled)") must not change which columns fit.
   */
  readonly minWidth?: Readonly<Record<string, number>>;
}

const tableWidth = (text: string): number => Math.max(...text.split("\n").map((line) => line.length));

/** A table fitted to `width` by `plan`, and the columns it dropped (full headers, in plan order). */
export function fitTable(
  header: readonly string[], rows: readonly (readonly string[])[], width: number, plan: NarrowingPlan,
): { text: string; dropped: string[] } {
  const full = formatTable(header, rows);
  if (tableWidth(full) <= width) return { text: full, dropped: [] };
  const short = header.map((h) => (plan.abbreviate[h] ?? h).padEnd(plan.minWidth?.[h] ?? 0));
  const dropped: string[] = [];
  const kept = () => header.map((_h, c) => c).filter((c) => !dropped.includes(header[c]));
  const render = () => {
    const columns = kept();
    return formatTable(columns.map((c) => short[c]), rows.map((r) => columns.map((c) => r[c] ?? "")));
  };
  let text = render();
  for (const name of plan.drop) {
    if (tableWidth(text) <= width) break;
    if (!header.includes(name)) continue;
    dropped.push(name);
    text = render();
  }
  return { text, dropped };
}

/** The line under a narrowed table: what it left out and how to see it. */
export function droppedNote(dropped: readonly string[], width: number): string | undefined {
  if (dropped.length === 0) return undefined;
  return `(fitted to ${width} columns, without ${dropped.join(", ")}; --wide shows every column)`;
}

/**
 * A line of prose broken at spaces to fit `width`, continuation lines indented by `indent`
 * spaces; a word longer than the width stays whole. Lines already within the width are unchanged.
 */
export function wrapLine(line: string, width: number, indent = 2): string {
  if (line.length <= width) return line;
  const lead = /^ */.exec(line)?.[0] ?? "";
  const words = line.slice(lead.length).split(" ");
  const out: string[] = [];
  let current = lead;
  const pad = " ".repeat(lead.length + indent);
  for (const word of words) {
    const start = out.length === 0 ? lead : pad;
    if (current.length > start.length && current.length + 1 + word.length > width) {
      out.push(current);
      current = pad + word;
    } else {
      current = current.length > start.length ? `${current} ${word}` : current + word;
    }
  }
  out.push(current);
  return out.join("\n");
}

/** Every line of `text` wrapped as wrapLine does. */
export function wrapText(text: string, width: number, indent = 2): string {
  return text.split("\n").map((line) => wrapLine(line, width, indent)).join("\n");
}
