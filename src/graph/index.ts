// The one graph IR and its three sweeps (values and partials, k-column tangents, adjoints).
export { activity, argsOf, buildGraph, wrtNodes, type Graph, type InputLayout } from "./graph.js";
export { readInputs } from "./inputs.js";
export {
  evaluateGraph, evaluateOutput, gatherArgs, valuesAndPartials, type EvaluationGuard, type ForwardSweep, type NodeOverride,
} from "./values.js";
export { tangentSweep, type TangentSweep } from "./tangents.js";
export { adjointSweep, type AdjointAccumulation, type AdjointSweep } from "./adjoints.js";
export {
  exactZeroAdjoints, plainAdjoints, structuralZeroAdjoints, type AdjointPolicy, type Increment,
} from "./zero-policy.js";
