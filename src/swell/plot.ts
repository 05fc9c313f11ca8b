// The swell plot: size against n on a log scale, one line per representation, drawn by
// vega-lite (compiled to a vega spec and rendered to SVG headlessly, no browser).
// vega and vega-lite (11 MB) are optionalDependencies: installed by default, left out by
// `npm install --omit=optional`. They are imported here alone, on demand, and their types stay
// inside this file, so the published declarations do not need them.
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

/**
 * A vega-lite specification, as JSON: a `TopLevelSpec` of vega-lite, which has the full type
 * (declared as a plain object here so that the declarations do not import vega-lite).
 */
export interface VegaLiteSpec {
  readonly $schema: string;
  readonly [property: string]: unknown;
}

/** The vega-lite specification: one chart, or one panel per family when there are several. */
export function swellPlotSpec(rows: readonly SwellRow[], title: string, subtitle?: string): VegaLiteSpec {
  return vegaLiteSpec(rows, title, subtitle);
}

function vegaLiteSpec(rows: readonly SwellRow[], title: string, subtitle?: string): vl.TopLevelSpec & VegaLiteSpec {
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
  if (families.length <= 1) return { ...base, width: 560, height: 340, ...layer } as vl.TopLevelSpec & VegaLiteSpec;
  return {
    ...base,
    facet: { field: "family", type: "nominal", title: null, sort: families },
    columns: 2,
    resolve: { scale: { x: "independent", y: "independent" } },
    spec: { width: 360, height: 240, ...layer },
  } as vl.TopLevelSpec & VegaLiteSpec;
}

/** The packages the plot is drawn with, all optional dependencies. */
export const PLOT_PACKAGES = ["vega", "vega-lite"] as const;

/** The plot cannot be drawn: optional packages it needs are not installed. */
export class PlotPackagesMissingError extends Error {
  /** What to run to install them. */
  readonly hint: string;
  constructor(readonly missing: readonly string[]) {
    super(
      `the SVG plot is drawn by the optional package${missing.length === 1 ? "" : "s"} ${missing.join(" and ")}, ` +
      `not installed here (npm install --omit=optional leaves them out)`,
    );
    this.name = "PlotPackagesMissingError";
    this.hint = `install ${missing.length === 1 ? "it" : "them"}: npm install ${PLOT_PACKAGES.join(" ")}`;
  }
}

/** Draws swell plots; from `swellPlotter()`, once vega and vega-lite have loaded. */
export interface SwellPlotter {
  /** The plot as SVG text. */
  render(rows: readonly SwellRow[], title: string, subtitle?: string): Promise<string>;
}

interface PlotModules {
  readonly vega: typeof import("vega");
  readonly vegaLite: typeof import("vega-lite");
}

/** Imports a package by name (a parameter so that a test can stand in for a missing one). */
export type PackageImporter = (name: string) => Promise<unknown>;
const importPackage: PackageImporter = (name) => import(name);

/**
 * Loads vega and vega-lite, so a caller can learn that they are missing before any work that
 * would be lost (the CLI loads them before running the benchmark). Throws
 * PlotPackagesMissingError naming every absent package; any other failure is rethrown as it is.
 */
export async function swellPlotter(load: PackageImporter = importPackage): Promise<SwellPlotter> {
  const loaded = await Promise.allSettled(PLOT_PACKAGES.map((name) => load(name)));
  const missing = PLOT_PACKAGES.filter((name, i) => {
    const outcome = loaded[i];
    return outcome.status === "rejected" && isMissingPackage(outcome.reason, name);
  });
  if (missing.length > 0) throw new PlotPackagesMissingError(missing);
  for (const outcome of loaded) if (outcome.status === "rejected") throw outcome.reason;
  const [vega, vegaLite] = loaded.map((outcome) => (outcome as PromiseFulfilledResult<unknown>).value);
  const modules = { vega, vegaLite } as PlotModules;
  return { render: (rows, title, subtitle) => renderWith(modules, rows, title, subtitle) };
}

/** Node's error for an import of a package that is not installed (not one of its own imports failing). */
function isMissingPackage(error: unknown, name: string): boolean {
  return error instanceof Error && (error as { code?: unknown }).code === "ERR_MODULE_NOT_FOUND" &&
    error.message.includes(`Cannot find package '${name}'`);
}

async function renderWith({ vega, vegaLite }: PlotModules, rows: readonly SwellRow[], title: string, subtitle?: string): Promise<string> {
  const spec = vegaLite.compile(vegaLiteSpec(rows, title, subtitle)).spec;
  const view = new vega.View(vega.parse(spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Renders the plot to SVG text (loading vega and vega-lite; see swellPlotter). */
export async function renderSwellSvg(rows: readonly SwellRow[], title: string, subtitle?: string): Promise<string> {
  return (await swellPlotter()).render(rows, title, subtitle);
}
