import { describe, expect, it } from "vitest";
import { checkValues, DEFAULT_VALUE_TOLERANCE } from "../../src/check/value.js";
import { parse } from "../../src/parse/parse.js";

const QUIZ1 = parse("exp(x*z) + x*z/log(x) + sin(log(x))/exp(x*z)");
const AT = { x: 2, z: 3 };
// Issue 3 / the lecture's Quiz 1: dy/dx = 1208.36656055419, dy/dz = 809.739809413939 at x=2, z=3.
const one = (wrt: string, value: number, tolerance?: number) => checkValues(QUIZ1, AT, [{ wrt, value }], tolerance)[0];

describe("check --value: numeric answers at a point", () => {
  it("accepts Quiz 1's dy/dx and dy/dz rounded by hand to 6 and 5 significant digits", () => {
    const [dx, dz] = checkValues(QUIZ1, AT, [{ wrt: "x", value: 1208.37 }, { wrt: "z", value: 809.74 }]);
    expect(dx.verdict).toBe("correct");
    expect(dz.verdict).toBe("correct");
    expect(Math.abs(dx.exact - 1208.36656055419) / 1208.36656055419).toBeLessThan(1e-12);
    expect(dx.relativeError).toBeCloseTo(Math.abs(1208.37 - 1208.36656055419) / 1208.36656055419, 12);
  });

  it("without a tolerance a number is judged to the figures it states: 1208 and 1210 pass, 1209 (4 figures, 1208 is right) fails", () => {
    expect(one("x", 1208).verdict).toBe("correct");
    expect(one("x", 1209).verdict).toBe("incorrect"); // 0.63 off, half a unit is 0.5
    expect(one("x", 1210).verdict).toBe("correct"); // 3 figures
    expect(one("x", 1200).verdict).toBe("correct"); // 2 figures (the zeros are placeholders)
    expect(one("x", 1000).verdict).toBe("incorrect"); // 1 figure, judged at 2
  });

  it("with the old default tolerance 1e-3 given explicitly, the old verdicts hold", () => {
    expect(DEFAULT_VALUE_TOLERANCE).toBe(1e-3);
    expect(one("x", 1209, DEFAULT_VALUE_TOLERANCE).verdict).toBe("correct"); // 5e-4 off
    expect(one("x", 1210, DEFAULT_VALUE_TOLERANCE).verdict).toBe("incorrect"); // 1.4e-3 off
  });

  it("a tighter tolerance rejects the hand-rounded value; the full digits still pass", () => {
    expect(one("x", 1208.37, 1e-6).verdict).toBe("incorrect");
    expect(one("x", 1208.36656055419, 1e-12).verdict).toBe("correct");
  });

  it("swapping the partials is caught (dy/dz's number given for dy/dx)", () => {
    expect(one("x", 809.74).verdict).toBe("incorrect");
  });

  it("an exact zero computed with rounding still accepts 0: d/dx sin(x) at x = pi/2", () => {
    const [r] = checkValues(parse("sin(x)"), { x: Math.PI / 2 }, [{ wrt: "x", value: 0 }]);
    expect(Math.abs(r.exact)).toBeLessThan(1e-15);
    expect(r.verdict).toBe("correct");
  });

  it("a derivative that does not exist at the point is undecided, with the reason", () => {
    const [r] = checkValues(parse("sqrt(x)"), { x: 0 }, [{ wrt: "x", value: 1 }]);
    expect(r.verdict).toBe("undecided");
    expect(r.notes.join(" ")).toMatch(/sqrt/);
  });
});
