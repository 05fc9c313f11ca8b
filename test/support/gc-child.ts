// Runs a script in a child Node process with a forced GC at hand (--expose-gc), TypeScript
// loaded by tsx, and returns the JSON it prints last: for tests of what the garbage collector
// frees, which need a heap of their own and `gc()`.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

export function runWithGc(scriptPath: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ["--expose-gc", "--import", "tsx", scriptPath], { cwd: repoRoot, encoding: "utf8", timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error !== null) reject(new Error(`${scriptPath} failed: ${error.message}\n${stderr}`));
        else resolve(JSON.parse(stdout.trim().split("\n").pop() as string));
      });
  });
}

/** Full GCs with turns of the event loop between them, so timers and FinalizationRegistry callbacks run. */
export async function settle(rounds = 4): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error("run with node --expose-gc");
  for (let i = 0; i < rounds; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
