// Numeric literals for generated code: exact (they read back as the same float64, -0 and NaN
// included) and self-delimiting (a negative value is parenthesised, so `a - -0` cannot occur).

/** JavaScript source text for `value` that evaluates to exactly `value` (Object.is-equal). */
export function numberLiteral(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "Infinity";
  if (value === -Infinity) return "(-Infinity)";
  if (Object.is(value, -0)) return "(-0)";
  // String(v) is the shortest text that round-trips (ECMA-262 Number::toString).
  const text = String(value);
  return value < 0 ? `(${text})` : text;
}
