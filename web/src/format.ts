// data-value: a number exactly as the CLI's toJson writes it (the DOM contract).
export function dataValue(v: number): string {
  return Number.isFinite(v) ? String(v) : Number.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
}

/** Every number in a JSON value with its dot-separated path. */
export function numbersOf(value: unknown, path = ""): [string, number][] {
  if (typeof value === "number") return [[path, value]];
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([k, v]) => numbersOf(v, path === "" ? k : `${path}.${k}`));
}
