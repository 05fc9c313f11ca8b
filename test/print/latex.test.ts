// LaTeX output: standard notation for each op, braces around multi-character exponents, and
// parentheses only where the reading would change.
import { describe, expect, it } from "vitest";
import { num, variable, type Expr } from "../../src/ast/expr.js";
import { call } from "../../src/ops/table.js";
import { printLatex } from "../../src/print/latex.js";

const [a, b, c, x, y] = ["a", "b", "c", "x", "y"].map(variable);
const f = (op: string, ...args: Expr[]) => call(op, args);

describe("printLatex", () => {
  const cases: [string, Expr, string][] = [
    ["a fraction", f("div", f("add", x, num(1)), y), "\\frac{x + 1}{y}"],
    ["a square root", f("sqrt", f("add", x, y)), "\\sqrt{x + y}"],
    ["a cube root", f("cbrt", x), "\\sqrt[3]{x}"],
    ["an n-th root", f("nthRoot", x, num(5)), "\\sqrt[{5}]{x}"],
    ["sine with sized parentheses", f("sin", x), "\\sin\\left(x\\right)"],
    ["natural log", f("log", x), "\\ln\\left(x\\right)"],
    ["log to a base (\\log_{2} is log2)", f("logBase", x, num(2)), "\\log\\left(x, 2\\right)"],
    ["log2", f("log2", x), "\\log_{2}\\left(x\\right)"],
    ["nthRoot(x, 3), not cbrt", f("nthRoot", x, num(3)), "\\sqrt[{3}]{x}"],
    ["a power of e, not exp", f("pow", f("e"), x), "{e}^{x}"],
    ["heaviside", f("heaviside", x), "\\operatorname{H}\\left(x\\right)"],
    ["the power of a variable T, not a transpose", f("pow", x, variable("T")), "x^{{T}}"],
    ["minus a literal", f("neg", num(2)), "-\\left(2\\right)"],
    ["exp as a power of e", f("exp", f("mul", x, y)), "e^{x \\cdot y}"],
    ["a power with a compound exponent in braces", f("pow", x, f("add", y, num(1))), "x^{y + 1}"],
    ["a power of a power, grouped left", f("pow", f("pow", a, b), c), "\\left(a^{b}\\right)^{c}"],
    ["a power of a power, grouped right", f("pow", a, f("pow", b, c)), "a^{b^{c}}"],
    ["a function's power: the call in parentheses", f("pow", f("sin", x), num(2)), "\\left(\\sin\\left(x\\right)\\right)^{2}"],
    ["-x^2", f("neg", f("pow", x, num(2))), "-x^{2}"],
    ["(-x)^2", f("pow", f("neg", x), num(2)), "\\left(-x\\right)^{2}"],
    ["a negative literal as a base", f("pow", num(-2), x), "\\left(-2\\right)^{x}"],
    ["a product", f("mul", num(2), x), "2 \\cdot x"],
    ["a sum times something", f("mul", f("add", a, b), c), "\\left(a + b\\right) \\cdot c"],
    ["a - (b - c)", f("sub", a, f("sub", b, c)), "a - \\left(b - c\\right)"],
    ["-(a + b)", f("neg", f("add", a, b)), "-\\left(a + b\\right)"],
    ["absolute value", f("abs", x), "\\left|x\\right|"],
    ["pi", f("mul", num(2), f("pi")), "2 \\cdot \\pi"],
    ["Greek names with subscripts", f("add", variable("alpha_2"), variable("beta")), "\\alpha_{2} + \\beta"],
    ["a digit suffix stays (x_{1} is the name x_1)", variable("x1"), "x1"],
    ["a subscript", variable("x_1"), "x_{1}"],
    ["a Greek name with a digit", variable("alpha1"), "\\alpha1"],
    ["a long name with a digit", variable("rate2"), "\\mathit{rate2}"],
    ["a multi-letter name is set upright-italic as one word", variable("rate"), "\\mathit{rate}"],
    ["inverse trig", f("asin", x), "\\arcsin\\left(x\\right)"],
    ["sigmoid", f("sigmoid", x), "\\sigma\\left(x\\right)"],
    ["a small literal in scientific notation", num(1e-7), "1 \\times 10^{-7}"],
  ];
  for (const [what, expr, latex] of cases) {
    it(`${what}: ${latex}`, () => expect(printLatex(expr)).toBe(latex));
  }

  it("a name spelling a Greek letter uses its command only where LaTeX has one (\\Gamma, never \\Alpha or \\ETA)", () => {
    // LaTeX's Greek commands: every lowercase letter but omicron, and the capitals that do not look Latin.
    const lower = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi rho sigma tau upsilon phi chi psi omega".split(" ");
    const capitals = "Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega".split(" ");
    const commands = new Set([...lower, ...capitals, "mathit"]);
    const names = lower.filter((n) => n !== "upsilon").flatMap((n) => [n, n[0].toUpperCase() + n.slice(1), n.toUpperCase()]);
    for (const name of names) {
      const latex = printLatex(variable(name));
      for (const [, command] of latex.matchAll(/\\([A-Za-z]+)/g)) expect(commands.has(command), `${name} → ${latex}`).toBe(true);
    }
    expect(printLatex(variable("Gamma"))).toBe("\\Gamma");
    expect(printLatex(variable("Alpha"))).toBe("\\mathit{Alpha}");
  });

  it("a literal in scientific notation as a power's base is parenthesised (no double superscript)", () => {
    expect(printLatex(f("pow", num(1e-7), x))).toBe("\\left(1 \\times 10^{-7}\\right)^{x}");
    expect(printLatex(f("pow", num(2.5), x))).toBe("2.5^{x}");
  });

  it("writes a 100,000-deep chain without overflowing the stack", () => {
    let e: Expr = x;
    for (let i = 0; i < 100_000; i++) e = f("neg", f("sin", e));
    expect(printLatex(e).length).toBe(100_000 * "-\\sin\\left(\\right)".length + 1);
  });
});
