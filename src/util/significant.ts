// Numbers to a fixed count of significant digits, for tables and printed values.

/** Fixed significant digits, without trailing zeros (0.5, not 0.500000000000). */
export function formatSignificant(value: number, digits = 12): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return "0";
  const text = value.toPrecision(digits);
  return text.includes("e") ? text : String(Number(text));
}
