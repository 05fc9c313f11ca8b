// A small deterministic PRNG, so a seed reproduces a network's weights and inputs exactly on
// every machine (Math.random cannot be seeded).

/** mulberry32: 32-bit state, period 2^32, good enough for test data. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform floats in [low, high) from a seeded generator. */
export function uniform(random: () => number, low: number, high: number): number {
  return low + (high - low) * random();
}
