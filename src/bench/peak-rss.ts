// Peak memory of one case's method run alone: this same CLI (`bench --case NAME --method M
// --json`) in a child process, whose report gives its own peak RSS (process.resourceUsage).
import { execFile } from "node:child_process";

/** The CLI's entry script when this process is the CLI (bin/diffscope.js, bin/diffscope-dev.ts, an installed diffscope). */
function cliEntry(): string | undefined {
  const script = process.argv[1] ?? "";
  return /diffscope(-dev)?(\.(js|ts))?$/.test(script) ? script : undefined;
}

/** Peak RSS in MB of `bench --case caseName --method method` in a child, or undefined if it cannot run. */
export function childPeakRss(caseName: string, method: string): Promise<number | undefined> {
  const entry = cliEntry();
  if (entry === undefined) return Promise.resolve(undefined);
  const args = [...process.execArgv, entry, "bench", "--case", caseName, "--method", method, "--json"];
  return new Promise((resolve) => {
    execFile(process.execPath, args, { maxBuffer: 64 * 2 ** 20 }, (error, stdout) => {
      if (error !== null) return resolve(undefined);
      try {
        const peak = (JSON.parse(stdout) as { peakRssMB?: unknown }).peakRssMB;
        resolve(typeof peak === "number" ? peak : undefined);
      } catch {
        resolve(undefined);
      }
    });
  });
}
