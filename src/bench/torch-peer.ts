// PyTorch as an optional peer on the networks: Debian's python3-torch under /usr/bin/python3
// (not whatever python3 is on PATH) runs scripts/bench/torch_peer.py on the same weights,
// inputs and targets, and times itself (medians measured inside Python). No row when torch
// cannot be imported or the script is not there (an installed package ships no scripts/).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { NetworkValues } from "../harness/network.js";
import type { TimingBudget } from "../util/timing.js";

const PYTHON = "/usr/bin/python3";
/** From src/bench/ or dist/bench/ alike. */
const SCRIPT = fileURLToPath(new URL("../../scripts/bench/torch_peer.py", import.meta.url));

export interface TorchRun {
  readonly version: string;
  readonly gradientSeconds: number;
  readonly functionSeconds: number;
  readonly samples: number;
  readonly gradient: readonly number[];
  /** Seconds of the whole child process (start-up, reading the weights, timing). */
  readonly wallSeconds: number;
}

let available: boolean | undefined;

/** Whether /usr/bin/python3 can import torch (asked once). */
export function torchAvailable(): boolean {
  available ??= existsSync(SCRIPT) && spawnSync(PYTHON, ["-c", "import torch"], { stdio: "ignore" }).status === 0;
  return available;
}

/** Runs the network in PyTorch; an error message if the script fails. */
export function torchNetworkRun(net: NetworkValues, budget: TimingBudget): TorchRun | { error: string } {
  const value = (name: string) => net.point.get(name) as number;
  const input = JSON.stringify({
    widths: net.spec.widths,
    weights: net.parameters.map(value),
    x: net.inputs.map(value),
    targets: net.targets.map(value),
    budget: { minSamples: 5, maxSamples: 41, ...budget },
  });
  const started = performance.now();
  const child = spawnSync(PYTHON, [SCRIPT], { input, maxBuffer: 256 * 2 ** 20, encoding: "utf8" });
  const wallSeconds = (performance.now() - started) / 1000;
  if (child.status !== 0) return { error: `torch_peer.py failed: ${(child.stderr ?? "").trim().split("\n").pop() ?? child.error?.message}` };
  return { ...(JSON.parse(child.stdout) as Omit<TorchRun, "wallSeconds">), wallSeconds };
}
