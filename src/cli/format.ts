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
