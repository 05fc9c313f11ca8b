// Compiled code cached per expression (nodes are hash-consed, so the same expression is the
// same object) and per variable list: compiling costs far more than one run.

const cache = new WeakMap<object, Map<string, unknown>>();

/** The value made by `make` for (expr, kind, key), made once. */
export function cached<T>(expr: object, kind: string, key: readonly string[], make: () => T): T {
  let byKey = cache.get(expr);
  if (byKey === undefined) cache.set(expr, (byKey = new Map()));
  // JSON keeps any name (commas, quotes, __proto__) unambiguous inside a Map key.
  const fullKey = `${kind}:${JSON.stringify(key)}`;
  if (!byKey.has(fullKey)) byKey.set(fullKey, make());
  return byKey.get(fullKey) as T;
}

/** Whether (expr, kind, key) has been made already. */
export function isCached(expr: object, kind: string, key: readonly string[]): boolean {
  return cache.get(expr)?.has(`${kind}:${JSON.stringify(key)}`) ?? false;
}
