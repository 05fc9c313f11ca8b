// Rows for the peers: mathjs, TensorFlow.js and the hand-written gradients.
import type { BenchCase } from "./cases.js";
import { networkHandWritten, quiz1HandWritten, type HandWritten } from "./handwritten.js";
import { mathjsRun, type PeerRun } from "./mathjs-peer.js";
import { deviation, type BenchRow, type CaseContext } from "./methods.js";
import { loadTfjs, tfjsNetworkRun } from "./tfjs-peer.js";
import { torchAvailable, torchNetworkRun } from "./torch-peer.js";
import { consume, timePair } from "../util/timing.js";

function skippedRow(c: BenchCase, method: string, why: string): BenchRow {
  return { case: c.name, method, gradientSeconds: null, functionSeconds: null, ratio: null, path: "peer", note: why };
}

function peerRow(x: CaseContext, method: string, run: PeerRun): BenchRow {
  const got = run.gradientValues();
  const t = timePair(run.gradient, run.value, x.budget);
  return {
    case: x.c.name, method, gradientSeconds: t.gradientSeconds, functionSeconds: t.functionSeconds,
    ratio: t.gradientSeconds / t.functionSeconds, path: "peer", setupSeconds: run.setupSeconds,
    deviation: deviation(got, x.reference), note: run.note,
  };
}

export function mathjsRow(x: CaseContext): BenchRow {
  const run = mathjsRun(x.c);
  return "skipped" in run ? skippedRow(x.c, "mathjs", run.skipped) : peerRow(x, "mathjs", run);
}

export async function tfjsRow(x: CaseContext): Promise<BenchRow> {
  const net = x.c.network;
  if (net === undefined) return skippedRow(x.c, "TensorFlow.js", "not a network case");
  const loaded = await loadTfjs();
  if ("error" in loaded) return skippedRow(x.c, "TensorFlow.js", loaded.error);
  return peerRow(x, "TensorFlow.js", tfjsNetworkRun(loaded.tf, net));
}

/** PyTorch on a network, when /usr/bin/python3 has torch; no row otherwise. */
export function torchRow(x: CaseContext): BenchRow | undefined {
  const net = x.c.network;
  if (net === undefined || !torchAvailable()) return undefined;
  const run = torchNetworkRun(net, x.budget);
  if ("error" in run) return skippedRow(x.c, "PyTorch", run.error);
  return {
    case: x.c.name, method: `PyTorch ${run.version}`, gradientSeconds: run.gradientSeconds, functionSeconds: run.functionSeconds,
    ratio: run.gradientSeconds / run.functionSeconds, path: "peer", deviation: deviation(run.gradient, x.reference),
    note: `float64, one thread, autograd.grad of the loss vs f under no_grad; medians of ${run.samples} samples timed in Python ` +
      `(the child process took ${run.wallSeconds.toFixed(1)} s in all)`,
  };
}

function handWrittenFor(c: BenchCase): HandWritten | undefined {
  if (c.name === "quiz1") return quiz1HandWritten;
  return c.network !== undefined ? networkHandWritten(c.network) : undefined;
}

function handWrittenInputs(c: BenchCase, written: HandWritten) {
  const inputs = Float64Array.from(c.wrt, (name) => c.point.get(name) as number);
  const results = new Float64Array(c.wrt.length + 1);
  written.gradient(inputs, results);
  return { inputs, results, got: Float64Array.from(results.subarray(1)) };
}

/** The reference gradient of a network case: backpropagation by hand (tested against reverse mode). */
export function networkReference(c: BenchCase): { gradient: Float64Array; source: string } | undefined {
  if (c.network === undefined) return undefined;
  return { gradient: handWrittenInputs(c, networkHandWritten(c.network)).got, source: "hand-written JS" };
}

export function handWrittenRow(x: CaseContext): BenchRow | undefined {
  const written = handWrittenFor(x.c);
  if (written === undefined) return undefined;
  const { inputs, results, got } = handWrittenInputs(x.c, written);
  return peerRow(x, "hand-written JS", {
    gradient: () => {
      written.gradient(inputs, results);
      consume(results[0]);
    },
    value: () => consume(written.value(inputs)),
    gradientValues: () => [...got],
    note: "loops over Float64Arrays, backward pass derived by hand (the practical limit)",
  });
}
