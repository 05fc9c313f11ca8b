// The swell plot: size against n on a log scale, one line per representation, drawn by
// vega-lite (compiled to a vega spec and rendered to SVG headlessly, no browser).
import type * as vl from "vega-lite";
import type { SwellRow } from "./row.js";

/** The plotted representations: a label and how to read its size from a row. */
export const PLOTTED_SERIES: readonly { readonly label: string; readonly size: (row: SwellRow) => number | null }[] = [
  { label: "function, as typed (tree)", size: (r) => r.functionTreeNodes },
  { label: "derivative, naive tree mode (tree nodes)", size: (r) => r.derivativeTreeNodes },
  { label: "derivative, shared (DAG nodes)", size: (r) => r.derivativeDagNodes },
  { label: "reverse tape (entries)", size: (r) => r.tapeEntries },
  { label: "mathjs derivative, simplified (tree nodes)", size: (r) => r.mathjsDerivativeNodes },
  { label: "mathjs derivative, unsimplified (tree nodes)", size: (r) => r.mathjsUnsimplifiedNodes },
];

export interface PlotPoint {
  readonly family: string;
  readonly n: number;
  readonly representation: string;
  readonly nodes: number;
}

/** The points the plot draws: finite, positive sizes (log scale) of every series. */
export function plotPoints(rows: readonly SwellRow[]): PlotPoint[] {
  const points: PlotPoint[] = [];
  for (const row of rows) {
    for (const series of PLOTTED_SERIES) {
      const nodes = series.size(row);
      if (nodes !== null && Number.isFinite(nodes) && nodes > 0) {
        points.push({ family: row.family, n: row.n, representation: series.label, nodes });
      }
    }
  }
  return points;
}

/** The vega-lite specification: one chart, or one panel per family when there are several. */
export function swellPlotSpec(rows: readonly SwellRow[], title: string, subtitle?: string): vl.TopLevelSpec {
  const values = plotPoints(rows);
  const families = [...new Set(rows.map((r) => r.family))];
  const layer = {
    mark: { type: "line" as const, point: true, strokeWidth: 2 },
    encoding: {
      x: { field: "n", type: "quantitative" as const, title: "n" },
      y: { field: "nodes", type: "quantitative" as const, scale: { type: "log" as const }, title: "nodes (log scale)" },
      color: {
        field: "representation", type: "nominal" as const,
        sort: PLOTTED_SERIES.map((s) => s.label),
      },
      tooltip: [{ field: "n" }, { field: "representation" }, { field: "nodes" }],
    },
  };
  const base = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: title, ...(subtitle === undefined ? {} : { subtitle }), anchor: "start" as const },
    data: { values },
    config: { legend: { orient: "bottom", columns: 2, labelLimit: 0, title: null } },
  };
  if (families.length <= 1) return { ...base, width: 560, height: 340, ...layer } as vl.TopLevelSpec;
  return {
    ...base,
    facet: { field: "family", type: "nominal", title: null, sort: families },
    columns: 2,
    resolve: { scale: { x: "independent", y: "independent" } },
    spec: { width: 360, height: 240, ...layer },
  } as vl.TopLevelSpec;
}

/** Renders the plot to SVG text. */
export async function renderSwellSvg(rows: readonly SwellRow[], title: string, subtitle?: string): Promise<string> {
  // loaded on demand, so commands that draw nothing do not pay for vega's import
  const [vega, vegaLite] = await Promise.all([import("vega"), import("vega-lite")]);
  const spec = vegaLite.compile(swellPlotSpec(rows, title, subtitle)).spec;
  const view = new vega.View(vega.parse(spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
