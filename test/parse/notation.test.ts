// The same expression written three ways — ASCII, LaTeX as typed in homework, and Unicode pasted
// from slides — reads to the same node, with exactly one parse, over thousands of random
// expressions. The generator writes each node in each notation's own idiom (\frac, \cdot,
// \left( \right), bare \sin x, e^{…}, x², α₁, σ(…), |x|, √, −, ·), so the reader's rules meet
// each other in random combinations, not only one at a time.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countParses, parse, readExpression } from "../../src/parse/parse.js";
import { printExpr } from "../../src/print/text.js";

interface Written {
  readonly ascii: string;
  readonly latex: string;
  readonly unicode: string;
  /** A bare name or number: needs no parentheses anywhere. */
  readonly atom: boolean;
}

const VARIABLES: readonly Written[] = [
  { ascii: "x", latex: "x", unicode: "x", atom: true },
  { ascii: "y", latex: "y", unicode: "y", atom: true },
  { ascii: "alpha_1", latex: "\\alpha_{1}", unicode: "α₁", atom: true },
  { ascii: "beta", latex: "\\beta", unicode: "β", atom: true },
  { ascii: "z_j", latex: "z_j", unicode: "z_j", atom: true },
  // y* before + or − would stay a product (as mathjs reads y*-1): y^* is the spelling that always works.
  { ascii: "ystar", latex: "y^{*}", unicode: "y^*", atom: true },
];
const NUMBERS: readonly Written[] = ["2", "3", "0.5", "7"].map((n) => ({ ascii: n, latex: n, unicode: n, atom: true }));

const ASCII_PAREN = (w: Written): string => (w.atom ? w.ascii : `(${w.ascii})`);
const LATEX_PAREN = (w: Written): string => (w.atom ? w.latex : `\\left(${w.latex}\\right)`);
const UNICODE_PAREN = (w: Written): string => (w.atom ? w.unicode : `(${w.unicode})`);

/** Functions with their LaTeX and Unicode spellings; `bare` says \f x may be written without parentheses. */
const FUNCTIONS: readonly { ascii: string; latex: string; unicode: string }[] = [
  { ascii: "sin", latex: "\\sin", unicode: "sin" },
  { ascii: "cos", latex: "\\cos", unicode: "cos" },
  { ascii: "tanh", latex: "\\tanh", unicode: "tanh" },
  { ascii: "log", latex: "\\ln", unicode: "ln" },
  { ascii: "sigmoid", latex: "\\sigma", unicode: "σ" },
  { ascii: "relu", latex: "\\operatorname{ReLU}", unicode: "ReLU" },
  { ascii: "softplus", latex: "\\mathrm{softplus}", unicode: "softplus" },
];

type Pick = (n: number) => number;

function written(pick: Pick, depth: number): Written {
  if (depth === 0 || pick(4) === 0) return pick(3) === 0 ? NUMBERS[pick(NUMBERS.length)] : VARIABLES[pick(VARIABLES.length)];
  const a = written(pick, depth - 1);
  const b = written(pick, depth - 1);
  switch (pick(10)) {
    case 0:
      return { ascii: `${ASCII_PAREN(a)} + ${ASCII_PAREN(b)}`, latex: `${LATEX_PAREN(a)} + ${LATEX_PAREN(b)}`, unicode: `${UNICODE_PAREN(a)} + ${UNICODE_PAREN(b)}`, atom: false };
    case 1:
      return { ascii: `${ASCII_PAREN(a)} - ${ASCII_PAREN(b)}`, latex: `${LATEX_PAREN(a)} - ${LATEX_PAREN(b)}`, unicode: `${UNICODE_PAREN(a)} − ${UNICODE_PAREN(b)}`, atom: false };
    case 2:
      return { ascii: `${ASCII_PAREN(a)}*${ASCII_PAREN(b)}`, latex: `${LATEX_PAREN(a)} \\cdot ${LATEX_PAREN(b)}`, unicode: `${UNICODE_PAREN(a)}·${UNICODE_PAREN(b)}`, atom: false };
    case 3:
      return { ascii: `${ASCII_PAREN(a)}/${ASCII_PAREN(b)}`, latex: `\\frac{${a.latex}}{${b.latex}}`, unicode: `${UNICODE_PAREN(a)}÷${UNICODE_PAREN(b)}`, atom: false };
    case 4: {
      // Powers: a small whole exponent as a superscript in Unicode.
      const small = pick(2) === 0;
      const exponent: Written = small ? { ascii: "2", latex: "2", unicode: "²", atom: true } : b;
      return {
        ascii: `${ASCII_PAREN(a)}^${ASCII_PAREN(exponent)}`,
        latex: `${LATEX_PAREN(a)}^{${exponent.latex}}`,
        unicode: small ? `${UNICODE_PAREN(a)}²` : `${UNICODE_PAREN(a)}^${UNICODE_PAREN(exponent)}`,
        atom: false,
      };
    }
    case 5: {
      const f = FUNCTIONS[pick(FUNCTIONS.length)];
      // \sin x without parentheses when the argument is a name.
      const bare = a.atom && /^[a-z]$/.test(a.ascii) && pick(2) === 0;
      const latex = bare ? `${f.latex} ${a.latex}` : `${f.latex}\\left(${a.latex}\\right)`;
      return { ascii: `${f.ascii}(${a.ascii})`, latex: `{${latex}}`, unicode: `${f.unicode}(${a.unicode})`, atom: false };
    }
    case 6:
      return { ascii: `exp(${a.ascii})`, latex: `e^{${a.latex}}`, unicode: `exp(${a.unicode})`, atom: false };
    case 7:
      return { ascii: `sqrt(${a.ascii})`, latex: `\\sqrt{${a.latex}}`, unicode: `√(${a.unicode})`, atom: false };
    case 8:
      return { ascii: `abs(${a.ascii})`, latex: `\\left|${a.latex}\\right|`, unicode: `|${a.unicode}|`, atom: true };
    default:
      // (tanh x)^2 as the lecture writes it.
      return { ascii: `tanh(${a.ascii})^2`, latex: `{\\tanh^2\\left(${a.latex}\\right)}`, unicode: `tanh²(${a.unicode})`, atom: false };
  }
}

const triples = fc.integer({ min: 0, max: 2 ** 31 - 1 }).map((seed) => {
  let state = seed;
  const pick: Pick = (n) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 8) % n;
  };
  return written(pick, 4);
});

describe("one expression in three notations reads to one node", () => {
  it("LaTeX and Unicode read to the ASCII reading, with exactly one parse, over 3000 random expressions", () => {
    fc.assert(
      fc.property(triples, (w) => {
        const ascii = parse(w.ascii);
        for (const text of [w.latex, w.unicode]) {
          expect(countParses(text), text).toBe(1);
          const read = parse(text);
          if (read !== ascii) expect(printExpr(read), text).toBe(printExpr(ascii));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("says it read notation (or names the rule) whenever LaTeX or Unicode was used, and never for the ASCII form", () => {
    fc.assert(
      fc.property(triples, (w) => {
        if (w.latex !== w.ascii) expect(readExpression(w.latex).usedNotation, w.latex).toBe(true);
        const unicode = readExpression(w.unicode);
        // |x| is ASCII: a reading note says how it was read.
        if (/[^\x00-\x7f]/.test(w.unicode)) expect(unicode.usedNotation, w.unicode).toBe(true);
        else if (w.unicode.includes("|")) expect(unicode.notes.length, w.unicode).toBeGreaterThan(0);
        if (!w.ascii.includes("ystar")) expect(readExpression(w.ascii).usedNotation, w.ascii).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});

describe("the issue's readings, one by one", () => {
  const cases: readonly [string, string][] = [
    ["y - y*", "y - ystar"],
    ["(y - y^*)^2", "(y - ystar)^2"],
    ["y(1-y)", "y*(1 - y)"],
    ["z1(1-z1)", "z1*(1 - z1)"],
    ["\\frac{1}{1+e^{-x}}", "1/(1 + exp(-x))"],
    ["\\dfrac{a}{b} + \\tfrac{1}{2}", "a/b + 1/2"],
    ["\\sqrt[3]{x} + \\sqrt{y}", "cbrt(x) + sqrt(y)"],
    ["\\sin x", "sin(x)"],
    ["\\ln x^2", "log(x^2)"],
    ["\\sin 2x", "sin(2*x)"],
    ["\\sin x \\cos x", "sin(x)*cos(x)"],
    ["\\tanh^2(x)", "tanh(x)^2"],
    ["1 - \\tanh^2 x", "1 - tanh(x)^2"],
    ["\\mathrm{e}^{x}", "exp(x)"],
    ["\\pi r^2", "pi*r^2"],
    ["\\alpha_{ji} \\beta_j \\theta_j", "alpha_ji*beta_j*theta_j"],
    ["\\mathbf{x} + \\boldsymbol{\\alpha}", "x + alpha"],
    ["\\operatorname{ReLU}(x) + \\mathrm{softplus}(x)", "relu(x) + softplus(x)"],
    ["$x\\,y$", "x*y"],
    ["\\(x \\times y\\)", "x*y"],
    ["\\big(x+1\\big)\\;\\cdot 2", "(x + 1)*2"],
    ["x − y·z ⋅ 2 × 3 ÷ 4", "x - y*z*2*3/4"],
    ["x² + e⁻ˣ", "x^2 + exp(-x)"],
    ["x₁ + α₁₂", "x_1 + alpha_12"],
    ["√x + ∛y + π", "sqrt(x) + cbrt(y) + pi"],
    ["σ(a)(1 − σ(a))", "sigmoid(a)*(1 - sigmoid(a))"],
    ["sigma(x)", "sigmoid(x)"],
    ["max(0, x)", "max(0, x)"],
    ["|x| + ln x + sin x", "abs(x) + log(x) + sin(x)"],
    ["tanh^2(x)", "tanh(x)^2"],
    ["½x", "1/2*x"],
    ["\\left[x + 1\\right]^2", "(x + 1)^2"],
    ["1.5 \\times 10^{-7} x", "1.5e-7*x"],
  ];
  for (const [text, reading] of cases) {
    it(`${text} reads as ${reading}`, () => {
      expect(parse(text)).toBe(parse(reading));
    });
  }

  it("derivative notation is never a division, in any of its spellings", () => {
    for (const text of ["dJ/du", "dJ/db * z1", "∂J/∂u", "\\frac{\\partial J}{\\partial u}", "\\frac{dJ}{du}", "dJdu", "2 dJ/du"]) {
      expect(() => parse(text), text).toThrow(/derivative notation/);
    }
  });

  it("names a reading rule that could be read either way", () => {
    expect(readExpression("y(1-y)").notes).toEqual(["y(…) read as the product y*(…): y is a variable here, not a function"]);
    expect(readExpression("\\sin x").notes.join()).toMatch(/without parentheses/);
    // Not a variable of the problem: an unknown function, with a did-you-mean.
    expect(() => parse("sni(x)")).toThrow(/did you mean sin\?/);
  });
});
