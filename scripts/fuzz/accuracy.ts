// Accuracy of the exact methods against a 64-digit reference, over random partials.
//   npx tsx scripts/fuzz/accuracy.ts [--n 3000] [--seed 1] [--worst 15]
// For N random partials (random expressions over the op table at random points inside the
// domain, test/support/random-expr.ts), prints the fraction within 1e-12 relative of the
// reference per method, the skipped points by reason, and the worst cases.
import { printExpr } from "../../src/print/text.js";
import { drawPartials, measureAccuracy, RELATIVE_TOLERANCE } from "../../test/support/accuracy.js";
import { wholeNumberOption } from "./options.js";


const n = wholeNumberOption("n", 3000);
const seed = wholeNumberOption("seed", 1);
const worst = wholeNumberOption("worst", 15);
const started = Date.now();
const summary = measureAccuracy(drawPartials(n, seed));
const percent = (f: number) => `${(100 * f).toFixed(2)}%`;
const skippedTotal = Object.values(summary.skipped).reduce((a, b) => a + b, 0);

console.log(`${n} random partials (seed ${seed}); ${summary.measured} measured, ${skippedTotal} skipped` +
  (skippedTotal > 0 ? ` (${Object.entries(summary.skipped).map(([r, k]) => `${k} ${r}`).join(", ")})` : ""));
console.log(`within ${RELATIVE_TOLERANCE} relative of the 64-digit reference:`);
for (const [label, f] of Object.entries(summary.fractionWithin)) console.log(`  ${label.padEnd(20)} ${percent(f)}`);
console.log(`  ${"all at once".padEnd(20)} ${percent(summary.fractionAllWithin)}  (${summary.failures.length} partials outside)`);
if (summary.failures.length > 0 && worst > 0) {
  console.log(`worst ${Math.min(worst, summary.failures.length)}:`);
  for (const r of summary.failures.slice(0, worst)) {
    const errors = Object.entries(r.errors).filter(([, e]) => e > 0).map(([l, e]) => `${l} ${e.toExponential(1)}`);
    const at = Object.entries(r.point).map(([k, v]) => `${k}=${v}`).join(",");
    console.log(`  d/d${r.name} ${printExpr(r.expr)} at ${at}: reference ${r.reference.toPrecision(17)}; ${errors.join(", ")}`);
  }
}
console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
