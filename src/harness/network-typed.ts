// The network builder's networks written as the lecture writes them, in diffscope's typed
// syntax: weight matrices, element-wise activations, the loss on top. Read back and lowered,
// the text is the very expression buildNetwork makes (the same hash-consed node), because
// lowering names elements as the builder names parameters (a1_j_i is row j, column i of a1).
import type { NetworkSpec } from "./network.js";

/**
 * The typed program for a network spec (defaults as buildNetwork's). With `batch` B, a
 * minibatch: the inputs are the columns of X (D0×B), the targets those of ystar, and J is the
 * loss summed over the B examples (so its gradient is the sum of the examples' gradients).
 */
export function networkProgramText(spec: NetworkSpec, batch?: number): string {
  if (batch !== undefined) return minibatchProgramText(spec, batch);
  const widths = spec.widths;
  const activation = spec.activation ?? "sigmoid";
  const loss = spec.loss ?? "cross-entropy";
  const biases = spec.biases ?? false;
  const hidden = widths.length - 2;
  const outputWidth = widths[widths.length - 1];
  const declarations: string[] = [`x: R^${widths[0]}`];
  const definitions: string[] = [];
  let previous = "x";
  for (let l = 1; l <= hidden; l++) {
    declarations.push(`a${l}: R^(${widths[l]}x${widths[l - 1]})`);
    if (biases) declarations.push(`c${l}: R^${widths[l]}`);
    definitions.push(`z${l} = ${activation}(a${l} * ${previous}${biases ? ` + c${l}` : ""})`);
    previous = `z${l}`;
  }
  const weight = hidden === 0 ? "theta" : "b";
  const lastHidden = widths[widths.length - 2];
  if (outputWidth === 1) {
    // y = σ(βᵀ z): β is a vector, its product with z a scalar
    declarations.push(`${weight}: R^${lastHidden}`);
    if (biases) declarations.push("d: R");
    definitions.push(`y = sigmoid(${weight}' * ${previous}${biases ? " + d" : ""})`);
    const lossText = loss === "quadratic" ? "0.5 * (y - ystar)^2" : "-(ystar * log(y) + (1 - ystar) * log(1 - y))";
    return [...declarations, ...definitions, lossText].join("; ");
  }
  // softmax over K classes: p = exp(b z) ./ sum(exp(b z))
  declarations.push(`${weight}: R^(${outputWidth}x${lastHidden})`);
  if (biases) declarations.push(`d: R^${outputWidth}`);
  declarations.push(`ystar: R^${outputWidth}`);
  definitions.push(`u = exp(${weight} * ${previous}${biases ? " + d" : ""})`, "p = u ./ sum(u)");
  const lossText = loss === "quadratic" ? "0.5 * sum((p - ystar) .^ 2)" : "-sum(ystar .* log(p))";
  return [...declarations, ...definitions, lossText].join("; ");
}

/** The minibatch program: each layer one matrix product for all B columns. */
function minibatchProgramText(spec: NetworkSpec, batch: number): string {
  const widths = spec.widths;
  const activation = spec.activation ?? "sigmoid";
  const quadratic = (spec.loss ?? "cross-entropy") === "quadratic";
  const biases = spec.biases ?? false;
  const hidden = widths.length - 2;
  const outputWidth = widths[widths.length - 1];
  const declarations: string[] = [`X: R^(${widths[0]}x${batch})`];
  const definitions: string[] = [];
  // a bias c (a vector) added to every column: c * ones(B)'
  const bias = (name: string) => (biases ? ` + ${name} * ones(${batch})'` : "");
  let previous = "X";
  for (let l = 1; l <= hidden; l++) {
    declarations.push(`a${l}: R^(${widths[l]}x${widths[l - 1]})`);
    if (biases) declarations.push(`c${l}: R^${widths[l]}`);
    definitions.push(`Z${l} = ${activation}(a${l} * ${previous}${bias(`c${l}`)})`);
    previous = `Z${l}`;
  }
  const weight = hidden === 0 ? "theta" : "b";
  const lastHidden = widths[widths.length - 2];
  if (outputWidth === 1) {
    // y = σ(Zᵀ β): one output per example, a vector of B
    declarations.push(`${weight}: R^${lastHidden}`, `ystar: R^${batch}`);
    if (biases) declarations.push("d: R");
    definitions.push(`y = sigmoid(${previous}' * ${weight}${biases ? " + d" : ""})`);
    const loss = quadratic ? "0.5 * sum((y - ystar) .^ 2)" : "-sum(ystar .* log(y) + (1 - ystar) .* log(1 - y))";
    return [...declarations, ...definitions, loss].join("; ");
  }
  // softmax down each column: P = U ./ (ones(K, K) * U), the column sums repeated in every row
  declarations.push(`${weight}: R^(${outputWidth}x${lastHidden})`, `ystar: R^(${outputWidth}x${batch})`);
  if (biases) declarations.push(`d: R^${outputWidth}`);
  definitions.push(`U = exp(${weight} * ${previous}${bias("d")})`, `P = U ./ (ones(${outputWidth}, ${outputWidth}) * U)`);
  const loss = quadratic ? "0.5 * sum((P - ystar) .^ 2)" : "-sum(ystar .* log(P))";
  return [...declarations, ...definitions, loss].join("; ");
}
