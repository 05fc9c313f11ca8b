// Property tests draw the same inputs on every run, so CI is reproducible: a failure seen once
// is seen again. Set FC_SEED=random (or a number) to explore other inputs locally; a property
// test that passes only for some seeds is a bug to fix, not a seed to pin.
import fc from "fast-check";

const chosen = process.env.FC_SEED;
if (chosen !== "random") {
  const seed = chosen === undefined ? 20_261_127 : Number(chosen);
  if (!Number.isInteger(seed)) throw new Error(`FC_SEED must be an integer or "random", got ${chosen}`);
  fc.configureGlobal({ seed });
}
