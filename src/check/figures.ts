// The precision a numeric answer states by its digits: "1210" and "1.21e3" give 3 significant
// figures, "1207.4" gives 5. Counted from the text as written (a float has no trailing zeros).
//
// The rule: a written value with k significant figures is correct when it is within half a unit
// in its k-th figure of the exact value (so 1210 is right for 1208.37, whose rounding to 3
// figures is 1210; 1207.4 is not, being 0.97 from it with half a unit 0.05). Ties go to the
// student: an exact 1.25 accepts 1.2 and 1.3 alike.

/** Fewer figures than this are judged as if this many were written: 1000 for 1208 is 1.0e3, wrong. */
export const MIN_JUDGED_FIGURES = 2;

/** Relative slack for float64 (the exact value and the written one are both rounded to 53 bits): at 12 figures and more it is a visible part of half a unit. */
export const FIGURES_FLOAT_SLACK = 1e-13;

/** The precision a decimal literal states. */
export interface StatedPrecision {
  /** The literal as written (trimmed; a Unicode minus read as "-"). */
  readonly text: string;
  readonly value: number;
  /** Significant figures written: leading zeros never count, trailing zeros of an integer without a point neither. 0 for a written zero. */
  readonly figures: number;
  /** Whether trailing zeros of a whole number without a point (1200) were read as placeholders, not figures. */
  readonly placeholderZeros: boolean;
  /** Figures judged at: `figures`, raised to MIN_JUDGED_FIGURES (0 for a written zero). */
  readonly judgedAt: number;
  /** Half a unit in the last figure judged (0 for a written zero: only an exact 0 matches it). */
  readonly halfUnit: number;
}

// sign, integer digits, fraction digits, exponent; at least one digit before the exponent.
const DECIMAL = /^([+-]?)(\d*)(?:(\.)(\d*))?(?:[eE]([+-]?\d+))?$/;

/** The precision `text` states, or undefined when it is not a plain decimal literal (pi/4, 2*sqrt(2), 0x10). */
export function statedPrecision(written: string): StatedPrecision | undefined {
  const text = written.trim().replace(/^\u2212/, "-").replace(/([eE])\u2212/, "$1-");
  const match = DECIMAL.exec(text);
  if (match === null) return undefined;
  const [, , whole, point, fraction = "", exponentText] = match;
  if (whole === "" && fraction === "") return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) return undefined;
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  const digits = (whole + fraction).replace(/^0+/, "");
  if (digits === "") return { text, value, figures: 0, placeholderZeros: false, judgedAt: 0, halfUnit: 0 };
  // 1200 is ambiguous (2, 3 or 4 figures): read as 2, the lenient reading. 1200. and 1.200e3 say 4.
  const significant = point === undefined ? digits.replace(/0+$/, "") : digits;
  const trailingZeros = digits.length - significant.length;
  // The power of ten of the last significant figure written.
  const lastPlace = exponent - fraction.length + trailingZeros;
  const figures = significant.length;
  const judgedAt = Math.max(figures, MIN_JUDGED_FIGURES);
  return { text, value, figures, placeholderZeros: trailingZeros > 0, judgedAt, halfUnit: 0.5 * 10 ** (lastPlace - (judgedAt - figures)) };
}

/** Whether the written value is within half a unit of its last judged figure of `exact` (plus float slack). */
export function withinStatedPrecision(stated: StatedPrecision, exact: number): boolean {
  const slack = FIGURES_FLOAT_SLACK * Math.max(Math.abs(exact), Math.abs(stated.value));
  return Math.abs(stated.value - exact) <= stated.halfUnit + slack;
}

/** `exact` rounded to `figures` significant figures (1 to 100), as text ("1210", "0.00123", "1.2e-7"). */
export function roundedTo(exact: number, figures: number): string {
  if (exact === 0 || !Number.isFinite(exact)) return String(exact);
  const text = exact.toPrecision(Math.min(100, Math.max(1, figures)));
  // toPrecision writes 1.2e+3 for 1208 at 2 figures; 1200 reads better and states the same.
  if (/e\+/.test(text)) return String(Number(text));
  return text;
}

/**
 * The rule in words: "1210 gives 3 significant figures; the exact value 1208.37… rounds to 1210
 * at 3 figures: correct".
 */
export function figuresRuleText(stated: StatedPrecision, exact: number, exactText: string, correct: boolean): string {
  if (stated.figures === 0) {
    return `${stated.text} is a zero, which states no significant figure; only an exact 0 matches it: ${correct ? "correct" : "incorrect"}`;
  }
  const zeros = stated.placeholderZeros ? " (a whole number's trailing zeros are not counted)" : "";
  const raised = stated.judgedAt > stated.figures
    ? ` (fewer than ${MIN_JUDGED_FIGURES} are judged as ${MIN_JUDGED_FIGURES})`
    : "";
  const plural = (n: number) => `${n} significant figure${n === 1 ? "" : "s"}`;
  const rounded = roundedTo(exact, stated.judgedAt);
  const verdict = correct ? "correct" : "incorrect";
  const half = String(Number(stated.halfUnit.toPrecision(1)));
  return `${stated.text} gives ${plural(stated.figures)}${zeros}${raised}; the exact value ${exactText} rounds to ${rounded} at ${stated.judgedAt} figures (half a unit there: ${half}): ${verdict}`;
}
