// How the notebooks show things: tables as Markdown, plots as SVG rendered by vega-lite.
// Display only — every number shown comes from diffscope's API in the notebook itself.
import * as vega from "vega";
import * as vl from "vega-lite";

type Cell = string | number;

/** Numbers to 6 significant digits unless the caller formatted them already. */
export function cellText(value: Cell): string {
  if (typeof value === "string") return value;
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return "0";
  const abs = Math.abs(value);
  return abs >= 1e-4 && abs < 1e7 ? String(Number(value.toPrecision(6))) : value.toExponential(3);
}

const escapeCell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");

/** A Markdown table (with a plain-text fallback for terminals). */
export async function showTable(header: readonly string[], rows: readonly (readonly Cell[])[], caption?: string): Promise<void> {
  const lines = [
    `| ${header.map(escapeCell).join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.map((c) => escapeCell(cellText(c))).join(" | ")} |`),
  ];
  const markdown = (caption === undefined ? "" : `**${caption}**\n\n`) + lines.join("\n");
  const plain = [header.join("\t"), ...rows.map((row) => row.map(cellText).join("\t"))].join("\n");
  await Deno.jupyter.display({ "text/markdown": markdown, "text/plain": plain }, { raw: true });
}

/** Markdown text (formulas in $…$ render in Jupyter, VS Code and GitHub). */
export async function showMarkdown(markdown: string): Promise<void> {
  await Deno.jupyter.display({ "text/markdown": markdown, "text/plain": markdown }, { raw: true });
}

/** An SVG made elsewhere (e.g. diffscope's own swell plot). */
export async function showSvg(svg: string): Promise<void> {
  await Deno.jupyter.display({ "image/svg+xml": svg }, { raw: true });
}

/** Renders a vega-lite spec to SVG headlessly (no browser) and shows it. */
export async function showPlot(spec: vl.TopLevelSpec): Promise<void> {
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: "none" });
  try {
    await showSvg(await view.toSVG());
  } finally {
    view.finalize();
  }
}
