// The compile cache is bounded (issue 18): least recently used out first, a stated capacity,
// and what it evicts the garbage collector can free (cache-gc.child.ts, with --expose-gc).
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import {
  cached, compileCacheCapacity, compileCacheSize, DEFAULT_COMPILE_CACHE_CAPACITY, isCached, setCompileCacheCapacity,
} from "../../src/compile/cache.js";
import { isReverseCompiled, prepareCompiledReverse } from "../../src/compile/reverse.js";
import { parse } from "../../src/parse/parse.js";
import { runWithGc } from "../support/gc-child.js";

/** Stand-ins for expressions: the cache needs only a node id. Ids far from real nodes' ones. */
const node = (id: number) => ({ id: 1e9 + id });
const make = (label: string) => () => ({ label });

afterEach(() => setCompileCacheCapacity(DEFAULT_COMPILE_CACHE_CAPACITY));

describe("the compile cache", () => {
  it(`states its capacity: ${DEFAULT_COMPILE_CACHE_CAPACITY} entries by default`, () => {
    expect(compileCacheCapacity()).toBe(1000);
  });

  it("makes a value once and returns the same object while it is cached", () => {
    let made = 0;
    const first = cached(node(1), "test", ["x"], () => ({ made: ++made }));
    expect(cached(node(1), "test", ["x"], () => ({ made: ++made }))).toBe(first);
    expect(made).toBe(1);
    // Kind, variable list and node each make a different entry.
    expect(cached(node(1), "other", ["x"], make("b"))).not.toBe(first);
    expect(cached(node(1), "test", ["x", "y"], make("c"))).not.toBe(first);
    expect(cached(node(2), "test", ["x"], make("d"))).not.toBe(first);
  });

  it("never holds more than its capacity, and evicts the least recently used first", () => {
    setCompileCacheCapacity(3);
    for (const id of [10, 11, 12]) cached(node(id), "lru", [], make(`${id}`));
    cached(node(10), "lru", [], make("again")); // 10 is now the most recently used
    cached(node(13), "lru", [], make("13")); // evicts 11, the least recently used
    expect(compileCacheSize()).toBe(3);
    expect([10, 11, 12, 13].map((id) => isCached(node(id), "lru", []))).toEqual([true, false, true, true]);
  });

  it("isCached does not count as a use", () => {
    setCompileCacheCapacity(2);
    cached(node(20), "peek", [], make("20"));
    cached(node(21), "peek", [], make("21"));
    expect(isCached(node(20), "peek", [])).toBe(true);
    cached(node(22), "peek", [], make("22")); // evicts 20 despite the look
    expect(isCached(node(20), "peek", [])).toBe(false);
    expect(isCached(node(21), "peek", [])).toBe(true);
  });

  it("shrinks at once when the capacity is lowered; 0 turns caching off", () => {
    for (let i = 0; i < 10; i++) cached(node(30 + i), "shrink", [], make(`${i}`));
    setCompileCacheCapacity(4);
    expect(compileCacheSize()).toBe(4);
    expect(isCached(node(39), "shrink", [])).toBe(true);
    expect(isCached(node(35), "shrink", [])).toBe(false);
    setCompileCacheCapacity(0);
    expect(compileCacheSize()).toBe(0);
    const a = cached(node(40), "off", [], make("a"));
    expect(cached(node(40), "off", [], make("a"))).not.toBe(a);
  });

  it("refuses a capacity that is not a whole number of entries", () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => setCompileCacheCapacity(bad)).toThrow(/whole number of entries, 0 or more/);
    }
    expect(compileCacheCapacity()).toBe(DEFAULT_COMPILE_CACHE_CAPACITY);
  });

  it("serves compiled reverse mode: the same expression parsed again is found", () => {
    const f = parse("cos(x) * y + 0.123456");
    const g = prepareCompiledReverse(f, ["x", "y"]);
    expect(isReverseCompiled(parse("cos(x) * y + 0.123456"), ["x", "y"])).toBe(true);
    expect(prepareCompiledReverse(parse("cos(x) * y + 0.123456"), ["x", "y"])).toBe(g);
  });
});

interface CacheFacts {
  count: number;
  capacity: number;
  compiledPaths: number;
  largestCacheSize: number;
  cacheSize: number;
  base: number;
  afterDrop: number;
  nodesPerExpression: number;
  latestStillCompiled: number;
  firstStillCompiled: boolean;
}

describe("the compile cache in a long-running process (child process, forced GC)", () => {
  it("stays within its capacity of 50 over 1000 compiled expressions, and their nodes are freed", async () => {
    const facts = (await runWithGc(fileURLToPath(new URL("./cache-gc.child.ts", import.meta.url)))) as CacheFacts;
    expect(facts.compiledPaths).toBe(facts.count); // every one compiled and right
    expect(facts.largestCacheSize).toBe(50);
    expect(facts.cacheSize).toBe(50);
    // What stays is what the 50 cached entries hold: at most 50 expressions' nodes.
    expect(facts.afterDrop - facts.base).toBeLessThanOrEqual(50 * facts.nodesPerExpression);
    expect(facts.latestStillCompiled).toBe(50);
    expect(facts.firstStillCompiled).toBe(false);
  });
});
