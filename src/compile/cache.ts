// Compiled code cached per expression (nodes are hash-consed, so the same expression is the
// same node) and per variable list: compiling costs far more than one run. The cache is
// bounded, least recently used out first, so a long-running process (a notebook, a server,
// the web page) that compiles ever new expressions keeps only the latest: an entry holds its
// expression alive, so while it is cached, building the same expression again finds it.

/** Entries the cache holds by default: a small expression's code is ~10 KB, so ~10 MB. */
export const DEFAULT_COMPILE_CACHE_CAPACITY = 1000;

interface Entry {
  /** Kept so the node, and so its id, stays alive as long as its code is cached. */
  readonly expr: { readonly id: number };
  readonly value: unknown;
}

/** Map order is use order: a hit moves its entry to the end, eviction takes the first. */
const entries = new Map<string, Entry>();
let capacity = DEFAULT_COMPILE_CACHE_CAPACITY;

// Node ids are never reused, so the id names one node for the life of the process; JSON
// keeps any name (commas, quotes, __proto__) unambiguous inside the key.
const entryKey = (expr: { readonly id: number }, kind: string, key: readonly string[]) =>
  `${expr.id}:${kind}:${JSON.stringify(key)}`;

function evictBeyond(limit: number): void {
  for (const oldest of entries.keys()) {
    if (entries.size <= limit) return;
    entries.delete(oldest);
  }
}

/** The value made by `make` for (expr, kind, key), made once while it stays cached. */
export function cached<T>(expr: { readonly id: number }, kind: string, key: readonly string[], make: () => T): T {
  const k = entryKey(expr, kind, key);
  const found = entries.get(k);
  if (found !== undefined) {
    entries.delete(k);
    entries.set(k, found);
    return found.value as T;
  }
  const value = make();
  entries.set(k, { expr, value });
  evictBeyond(capacity);
  return value;
}

/** Whether (expr, kind, key) is cached now (does not count as a use). */
export function isCached(expr: { readonly id: number }, kind: string, key: readonly string[]): boolean {
  return entries.has(entryKey(expr, kind, key));
}

/** How many compiled entries the cache holds now. */
export function compileCacheSize(): number {
  return entries.size;
}

/** The most entries the cache holds. */
export function compileCacheCapacity(): number {
  return capacity;
}

/** Sets the most entries the cache holds (0 turns caching off), evicting the least recently used beyond it. */
export function setCompileCacheCapacity(entriesAllowed: number): void {
  if (!Number.isInteger(entriesAllowed) || entriesAllowed < 0) {
    throw new RangeError(`the compile cache capacity is a whole number of entries, 0 or more, not ${entriesAllowed}`);
  }
  capacity = entriesAllowed;
  evictBeyond(capacity);
}
