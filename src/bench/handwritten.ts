// Hand-written JavaScript gradients: the practical speed limit a generated gradient is held to.
// Written the way a person would (loops over Float64Arrays, the backward pass derived on
// paper), each with the same interface as a compiled kernel: inputs in, results out.
import type { NetworkValues } from "../harness/network.js";

/** Fills results with [f, ∂f/∂inputs...]; `valueOnly` computes f alone. */
export interface HandWritten {
  readonly gradient: (inputs: Float64Array, results: Float64Array) => void;
  readonly value: (inputs: Float64Array) => number;
}

/** Quiz 1: f = exp(xz) + xz/log(x) + sin(log(x))/exp(xz); inputs [x, z]. */
export const quiz1HandWritten: HandWritten = {
  value(inputs) {
    const x = inputs[0];
    const z = inputs[1];
    const a = x * z;
    const e = Math.exp(a);
    const l = Math.log(x);
    return e + a / l + Math.sin(l) / e;
  },
  gradient(inputs, results) {
    const x = inputs[0];
    const z = inputs[1];
    const a = x * z;
    const e = Math.exp(a);
    const l = Math.log(x);
    const s = Math.sin(l);
    const invE = 1 / e;
    const invL = 1 / l;
    results[0] = e + a * invL + s * invE;
    // d/dx: e·z + z/l − a/(x l²) + cos(l)/(x e) − s·z/e
    results[1] = e * z + z * invL - a * invL * invL / x + Math.cos(l) * invE / x - s * z * invE;
    // d/dz: e·x + x/l − s·x/e
    results[2] = e * x + x * invL - s * x * invE;
  },
};

function logistic(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const ez = Math.exp(z);
  return ez / (1 + ez);
}

/**
 * Backpropagation for the networks of harness/network.ts with sigmoid hidden units, no biases,
 * cross-entropy loss, and a sigmoid (one unit) or softmax output. Inputs are the parameters in
 * `net.parameters` order (layer by layer, row-major: unit j's weights over the previous layer);
 * the network's inputs x and targets are fixed from `net.point`.
 */
export function networkHandWritten(net: NetworkValues): HandWritten {
  const { widths, activation, loss, biases } = net.spec;
  if (activation !== "sigmoid" || loss !== "cross-entropy" || biases) {
    throw new Error("the hand-written network gradient covers sigmoid units, cross-entropy, no biases");
  }
  const layers = widths.length - 1;
  const x = Float64Array.from(net.inputs, (name) => net.point.get(name) as number);
  const targets = Float64Array.from(net.targets, (name) => net.point.get(name) as number);
  const offsets: number[] = [];
  let total = 0;
  for (let l = 1; l <= layers; l++) {
    offsets.push(total);
    total += widths[l] * widths[l - 1];
  }
  const activations = widths.map((w) => new Float64Array(w));
  activations[0].set(x);
  const deltas = widths.map((w) => new Float64Array(w));
  const out = activations[layers];

  /** Forward pass; returns J. The output layer holds pre-activations b, then y or p. */
  const forward = (w: Float64Array): number => {
    for (let l = 1; l <= layers; l++) {
      const input = activations[l - 1];
      const output = activations[l];
      const n = input.length;
      let row = offsets[l - 1];
      for (let j = 0; j < output.length; j++, row += n) {
        let s = 0;
        for (let i = 0; i < n; i++) s += w[row + i] * input[i];
        output[j] = l < layers ? logistic(s) : s;
      }
    }
    if (out.length === 1) {
      const y = logistic(out[0]);
      out[0] = y;
      const t = targets[0];
      return -(t * Math.log(y) + (1 - t) * Math.log(1 - y));
    }
    let sum = 0;
    for (let k = 0; k < out.length; k++) sum += out[k] = Math.exp(out[k]);
    let j = 0;
    for (let k = 0; k < out.length; k++) {
      out[k] /= sum;
      j -= targets[k] * Math.log(out[k]);
    }
    return j;
  };

  return {
    value: forward,
    gradient(w, results) {
      results[0] = forward(w);
      const grad = results.subarray(1);
      // dJ/db at the output: y − y* (sigmoid + cross-entropy), p_k·Σy* − y*_k (softmax).
      let targetSum = 0;
      for (let k = 0; k < targets.length; k++) targetSum += targets[k];
      const top = deltas[layers];
      for (let k = 0; k < out.length; k++) top[k] = out.length === 1 ? out[k] - targets[k] : out[k] * targetSum - targets[k];
      for (let l = layers; l >= 1; l--) {
        const input = activations[l - 1];
        const delta = deltas[l];
        const below = deltas[l - 1];
        const n = input.length;
        below.fill(0);
        let row = offsets[l - 1];
        for (let j = 0; j < delta.length; j++, row += n) {
          const d = delta[j];
          if (l === 1) for (let i = 0; i < n; i++) grad[row + i] = d * input[i];
          else {
            for (let i = 0; i < n; i++) {
              grad[row + i] = d * input[i];
              below[i] += d * w[row + i];
            }
          }
        }
        // Through the sigmoid below: σ' = σ(1 − σ).
        if (l > 1) for (let i = 0; i < n; i++) below[i] *= input[i] * (1 - input[i]);
      }
    },
  };
}
