// Feed-forward networks as ordinary diffscope expressions: the lecture's sigmoid networks of
// any depth and width, built from the op table with `call`, so every hidden activation is one
// shared node (the DAG stays small) however many times the printed tree repeats it.
//
// Parameter names (all valid identifiers, indices 1-based, lecture notation in brackets):
//   inputs            x_i          i = 1..D0                      [x_i]
//   hidden layer l    al_j_i       row j (unit of layer l), column i (unit of layer l-1)  [α^(l)_ji]
//                     cl_j         bias of unit j of layer l (only with biases)
//   output, 1 unit    b_j          [β_j]; bias d
//   output, K units   b_k_j        weight from hidden unit j to class k; biases d_k
//   no hidden layer   theta_j (or theta_k_j): logistic regression's θ (lecture case 1)
//   targets           ystar (one output, y* in {0, 1}) or ystar_k (one-hot over K classes)
// e.g. widths 3,4,3,1 has a1_1_1 … a1_4_3, a2_1_1 … a2_3_4, b_1 … b_3 (the lecture's Quiz 2).
import { num, variable, type Expr } from "../ast/expr.js";
import { call } from "../ops/table.js";
import { mulberry32, uniform } from "../util/prng.js";

export const ACTIVATIONS = ["sigmoid", "tanh", "relu", "softplus"] as const;
export type Activation = (typeof ACTIVATIONS)[number];
export const LOSSES = ["cross-entropy", "quadratic"] as const;
export type Loss = (typeof LOSSES)[number];

export interface NetworkSpec {
  /** Units per layer from input to output, e.g. [3, 4, 3, 1]; the last is the output width. */
  readonly widths: readonly number[];
  /** Hidden-unit nonlinearity (default sigmoid). The output is sigmoid (1 unit) or softmax. */
  readonly activation?: Activation;
  /** Default cross-entropy. */
  readonly loss?: Loss;
  /** Add a bias to every unit (default false: the lecture's networks have none). */
  readonly biases?: boolean;
  /** Seed of the weights, inputs and target (default 1). */
  readonly seed?: number;
}

export interface Network {
  readonly spec: Required<NetworkSpec>;
  /** The loss J, a function of parameters, inputs and targets. */
  readonly loss: Expr;
  /** y (one sigmoid unit) or the softmax probabilities. */
  readonly outputs: readonly Expr[];
  /** Activations per layer: layers[0] are the inputs, the last are the outputs. */
  readonly layers: readonly (readonly Expr[])[];
  /** Weight and bias names in a fixed order: layer by layer, row by row, biases after weights. */
  readonly parameters: readonly string[];
  readonly inputs: readonly string[];
  readonly targets: readonly string[];
  /** A value for every variable: seeded parameters, inputs and target. */
  readonly point: ReadonlyMap<string, number>;
  /**
   * The same values per variable of the network's typed program (networkProgramText): x, a1, c1,
   * …, b (or theta), d, ystar, each row-major (row j of a1 is unit j's weights).
   */
  readonly tensors: ReadonlyMap<string, Float64Array>;
}

/** The lecture writes the cross-entropy without its minus sign; we minimise the loss. */
export const CROSS_ENTROPY_NOTE =
  "cross-entropy is the loss J = −[y* log y + (1−y*) log(1−y)]; the lecture's notes drop the minus " +
  "(their J is the log-likelihood, so their dJ/dy = y*/y + (1−y*)/(y−1) has the opposite sign of ours), " +
  "and write dJ/dx_i with a bare Σ_j α_ji where the sum should be Σ_j dJ/da_j · α_ji";

/**
 * With K softmax outputs the cross-entropy is categorical, J = −Σ_k y*_k log p_k: the binary
 * note above (y, 1 − y, the lecture's sign) does not describe it.
 */
export const CATEGORICAL_CROSS_ENTROPY_NOTE =
  "cross-entropy over the softmax outputs is the categorical loss J = −Σ_k y*_k log p_k, with the target y* one-hot " +
  "(p_k = exp(b_k) / Σ_l exp(b_l)); its gradient with respect to b_k is p_k − y*_k";

/** The note for a network's cross-entropy: binary for one sigmoid output, categorical for softmax. */
export function crossEntropyNote(outputWidth: number): string {
  return outputWidth === 1 ? CROSS_ENTROPY_NOTE : CATEGORICAL_CROSS_ENTROPY_NOTE;
}

export class NetworkSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NetworkSpecError";
  }
}

function checkSpec(spec: NetworkSpec): Required<NetworkSpec> {
  const { widths } = spec;
  if (widths.length < 2) throw new NetworkSpecError(`widths needs at least an input and an output width, got [${widths.join(",")}]`);
  for (const w of widths) {
    if (!Number.isInteger(w) || w < 1) throw new NetworkSpecError(`widths must be positive integers, got [${widths.join(",")}]`);
  }
  const seed = spec.seed ?? 1;
  if (!Number.isInteger(seed)) throw new NetworkSpecError(`seed must be an integer, got ${seed}`);
  return { widths: [...widths], activation: spec.activation ?? "sigmoid", loss: spec.loss ?? "cross-entropy", biases: spec.biases ?? false, seed };
}

/** Σ terms as a left fold, so it prints as `t1 + t2 + t3` and re-parses to the same node. */
function sum(terms: readonly Expr[]): Expr {
  return terms.reduce((acc, t) => call("add", [acc, t]));
}

/** A network's variables and their seeded values, without its expression (what a tensor-level run needs). */
export type NetworkValues = Pick<Network, "spec" | "parameters" | "inputs" | "targets" | "point" | "tensors">;

/** Parameter names of layer l (1-based) of `widths`: weight (unit j, input i) and bias (unit j), 1-based. */
function layerNames(widths: readonly number[], l: number): { weight: (j: number, i: number) => string; bias: (j: number) => string } {
  const isOutput = l === widths.length - 1;
  const outputWidth = widths[widths.length - 1];
  const hiddenCount = widths.length - 2;
  if (!isOutput) return { weight: (j, i) => `a${l}_${j}_${i}`, bias: (j) => `c${l}_${j}` };
  return {
    weight: (j, i) => `${hiddenCount === 0 ? "theta" : "b"}${outputWidth === 1 ? "" : `_${j}`}_${i}`,
    bias: (j) => (outputWidth === 1 ? "d" : `d_${j}`),
  };
}

/**
 * The seeded values in their fixed draw order (so a seed means the same numbers): inputs,
 * target, then per layer, unit by unit, the unit's weights and then its bias.
 */
export function networkValues(input: NetworkSpec): NetworkValues {
  const spec = checkSpec(input);
  const { widths, biases } = spec;
  const random = mulberry32(spec.seed);
  const point = new Map<string, number>();
  const parameters: string[] = [];
  const tensors = new Map<string, Float64Array>();
  const inputs = Array.from({ length: widths[0] }, (_, i) => `x_${i + 1}`);
  const x = Float64Array.from(inputs, () => uniform(random, -1, 1));
  inputs.forEach((name, i) => point.set(name, x[i]));
  tensors.set("x", x);
  const outputWidth = widths[widths.length - 1];
  const targets = outputWidth === 1 ? ["ystar"] : Array.from({ length: outputWidth }, (_, k) => `ystar_${k + 1}`);
  const targetClass = Math.floor(random() * outputWidth);
  const ystar = Float64Array.from(targets, (_, k) => (outputWidth === 1 ? (random() < 0.5 ? 0 : 1) : k === targetClass ? 1 : 0));
  targets.forEach((name, k) => point.set(name, ystar[k]));
  tensors.set("ystar", ystar);
  for (let l = 1; l < widths.length; l++) {
    const scale = 1 / Math.sqrt(widths[l - 1]);
    const names = layerNames(widths, l);
    const weights = new Float64Array(widths[l] * widths[l - 1]);
    const bias = new Float64Array(widths[l]);
    for (let j = 1; j <= widths[l]; j++) {
      for (let i = 1; i <= widths[l - 1]; i++) {
        const w = uniform(random, -scale, scale);
        weights[(j - 1) * widths[l - 1] + i - 1] = w;
        parameters.push(names.weight(j, i));
        point.set(names.weight(j, i), w);
      }
      if (biases) {
        bias[j - 1] = uniform(random, -0.1, 0.1);
        parameters.push(names.bias(j));
        point.set(names.bias(j), bias[j - 1]);
      }
    }
    // the typed program's names: a1, c1, …; the output's b (theta) and d
    const isOutput = l === widths.length - 1;
    tensors.set(isOutput ? (widths.length === 2 ? "theta" : "b") : `a${l}`, weights);
    if (biases) tensors.set(isOutput ? "d" : `c${l}`, bias);
  }
  return { spec, parameters, inputs, targets, point, tensors };
}

export function buildNetwork(input: NetworkSpec): Network {
  const values = networkValues(input);
  const { spec } = values;
  const { widths, biases } = spec;
  const layers: Expr[][] = [values.inputs.map((name) => variable(name))];
  for (let l = 1; l < widths.length; l++) {
    const isOutput = l === widths.length - 1;
    const previous = layers[l - 1];
    const names = layerNames(widths, l);
    const preActivations: Expr[] = [];
    for (let j = 1; j <= widths[l]; j++) {
      // a_j = Σ_i α_ji x_i  (lecture module 1; module 3 for the output's b = Σ_j β_j z_j)
      const terms = previous.map((x, i) => call("mul", [variable(names.weight(j, i + 1)), x]));
      if (biases) terms.push(variable(names.bias(j)));
      preActivations.push(sum(terms));
    }
    layers.push(isOutput ? outputLayer(preActivations) : preActivations.map((a) => call(spec.activation, [a])));
  }
  const outputs = layers[layers.length - 1];
  const targetVars = values.targets.map((name) => variable(name));
  return { ...values, loss: lossOf(spec.loss, outputs, targetVars), outputs, layers };
}

/** One unit: y = σ(b). Several: softmax p_k = exp(b_k) / Σ_l exp(b_l). */
function outputLayer(preActivations: readonly Expr[]): Expr[] {
  if (preActivations.length === 1) return [call("sigmoid", [preActivations[0]])];
  const exps = preActivations.map((b) => call("exp", [b]));
  const total = sum(exps);
  return exps.map((e) => call("div", [e, total]));
}

function lossOf(loss: Loss, outputs: readonly Expr[], targets: readonly Expr[]): Expr {
  const one = num(1);
  if (loss === "quadratic") {
    // J = ½ Σ_k (y_k − y*_k)²
    return call("mul", [num(0.5), sum(outputs.map((y, k) => call("pow", [call("sub", [y, targets[k]]), num(2)])))]);
  }
  if (outputs.length === 1) {
    // J = −[y* log y + (1 − y*) log(1 − y)]
    const [y] = outputs;
    const [t] = targets;
    return call("neg", [
      call("add", [call("mul", [t, call("log", [y])]), call("mul", [call("sub", [one, t]), call("log", [call("sub", [one, y])])])]),
    ]);
  }
  // J = −Σ_k y*_k log p_k
  return call("neg", [sum(outputs.map((p, k) => call("mul", [targets[k], call("log", [p])])))]);
}

/** e.g. "widths 3,4,3,1, sigmoid hidden units, sigmoid output, cross-entropy, 27 parameters". */
export function describeNetwork(net: NetworkValues): string {
  const { widths, activation, loss, biases } = net.spec;
  const hidden = widths.length > 2 ? `${activation} hidden units, ` : "";
  const output = widths[widths.length - 1] === 1 ? "sigmoid output" : `softmax over ${widths[widths.length - 1]} classes`;
  return `widths ${widths.join(",")}, ${hidden}${output}, ${loss}${biases ? ", biases" : ""}, ${net.parameters.length} parameters`;
}
