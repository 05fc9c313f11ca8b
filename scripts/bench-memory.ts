// Memory in a long-running process (issue 18): compiles many distinct expressions in one
// process, drops them, forces a full GC and reports the heap that stays behind per expression.
// A notebook, a server or the web page compiles expressions for hours; what it no longer holds
// must be freed. Run: npm run bench:memory [-- --count 20000] [--only memory|speed]
// (= node --expose-gc --import tsx scripts/bench-memory.ts). Needs --expose-gc.
// Before the intern table held nodes weakly and the compile cache was bounded (issue 18), all
// of it stayed: 12.46 KB per expression, 243 MB after 20,000 here (the issue, on its own mix of
// expressions, saw 13 KB and 271 MB). Now only what the cache's 1000 entries hold stays.
// It also times a node-building workload (the 784-100-10 network: built, built again, lowered
// from its typed text, its gradient derived), since interning is a hot path.
import { internedNodeCount } from "../src/ast/expr.js";
import { compileCacheCapacity, compileCacheSize, setCompileCacheCapacity } from "../src/compile/cache.js";
import { prepareCompiledReverse } from "../src/compile/reverse.js";
import { deriveGradient } from "../src/diff/symbolic/derivatives.js";
import { buildNetwork } from "../src/harness/network.js";
import { networkProgramText } from "../src/harness/network-typed.js";
import { parse } from "../src/parse/parse.js";
import { lowerScalar, parseTyped } from "../src/typed/index.js";

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) {
  console.error("bench-memory needs a forced GC: run it with node --expose-gc (npm run bench:memory does)");
  process.exit(2);
}

function usage(message: string): never {
  console.error(`${message}\nusage: npm run bench:memory [-- --count N] [--only memory|speed]`);
  process.exit(2);
}

/** --count N (default 20000) and --only memory|speed (default both). */
function parseArgs(argv: readonly string[]): { count: number; parts: readonly string[] } {
  let count = 20_000;
  let parts = ["memory", "speed"];
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1] ?? ""];
    if (flag === "--count") {
      count = Number(value);
      if (!/^[0-9]+$/.test(value) || count < 1) usage(`--count takes a positive whole number, not ${JSON.stringify(value)}`);
    } else if (flag === "--only") {
      if (value !== "memory" && value !== "speed") usage(`--only takes memory or speed, not ${JSON.stringify(value)}`);
      parts = [value];
    } else usage(`unknown option ${JSON.stringify(flag)}`);
  }
  return { count, parts };
}

/** Full GCs with turns of the event loop between them, so FinalizationRegistry callbacks run. */
async function settledHeap(): Promise<number> {
  for (let i = 0; i < 4; i++) {
    gc!();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return process.memoryUsage().heapUsed;
}

/** Expression i: distinct constants, so no two expressions share more than x and y. */
const expressionText = (i: number) => `sin(x * ${i + 0.5}) + y^2 / (x + ${i + 1}) - exp(-y * ${i + 0.25})`;

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;

async function memory(count: number): Promise<void> {
  // Warm up the modules (op table, generated-code helpers) so they are not counted.
  prepareCompiledReverse(parse("sin(x) + y"), ["x", "y"]).at({ x: 1, y: 2 });
  const nodesBefore = internedNodeCount();
  const heapBefore = await settledHeap();

  const started = performance.now();
  const held: unknown[] = [];
  let check = 0;
  for (let i = 0; i < count; i++) {
    const gradient = prepareCompiledReverse(parse(expressionText(i)), ["x", "y"]);
    check += gradient.at({ x: 0.5, y: 1.5 }).value;
    held.push(gradient);
  }
  const seconds = (performance.now() - started) / 1000;
  const heapHeld = await settledHeap();
  const nodesHeld = internedNodeCount();
  // Read after the measurement: a variable never read again is dead to V8 even before it is cleared.
  const heldCount = held.length;
  held.length = 0;
  const heapAfter = await settledHeap();
  const nodesAfter = internedNodeCount();
  const retained = Math.max(0, heapAfter - heapBefore);

  console.log(`bench-memory: ${heldCount} distinct expressions, each parsed, compiled (reverse mode) and run once, in ${seconds.toFixed(1)} s`);
  console.log(`  heap while held:   ${mb(heapHeld - heapBefore)} (${kb((heapHeld - heapBefore) / count)} per expression)`);
  console.log(`  heap after drop:   ${mb(retained)} retained (${kb(retained / count)} per expression)`);
  console.log(`  interned nodes:    ${nodesBefore} before, ${nodesHeld} while held, ${nodesAfter} after drop`);
  console.log(`  compile cache:     ${compileCacheSize()} entries after drop (capacity ${compileCacheCapacity()})`);
  const capacity = compileCacheCapacity();
  setCompileCacheCapacity(0);
  const heapEmptied = Math.max(0, (await settledHeap()) - heapBefore);
  console.log(`  cache emptied:     ${mb(heapEmptied)} retained (${kb(heapEmptied / count)} per expression), ${internedNodeCount()} interned nodes`);
  setCompileCacheCapacity(capacity);
  if (!Number.isFinite(check)) console.log("  (some values were not finite)");
}

/** CPU milliseconds (all threads) of run: on a shared, busy machine steadier than wall time. */
function milliseconds(run: () => unknown): number {
  const started = process.cpuUsage();
  run();
  const { user, system } = process.cpuUsage(started);
  return (user + system) / 1000;
}

/** Interning speed on the mnist network: new nodes, found nodes, typed lowering, derivation. */
async function internSpeed(): Promise<void> {
  const spec = { widths: [784, 100, 10] };
  console.log("interning speed, the 784-100-10 network, CPU time (it varies with the machine's load: run it a few times):");
  const nodesBefore = internedNodeCount();
  let net: ReturnType<typeof buildNetwork> | undefined;
  const buildMs = milliseconds(() => (net = buildNetwork(spec)));
  const fresh = internedNodeCount() - nodesBefore;
  const againMs = [0, 1, 2].map(() => milliseconds(() => buildNetwork(spec))).sort((a, b) => a - b)[1];
  const lowerMs = milliseconds(() => lowerScalar(parseTyped(networkProgramText(spec)).result));
  const beforeDerive = internedNodeCount();
  let derivative: unknown;
  const deriveMs = milliseconds(() => (derivative = deriveGradient(net!.loss, net!.parameters, { simplify: false })));
  console.log(`  built (${fresh} new nodes):                        ${buildMs.toFixed(0)} ms CPU`);
  console.log(`  built again (every node found), median of 3:       ${againMs.toFixed(0)} ms CPU`);
  console.log(`  lowered from its typed text (every node found):    ${lowerMs.toFixed(0)} ms CPU`);
  console.log(`  shared symbolic gradient, unsimplified (${internedNodeCount() - beforeDerive} new nodes): ${deriveMs.toFixed(0)} ms CPU`);
  // The nodes made above are handed to the weak table once this job is over (src/ast/expr.ts).
  const handOver = process.cpuUsage();
  await new Promise((resolve) => setTimeout(resolve, 20));
  const { user, system } = process.cpuUsage(handOver);
  console.log(`  after the job: the new nodes handed to the weak table: ${((user + system) / 1000).toFixed(0)} ms CPU`);
  void derivative;
}

const { count, parts } = parseArgs(process.argv.slice(2));
if (parts.includes("memory")) await memory(count);
if (parts.includes("speed")) await internSpeed();
