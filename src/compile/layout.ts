// Transitional: the input layout is the graph's (src/graph); kept only until src/bench imports it from there.
export type { InputLayout } from "../graph/graph.js";
export { readInputs } from "../graph/inputs.js";
