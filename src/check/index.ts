// Homework checking: is a hand-derived derivative (or a number) right, and if not, where not.
export { checkDerivative, DEFAULT_RELATIVE_TOLERANCE, type CheckOptions, type Counterexample, type DerivativeCheck, type PointRecord } from "./equivalence.js";
export { checkValues, DEFAULT_VALUE_TOLERANCE, VALUE_ABSOLUTE_FLOOR, type ValueCheck } from "./value.js";
export { pairWithVariables, ProblemError, runProblem, type Labelled, type ProblemReader, type ProblemReport, type ProblemSpec, type Verdict } from "./problem.js";
export { BATCH_SCHEMA_HELP, BatchFileError, readBatch } from "./batch.js";
export { formatPoint, formatReportNumber, problemJson, problemText } from "./report.js";
export { describeRegion, type Comparison } from "./region.js";
export { domainStatus, samplePoints, type DomainStatus } from "./sampling.js";
export { checkTypedAnswer, runTypedProblem, type EntryCheck, type TypedAnswerCheck, type TypedValueCheck, type TypedProblemReport, type TypedProblemReader } from "./typed.js";
export { typedReportText, typedReportJson, LAYOUT_WORDS } from "./typed-report.js";
