// Every syntax form the parser accepts, checked against mathjs 15 (`evaluate` on the same
// text) and against the conventions the parser documents.
import { evaluate as mathjsEvaluate } from "mathjs";
import { describe, expect, it } from "vitest";
import { callNode, num, variable } from "../../src/ast/expr.js";
import { evaluate } from "../../src/eval/evaluate.js";
import { call } from "../../src/ops/table.js";
import { parse, ParseError } from "../../src/parse/parse.js";

const POINTS: Record<string, number>[] = [
  { x: 0.7, y: 1.3, z: 2.1, alpha_2: 0.4, beta: 1.9, x1: 0.3 },
  { x: 1.9, y: 0.6, z: 0.45, alpha_2: 2.5, beta: 0.2, x1: 3.1 },
  { x: -1.2, y: 2.2, z: -0.8, alpha_2: -3, beta: 5, x1: -0.6 },
];

const FORMS: Record<string, string[]> = {
  numbers: ["2", "1.5", ".5", "3.", "1e-3", "2.5E+4", "1.5e-3", "12e2"],
  "names and constants": ["x", "x1", "alpha_2", "beta", "pi", "e", "e^x", "2e", "1e"],
  "+ - * /": ["x + y", "x - y", "x * y", "x / y", "x - y - z", "x / y / z", "x + y * z", "x - y * z / beta"],
  powers: ["2^3^2", "x^y^z", "-x^2", "2^-3", "x^-y^2", "-2^2", "(-2)^2", "2^+3", "x^2^-1"],
  "unary signs": ["-x", "+x", "--x", "-+x", "-(2)", "--2", "-0", "x - -y", "x*-y", "x + -2", "-x*y", "- 2"],
  parentheses: ["(x + y) * z", "((x))", "x - (y - z)", "x / (y / z)", "(x)"],
  "function calls": [
    "sin(x)", "cos(x) + tan(y)", "exp(sin(x) + cos(y))", "log(x^2 + 1)", "log(y, 2)", "log10(beta)",
    "log2(beta)", "sqrt(y)", "cbrt(x)", "nthRoot(y, 3)", "pow(x, 3)", "abs(x)", "sign(x)", "atan(x)",
    "sinh(x)", "tanh(x)", "acosh(beta + 1)", "sin (x)", "log( y , 10 )",
  ],
  "implicit multiplication": [
    "2x", "5x*3x", "2(x + x)", "(x+1)(x-1)", "2 sin(x) cos(x)", "1.5e-3x", "x y", "2pi", "(2)3", "x 2",
    "x/2y", "-2x", "2x^2", "x^2 y", "sin(x)(x+1)", "2 x y", "2x 3", "x y z", "(x)(y)3", "2.x", "pi x", "e x",
    "(x)(y)", "2^x y", "-x y", "3 (x)",
  ],
  "mathjs rule 2": [
    "1/2x", "6/2(1+2)", "-1/2x", "2/3/4x", "x 1/2 y", "1/2 sin(x)", "3*2/4x", "--1/2x", "2^3/4x",
    "1/2(3)(4)", "x/1/2y", "-(1)/2x", "1/2pi", "1/2 + x", "1/2/x", "1/2*3.5",
  ],
};

describe("every syntax form evaluates to what mathjs's evaluate gives", () => {
  for (const [family, forms] of Object.entries(FORMS)) {
    it(family, () => {
      for (const text of forms) {
        const expr = parse(text);
        let compared = 0;
        for (const point of POINTS) {
          const expected: unknown = mathjsEvaluate(text, { ...point });
          if (typeof expected !== "number") continue; // complex (e.g. a negative base), skipped
          const actual = evaluate(expr, point);
          if (Number.isNaN(expected)) expect(actual, text).toBeNaN();
          else expect(actual, `${text} at ${JSON.stringify(point)}`).toBeCloseTo(expected, 12);
          compared++;
        }
        expect(compared, `${text} compared at no point`).toBeGreaterThan(0);
      }
    });
  }

  it("rejects what mathjs rejects: a number right after a number or a power, `2e+x`", () => {
    for (const text of ["2 3", "x^2 3", "-x 2", "1/2 3", "2e+x", "1.5.3"]) {
      expect(() => mathjsEvaluate(text, { x: 1 }), text).toThrow();
      expect(() => parse(text), text).toThrow(ParseError);
    }
  });
});

describe("the tree the parser builds", () => {
  const x = variable("x");
  const y = variable("y");
  it("folds a sign directly before a number into the number, and nowhere else", () => {
    expect(parse("-2")).toBe(num(-2));
    expect(Object.is((parse("-0") as { value: number }).value, -0)).toBe(true);
    expect(parse("-(2)")).toBe(callNode("neg", [num(2)]));
    expect(parse("--2")).toBe(callNode("neg", [num(-2)]));
    expect(parse("-2^2")).toBe(callNode("neg", [callNode("pow", [num(2), num(2)])]));
    expect(parse("2^-3")).toBe(callNode("pow", [num(2), num(-3)]));
    expect(parse("2^-(3)")).toBe(callNode("pow", [num(2), callNode("neg", [num(3)])]));
    expect(parse("x - 2")).toBe(callNode("sub", [x, num(2)]));
  });

  it("makes no node for parentheses or unary plus", () => {
    expect(parse("((x))")).toBe(x);
    expect(parse("+x")).toBe(x);
    expect(parse("+2")).toBe(num(2));
  });

  it("reads pi and e as constants, which no variable can be named", () => {
    expect(parse("pi")).toBe(call("pi", []));
    expect(parse("e")).toBe(call("e", []));
    expect(parse("2e")).toBe(callNode("mul", [num(2), call("e", [])]));
  });

  it("resolves aliases and pow() through the op table; ** is ^", () => {
    expect(parse("ln(x)")).toBe(call("log", [x]));
    expect(parse("logistic(x)")).toBe(call("sigmoid", [x]));
    expect(parse("log(x, 2)")).toBe(call("logBase", [x, num(2)]));
    expect(parse("pow(x, y)")).toBe(parse("x^y"));
    expect(parse("x**2")).toBe(parse("x^2"));
    expect(parse("2**3**2")).toBe(parse("2^(3^2)"));
    for (const fn of ["sigmoid", "relu", "softplus", "heaviside"]) expect(parse(`${fn}(x)`)).toBe(call(fn, [x]));
  });

  it("builds ordinary mul nodes for implicit products, with mathjs's grouping", () => {
    expect(parse("2x")).toBe(parse("2*x"));
    expect(parse("5x*3x")).toBe(parse("(5*x)*(3*x)"));
    expect(parse("x/2y")).toBe(parse("x/(2*y)"));
    expect(parse("-2x")).toBe(parse("(-2)*x"));
    expect(parse("1/2x")).toBe(parse("(1/2)*x"));
    expect(parse("2/3/4x")).toBe(parse("2/((3/4)*x)"));
    expect(parse("-1/2x")).toBe(parse("((-1)/2)*x"));
    expect(parse("x y")).toBe(callNode("mul", [x, y]));
  });

  it("reads input over several lines, tabs and spaces", () => {
    expect(parse("x +\n\ty\r\n * 2")).toBe(parse("x + y*2"));
  });
});
