// Typed values as text: a scalar as its shortest round-trip digits, a vector as [a, b, c], a
// matrix as aligned rows (or one line, [a, b; c, d], where rows must stay on one line).
import { formatSignificant } from "../util/significant.js";
import type { TypedValue } from "./values.js";

const isRows = (value: TypedValue): value is readonly (readonly number[])[] => Array.isArray(value) && Array.isArray(value[0]);

/** One line: 0.5, [1, 2, 3] or [1, 2; 3, 4]. */
export function formatTypedInline(value: TypedValue, digits = 12): string {
  const f = (v: number) => formatSignificant(v, digits);
  if (typeof value === "number") return f(value);
  if (isRows(value)) return `[${value.map((row) => row.map(f).join(", ")).join("; ")}]`;
  return `[${(value as readonly number[]).map(f).join(", ")}]`;
}

/** Several lines for a matrix, columns aligned; vectors and scalars stay on one line. */
export function formatTypedBlock(value: TypedValue, digits = 12, indent = "  "): string {
  if (!isRows(value)) return formatTypedInline(value, digits);
  const cells = value.map((row) => row.map((v) => formatSignificant(v, digits)));
  const widths = cells[0].map((_c, j) => Math.max(...cells.map((row) => row[j].length)));
  return cells.map((row, i) => `${i === 0 ? "" : indent}${i === 0 ? "[" : " "}${row.map((c, j) => c.padStart(widths[j])).join("  ")}${i === cells.length - 1 ? "]" : ""}`).join("\n");
}
