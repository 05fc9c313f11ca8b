// Numeric answers are judged to the precision their digits state (issue 12): the exact value
// rounded to the significant figures written, within half a unit in the last of them.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { callNode, variable } from "../../src/ast/expr.js";
import { MIN_JUDGED_FIGURES, statedPrecision, withinStatedPrecision } from "../../src/check/figures.js";
import { checkValues } from "../../src/check/value.js";

// ∂(a·x)/∂x = a exactly: checkValues's exact value is whatever `a` is.
const AX = callNode("mul", [variable("a"), variable("x")]);
const judge = (exact: number, text: string, tolerance?: number) =>
  checkValues(AX, { a: exact, x: 1 }, [{ wrt: "x", value: Number(text.replace("−", "-")), text }], tolerance)[0];

describe("significant figures are counted from the text as written", () => {
  const cases: [string, number][] = [
    ["1210", 3], ["1.21e3", 3], ["1207.4", 5], ["1208.37", 6],
    ["0.00123", 3], // leading zeros never count
    ["1200", 2], // trailing zeros of a whole number: placeholders (the lenient reading)
    ["1200.", 4], ["1.200e3", 4], ["1.20e3", 3], ["120e1", 2],
    ["-0.5", 1], ["+2.50", 3], ["−1.5", 2], [".5", 1], ["5.", 1], ["007", 1],
    ["0", 0], ["0.000", 0], ["-0e5", 0],
  ];
  for (const [text, figures] of cases) {
    it(`${text} → ${figures}`, () => expect(statedPrecision(text)?.figures).toBe(figures));
  }

  it("an expression or another notation is not a decimal literal: pi/4, 2*sqrt(2), 0x10, 1_000, Infinity", () => {
    for (const text of ["pi/4", "2*sqrt(2)", "0x10", "1_000", "Infinity", "1e", ".", "", "1.2.3", "e5"]) expect(statedPrecision(text), text).toBeUndefined();
  });

  it("half a unit in the last figure: 1210 → 5, 1.21e3 → 5, 1207.4 → 0.05, 0.00123 → 5e-6", () => {
    expect(statedPrecision("1210")?.halfUnit).toBe(5);
    expect(statedPrecision("1.21e3")?.halfUnit).toBe(5);
    expect(statedPrecision("1207.4")?.halfUnit).toBeCloseTo(0.05, 15);
    expect(statedPrecision("0.00123")?.halfUnit).toBeCloseTo(5e-6, 20);
  });

  it(`fewer than ${MIN_JUDGED_FIGURES} figures are judged at ${MIN_JUDGED_FIGURES}: 1000 is read as 1.0e3, 3 as 3.0`, () => {
    expect(statedPrecision("1000")).toMatchObject({ figures: 1, judgedAt: 2, halfUnit: 50 });
    expect(statedPrecision("3")).toMatchObject({ figures: 1, judgedAt: 2 });
    expect(statedPrecision("3")?.halfUnit).toBeCloseTo(0.05, 15);
  });
});

describe("the issue's examples: Quiz 1's dy/dx = 1208.36656055 at x = 2, z = 3", () => {
  const exact = 1208.36656055419;
  it("1210 and 1.21e3 (3 figures) are correct, with the rule in words", () => {
    const r = judge(exact, "1210");
    expect(r.verdict).toBe("correct");
    expect(r.rule).toBe("significant figures");
    expect(r.precision).toMatchObject({ figures: 3, judgedAt: 3, halfUnit: 5, rounded: "1210" });
    expect(r.ruleText).toBe("1210 gives 3 significant figures (a whole number's trailing zeros are not counted); the exact value 1208.36656055 rounds to 1210 at 3 figures (half a unit there: 5): correct");
    expect(judge(exact, "1.21e3").verdict).toBe("correct");
  });

  it("1207.4 claims 5 figures and is wrong (1208.4 at 5 figures); 1208.37 and 1208 are right", () => {
    const r = judge(exact, "1207.4");
    expect(r.verdict).toBe("incorrect");
    expect(r.ruleText).toContain("rounds to 1208.4 at 5 figures");
    expect(judge(exact, "1208.37").verdict).toBe("correct");
    expect(judge(exact, "1208").verdict).toBe("correct");
    expect(judge(exact, "1209").verdict).toBe("incorrect");
  });

  it("1200 (2 figures, zeros as placeholders) is right; 1000 (1 figure, judged at 2) is not", () => {
    expect(judge(exact, "1200").verdict).toBe("correct");
    expect(judge(exact, "1200").ruleText).toContain("trailing zeros are not counted");
    const r = judge(exact, "1000");
    expect(r.verdict).toBe("incorrect");
    expect(r.ruleText).toContain("fewer than 2 are judged as 2");
  });

  it("an explicit tolerance overrides the digits: 1210 fails at 1e-3, 1207.4 passes at 1e-3", () => {
    const strict = judge(exact, "1210", 1e-3);
    expect(strict.rule).toBe("tolerance");
    expect(strict.tolerance).toBe(1e-3);
    expect(strict.verdict).toBe("incorrect");
    expect(judge(exact, "1207.4", 1e-3).verdict).toBe("correct");
  });

  it("a constant expression states no precision: the default tolerance 1e-3", () => {
    const r = checkValues(AX, { a: Math.PI / 4, x: 1 }, [{ wrt: "x", value: 0.785, text: "0.785" }, { wrt: "x", value: Math.PI / 4 * (1 + 5e-4), text: "pi/4*1.0005" }]);
    expect(r[0].verdict).toBe("correct"); // 3 figures
    expect(r[1]).toMatchObject({ rule: "tolerance", tolerance: 1e-3, verdict: "correct" });
    expect(r[1].ruleText).toContain("is an expression");
  });
});

describe("an exact value of 0", () => {
  it("a written 0 (any number of zeros) is correct, also for an exact 0 computed as 6e-17", () => {
    for (const text of ["0", "0.0", "-0.000"]) expect(judge(0, text).verdict, text).toBe("correct");
    expect(judge(6e-17, "0").verdict).toBe("correct");
  });
  it("a nonzero written value is more than half a unit of its own last figure from 0: wrong", () => {
    for (const text of ["0.001", "1e-5", "-0.5", "3"]) expect(judge(0, text).verdict, text).toBe("incorrect");
  });
  it("a written 0 for an exact 0.003 is wrong: a zero states no figure", () => {
    expect(judge(0.003, "0").verdict).toBe("incorrect");
    expect(judge(0.003, "0.00").verdict).toBe("incorrect");
  });
});

// exact = m × 10^p with m in [1, 10), both signs, magnitudes 1e-30 to 1e30.
const exacts = fc
  .tuple(fc.double({ min: 1, max: 10, maxExcluded: true, noNaN: true }), fc.integer({ min: -30, max: 30 }), fc.boolean())
  .map(([m, p, negative]) => (negative ? -1 : 1) * m * 10 ** p)
  .filter((x) => Number.isFinite(x) && x !== 0);

/** `exact` written to k figures in exponent form with a point ("1.21e+3"), and its mantissa digits as an integer. */
function written(exact: number, k: number): { digits: bigint; exponent: number; sign: string } {
  const [mantissa, exponent] = Math.abs(exact).toExponential(k - 1).split("e");
  return { digits: BigInt(mantissa.replace(".", "")), exponent: Number(exponent), sign: exact < 0 ? "-" : "" };
}
const text = (sign: string, digits: bigint, exponent: number) => {
  const d = digits.toString();
  return `${sign}${d[0]}${d.length > 1 ? `.${d.slice(1)}` : ""}e${exponent}`;
};

describe("properties over thousands of exact values and written roundings", () => {
  it(`the rounding to k ≥ ${MIN_JUDGED_FIGURES} figures is accepted; one unit off in the k-th figure is rejected`, () => {
    fc.assert(
      fc.property(exacts, fc.integer({ min: MIN_JUDGED_FIGURES, max: 11 }), (exact, k) => {
        const { digits, exponent, sign } = written(exact, k);
        const rounding = text(sign, digits, exponent);
        expect(statedPrecision(rounding)?.figures).toBe(k);
        expect(withinStatedPrecision(statedPrecision(rounding)!, exact), `${rounding} for ${exact}`).toBe(true);
        // Off by one unit, keeping k digits (9.99 + 1 unit would become 10.0: another exponent).
        for (const neighbour of [digits + 1n, digits - 1n]) {
          if (neighbour.toString().length !== k) continue;
          const off = text(sign, neighbour, exponent);
          // Within 0.05 units of a tie (…5 exactly), float rounding of `exact` may land either side.
          const unit = 10 ** (exponent - k + 1);
          if (Math.abs(Math.abs(Number(off) - exact) - unit / 2) < 0.05 * unit) continue;
          expect(withinStatedPrecision(statedPrecision(off)!, exact), `${off} for ${exact}`).toBe(false);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it("a 1-figure answer is judged at 2: accepted when the rounding at 2 figures is D.0, rejected when 2 units or more from it", () => {
    fc.assert(
      fc.property(exacts, (exact) => {
        const { digits, exponent, sign } = written(exact, 1);
        const one = text(sign, digits, exponent);
        const two = written(exact, 2);
        const accepted = withinStatedPrecision(statedPrecision(one)!, exact);
        if (two.exponent !== exponent) return;
        const unitsOff = Number(two.digits - digits * 10n);
        if (unitsOff === 0) expect(accepted, `${one} for ${exact}`).toBe(true);
        if (Math.abs(unitsOff) >= 2) expect(accepted, `${one} for ${exact}`).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it("a huge number of figures is judged, not an internal error", () => {
    expect(judge(1, `1.${"0".repeat(150)}`).verdict).toBe("correct");
    expect(judge(1, `1.${"0".repeat(150)}`).precision?.figures).toBe(151);
  });

  it("through checkValues: the rounding is correct and the neighbour incorrect, whatever the sign", () => {
    fc.assert(
      fc.property(exacts.filter((x) => Math.abs(x) > 1), fc.integer({ min: 2, max: 9 }), (exact, k) => {
        const { digits, exponent, sign } = written(exact, k);
        expect(judge(exact, text(sign, digits, exponent)).verdict).toBe("correct");
        const up = digits + 2n; // two units: clear of any tie
        if (up.toString().length === k) expect(judge(exact, text(sign, up, exponent)).verdict).toBe("incorrect");
      }),
      { numRuns: 2000 },
    );
  });
});
