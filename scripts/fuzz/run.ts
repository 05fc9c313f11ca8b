// The longer fuzz campaign (issue 18): npm run fuzz [-- --n 20000 --seed 1]
// 1. cross-method agreement: random expressions at random and special points; the exact
//    methods agree within rounding or the shared diagnosis flags the point (test/support/agreement.ts);
// 2. the reader and the library on random text: valid texts and token soup through parse,
//    evaluate and every differentiator; anything but the project's own errors is a crash, and
//    an input that takes over 2 s is a hang;
// 3. accuracy against a 64-digit reference (test/support/accuracy.ts, as scripts/fuzz/accuracy.ts).
// Prints inputs tried, crashes, hangs and disagreements; exits 1 if any crash, hang or
// disagreement was found.
import fc from "fast-check";
import { variablesOf } from "../../src/ast/walk.js";
import { DIFFERENTIATORS } from "../../src/diff/registry.js";
import { evaluate } from "../../src/eval/evaluate.js";
import { parse } from "../../src/parse/parse.js";
import { printExpr } from "../../src/print/text.js";
import { seededChoose, tokenSoup, validText } from "../../test/parse/random-text.js";
import { drawPartials, measureAccuracy } from "../../test/support/accuracy.js";
import { agreementCase, disagreement } from "../../test/support/agreement.js";
import { wholeNumberOption } from "./options.js";


const n = wholeNumberOption("n", 20_000);
const seed = wholeNumberOption("seed", 1);
const HANG_MS = 2_000;
let crashes = 0;
let hangs = 0;
let disagreements = 0;
const report = (kind: string, what: string) => console.log(`${kind}: ${what}`);

/** The project's own errors: what bad input is meant to produce. */
const expected = (e: unknown) => e instanceof Error && /Error$|Exceeded$/.test(e.name) && e.name !== "TypeError" && e.name !== "RangeError" && e.name !== "Error";

function timed(label: string, work: () => void): void {
  const started = performance.now();
  try {
    work();
  } catch (e) {
    if (!expected(e)) { crashes++; report("crash", `${label}: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`); }
  }
  if (performance.now() - started > HANG_MS) { hangs++; report("hang", `${label} took ${(performance.now() - started).toFixed(0)} ms`); }
}

const t0 = performance.now();
for (const [f, point] of fc.sample(agreementCase, { numRuns: n, seed })) {
  timed(`agreement ${printExpr(f)} at ${JSON.stringify(point)}`, () => {
    const d = disagreement(f, point);
    if (d !== undefined) { disagreements++; report("disagreement", `${printExpr(f)} at ${JSON.stringify(point)}, d/d${d.variable}: ${JSON.stringify(d.values)}`); }
  });
}
console.log(`agreement: ${n} expressions in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const t1 = performance.now();
const choose = seededChoose(seed);
for (let k = 0; k < n; k++) {
  const text = k % 2 === 0 ? validText(choose) : tokenSoup(choose);
  timed(`text ${JSON.stringify(text)}`, () => {
    const f = parse(text);
    const point = Object.fromEntries(variablesOf(f).map((v, i) => [v, [0.5, -1.5, 2, 0][i % 4]]));
    evaluate(f, point);
    for (const differentiator of Object.values(DIFFERENTIATORS)) differentiator.gradient(f, point, variablesOf(f));
  });
}
console.log(`reader and library: ${n} texts in ${((performance.now() - t1) / 1000).toFixed(1)} s`);

const t2 = performance.now();
const accuracy = measureAccuracy(drawPartials(Math.min(n, 3000), seed));
console.log(`accuracy: ${accuracy.measured} partials against the 64-digit reference in ${((performance.now() - t2) / 1000).toFixed(1)} s; within 1e-12: ` +
  Object.entries(accuracy.fractionWithin).map(([m, f]) => `${m} ${(100 * f).toFixed(2)}%`).join(", "));

console.log(`inputs tried: ${2 * n + accuracy.measured}; crashes: ${crashes}; hangs: ${hangs}; disagreements: ${disagreements}`);
process.exit(crashes + hangs + disagreements > 0 ? 1 : 0);
