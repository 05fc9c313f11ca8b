// A typed trace as aligned text: name, shape, formula and value columns; a matrix value takes
// one line per row, the later rows indented under the first.
import { formatTypedBlock } from "./format-value.js";
import type { TypedTrace, TypedTraceRow } from "./trace.js";

const HEADER = ["name", "shape", "formula", "value"] as const;

function table(rows: readonly TypedTraceRow[], digits: number): string {
  const cells = rows.map((r) => [r.name, r.shape, r.formula]);
  const widths = HEADER.slice(0, 3).map((h, c) => Math.max(h.length, ...cells.map((row) => row[c].length)));
  const left = (parts: readonly string[]) => parts.map((p, c) => p.padEnd(widths[c])).join("  ");
  const valueIndent = " ".repeat(widths.reduce((s, w) => s + w + 2, 0));
  const lines = [`${left(HEADER.slice(0, 3))}  ${HEADER[3]}`, `${widths.map((w) => "-".repeat(w)).join("  ")}  -----`];
  rows.forEach((r, i) => lines.push(`${left(cells[i])}  ${formatTypedBlock(r.value, digits, valueIndent)}`.trimEnd()));
  return lines.join("\n");
}

/** The forward table, the backward table (reverse order) and the layout note, 6 significant digits by default. */
export function renderTypedTrace(trace: TypedTrace, digits = 6): string {
  const J = trace.output;
  return [
    "Forward pass (each quantity after the ones it uses)",
    table(trace.forward, digits),
    "",
    `Backward pass (reverse order; d${J}/d${J} = 1, adjoints in matrix form)`,
    table(trace.backward, digits),
    "",
    `(${trace.layout})`,
    "",
  ].join("\n");
}
