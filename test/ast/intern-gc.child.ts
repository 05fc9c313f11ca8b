// Child process of intern-gc.test.ts (run with --expose-gc): builds distinct expressions,
// drops them, collects, and prints what the intern table holds at each step as JSON.
import { callNode, internedNodeCount, num, variable, type Expr } from "../../src/ast/expr.js";
import { settle } from "../support/gc-child.js";

const COUNT = 20_000;
const x = variable("x");
/** Expression i: (i + 0.5)·x + (−i), four nodes of its own (x is shared). */
const build = (i: number): Expr => callNode("add", [callNode("mul", [num(i + 0.5), x]), num(-i - 1)]);

await settle();
const base = internedNodeCount();
const held: Expr[] = Array.from({ length: COUNT }, (_, i) => build(i));
const kept = held.filter((_, i) => i % 100 === 0);
const whileHeld = internedNodeCount();
const highestId = Math.max(...held.map((e) => e.id));
await settle();
const afterHandOver = internedNodeCount();
// Read after the measurement, then cleared: a variable never read again is dead to V8 early.
const heldCount = held.length;
held.length = 0;
await settle();
const afterDrop = internedNodeCount();

// Live nodes stay canonical across collections: rebuilding a kept one gives the same object.
const keptStillCanonical = kept.every((e, j) => build(j * 100) === e);
// A dropped one comes back as a new node, with an id above every earlier one, children below.
const rebuilt = build(1);
const args = rebuilt.kind === "call" ? rebuilt.args : [];
const rebuiltIdsMonotonic = rebuilt.id > highestId && args.every((a) => a.id < rebuilt.id);

// A key re-interned while the finalizer of its dead node is still pending must stay: drop a
// batch of handed-over nodes, collect them (their finalizers are queued), rebuild them at once
// (new live nodes, same keys), and let the timers and finalizers run.
let batch: Expr[] | undefined = Array.from({ length: 2000 }, (_, i) => build(COUNT + i));
await settle();
const batchIds = batch.map((e) => e.id);
batch = undefined;
(globalThis as unknown as { gc: () => void }).gc();
const again = Array.from({ length: 2000 }, (_, i) => build(COUNT + i));
await settle();
const reinternedAreNew = again.every((e, i) => e.id !== batchIds[i]);
const reinternedStayCanonical = again.every((e, i) => build(COUNT + i) === e);

console.log(JSON.stringify({
  count: heldCount, base, whileHeld, afterHandOver, afterDrop, keptStillCanonical, rebuiltIdsMonotonic,
  reinternedAreNew, reinternedStayCanonical, againHeld: again.length,
}));
