// The comparison harness as a library: build networks, run suites, read the rows.
export { buildNetwork, describeNetwork, ACTIVATIONS, LOSSES, CROSS_ENTROPY_NOTE, CATEGORICAL_CROSS_ENTROPY_NOTE, crossEntropyNote, NetworkSpecError } from "./network.js";
export { networkProgramText } from "./network-typed.js";
export type { Activation, Loss, Network, NetworkSpec } from "./network.js";
export { compareCase, evenSubset, fitLine, CHECK_RULE, TOLERANCES } from "./compare.js";
export type { CaseReport, CompareOptions, GradientCase, MethodRow } from "./compare.js";
export { jacobianFunction, runJacobianSuite, crossovers, DEFAULT_JACOBIAN_SIZES } from "./jacobian.js";
export type { JacobianReport, JacobianRow } from "./jacobian.js";
export { measure, timeOnce, type Timing, type MeasureOptions } from "../util/timing.js";
export { median } from "../util/median.js";
export { mulberry32, uniform } from "../util/prng.js";
export { caseHeading, caseNotes, caseTable, shortCaseTable, jacobianTable, crossoverGrid, crossoverSummary, jsonReport, jsonRows } from "./report.js";
export { runComparison, ALL_SUITES, SUITE_NAMES, UnknownSuiteError, type ComparisonReport, type RunOptions } from "./run.js";
export { GRADIENT_SUITES, QUIZ1_TEXT, SIMPLE_TEXT, type GradientSuite, type NetworkSettings } from "./suites.js";
