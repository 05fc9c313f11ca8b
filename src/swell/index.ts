// The expression-swell benchmark: families, measurement under time budgets, and its outputs.
export { maxRelativeDifference } from "./agreement.js";
export { ColumnBudgets, predictMs, type OverBudget } from "./budget.js";
export { swellCsv } from "./csv.js";
export { FAMILIES, FAMILY_NAMES, isFamilyName, PARSE_TREE_LIMIT, TYPED_FAMILIES, type FamilyName, type SwellFamily } from "./families.js";
export { MathjsPeer, type MathjsJob, type MathjsOutcome } from "./mathjs-peer.js";
export {
  defaultNs, runSwell, type SwellFamilyReport, type SwellOptions, type SwellReport,
} from "./measure.js";
export {
  PLOT_PACKAGES, PLOTTED_SERIES, PlotPackagesMissingError, plotPoints, renderSwellSvg, swellPlotSpec, swellPlotter,
  type PackageImporter, type PlotPoint, type SwellPlotter, type VegaLiteSpec,
} from "./plot.js";
export { budgetLegend, formatMs, formatNodes, rightAligned, swellSections, type FamilySection, type TextTable } from "./report-table.js";
export { SWELL_COLUMNS, type ShownGradient, type SwellColumn, type SwellRow } from "./row.js";
