// TensorFlow.js (tfjs-core with the CPU backend) as a peer on the networks: the same weights,
// inputs and loss as tensors, the gradient by tf.grads. Optional: if tfjs cannot be loaded the
// benchmark says so and goes on.
import { register } from "node:module";
import type { NetworkValues } from "../harness/network.js";
import type { PeerRun } from "./mathjs-peer.js";
import { consume, timeOnce } from "../util/timing.js";

type Tf = typeof import("@tensorflow/tfjs-core");
type Tensor = import("@tensorflow/tfjs-core").Tensor;

/**
 * tfjs-core registers its gradients in ES modules whose imports omit the ".js" extension
 * (they expect a bundler), which Node's resolver rejects; this hook, scoped to tfjs-core's
 * own files, retries such an import with ".js" and then "/index.js".
 */
const RESOLVE_HOOK = `
export async function resolve(specifier, context, next) {
  try { return await next(specifier, context); }
  catch (error) {
    const parent = context.parentURL ?? "";
    if (!parent.includes("/@tensorflow/tfjs-core/dist/") || !/^\\.\\.?\\//.test(specifier) || specifier.endsWith(".js")) throw error;
    try { return await next(specifier + ".js", context); }
    catch { return next(specifier + "/index.js", context); }
  }
}`;

let loading: Promise<{ tf: Tf } | { error: string }> | undefined;

/** Loads tfjs-core, the CPU backend and the gradient registrations once. */
export function loadTfjs(): Promise<{ tf: Tf } | { error: string }> {
  loading ??= (async () => {
    try {
      register(`data:text/javascript,${encodeURIComponent(RESOLVE_HOOK)}`);
      const tf = (await import("@tensorflow/tfjs-core")) as Tf;
      await import("@tensorflow/tfjs-backend-cpu");
      await import("@tensorflow/tfjs-core/dist/register_all_gradients.js");
      tf.enableProdMode();
      await tf.setBackend("cpu");
      return { tf };
    } catch (error) {
      return { error: `TensorFlow.js could not be loaded (${error instanceof Error ? error.message : String(error)})` };
    }
  })();
  return loading;
}

/** The network of harness/network.ts (sigmoid hidden units, cross-entropy, no biases) in tfjs. */
export function tfjsNetworkRun(tf: Tf, net: NetworkValues): PeerRun {
  const { widths } = net.spec;
  const layers = widths.length - 1;
  const setup = timeOnce(() => {
    const params = Float32Array.from(net.parameters, (name) => net.point.get(name) as number);
    const weights: Tensor[] = [];
    let offset = 0;
    for (let l = 1; l <= layers; l++) {
      const size = widths[l] * widths[l - 1];
      weights.push(tf.keep(tf.tensor2d(params.subarray(offset, offset + size), [widths[l], widths[l - 1]])));
      offset += size;
    }
    const x = tf.keep(tf.tensor2d(Float32Array.from(net.inputs, (n) => net.point.get(n) as number), [widths[0], 1]));
    const t = tf.keep(tf.tensor1d(Float32Array.from(net.targets, (n) => net.point.get(n) as number)));
    return { weights, x, t };
  });
  const { weights, x, t } = setup.result;
  const loss = (...w: Tensor[]): Tensor => {
    let h: Tensor = x;
    for (let l = 0; l < layers - 1; l++) h = tf.sigmoid(tf.matMul(w[l], h));
    const b = tf.reshape(tf.matMul(w[layers - 1], h), [widths[layers]]);
    if (widths[layers] === 1) {
      // J = −[y* log y + (1 − y*) log(1 − y)]
      const y = tf.sigmoid(b);
      return tf.neg(tf.sum(tf.add(tf.mul(t, tf.log(y)), tf.mul(tf.sub(1, t), tf.log(tf.sub(1, y))))));
    }
    // J = −Σ_k y*_k log p_k, p = softmax(b)
    return tf.neg(tf.sum(tf.mul(t, tf.log(tf.softmax(b)))));
  };
  const gradients = tf.grads((...w: Tensor[]) => loss(...w));
  const gradientArrays = (): Float32Array[] =>
    tf.tidy(() => gradients(weights)).map((g) => {
      const data = g.dataSync() as Float32Array;
      g.dispose();
      return data;
    });
  return {
    gradient: () => consume(gradientArrays()[0][0]),
    value: () => {
      const j = tf.tidy(() => loss(...weights));
      consume(j.dataSync()[0]);
      j.dispose();
    },
    gradientValues: () => gradientArrays().flatMap((a) => [...a]),
    setupSeconds: setup.seconds,
    note: "tfjs-core 4 CPU backend, float32, tf.grads over matMul/sigmoid/softmax",
  };
}
