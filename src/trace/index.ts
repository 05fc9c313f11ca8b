// The lecture's whiteboard: forward/backward tables from the reverse tape, and rule-by-rule
// symbolic derivations.
export { traceAt, type BackwardRow, type ForwardRow, type Trace } from "./trace.js";
export { nameEntries, type EntryNames } from "./names.js";
export { deriveSteps, type Derivation, type DerivationStep } from "./steps.js";
export { derivationJson, derivationText } from "./render-steps.js";
