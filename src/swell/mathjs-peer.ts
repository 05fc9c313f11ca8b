// mathjs as a peer: its `derivative`, with and without its simplifier, run in a worker thread.
// A synchronous mathjs call cannot be interrupted in-process (its simplify takes ~12 s on the
// logistic map at n = 6), so the worker is terminated when a job outlives the budget and a
// fresh one is started for the next job. The budget is thus a hard limit for mathjs.
// node:module and node:worker_threads load when the first job starts a worker, not at import, so
// the library bundles for the browser (test/bundle/browser-safe.test.ts).
import type { Worker } from "node:worker_threads";

export interface MathjsJob {
  readonly text: string;
  readonly wrt: string;
  readonly simplify: boolean;
  readonly point: Readonly<Record<string, number>>;
}

export type MathjsOutcome =
  | {
      readonly status: "ok";
      /** Nodes of mathjs's derivative expression tree. */
      readonly nodes: number;
      /** Time of the `derivative` call alone (the text is parsed before the clock starts). */
      readonly ms: number;
      /** The derivative evaluated at the point. */
      readonly value: number;
      /** mathjs's derivative as text, when short. */
      readonly text?: string;
    }
  | { readonly status: "over-budget"; readonly elapsedMs: number }
  | { readonly status: "failed"; readonly reason: string };

/** Derivatives up to this many nodes are returned as text too. */
const SHORT_TEXT_NODES = 40;

// Plain CommonJS, so the worker runs without a TypeScript loader (tests, tsx, compiled dist).
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const mathjs = require(workerData.mathjsPath);
parentPort.on("message", (job) => {
  try {
    const expr = mathjs.parse(job.text);
    const started = performance.now();
    const d = mathjs.derivative(expr, job.wrt, { simplify: job.simplify });
    const ms = performance.now() - started;
    const nodes = d.filter(() => true).length;
    const value = Number(d.compile().evaluate({ ...job.point }));
    parentPort.postMessage({ status: "ok", nodes, ms, value, text: nodes <= ${SHORT_TEXT_NODES} ? d.toString() : undefined });
  } catch (error) {
    parentPort.postMessage({ status: "failed", reason: error instanceof Error ? error.message : String(error) });
  }
});
parentPort.postMessage({ status: "ready" });
`;

/** Memory a mathjs worker may use before it is stopped (a swelling tree fills memory too). */
const WORKER_HEAP_MB = 1024;

export class MathjsPeer {
  private ready: Promise<Worker> | undefined;

  /** Runs one job; the clock for the budget starts once the worker has loaded mathjs. */
  async run(job: MathjsJob, budgetMs: number): Promise<MathjsOutcome> {
    const worker = await this.start();
    return new Promise<MathjsOutcome>((resolve) => {
      const started = performance.now();
      const finish = (outcome: MathjsOutcome, stopWorker: boolean): void => {
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
        if (stopWorker) this.stop();
        resolve(outcome);
      };
      const onMessage = (message: MathjsOutcome): void => finish(message, false);
      const onError = (error: Error): void => finish({ status: "failed", reason: error.message }, true);
      const onExit = (code: number): void => finish({ status: "failed", reason: `mathjs worker exited (code ${code})` }, true);
      const timer = setTimeout(() => finish({ status: "over-budget", elapsedMs: performance.now() - started }, true), budgetMs);
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.on("exit", onExit);
      worker.postMessage(job);
    });
  }

  /** Stops the worker (call when done, or the process stays alive). */
  close(): void {
    this.stop();
  }

  /** The ready worker; set synchronously, so concurrent jobs share one start. */
  private start(): Promise<Worker> {
    this.ready ??= this.spawn();
    return this.ready;
  }

  private async spawn(): Promise<Worker> {
    const [{ createRequire }, { Worker: WorkerThread }] = await Promise.all([import("node:module"), import("node:worker_threads")]);
    const worker = new WorkerThread(WORKER_SOURCE, {
      eval: true,
      workerData: { mathjsPath: createRequire(import.meta.url).resolve("mathjs") },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    await new Promise<void>((resolve, reject) => {
      worker.once("message", () => resolve());
      worker.once("error", reject);
    });
    return worker;
  }

  private stop(): void {
    const ready = this.ready;
    this.ready = undefined;
    // Also a worker still loading: it is terminated once it exists.
    if (ready !== undefined) void ready.then((worker) => worker.terminate(), () => undefined);
  }
}
