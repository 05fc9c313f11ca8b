// A corpus of student answers to the lecture's questions (issue 12): the derivative a student
// types or pastes for each question, right or wrong, in diffscope's ASCII, in LaTeX as typed in
// homework, in Unicode pasted from notes and slides, and in the lecture's own ASCII forms.
//
// Each entry names the function F as diffscope reads it in ASCII today (`expression`), the
// variable, the answer exactly as a student writes it, and `asciiEquivalent`: a careful hand
// translation of the answer into today's ASCII syntax, which the corpus's own test
// (student-answers.test.ts) checks with today's `diffscope check`, so every label below is
// verified: a correct answer is the derivative as a function, a wrong one is not.
//
// Reading conventions the answers assume (what the lecture's notation means):
// - `y*`, `y^*`, `y^{*}` are the target, today's `ystar`;
// - a subscript is part of the name: `x_1`, `x_{1}`, `x₁` are the variable `x_1`, `\alpha_{11}`
//   and `α₁₁` are `alpha_11`, `\beta_1` and `β₁` are `beta_1`;
// - Greek letters are their names (`\alpha`, `α` → `alpha`), `σ(…)` / `\sigma(…)` / `sigma(…)`
//   called is the sigmoid, `log` and `\log` are natural;
// - in LaTeX adjacent letters multiply (`xz` is x·z, `wx` is w·x), as in the lecture's `\exp(xz)`;
// - `\tanh^2(x)`, `tanh²(x)`, `\ln^2 x` are powers of the function's value;
// - `f x` without parentheses takes the usual argument (`\sin x^2` = sin(x²), `\sin 2x` = sin(2x)).
// Numeric answers and adjoint notation (`dJ/db * z1`) are other parts of the issue, not here.

export type Notation = "ascii" | "latex" | "unicode" | "lecture";

export interface StudentAnswer {
  /** Unique, `<question key>-<n>`. */
  readonly id: string;
  /** A short label of the question. */
  readonly question: string;
  /** The function F, in diffscope's ASCII syntax of today. */
  readonly expression: string;
  /** The variable (or comma-free single name) the answer differentiates by. */
  readonly wrt: string;
  /** The answer as a student types or pastes it. */
  readonly answer: string;
  /** The same answer translated by hand into today's ASCII syntax. */
  readonly asciiEquivalent: string;
  /** Whether the answer is the derivative (as a function). */
  readonly correct: boolean;
  readonly notation: Notation;
  /** For a wrong answer: the classic mistake it makes. */
  readonly mistake?: string;
}

interface Row {
  readonly notation: Notation;
  readonly answer: string;
  readonly ascii: string;
  readonly mistake?: string;
}

const L = String.raw;

/** A correct answer; `ascii` defaults to the answer itself (for ASCII-notation answers). */
function ok(notation: Notation, answer: string, ascii: string = answer): Row {
  return { notation, answer, ascii };
}

/** A wrong answer making `mistake`. */
function bad(notation: Notation, answer: string, ascii: string, mistake: string): Row {
  return { notation, answer, ascii, mistake };
}

const all: StudentAnswer[] = [];

function question(key: string, label: string, expression: string, wrt: string, rows: readonly Row[]): void {
  rows.forEach((row, i) => {
    const entry: StudentAnswer = {
      id: `${key}-${String(i + 1).padStart(2, "0")}`,
      question: label,
      expression,
      wrt,
      answer: row.answer,
      asciiEquivalent: row.ascii,
      correct: row.mistake === undefined,
      notation: row.notation,
      ...(row.mistake === undefined ? {} : { mistake: row.mistake }),
    };
    all.push(entry);
  });
}

// ---------------------------------------------------------------------------------------------
// Calculus Quiz #1: y = exp(xz) + xz/log(x) + sin(log(x))/exp(xz), dy/dx and dy/dz.
const QUIZ1 = "exp(x*z) + x*z/log(x) + sin(log(x))/exp(x*z)";
const Q1X = "z*exp(x*z) + z/log(x) - z/log(x)^2 + cos(log(x))/(x*exp(x*z)) - z*sin(log(x))/exp(x*z)";
const Q1Z = "x*exp(x*z) + x/log(x) - x*sin(log(x))/exp(x*z)";

question("quiz1-dx", "Quiz 1: dy/dx", QUIZ1, "x", [
  ok("ascii", Q1X),
  ok("ascii", "z exp(x z) + (z log(x) - z)/log(x)^2 + (cos(log(x))/x - z sin(log(x))) exp(-x z)"),
  ok("ascii", "z*exp(x*z) + z*(log(x) - 1)/log(x)^2 + exp(-x*z)*(cos(log(x))/x - z*sin(log(x)))"),
  bad("ascii", "exp(x*z) + z/log(x) - z/log(x)^2 + cos(log(x))/(x*exp(x*z)) - z*sin(log(x))/exp(x*z)",
    "exp(x*z) + z/log(x) - z/log(x)^2 + cos(log(x))/(x*exp(x*z)) - z*sin(log(x))/exp(x*z)", "missing chain factor"),
  bad("ascii", "z*exp(x*z) + z/log(x) - z/log(x)^2 + cos(log(x))/exp(x*z) - z*sin(log(x))/exp(x*z)",
    "z*exp(x*z) + z/log(x) - z/log(x)^2 + cos(log(x))/exp(x*z) - z*sin(log(x))/exp(x*z)", "dropped 1/x"),
  bad("ascii", "z*exp(x*z) + z/log(x) + z/log(x)^2 + cos(log(x))/(x*exp(x*z)) - z*sin(log(x))/exp(x*z)",
    "z*exp(x*z) + z/log(x) + z/log(x)^2 + cos(log(x))/(x*exp(x*z)) - z*sin(log(x))/exp(x*z)", "quotient rule sign"),
  ok("latex", L`z e^{xz} + \frac{z}{\log x} - \frac{z}{(\log x)^2} + \frac{\cos(\log x)}{x e^{xz}} - \frac{z\sin(\log x)}{e^{xz}}`, Q1X),
  ok("latex", L`$z\exp(xz)+\dfrac{z}{\ln x}-\dfrac{z}{\ln^2 x}+\dfrac{\cos(\ln x)}{x\exp(xz)}-z\sin(\ln x)\exp(-xz)$`, Q1X),
  ok("latex", L`\(z e^{x z}+\frac{z(\ln x-1)}{(\ln x)^{2}}+e^{-x z}\left(\frac{\cos (\ln x)}{x}-z \sin (\ln x)\right)\)`, Q1X),
  bad("latex", L`z e^{xz} + \frac{z}{\log x} - \frac{z}{(\log x)^2} + \frac{\cos(\log x)}{e^{xz}} - \frac{z\sin(\log x)}{e^{xz}}`,
    "z*exp(x*z) + z/log(x) - z/log(x)^2 + cos(log(x))/exp(x*z) - z*sin(log(x))/exp(x*z)", "dropped 1/x"),
  bad("latex", L`$z e^{xz}+\frac{z}{\ln x}-\frac{z}{\ln^2 x}+\frac{\cos(\ln x)}{x e^{xz}}+\frac{z\sin(\ln x)}{e^{xz}}$`,
    "z*exp(x*z) + z/log(x) - z/log(x)^2 + cos(log(x))/(x*exp(x*z)) + z*sin(log(x))/exp(x*z)", "wrong sign"),
  bad("latex", L`e^{xz} + \frac{z\ln x - z}{\ln^2 x} + \frac{\cos(\ln x)}{x\,e^{xz}} - \frac{\sin(\ln x)}{e^{xz}}`,
    "exp(x*z) + (z*log(x) - z)/log(x)^2 + cos(log(x))/(x*exp(x*z)) - sin(log(x))/exp(x*z)", "missing chain factor"),
  bad("latex", L`z e^{xz} + \frac{z}{\ln x} - \frac{xz}{(\ln x)^2} + \frac{\cos(\ln x)}{x e^{xz}} - \frac{z \sin(\ln x)}{e^{xz}}`,
    "z*exp(x*z) + z/log(x) - x*z/log(x)^2 + cos(log(x))/(x*exp(x*z)) - z*sin(log(x))/exp(x*z)", "dropped 1/x"),
  ok("unicode", "z·exp(x·z) + z/ln(x) − z/ln(x)² + cos(ln(x))/(x·exp(x·z)) − z·sin(ln(x))·e^(−x·z)", Q1X),
  ok("unicode", "z·e^(x·z) + (z·ln x − z)/(ln x)² + e^(−x·z)·(cos(ln x)/x − z·sin(ln x))", Q1X),
  bad("unicode", "e^(x·z) + z/ln(x) − z/ln(x)² + cos(ln(x))/(x·e^(x·z)) − z·sin(ln(x))/e^(x·z)",
    "exp(x*z) + z/log(x) - z/log(x)^2 + cos(log(x))/(x*exp(x*z)) - z*sin(log(x))/exp(x*z)", "missing chain factor"),
  bad("unicode", "z·e^(x·z) + z/ln(x) − z/ln(x)² − sin(ln(x))/(x·e^(x·z)) − z·sin(ln(x))/e^(x·z)",
    "z*exp(x*z) + z/log(x) - z/log(x)^2 - sin(log(x))/(x*exp(x*z)) - z*sin(log(x))/exp(x*z)", "wrong derivative of sin"),
  ok("lecture", "z*exp(x*z) + z/ln x - z/(ln x)^2 + cos(ln x)/(x*exp(x*z)) - z*sin(ln x)/exp(x*z)", Q1X),
  bad("lecture", "z*exp(x*z) + z/ln x - z/(ln x)^2 + cos(ln x)/exp(x*z) - z*sin(ln x)/exp(x*z)",
    "z*exp(x*z) + z/log(x) - z/log(x)^2 + cos(log(x))/exp(x*z) - z*sin(log(x))/exp(x*z)", "dropped 1/x"),
]);

question("quiz1-dz", "Quiz 1: dy/dz", QUIZ1, "z", [
  ok("ascii", Q1Z),
  ok("ascii", "x exp(x z) + x/log(x) - x sin(log(x)) exp(-x z)"),
  bad("ascii", "exp(x*z) + x/log(x) - x*sin(log(x))/exp(x*z)", "exp(x*z) + x/log(x) - x*sin(log(x))/exp(x*z)", "missing chain factor"),
  bad("ascii", "x*exp(x*z) + x/log(x) + x*sin(log(x))/exp(x*z)", "x*exp(x*z) + x/log(x) + x*sin(log(x))/exp(x*z)", "wrong sign"),
  ok("latex", L`x e^{xz} + \frac{x}{\log(x)} - x\sin(\log(x))e^{-xz}`, Q1Z),
  ok("latex", L`\left(x e^{x z}+\frac{x}{\ln x}-\frac{x \sin (\ln x)}{e^{x z}}\right)`, Q1Z),
  ok("latex", L`$x\exp(xz) + \frac{x}{\ln x} - x\,\sin(\ln x)\,\exp(-xz)$`, Q1Z),
  bad("latex", L`x e^{xz} + \frac{x}{\log x}`, "x*exp(x*z) + x/log(x)", "missing path"),
  bad("latex", L`x e^{xz} + \frac{x}{\ln x} - \frac{\sin(\ln x)}{e^{xz}}`, "x*exp(x*z) + x/log(x) - sin(log(x))/exp(x*z)", "missing chain factor"),
  bad("latex", L`$x e^{xz}+\frac{x}{\ln x}-x\cos(\ln x)e^{-xz}$`, "x*exp(x*z) + x/log(x) - x*cos(log(x))*exp(-x*z)", "differentiated a constant factor"),
  ok("unicode", "x·e^(x·z) + x/ln(x) − x·sin(ln(x))·e^(−x·z)", Q1Z),
  ok("unicode", "x·eˣᶻ + x/ln x − x·sin(ln x)·e⁻ˣᶻ", Q1Z),
  bad("unicode", "x·e^(x·z) + x/ln(x) + x·sin(ln(x))·e^(−x·z)", "x*exp(x*z) + x/log(x) + x*sin(log(x))*exp(-x*z)", "wrong sign"),
  bad("unicode", "e^(x·z) + x/ln(x) − sin(ln(x))·e^(−x·z)", "exp(x*z) + x/log(x) - sin(log(x))*exp(-x*z)", "missing chain factor"),
  ok("lecture", "x*exp(x*z) + x/ln x - x*sin(ln x)/exp(x*z)", Q1Z),
  bad("lecture", "x*exp(x*z) + x/ln x", "x*exp(x*z) + x/log(x)", "missing path"),
]);

// ---------------------------------------------------------------------------------------------
// The simple example: J = cos(sin(x^2) + 3x^2), dJ/dx; and the backward pass's dJ/dt.
const SIMPLE = "cos(sin(x^2) + 3*x^2)";
const DJDX = "-sin(sin(x^2) + 3*x^2)*(2*x*cos(x^2) + 6*x)";

question("simple-dx", "simple example: dJ/dx", SIMPLE, "x", [
  ok("ascii", "-sin(sin(x^2) + 3*x^2) * (2*x*cos(x^2) + 6*x)"),
  ok("lecture", "-2x (cos(x^2) + 3) sin(sin(x^2) + 3x^2)", "-2*x*(cos(x^2) + 3)*sin(sin(x^2) + 3*x^2)"),
  ok("ascii", "-(2*x*cos(x^2) + 6*x)*sin(sin(x^2)+3*x^2)"),
  bad("ascii", "-sin(sin(x^2) + 3x^2) * cos(x^2) * 2x", "-sin(sin(x^2) + 3x^2) * cos(x^2) * 2x", "missing path"),
  bad("ascii", "-sin(sin(x^2) + 3*x^2)*(cos(x^2) + 6*x)", "-sin(sin(x^2) + 3*x^2)*(cos(x^2) + 6*x)", "missing chain factor"),
  bad("ascii", "sin(sin(x^2) + 3*x^2)*(2*x*cos(x^2) + 6*x)", "sin(sin(x^2) + 3*x^2)*(2*x*cos(x^2) + 6*x)", "wrong sign"),
  ok("latex", L`-\sin\left(\sin(x^2)+3x^2\right)\left(2x\cos(x^2)+6x\right)`, DJDX),
  ok("latex", L`-2x\left(\cos x^2 + 3\right)\sin\left(\sin x^2 + 3x^2\right)`, DJDX),
  ok("latex", L`$-(2x\cos(x^{2})+6x)\sin(\sin(x^{2})+3x^{2})$`, DJDX),
  ok("latex", L`-\sin(\sin(x^2) + 3x^2) \cdot (2x \cdot \cos(x^2) + 6x)`, DJDX),
  bad("latex", L`-\sin\left(\sin(x^2)+3x^2\right)\cos(x^2)\cdot 2x`, "-sin(sin(x^2) + 3*x^2)*cos(x^2)*2*x", "missing path"),
  bad("latex", L`-\sin(\sin x^2 + 3x^2)(\cos x^2 + 3)`, "-sin(sin(x^2) + 3*x^2)*(cos(x^2) + 3)", "stopped at dJ/dt"),
  bad("latex", L`$-\sin(\sin(x^2)+3x^2)\,(2x\cos(x^2)+3)$`, "-sin(sin(x^2) + 3*x^2)*(2*x*cos(x^2) + 3)", "missing chain factor"),
  bad("latex", L`\sin\left(\sin(x^{2})+3x^{2}\right)\left(2x\cos(x^{2})+6x\right)`, "sin(sin(x^2) + 3*x^2)*(2*x*cos(x^2) + 6*x)", "wrong sign"),
  bad("latex", L`-\sin(\sin(x^2)+3x^2)(\cos(2x)+6x)`, "-sin(sin(x^2) + 3*x^2)*(cos(2*x) + 6*x)", "differentiated inside the cosine"),
  ok("unicode", "−sin(sin(x²) + 3x²)·(2x·cos(x²) + 6x)", DJDX),
  ok("unicode", "−2x(cos(x²) + 3)·sin(sin(x²) + 3x²)", DJDX),
  ok("unicode", "-(2x cos(x²) + 6x) sin(sin(x²) + 3x²)", DJDX),
  bad("unicode", "−sin(sin(x²) + 3x²)·cos(x²)·2x", "-sin(sin(x^2) + 3*x^2)*cos(x^2)*2*x", "missing path"),
  bad("unicode", "−sin(sin(x²) + 3x²)", "-sin(sin(x^2) + 3*x^2)", "missing chain factor"),
  bad("unicode", "sin(sin(x²) + 3x²)·(2x·cos(x²) + 6x)", "sin(sin(x^2) + 3*x^2)*(2*x*cos(x^2) + 6*x)", "wrong sign"),
  ok("lecture", "-sin(sin x^2 + 3x^2)*(2x cos x^2 + 6x)", DJDX),
  ok("ascii", "-sin(sin(x^2) + 3x^2)(cos(x^2)*2x + 3*2x)"),
  bad("lecture", "-sin(sin x^2 + 3x^2)*cos x^2*2x", "-sin(sin(x^2) + 3*x^2)*cos(x^2)*2*x", "missing path"),
  bad("ascii", "-sin(sin(x^2) + 3x^2)(cos(x^2) + 3)", "-sin(sin(x^2) + 3x^2)(cos(x^2) + 3)", "stopped at dJ/dt"),
]);

question("simple-dt", "simple example: dJ/dt with t = x^2", "cos(sin(t) + 3*t)", "t", [
  ok("ascii", "-sin(sin(t) + 3*t)*(cos(t) + 3)"),
  bad("ascii", "-sin(sin(t) + 3*t)*cos(t)", "-sin(sin(t) + 3*t)*cos(t)", "missing path"),
  ok("latex", L`-\sin(\sin t + 3t)(\cos t + 3)`, "-sin(sin(t) + 3*t)*(cos(t) + 3)"),
  bad("latex", L`\sin(\sin t+3t)\,(\cos t+3)`, "sin(sin(t) + 3*t)*(cos(t) + 3)", "wrong sign"),
  ok("unicode", "−sin(sin t + 3t)·(cos t + 3)", "-sin(sin(t) + 3*t)*(cos(t) + 3)"),
  bad("unicode", "−sin(sin t + 3t)·(cos t + 3t)", "-sin(sin(t) + 3*t)*(cos(t) + 3*t)", "did not differentiate 3t"),
  ok("lecture", "-sin(sin t + 3t)*(cos t + 3)", "-sin(sin(t) + 3*t)*(cos(t) + 3)"),
  bad("lecture", "-sin(sin t + 3t)*cos t", "-sin(sin(t) + 3*t)*cos(t)", "missing path"),
]);

// ---------------------------------------------------------------------------------------------
// The activations: sigmoid (logistic), tanh, relu, softplus.
const DSIG = "sigmoid(x)*(1 - sigmoid(x))";

question("sigmoid", "sigmoid: d/dx σ(x)", "sigmoid(x)", "x", [
  ok("ascii", "sigmoid(x)*(1 - sigmoid(x))"),
  ok("ascii", "exp(-x)/(1 + exp(-x))^2"),
  ok("ascii", "exp(-x)/(exp(-x) + 1)^2"),
  ok("ascii", "1/(2 + exp(x) + exp(-x))"),
  bad("ascii", "sigmoid(x)*(1 + sigmoid(x))", "sigmoid(x)*(1 + sigmoid(x))", "wrong sign"),
  bad("ascii", "-exp(-x)/(1 + exp(-x))^2", "-exp(-x)/(1 + exp(-x))^2", "missing inner minus"),
  bad("ascii", "exp(-x)/(1 + exp(-x))", "exp(-x)/(1 + exp(-x))", "missing square"),
  bad("ascii", "sigmoid(x)*(1 - x)", "sigmoid(x)*(1 - x)", "σ′ written in x"),
  ok("latex", L`\sigma(x)\left(1-\sigma(x)\right)`, DSIG),
  ok("latex", L`\frac{e^{-x}}{(1+e^{-x})^2}`, DSIG),
  ok("latex", L`\frac{\exp(-x)}{\left(\exp(-x)+1\right)^{2}}`, DSIG),
  ok("latex", L`\frac{1}{1+e^{-x}}\left(1-\frac{1}{1+e^{-x}}\right)`, DSIG),
  ok("latex", L`$\dfrac{e^x}{(1+e^x)^2}$`, DSIG),
  ok("latex", L`\sigma(x) \cdot (1 - \sigma(x))`, DSIG),
  bad("latex", L`\frac{1}{(1+e^{-x})^2}`, "1/(1 + exp(-x))^2", "missing chain factor"),
  bad("latex", L`-\frac{e^{-x}}{(1+e^{-x})^{2}}`, "-exp(-x)/(1 + exp(-x))^2", "missing inner minus"),
  bad("latex", L`\sigma(x)\left(1+\sigma(x)\right)`, "sigmoid(x)*(1 + sigmoid(x))", "wrong sign"),
  bad("latex", L`\frac{e^{-x}}{1+e^{-x}}`, "exp(-x)/(1 + exp(-x))", "missing square"),
  bad("latex", L`$\sigma(x)^2$`, "sigmoid(x)^2", "missing σ′ factor"),
  bad("latex", L`\frac{-1}{(1+e^{-x})^2}`, "-1/(1 + exp(-x))^2", "missing chain factor"),
  ok("unicode", "σ(x)(1 − σ(x))", DSIG),
  ok("unicode", "σ(x)·(1−σ(x))", DSIG),
  ok("unicode", "e⁻ˣ/(1 + e⁻ˣ)²", DSIG),
  ok("unicode", "σ(x)σ(−x)", DSIG),
  bad("unicode", "σ(x)(1 + σ(x))", "sigmoid(x)*(1 + sigmoid(x))", "wrong sign"),
  bad("unicode", "−e⁻ˣ/(1 + e⁻ˣ)²", "-exp(-x)/(1 + exp(-x))^2", "missing inner minus"),
  bad("unicode", "σ(x)(1 − x)", "sigmoid(x)*(1 - x)", "σ′ written in x"),
  bad("unicode", "1/(1 + e⁻ˣ)²", "1/(1 + exp(-x))^2", "missing chain factor"),
  ok("lecture", "sigma(x)(1 - sigma(x))", DSIG),
  ok("lecture", "sigma(x)*sigma(-x)", DSIG),
  bad("lecture", "sigma(x)(1 + sigma(x))", "sigmoid(x)*(1 + sigmoid(x))", "wrong sign"),
  bad("lecture", "sigma(x)", "sigmoid(x)", "missing σ′ factor"),
]);

const DSIG_W = "sigmoid(w*x + b)*(1 - sigmoid(w*x + b))*x";
const DSIG_B = "sigmoid(w*x + b)*(1 - sigmoid(w*x + b))";
question("sigmoid-w", "sigmoid unit: d/dw σ(wx + b)", "sigmoid(w*x + b)", "w", [
  ok("ascii", "x*sigmoid(w*x + b)*(1 - sigmoid(w*x + b))"),
  ok("ascii", "x*exp(-(w*x+b))/(1 + exp(-(w*x+b)))^2"),
  bad("ascii", "sigmoid(w*x + b)*(1 - sigmoid(w*x + b))", DSIG_B, "missing chain factor"),
  bad("ascii", "w*sigmoid(w*x + b)*(1 - sigmoid(w*x + b))", "w*sigmoid(w*x + b)*(1 - sigmoid(w*x + b))", "wrong factor"),
  ok("latex", L`x\,\sigma(wx+b)\left(1-\sigma(wx+b)\right)`, DSIG_W),
  ok("latex", L`\frac{x e^{-(wx+b)}}{\left(1+e^{-(wx+b)}\right)^2}`, DSIG_W),
  ok("latex", L`\sigma(w x + b)\,(1 - \sigma(w x + b))\, x`, DSIG_W),
  bad("latex", L`\sigma(wx+b)\left(1-\sigma(wx+b)\right)`, DSIG_B, "missing chain factor"),
  bad("latex", L`w\,\sigma(wx+b)(1-\sigma(wx+b))`, "w*sigmoid(w*x + b)*(1 - sigmoid(w*x + b))", "wrong factor"),
  bad("latex", L`\frac{x e^{-(wx+b)}}{1+e^{-(wx+b)}}`, "x*exp(-(w*x + b))/(1 + exp(-(w*x + b)))", "missing square"),
  ok("unicode", "x·σ(w·x + b)(1 − σ(w·x + b))", DSIG_W),
  ok("unicode", "σ(wx + b)(1 − σ(wx + b))·x", DSIG_W),
  bad("unicode", "σ(w·x + b)(1 − σ(w·x + b))", DSIG_B, "missing chain factor"),
  bad("unicode", "x·σ(w·x + b)", "x*sigmoid(w*x + b)", "missing σ′ factor"),
  ok("lecture", "sigma(w*x + b)(1 - sigma(w*x + b))*x", DSIG_W),
  bad("lecture", "sigma(w*x + b)(1 - sigma(w*x + b))*w", "w*sigmoid(w*x + b)*(1 - sigmoid(w*x + b))", "wrong factor"),
]);

question("sigmoid-b", "sigmoid unit: d/db σ(wx + b)", "sigmoid(w*x + b)", "b", [
  ok("ascii", DSIG_B),
  bad("ascii", "b*sigmoid(w*x + b)*(1 - sigmoid(w*x + b))", "b*sigmoid(w*x + b)*(1 - sigmoid(w*x + b))", "wrong factor"),
  ok("latex", L`\sigma(wx+b)\bigl(1-\sigma(wx+b)\bigr)`, DSIG_B),
  bad("latex", L`x\,\sigma(wx+b)\left(1-\sigma(wx+b)\right)`, DSIG_W, "wrong factor"),
  ok("unicode", "σ(w·x + b)·(1 − σ(w·x + b))", DSIG_B),
  bad("unicode", "σ(w·x + b)·(1 − σ(w·x + b))·b", "b*sigmoid(w*x + b)*(1 - sigmoid(w*x + b))", "wrong factor"),
]);

question("sigmoid-y", "sigmoid output y = σ(a): dy/da in y", "y = sigmoid(a); y", "a", [
  ok("ascii", "y*(1 - y)"),
  ok("ascii", "y - y^2"),
  bad("ascii", "y*(1 + y)", "y*(1 + y)", "wrong sign"),
  bad("ascii", "1 - y", "1 - y", "missing factor y"),
  ok("latex", L`y\,(1-y)`, "y*(1 - y)"),
  ok("latex", L`y\left(1 - y\right)`, "y*(1 - y)"),
  bad("latex", L`y^{2}-y`, "y^2 - y", "wrong sign"),
  bad("latex", L`y(1-y)^{2}`, "y*(1 - y)^2", "extra factor"),
  ok("unicode", "y(1 − y)", "y*(1 - y)"),
  ok("unicode", "y − y²", "y - y^2"),
  bad("unicode", "y·(1 + y)", "y*(1 + y)", "wrong sign"),
  bad("unicode", "y²(1 − y)", "y^2*(1 - y)", "extra factor"),
  ok("lecture", "y(1-y)", "y*(1 - y)"),
  ok("lecture", "y(1 - y)", "y*(1 - y)"),
  bad("lecture", "y(1+y)", "y*(1 + y)", "wrong sign"),
  bad("ascii", "(1-y)", "(1-y)", "missing factor y"),
]);

question("sigmoid-z1", "hidden unit z1 = σ(a1): dz1/da1", "z1 = sigmoid(a1); z1", "a1", [
  ok("ascii", "z1*(1 - z1)"),
  bad("ascii", "z1*(1 - a1)", "z1*(1 - a1)", "σ′ written in a"),
  ok("lecture", "z1(1-z1)", "z1*(1 - z1)"),
  ok("lecture", "z1(1 - z1)", "z1*(1 - z1)"),
  ok("lecture", "sigma(a1)(1 - sigma(a1))", "sigmoid(a1)*(1 - sigmoid(a1))"),
  bad("lecture", "z1(1+z1)", "z1*(1 + z1)", "wrong sign"),
  bad("lecture", "z1(1-a1)", "z1*(1 - a1)", "σ′ written in a"),
  bad("lecture", "sigma(a1)", "sigmoid(a1)", "missing σ′ factor"),
]);

const DTANH = "1 - tanh(x)^2";
question("tanh", "tanh: d/dx tanh(x)", "tanh(x)", "x", [
  ok("ascii", "1 - tanh(x)^2"),
  ok("ascii", "sech(x)^2"),
  ok("ascii", "1/cosh(x)^2"),
  ok("ascii", "4/(exp(x) + exp(-x))^2"),
  bad("ascii", "1 + tanh(x)^2", "1 + tanh(x)^2", "wrong sign"),
  bad("ascii", "sech(x)", "sech(x)", "missing square"),
  bad("ascii", "1 - tanh(x)", "1 - tanh(x)", "missing square"),
  bad("ascii", "tanh(x)*(1 - tanh(x))", "tanh(x)*(1 - tanh(x))", "sigmoid's derivative for tanh"),
  ok("latex", L`1-\tanh^2(x)`, DTANH),
  ok("latex", L`\operatorname{sech}^2(x)`, DTANH),
  ok("latex", L`\frac{1}{\cosh^2 x}`, DTANH),
  ok("latex", L`1 - \tanh^{2} x`, DTANH),
  ok("latex", L`$\frac{4}{(e^x+e^{-x})^2}$`, DTANH),
  bad("latex", L`1+\tanh^2(x)`, "1 + tanh(x)^2", "wrong sign"),
  bad("latex", L`-\operatorname{sech}^2(x)`, "-sech(x)^2", "wrong sign"),
  bad("latex", L`1-\tanh(x)`, "1 - tanh(x)", "missing square"),
  bad("latex", L`\frac{1}{\cosh x}`, "1/cosh(x)", "missing square"),
  bad("latex", L`1-x^{2}`, "1 - x^2", "tanh′ written in x"),
  ok("unicode", "1 − tanh²(x)", DTANH),
  ok("unicode", "sech²(x)", DTANH),
  ok("unicode", "1 − tanh(x)²", DTANH),
  ok("unicode", "(1 − tanh x)(1 + tanh x)", DTANH),
  bad("unicode", "1 + tanh²(x)", "1 + tanh(x)^2", "wrong sign"),
  bad("unicode", "1 − tanh(x²)", "1 - tanh(x^2)", "squared the argument"),
  bad("unicode", "−sech²(x)", "-sech(x)^2", "wrong sign"),
  bad("unicode", "1 − x²", "1 - x^2", "tanh′ written in x"),
  ok("lecture", "1 - tanh^2(x)", DTANH),
  ok("lecture", "1 - tanh^2 x", DTANH),
  ok("lecture", "sech^2(x)", DTANH),
  bad("lecture", "1 + tanh^2(x)", "1 + tanh(x)^2", "wrong sign"),
  bad("lecture", "1 - tanh x", "1 - tanh(x)", "missing square"),
  bad("lecture", "tanh x (1 - tanh x)", "tanh(x)*(1 - tanh(x))", "sigmoid's derivative for tanh"),
]);

const DTANH_W = "x*(1 - tanh(w*x + b)^2)";
question("tanh-w", "tanh unit: d/dw tanh(wx + b)", "tanh(w*x + b)", "w", [
  ok("ascii", "x*(1 - tanh(w*x + b)^2)"),
  bad("ascii", "1 - tanh(w*x + b)^2", "1 - tanh(w*x + b)^2", "missing chain factor"),
  ok("latex", L`x\left(1-\tanh^2(wx+b)\right)`, DTANH_W),
  ok("latex", L`x\operatorname{sech}^2(wx+b)`, DTANH_W),
  bad("latex", L`1-\tanh^2(wx+b)`, "1 - tanh(w*x + b)^2", "missing chain factor"),
  bad("latex", L`w\left(1-\tanh^{2}(wx+b)\right)`, "w*(1 - tanh(w*x + b)^2)", "wrong factor"),
  ok("unicode", "x·(1 − tanh²(w·x + b))", DTANH_W),
  bad("unicode", "1 − tanh²(w·x + b)", "1 - tanh(w*x + b)^2", "missing chain factor"),
  ok("lecture", "x*(1 - tanh^2(w*x + b))", DTANH_W),
  bad("lecture", "x(1 - tanh(w*x + b))", "x*(1 - tanh(w*x + b))", "missing square"),
]);

question("tanh-hidden", "tanh hidden unit z = tanh(a), a = αx + β: dz/dα", "a = alpha*x + beta; z = tanh(a); z", "alpha", [
  ok("ascii", "(1 - z^2)*x"),
  bad("ascii", "z*(1 - z)*x", "z*(1 - z)*x", "sigmoid's derivative for tanh"),
  ok("latex", L`(1-z^2)\,x`, "(1 - z^2)*x"),
  ok("latex", L`x\left(1-\tanh^2(\alpha x+\beta)\right)`, "(1 - z^2)*x"),
  bad("latex", L`(1-z)\,x`, "(1 - z)*x", "missing square"),
  bad("latex", L`1-z^{2}`, "1 - z^2", "missing chain factor"),
  ok("unicode", "(1 − z²)·x", "(1 - z^2)*x"),
  bad("unicode", "(1 − z²)·α", "(1 - z^2)*alpha", "wrong factor"),
  ok("ascii", "(1 - z^2)x"),
  bad("lecture", "z(1-z)x", "z*(1 - z)*x", "sigmoid's derivative for tanh"),
]);

question("relu", "relu: d/dx max(0, x)", "relu(x)", "x", [
  ok("ascii", "heaviside(x)"),
  ok("ascii", "(x + abs(x))/(2*x)"),
  bad("ascii", "1", "1", "missing cutoff"),
  bad("ascii", "sign(x)", "sign(x)", "sign for step"),
  ok("latex", L`\frac{x+|x|}{2x}`, "(x + abs(x))/(2*x)"),
  ok("latex", L`\frac{\max(0,x)}{x}`, "relu(x)/x"),
  ok("latex", L`\frac{\operatorname{ReLU}(x)}{x}`, "relu(x)/x"),
  bad("latex", L`\max(0,1)`, "1", "missing cutoff"),
  bad("latex", L`\operatorname{ReLU}(x)`, "relu(x)", "answer is the function itself"),
  bad("latex", L`\frac{|x|}{x}`, "abs(x)/x", "sign for step"),
  ok("lecture", "(x + |x|)/(2x)", "(x + abs(x))/(2*x)"),
  ok("unicode", "(x + |x|)/(2·x)", "(x + abs(x))/(2*x)"),
  bad("lecture", "|x|/x", "abs(x)/x", "sign for step"),
  bad("unicode", "|x|·x⁻¹", "abs(x)/x", "sign for step"),
  ok("lecture", "max(0, x)/x", "relu(x)/x"),
  bad("lecture", "max(0, 1)", "1", "missing cutoff"),
]);

const DRELU2 = "2*relu(x)";
question("relu-squared", "squared relu: d/dx max(0, x)^2", "relu(x)^2", "x", [
  ok("ascii", "2*relu(x)"),
  ok("ascii", "2 relu(x) heaviside(x)"),
  bad("ascii", "2*x", "2*x", "missing cutoff"),
  bad("ascii", "2*relu(x)*x", "2*relu(x)*x", "extra factor"),
  ok("latex", L`2\max(0,x)`, DRELU2),
  ok("latex", L`\max(0, 2x)`, DRELU2),
  ok("latex", L`2\,\mathrm{ReLU}(x)`, DRELU2),
  bad("latex", L`2\,x`, "2*x", "missing cutoff"),
  bad("latex", L`2\left|x\right|`, "2*abs(x)", "abs for relu"),
  bad("latex", L`\max(0, 2)`, "2", "missing cutoff"),
  ok("unicode", "2·max(0, x)", DRELU2),
  bad("unicode", "2·|x|", "2*abs(x)", "abs for relu"),
  ok("lecture", "2max(0,x)", DRELU2),
  ok("lecture", "2*max(0, x)", DRELU2),
  bad("ascii", "2x", "2x", "missing cutoff"),
  bad("lecture", "max(0, 2x)*x", "2*relu(x)*x", "extra factor"),
]);

question("relu-w", "relu unit: d/dw max(0, wx + b)", "relu(w*x + b)", "w", [
  ok("ascii", "x*heaviside(w*x + b)"),
  bad("ascii", "x", "x", "missing cutoff"),
  bad("ascii", "heaviside(w*x + b)", "heaviside(w*x + b)", "missing chain factor"),
  ok("lecture", "x*max(0, w*x + b)/(w*x + b)", "x*relu(w*x + b)/(w*x + b)"),
  bad("lecture", "max(0, x)", "relu(x)", "missing cutoff"),
  ok("latex", L`\frac{x\max(0,wx+b)}{wx+b}`, "x*relu(w*x + b)/(w*x + b)"),
  bad("latex", L`\max(0,x)`, "relu(x)", "missing cutoff"),
]);

const DSOFT = "sigmoid(x)";
question("softplus", "softplus: d/dx log(exp(x) + 1)", "log(exp(x) + 1)", "x", [
  ok("ascii", "sigmoid(x)"),
  ok("ascii", "exp(x)/(exp(x) + 1)"),
  ok("ascii", "1/(1 + exp(-x))"),
  bad("ascii", "1/(exp(x) + 1)", "1/(exp(x) + 1)", "missing chain factor"),
  bad("ascii", "exp(x)/(exp(x) + 1)^2", "exp(x)/(exp(x) + 1)^2", "extra square"),
  bad("ascii", "sigmoid(-x)", "sigmoid(-x)", "wrong sign"),
  ok("latex", L`\frac{e^x}{e^x+1}`, DSOFT),
  ok("latex", L`\sigma(x)`, DSOFT),
  ok("latex", L`\frac{1}{1+e^{-x}}`, DSOFT),
  ok("latex", L`\frac{\exp(x)}{1+\exp(x)}`, DSOFT),
  ok("latex", L`$\dfrac{\mathrm{e}^{x}}{\mathrm{e}^{x}+1}$`, DSOFT),
  bad("latex", L`\frac{1}{e^x+1}`, "1/(exp(x) + 1)", "missing chain factor"),
  bad("latex", L`\frac{1}{1+e^{x}}`, "1/(1 + exp(x))", "wrong sign"),
  bad("latex", L`\frac{e^x}{(e^x+1)^2}`, "exp(x)/(exp(x) + 1)^2", "extra square"),
  bad("latex", L`\frac{1}{\ln(e^x+1)}`, "1/log(exp(x) + 1)", "derivative of ln applied to the wrong thing"),
  ok("unicode", "eˣ/(1 + eˣ)", DSOFT),
  ok("unicode", "1/(1 + e⁻ˣ)", DSOFT),
  ok("unicode", "σ(x)", DSOFT),
  bad("unicode", "1/(eˣ + 1)", "1/(exp(x) + 1)", "missing chain factor"),
  bad("unicode", "σ(−x)", "sigmoid(-x)", "wrong sign"),
  bad("unicode", "σ(x)(1 − σ(x))", "sigmoid(x)*(1 - sigmoid(x))", "second derivative"),
  ok("lecture", "sigma(x)", DSOFT),
  ok("lecture", "exp x/(exp x + 1)", DSOFT),
  bad("lecture", "1/(exp x + 1)", "1/(exp(x) + 1)", "missing chain factor"),
  bad("lecture", "sigma(x)(1 - sigma(x))", "sigmoid(x)*(1 - sigmoid(x))", "second derivative"),
]);

question("softplus-w", "softplus unit: d/dw softplus(wx + b)", "softplus(w*x + b)", "w", [
  ok("ascii", "x*sigmoid(w*x + b)"),
  bad("ascii", "sigmoid(w*x + b)", "sigmoid(w*x + b)", "missing chain factor"),
  ok("latex", L`x\,\sigma(wx+b)`, "x*sigmoid(w*x + b)"),
  ok("latex", L`\frac{x e^{wx+b}}{1+e^{wx+b}}`, "x*sigmoid(w*x + b)"),
  bad("latex", L`\frac{x}{1+e^{wx+b}}`, "x/(1 + exp(w*x + b))", "missing chain factor"),
  ok("unicode", "x·σ(w·x + b)", "x*sigmoid(w*x + b)"),
  bad("unicode", "σ(w·x + b)", "sigmoid(w*x + b)", "missing chain factor"),
  bad("lecture", "x*sigma(-(w*x + b))", "x*sigmoid(-(w*x + b))", "wrong sign"),
]);

// ---------------------------------------------------------------------------------------------
// The losses: squared error ½(y − y*)² and cross-entropy, WITH its minus sign
// J = −(y* log y + (1 − y*) log(1 − y)). An answer following the notes' sign slip is wrong.
const CE = "-(ystar*log(y) + (1 - ystar)*log(1 - y))";
const DCE = "-ystar/y + (1 - ystar)/(1 - y)";

question("ce-dy", "cross-entropy: dJ/dy", CE, "y", [
  ok("ascii", "-ystar/y + (1 - ystar)/(1 - y)"),
  ok("ascii", "(y - ystar)/(y*(1 - y))"),
  ok("ascii", "-ystar/y - (1-ystar)/(y-1)"),
  bad("ascii", "ystar/y + (1 - ystar)/(y - 1)", "ystar/y + (1 - ystar)/(y - 1)", "cross-entropy without minus"),
  bad("ascii", "-ystar/y - (1 - ystar)/(1 - y)", "-ystar/y - (1 - ystar)/(1 - y)", "missing chain factor"),
  bad("ascii", "-1/y + 1/(1 - y)", "-1/y + 1/(1 - y)", "dropped y*"),
  ok("latex", L`-\frac{y^*}{y}+\frac{1-y^*}{1-y}`, DCE),
  ok("latex", L`\frac{y-y^{*}}{y(1-y)}`, DCE),
  ok("latex", L`\frac{1-y^*}{1-y}-\frac{y^*}{y}`, DCE),
  ok("latex", L`$-\left(\frac{y^{*}}{y} + \frac{1-y^{*}}{y-1}\right)$`, DCE),
  bad("latex", L`\frac{y^*}{y} + \frac{(1 - y^*)}{y - 1}`, "ystar/y + (1 - ystar)/(y - 1)", "cross-entropy without minus"),
  bad("latex", L`\frac{y^*}{y}-\frac{1-y^*}{1-y}`, "ystar/y - (1 - ystar)/(1 - y)", "cross-entropy without minus"),
  bad("latex", L`-\frac{y^*}{y}-\frac{1-y^*}{1-y}`, "-ystar/y - (1 - ystar)/(1 - y)", "missing chain factor"),
  bad("latex", L`y - y^*`, "y - ystar", "dJ/da for dJ/dy"),
  ok("unicode", "−y*/y + (1 − y*)/(1 − y)", DCE),
  ok("unicode", "(y − y*)/(y(1 − y))", DCE),
  bad("unicode", "y*/y + (1 − y*)/(y − 1)", "ystar/y + (1 - ystar)/(y - 1)", "cross-entropy without minus"),
  bad("unicode", "−y*/y − (1 − y*)/(1 − y)", "-ystar/y - (1 - ystar)/(1 - y)", "missing chain factor"),
  ok("lecture", "-y*/y + (1-y*)/(1-y)", DCE),
  ok("lecture", "(y - y*)/(y(1-y))", DCE),
  ok("lecture", "-y^*/y - (1 - y^*)/(y - 1)", DCE),
  bad("lecture", "y*/y + (1 - y*)/(y - 1)", "ystar/y + (1 - ystar)/(y - 1)", "cross-entropy without minus"),
  bad("lecture", "-y*/y + (1-y*)/y", "-ystar/y + (1 - ystar)/y", "wrong denominator"),
  bad("lecture", "y^*/y - (1-y^*)/(1-y)", "ystar/y - (1 - ystar)/(1 - y)", "cross-entropy without minus"),
]);

const CE_A = `y = sigmoid(a); ${CE}`;
question("ce-da", "logistic output y = σ(a), cross-entropy: dJ/da", CE_A, "a", [
  ok("ascii", "y - ystar"),
  ok("ascii", "sigmoid(a) - ystar"),
  bad("ascii", "ystar - y", "ystar - y", "cross-entropy without minus"),
  bad("ascii", "(y - ystar)*y*(1 - y)", "(y - ystar)*y*(1 - y)", "extra σ′ factor"),
  ok("latex", L`y - y^*`, "y - ystar"),
  ok("latex", L`\sigma(a)-y^{*}`, "y - ystar"),
  ok("latex", L`\frac{1}{1+e^{-a}} - y^*`, "y - ystar"),
  ok("latex", L`$\frac{1}{1+\exp(-a)}-y^{*}$`, "y - ystar"),
  bad("latex", L`y^* - y`, "ystar - y", "cross-entropy without minus"),
  bad("latex", L`(y-y^*)\,y(1-y)`, "(y - ystar)*y*(1 - y)", "extra σ′ factor"),
  bad("latex", L`\frac{y-y^*}{y(1-y)}`, "(y - ystar)/(y*(1 - y))", "missing σ′ factor"),
  bad("latex", L`\sigma(a)`, "y", "dropped y*"),
  ok("unicode", "y − y*", "y - ystar"),
  ok("unicode", "σ(a) − y*", "y - ystar"),
  ok("unicode", "1/(1 + e⁻ᵃ) − y*", "y - ystar"),
  bad("unicode", "y* − y", "ystar - y", "cross-entropy without minus"),
  bad("unicode", "(y − y*)·y·(1 − y)", "(y - ystar)*y*(1 - y)", "extra σ′ factor"),
  bad("unicode", "(y − y*)/(y(1 − y))", "(y - ystar)/(y*(1 - y))", "missing σ′ factor"),
  ok("lecture", "y - y*", "y - ystar"),
  ok("lecture", "sigma(a) - y*", "y - ystar"),
  ok("lecture", "1/(1+exp(-a)) - y^*", "y - ystar"),
  bad("lecture", "y* - y", "ystar - y", "cross-entropy without minus"),
  bad("lecture", "y(1-y)(y - y*)", "(y - ystar)*y*(1 - y)", "extra σ′ factor"),
]);

question("sq-dy", "squared error ½(y − y*)²: dJ/dy", "0.5*(y - ystar)^2", "y", [
  ok("ascii", "y - ystar"),
  ok("ascii", "(y-ystar)"),
  bad("ascii", "ystar - y", "ystar - y", "wrong sign"),
  bad("ascii", "2*(y - ystar)", "2*(y - ystar)", "dropped ½"),
  bad("ascii", "0.5*(y - ystar)", "0.5*(y - ystar)", "dropped the power's factor"),
  ok("latex", L`y-y^*`, "y - ystar"),
  ok("latex", L`(y - y^{*})`, "y - ystar"),
  ok("latex", L`\frac{2(y-y^*)}{2}`, "y - ystar"),
  ok("latex", L`\(y - y^{*}\)`, "y - ystar"),
  bad("latex", L`y^* - y`, "ystar - y", "wrong sign"),
  bad("latex", L`2(y-y^*)`, "2*(y - ystar)", "dropped ½"),
  bad("latex", L`\frac{1}{2}(y-y^*)`, "0.5*(y - ystar)", "dropped the power's factor"),
  ok("unicode", "y − y*", "y - ystar"),
  ok("unicode", "(y − y*)", "y - ystar"),
  bad("unicode", "½(y − y*)", "0.5*(y - ystar)", "dropped the power's factor"),
  bad("unicode", "y* − y", "ystar - y", "wrong sign"),
  ok("lecture", "y - y*", "y - ystar"),
  ok("lecture", "y - y^*", "y - ystar"),
  bad("lecture", "2(y - y*)", "2*(y - ystar)", "dropped ½"),
  bad("lecture", "(y - y*)^2", "(y - ystar)^2", "did not differentiate"),
]);

question("sq-dystar", "squared error ½(y − y*)²: dJ/dy*", "0.5*(y - ystar)^2", "ystar", [
  ok("ascii", "ystar - y"),
  bad("ascii", "y - ystar", "y - ystar", "missing chain factor"),
  ok("latex", L`y^*-y`, "ystar - y"),
  bad("latex", L`y-y^*`, "y - ystar", "missing chain factor"),
  ok("unicode", "−(y − y*)", "ystar - y"),
  bad("unicode", "y − y*", "y - ystar", "missing chain factor"),
]);

const SQ_B = "y = sigmoid(b); 0.5*(y - ystar)^2";
const DSQ_B = "(y - ystar)*y*(1 - y)";
question("sq-db", "sigmoid output y = σ(b), squared error: dJ/db", SQ_B, "b", [
  ok("ascii", "(y - ystar)*y*(1 - y)"),
  ok("ascii", "(y - ystar)*sigmoid(b)*(1 - sigmoid(b))"),
  bad("ascii", "y - ystar", "y - ystar", "missing σ′ factor"),
  bad("ascii", "(y - ystar)*(1 - y)", "(y - ystar)*(1 - y)", "missing σ′ factor"),
  bad("ascii", "(ystar - y)*y*(1 - y)", "(ystar - y)*y*(1 - y)", "wrong sign"),
  ok("latex", L`(y-y^*)\,y(1-y)`, DSQ_B),
  ok("latex", L`\left(y - y^{*}\right)\sigma(b)\left(1-\sigma(b)\right)`, DSQ_B),
  ok("latex", L`(y-y^*)\frac{e^{-b}}{(1+e^{-b})^2}`, DSQ_B),
  ok("latex", L`(y - y^*) \cdot y \cdot (1 - y)`, DSQ_B),
  bad("latex", L`(y-y^*)\,\sigma(b)`, "(y - ystar)*y", "missing σ′ factor"),
  bad("latex", L`y-y^{*}`, "y - ystar", "missing σ′ factor"),
  bad("latex", L`(y-y^*)\,y(1+y)`, "(y - ystar)*y*(1 + y)", "wrong sign"),
  bad("latex", L`(y - y^*)\frac{e^{-b}}{1+e^{-b}}`, "(y - ystar)*exp(-b)/(1 + exp(-b))", "missing square"),
  ok("unicode", "(y − y*)·y·(1 − y)", DSQ_B),
  ok("unicode", "(y − y*)σ(b)(1 − σ(b))", DSQ_B),
  bad("unicode", "(y − y*)·y(1 + y)", "(y - ystar)*y*(1 + y)", "wrong sign"),
  bad("unicode", "y − y*", "y - ystar", "missing σ′ factor"),
  ok("lecture", "(y - y*)y(1-y)", DSQ_B),
  ok("lecture", "(y - y*)*exp(-b)/(exp(-b)+1)^2", DSQ_B),
  bad("lecture", "(y - y*)(1 - y)", "(y - ystar)*(1 - y)", "missing σ′ factor"),
  bad("lecture", "(y^* - y)y(1-y)", "(ystar - y)*y*(1 - y)", "wrong sign"),
]);

// ---------------------------------------------------------------------------------------------
// Logistic regression (lecture case 1), with the loss's minus sign.
const LR = `s = sigmoid(w*x + b); -(ystar*log(s) + (1 - ystar)*log(1 - s))`;
const DLR_W = "(s - ystar)*x";
question("logreg-w", "logistic regression s = σ(wx + b), cross-entropy: dJ/dw", LR, "w", [
  ok("ascii", "(s - ystar)*x"),
  ok("ascii", "x*(sigmoid(w*x + b) - ystar)"),
  bad("ascii", "s - ystar", "s - ystar", "missing chain factor"),
  bad("ascii", "(ystar - s)*x", "(ystar - s)*x", "cross-entropy without minus"),
  bad("ascii", "(s - ystar)*w", "(s - ystar)*w", "wrong factor"),
  ok("latex", L`(s-y^*)x`, DLR_W),
  ok("latex", L`\left(\sigma(wx+b)-y^{*}\right)x`, DLR_W),
  ok("latex", L`x\left(\frac{1}{1+e^{-(wx+b)}}-y^*\right)`, DLR_W),
  ok("latex", L`(s - y^*) \times x`, DLR_W),
  bad("latex", L`(y^*-s)x`, "(ystar - s)*x", "cross-entropy without minus"),
  bad("latex", L`s-y^*`, "s - ystar", "missing chain factor"),
  bad("latex", L`(s-y^*)\,s(1-s)\,x`, "(s - ystar)*s*(1 - s)*x", "extra σ′ factor"),
  ok("unicode", "(s − y*)·x", DLR_W),
  ok("unicode", "(σ(w·x + b) − y*)x", DLR_W),
  ok("unicode", "x × (s − y*)", DLR_W),
  bad("unicode", "(s − y*)·w", "(s - ystar)*w", "wrong factor"),
  bad("unicode", "(y* − s)·x", "(ystar - s)*x", "cross-entropy without minus"),
  bad("unicode", "(s − y*)·s·(1 − s)·x", "(s - ystar)*s*(1 - s)*x", "extra σ′ factor"),
  ok("lecture", "(s - y*)*x", DLR_W),
  ok("lecture", "(sigma(w*x + b) - y*)x", DLR_W),
  bad("lecture", "(y^* - s)*x", "(ystar - s)*x", "cross-entropy without minus"),
  bad("lecture", "(s - y*)", "s - ystar", "missing chain factor"),
]);

question("logreg-b", "logistic regression s = σ(wx + b), cross-entropy: dJ/db", LR, "b", [
  ok("ascii", "s - ystar"),
  bad("ascii", "(s - ystar)*x", "(s - ystar)*x", "wrong factor"),
  ok("latex", L`s-y^*`, "s - ystar"),
  ok("latex", L`\sigma(wx+b)-y^*`, "s - ystar"),
  bad("latex", L`y^*-s`, "ystar - s", "cross-entropy without minus"),
  bad("latex", L`(s-y^*)\,b`, "(s - ystar)*b", "wrong factor"),
  ok("unicode", "s − y*", "s - ystar"),
  bad("unicode", "y* − s", "ystar - s", "cross-entropy without minus"),
  ok("lecture", "sigma(w*x + b) - y*", "s - ystar"),
  bad("lecture", "y^* - sigma(w*x + b)", "ystar - s", "cross-entropy without minus"),
]);

const LR_THETA = `a = theta_1*x_1 + theta_2*x_2; y = sigmoid(a); ${CE}`;
question("logreg-theta", "logistic regression a = θ₁x₁ + θ₂x₂: dJ/dθ₁", LR_THETA, "theta_1", [
  ok("ascii", "(y - ystar)*x_1"),
  bad("ascii", "(ystar - y)*x_1", "(ystar - y)*x_1", "cross-entropy without minus"),
  bad("ascii", "(y - ystar)*theta_1", "(y - ystar)*theta_1", "wrong factor"),
  ok("latex", L`(y-y^*)x_1`, "(y - ystar)*x_1"),
  ok("latex", L`\left(y - y^{*}\right) x_{1}`, "(y - ystar)*x_1"),
  ok("latex", L`(\sigma(\theta_1 x_1+\theta_2 x_2)-y^*)\,x_1`, "(y - ystar)*x_1"),
  bad("latex", L`(y^*-y)x_1`, "(ystar - y)*x_1", "cross-entropy without minus"),
  bad("latex", L`(y-y^*)\theta_1`, "(y - ystar)*theta_1", "wrong factor"),
  bad("latex", L`(y-y^*)\,y(1-y)\,x_1`, "(y - ystar)*y*(1 - y)*x_1", "extra σ′ factor"),
  ok("unicode", "(y − y*)x₁", "(y - ystar)*x_1"),
  ok("unicode", "(σ(θ₁x₁ + θ₂x₂) − y*)·x₁", "(y - ystar)*x_1"),
  bad("unicode", "(y − y*)·θ₁", "(y - ystar)*theta_1", "wrong factor"),
  bad("unicode", "(y* − y)x₁", "(ystar - y)*x_1", "cross-entropy without minus"),
  ok("lecture", "(y - y*)*x_1", "(y - ystar)*x_1"),
  bad("lecture", "(y - y*)*x_2", "(y - ystar)*x_2", "wrong input"),
]);

question("logreg-x", "logistic regression a = θ₁x₁ + θ₂x₂: dJ/dx₁", LR_THETA, "x_1", [
  ok("ascii", "(y - ystar)*theta_1"),
  bad("ascii", "(y - ystar)*x_1", "(y - ystar)*x_1", "wrong factor"),
  ok("latex", L`(y-y^*)\theta_1`, "(y - ystar)*theta_1"),
  ok("latex", L`\theta_{1}\left(y-y^{*}\right)`, "(y - ystar)*theta_1"),
  bad("latex", L`(y-y^*)(\theta_1+\theta_2)`, "(y - ystar)*(theta_1 + theta_2)", "summed the weights"),
  ok("unicode", "(y − y*)·θ₁", "(y - ystar)*theta_1"),
  bad("unicode", "(y − y*)·x₁", "(y - ystar)*x_1", "wrong factor"),
  bad("unicode", "θ₁(y* − y)", "(ystar - y)*theta_1", "cross-entropy without minus"),
]);

// ---------------------------------------------------------------------------------------------
// The networks' scalar pieces: a = αx + β, z = σ(a).
const UNIT = "a = alpha*x + beta; z = sigmoid(a); z";
question("unit-alpha", "hidden unit z = σ(a), a = αx + β: dz/dα", UNIT, "alpha", [
  ok("ascii", "z*(1 - z)*x"),
  bad("ascii", "z*(1 - z)", "z*(1 - z)", "missing chain factor"),
  bad("ascii", "z*(1 - z)*alpha", "z*(1 - z)*alpha", "wrong factor"),
  ok("latex", L`z(1-z)\,x`, "z*(1 - z)*x"),
  ok("latex", L`x\,\sigma(\alpha x+\beta)\left(1-\sigma(\alpha x+\beta)\right)`, "z*(1 - z)*x"),
  ok("latex", L`\frac{x e^{-(\alpha x+\beta)}}{\left(1+e^{-(\alpha x+\beta)}\right)^2}`, "z*(1 - z)*x"),
  bad("latex", L`z\,(1-z)`, "z*(1 - z)", "missing chain factor"),
  bad("latex", L`z(1+z)\cdot x`, "z*(1 + z)*x", "wrong sign"),
  bad("latex", L`z\,x`, "z*x", "missing σ′ factor"),
  ok("unicode", "z(1 − z)·x", "z*(1 - z)*x"),
  ok("unicode", "x·σ(αx + β)(1 − σ(αx + β))", "z*(1 - z)*x"),
  bad("unicode", "z(1 − z)·α", "z*(1 - z)*alpha", "wrong factor"),
  bad("unicode", "(1 − z)·x", "(1 - z)*x", "missing σ′ factor"),
  ok("lecture", "z(1-z)x", "z*(1 - z)*x"),
  ok("lecture", "sigma(alpha*x + beta)(1 - sigma(alpha*x + beta))*x", "z*(1 - z)*x"),
  bad("lecture", "z(1-z)", "z*(1 - z)", "missing chain factor"),
  bad("lecture", "z(1-z)alpha", "z*(1 - z)*alpha", "wrong factor"),
]);

question("unit-beta", "hidden unit z = σ(a), a = αx + β: dz/dβ", UNIT, "beta", [
  ok("ascii", "z*(1 - z)"),
  bad("ascii", "z*(1 - z)*beta", "z*(1 - z)*beta", "wrong factor"),
  ok("latex", L`z\left(1-z\right)`, "z*(1 - z)"),
  bad("latex", L`z(1-z)\beta`, "z*(1 - z)*beta", "wrong factor"),
  ok("unicode", "σ(α·x + β)·(1 − σ(α·x + β))", "z*(1 - z)"),
  bad("unicode", "z(1 − z)·x", "z*(1 - z)*x", "wrong factor"),
  ok("lecture", "z(1 - z)", "z*(1 - z)"),
  bad("ascii", "1", "1", "missing σ′ factor"),
]);

question("unit-x", "hidden unit z = σ(a), a = αx + β: dz/dx", UNIT, "x", [
  ok("ascii", "alpha*z*(1 - z)"),
  bad("ascii", "x*z*(1 - z)", "x*z*(1 - z)", "wrong factor"),
  ok("latex", L`\alpha z(1-z)`, "alpha*z*(1 - z)"),
  bad("latex", L`\alpha\,z`, "alpha*z", "missing σ′ factor"),
  ok("unicode", "α·z·(1 − z)", "alpha*z*(1 - z)"),
  bad("unicode", "α·z·(1 + z)", "alpha*z*(1 + z)", "wrong sign"),
]);

// One hidden layer of two sigmoid units, sigmoid output (the lecture's network, scalar form).
const HIDDEN = "a_1 = alpha_11*x_1 + alpha_12*x_2; a_2 = alpha_21*x_1 + alpha_22*x_2; z_1 = sigmoid(a_1); z_2 = sigmoid(a_2); b = beta_1*z_1 + beta_2*z_2; y = sigmoid(b)";
const NET_SQ = `${HIDDEN}; 0.5*(y - ystar)^2`;
const NET_CE = `${HIDDEN}; ${CE}`;

const DSQ_BETA = "(y - ystar)*y*(1 - y)*z_1";
question("net-sq-beta", "network, squared error: dJ/dβ₁", NET_SQ, "beta_1", [
  ok("ascii", "(y - ystar)*y*(1 - y)*z_1"),
  bad("ascii", "(y - ystar)*z_1", "(y - ystar)*z_1", "missing σ′ factor"),
  bad("ascii", "(y - ystar)*y*(1 - y)*beta_1", "(y - ystar)*y*(1 - y)*beta_1", "wrong factor"),
  ok("latex", L`(y-y^*)\,y(1-y)\,z_1`, DSQ_BETA),
  ok("latex", L`\left(y-y^{*}\right) y\left(1-y\right) z_{1}`, DSQ_BETA),
  bad("latex", L`(y-y^*)z_1`, "(y - ystar)*z_1", "missing σ′ factor"),
  bad("latex", L`(y-y^*)\,y(1-y)`, "(y - ystar)*y*(1 - y)", "missing chain factor"),
  ok("unicode", "(y − y*)·y(1 − y)·z₁", DSQ_BETA),
  ok("unicode", "(y − y*) y (1 − y) z₁", DSQ_BETA),
  bad("unicode", "(y − y*)·z₁", "(y - ystar)*z_1", "missing σ′ factor"),
  bad("unicode", "(y − y*)·y(1 − y)·β₁", "(y - ystar)*y*(1 - y)*beta_1", "wrong factor"),
  ok("lecture", "(y - y*)y(1-y)z_1", DSQ_BETA),
  bad("lecture", "(y - y*)y(1-y)z_2", "(y - ystar)*y*(1 - y)*z_2", "wrong unit"),
]);

const DSQ_ALPHA = "(y - ystar)*y*(1 - y)*beta_1*z_1*(1 - z_1)*x_1";
question("net-sq-alpha", "network, squared error: dJ/dα₁₁", NET_SQ, "alpha_11", [
  ok("ascii", DSQ_ALPHA),
  bad("ascii", "(y - ystar)*y*(1 - y)*beta_1*x_1", "(y - ystar)*y*(1 - y)*beta_1*x_1", "missing σ′ factor"),
  bad("ascii", "(y - ystar)*y*(1 - y)*beta_1*z_1*(1 - z_1)*x_2", "(y - ystar)*y*(1 - y)*beta_1*z_1*(1 - z_1)*x_2", "wrong input"),
  ok("latex", L`(y-y^*)\,y(1-y)\,\beta_1\,z_1(1-z_1)\,x_1`, DSQ_ALPHA),
  ok("latex", L`\left(y-y^{*}\right)y(1-y)\beta_{1}\sigma(a_{1})\left(1-\sigma(a_{1})\right)x_{1}`, DSQ_ALPHA),
  bad("latex", L`(y-y^*)\,y(1-y)\,z_1(1-z_1)\,x_1`, "(y - ystar)*y*(1 - y)*z_1*(1 - z_1)*x_1", "missing chain factor"),
  bad("latex", L`(y-y^*)\,\beta_1\,z_1(1-z_1)\,x_1`, "(y - ystar)*beta_1*z_1*(1 - z_1)*x_1", "missing σ′ factor"),
  ok("unicode", "(y − y*)·y(1 − y)·β₁·z₁(1 − z₁)·x₁", DSQ_ALPHA),
  bad("unicode", "(y − y*)·y(1 − y)·β₁·x₁", "(y - ystar)*y*(1 - y)*beta_1*x_1", "missing σ′ factor"),
  bad("unicode", "(y − y*)·y(1 − y)·β₁·z₁(1 − z₁)", "(y - ystar)*y*(1 - y)*beta_1*z_1*(1 - z_1)", "missing chain factor"),
  ok("lecture", "(y - y*)y(1-y)*beta_1*z_1(1-z_1)*x_1", DSQ_ALPHA),
  bad("lecture", "(y - y*)y(1-y)*beta_1*z_1(1-z_1)", "(y - ystar)*y*(1 - y)*beta_1*z_1*(1 - z_1)", "missing chain factor"),
]);

const DSQ_X = "(y - ystar)*y*(1 - y)*(beta_1*z_1*(1 - z_1)*alpha_11 + beta_2*z_2*(1 - z_2)*alpha_21)";
question("net-sq-x", "network, squared error: dJ/dx₁ (two paths)", NET_SQ, "x_1", [
  ok("ascii", DSQ_X),
  bad("ascii", "(y - ystar)*y*(1 - y)*beta_1*z_1*(1 - z_1)*alpha_11", "(y - ystar)*y*(1 - y)*beta_1*z_1*(1 - z_1)*alpha_11", "missing path"),
  ok("latex", L`(y-y^*)\,y(1-y)\left(\beta_1 z_1(1-z_1)\alpha_{11}+\beta_2 z_2(1-z_2)\alpha_{21}\right)`, DSQ_X),
  bad("latex", L`(y-y^*)\,y(1-y)\,\beta_1 z_1(1-z_1)\,\alpha_{11}`, "(y - ystar)*y*(1 - y)*beta_1*z_1*(1 - z_1)*alpha_11", "missing path"),
  bad("latex", L`(y-y^*)\,y(1-y)\left(\beta_1 z_1(1-z_1)+\beta_2 z_2(1-z_2)\right)(\alpha_{11}+\alpha_{21})`,
    "(y - ystar)*y*(1 - y)*(beta_1*z_1*(1 - z_1) + beta_2*z_2*(1 - z_2))*(alpha_11 + alpha_21)", "summed the α's (the notes' slip)"),
  ok("unicode", "(y − y*)·y(1 − y)·(β₁z₁(1 − z₁)α₁₁ + β₂z₂(1 − z₂)α₂₁)", DSQ_X),
  bad("unicode", "(y − y*)·y(1 − y)·(β₁z₁(1 − z₁)α₁₂ + β₂z₂(1 − z₂)α₂₂)",
    "(y - ystar)*y*(1 - y)*(beta_1*z_1*(1 - z_1)*alpha_12 + beta_2*z_2*(1 - z_2)*alpha_22)", "wrong weights"),
  ok("lecture", "(y - y*)y(1-y)(beta_1*z_1(1-z_1)*alpha_11 + beta_2*z_2(1-z_2)*alpha_21)", DSQ_X),
]);

question("net-ce-beta", "network, cross-entropy: dJ/dβ₁", NET_CE, "beta_1", [
  ok("ascii", "(y - ystar)*z_1"),
  bad("ascii", "(ystar - y)*z_1", "(ystar - y)*z_1", "cross-entropy without minus"),
  bad("ascii", "(y - ystar)*y*(1 - y)*z_1", "(y - ystar)*y*(1 - y)*z_1", "extra σ′ factor"),
  ok("latex", L`(y-y^*)\,z_1`, "(y - ystar)*z_1"),
  ok("latex", L`\left(\sigma(b)-y^*\right)\sigma(a_1)`, "(y - ystar)*z_1"),
  bad("latex", L`(y^*-y)\,z_1`, "(ystar - y)*z_1", "cross-entropy without minus"),
  bad("latex", L`y-y^*`, "y - ystar", "missing chain factor"),
  ok("unicode", "(y − y*)·z₁", "(y - ystar)*z_1"),
  ok("unicode", "(y − y*)z₁", "(y - ystar)*z_1"),
  bad("unicode", "(y* − y)·z₁", "(ystar - y)*z_1", "cross-entropy without minus"),
  bad("unicode", "(y − y*)·β₁", "(y - ystar)*beta_1", "wrong factor"),
  ok("lecture", "(y - y*)*z_1", "(y - ystar)*z_1"),
  bad("lecture", "(y - y*)*y(1-y)*z_1", "(y - ystar)*y*(1 - y)*z_1", "extra σ′ factor"),
]);

const DCE_ALPHA = "(y - ystar)*beta_2*z_2*(1 - z_2)*x_1";
question("net-ce-alpha", "network, cross-entropy: dJ/dα₂₁", NET_CE, "alpha_21", [
  ok("ascii", DCE_ALPHA),
  bad("ascii", "(y - ystar)*beta_2*x_1", "(y - ystar)*beta_2*x_1", "missing σ′ factor"),
  ok("latex", L`(y-y^*)\,\beta_2\,z_2(1-z_2)\,x_1`, DCE_ALPHA),
  ok("latex", L`\(\left(y-y^{*}\right)\beta_{2}\,\sigma(a_2)\bigl(1-\sigma(a_2)\bigr)\,x_{1}\)`, DCE_ALPHA),
  bad("latex", L`(y^*-y)\,\beta_2\,z_2(1-z_2)\,x_1`, "(ystar - y)*beta_2*z_2*(1 - z_2)*x_1", "cross-entropy without minus"),
  bad("latex", L`(y-y^*)\,\beta_2\,z_2(1-z_2)\,x_2`, "(y - ystar)*beta_2*z_2*(1 - z_2)*x_2", "wrong input"),
  ok("unicode", "(y − y*)·β₂·z₂(1 − z₂)·x₁", DCE_ALPHA),
  bad("unicode", "(y − y*)·β₂·x₁", "(y - ystar)*beta_2*x_1", "missing σ′ factor"),
  ok("lecture", "(y - y*)*beta_2*z_2(1-z_2)*x_1", DCE_ALPHA),
  bad("lecture", "(y - y*)*beta_1*z_2(1-z_2)*x_1", "(y - ystar)*beta_1*z_2*(1 - z_2)*x_1", "wrong weight"),
]);

const DCE_X = "(y - ystar)*(beta_1*z_1*(1 - z_1)*alpha_12 + beta_2*z_2*(1 - z_2)*alpha_22)";
question("net-ce-x", "network, cross-entropy: dJ/dx₂ (two paths)", NET_CE, "x_2", [
  ok("ascii", DCE_X),
  bad("ascii", "(y - ystar)*beta_2*z_2*(1 - z_2)*alpha_22", "(y - ystar)*beta_2*z_2*(1 - z_2)*alpha_22", "missing path"),
  ok("latex", L`(y-y^*)\cdot\left(\beta_1 \cdot z_1 \cdot (1-z_1) \cdot \alpha_{12} + \beta_2 \cdot z_2 \cdot (1-z_2) \cdot \alpha_{22}\right)`, DCE_X),
  ok("latex", L`(y-y^*)\left[\beta_1 z_1(1-z_1)\alpha_{12}+\beta_2 z_2(1-z_2)\alpha_{22}\right]`, DCE_X),
  bad("latex", L`(y-y^*)\left[\beta_1 z_1(1-z_1)+\beta_2 z_2(1-z_2)\right](\alpha_{12}+\alpha_{22})`,
    "(y - ystar)*(beta_1*z_1*(1 - z_1) + beta_2*z_2*(1 - z_2))*(alpha_12 + alpha_22)", "summed the α's (the notes' slip)"),
  bad("latex", L`(y^*-y)\left[\beta_1 z_1(1-z_1)\alpha_{12}+\beta_2 z_2(1-z_2)\alpha_{22}\right]`,
    "(ystar - y)*(beta_1*z_1*(1 - z_1)*alpha_12 + beta_2*z_2*(1 - z_2)*alpha_22)", "cross-entropy without minus"),
  ok("unicode", "(y − y*)(β₁z₁(1 − z₁)α₁₂ + β₂z₂(1 − z₂)α₂₂)", DCE_X),
  bad("unicode", "(y − y*)·β₁z₁(1 − z₁)α₁₂", "(y - ystar)*beta_1*z_1*(1 - z_1)*alpha_12", "missing path"),
]);

// Calculus Quiz #2 in scalar form: y = σ(β σ(α₂ σ(α₁ x))).
const QUIZ2 = "z_1 = sigmoid(alpha_1*x); z_2 = sigmoid(alpha_2*z_1); y = sigmoid(beta*z_2); y";
const DQ2_BETA = "y*(1 - y)*z_2";
const DQ2_A2 = "y*(1 - y)*beta*z_2*(1 - z_2)*z_1";
const DQ2_A1 = "y*(1 - y)*beta*z_2*(1 - z_2)*alpha_2*z_1*(1 - z_1)*x";
question("quiz2-beta", "Quiz 2 (scalar): dy/dβ", QUIZ2, "beta", [
  ok("ascii", DQ2_BETA),
  bad("ascii", "z_2", "z_2", "missing σ′ factor"),
  ok("latex", L`y(1-y)\,z_2`, DQ2_BETA),
  ok("latex", L`\sigma(\beta z_2)\left(1-\sigma(\beta z_2)\right)z_2`, DQ2_BETA),
  bad("latex", L`y(1-y)\,\beta`, "y*(1 - y)*beta", "wrong factor"),
  ok("unicode", "y(1 − y)·z₂", DQ2_BETA),
  bad("unicode", "y(1 − y)", "y*(1 - y)", "missing chain factor"),
  ok("lecture", "y(1-y)*z_2", DQ2_BETA),
]);

question("quiz2-alpha2", "Quiz 2 (scalar): dy/dα₂", QUIZ2, "alpha_2", [
  ok("ascii", DQ2_A2),
  bad("ascii", "y*(1 - y)*beta*z_1", "y*(1 - y)*beta*z_1", "missing σ′ factor"),
  ok("latex", L`y(1-y)\,\beta\, z_2(1-z_2)\, z_1`, DQ2_A2),
  bad("latex", L`y(1-y)\,z_2(1-z_2)\,z_1`, "y*(1 - y)*z_2*(1 - z_2)*z_1", "missing chain factor"),
  ok("unicode", "y(1 − y)·β·z₂(1 − z₂)·z₁", DQ2_A2),
  bad("unicode", "y(1 − y)·β·z₂(1 − z₂)·x", "y*(1 - y)*beta*z_2*(1 - z_2)*x", "wrong input"),
  ok("lecture", "y(1-y)*beta*z_2(1-z_2)*z_1", DQ2_A2),
  bad("lecture", "y(1-y)*beta*z_2(1-z_2)", "y*(1 - y)*beta*z_2*(1 - z_2)", "missing chain factor"),
]);

question("quiz2-alpha1", "Quiz 2 (scalar): dy/dα₁", QUIZ2, "alpha_1", [
  ok("ascii", DQ2_A1),
  bad("ascii", "y*(1 - y)*beta*z_2*(1 - z_2)*alpha_2*z_1*(1 - z_1)", "y*(1 - y)*beta*z_2*(1 - z_2)*alpha_2*z_1*(1 - z_1)", "missing chain factor"),
  ok("latex", L`y(1-y)\,\beta\,z_2(1-z_2)\,\alpha_2\,z_1(1-z_1)\,x`, DQ2_A1),
  ok("latex", L`$x\,\alpha_{2}\beta\;y(1-y)\;z_{2}(1-z_{2})\;z_{1}(1-z_{1})$`, DQ2_A1),
  bad("latex", L`y(1-y)\,\beta\,\alpha_2\,z_1(1-z_1)\,x`, "y*(1 - y)*beta*alpha_2*z_1*(1 - z_1)*x", "missing σ′ factor"),
  bad("latex", L`y(1-y)\,z_2(1-z_2)\,z_1(1-z_1)\,x`, "y*(1 - y)*z_2*(1 - z_2)*z_1*(1 - z_1)*x", "missing chain factor"),
  ok("unicode", "y(1 − y)·β·z₂(1 − z₂)·α₂·z₁(1 − z₁)·x", DQ2_A1),
  bad("unicode", "y(1 − y)·β·z₂(1 − z₂)·α₂·x", "y*(1 - y)*beta*z_2*(1 - z_2)*alpha_2*x", "missing σ′ factor"),
  ok("lecture", "y(1-y)*beta*z_2(1-z_2)*alpha_2*z_1(1-z_1)*x", DQ2_A1),
  bad("lecture", "y(1-y)*beta*z_2(1-z_2)*alpha_2*z_1(1+z_1)*x", "y*(1 - y)*beta*z_2*(1 - z_2)*alpha_2*z_1*(1 + z_1)*x", "wrong sign"),
]);

// The same network with the lecture's ASCII names (z1, alpha1), as students type it.
const QUIZ2_ASCII = "z1 = sigmoid(alpha1*x); z2 = sigmoid(alpha2*z1); y = sigmoid(beta*z2); y";
question("quiz2-ascii", "Quiz 2 (scalar, ASCII names): dy/dα1", QUIZ2_ASCII, "alpha1", [
  ok("ascii", "y*(1-y)*beta*z2*(1-z2)*alpha2*z1*(1-z1)*x"),
  bad("ascii", "y*(1-y)*beta*alpha2*x", "y*(1-y)*beta*alpha2*x", "missing σ′ factor"),
  ok("lecture", "y(1-y)*beta*z2(1-z2)*alpha2*z1(1-z1)*x", "y*(1-y)*beta*z2*(1-z2)*alpha2*z1*(1-z1)*x"),
  ok("lecture", "y(1-y) beta z2(1-z2) alpha2 z1(1-z1) x", "y*(1-y)*beta*z2*(1-z2)*alpha2*z1*(1-z1)*x"),
  bad("lecture", "y(1-y)*beta*z2(1-z2)*alpha2*z1(1-z1)", "y*(1-y)*beta*z2*(1-z2)*alpha2*z1*(1-z1)", "missing chain factor"),
  bad("lecture", "y(1-y)*beta*z2(1-z2)*z1(1-z1)*x", "y*(1-y)*beta*z2*(1-z2)*z1*(1-z1)*x", "missing chain factor"),
]);

// ---------------------------------------------------------------------------------------------
// Chain-rule products and the rules behind them.
question("chain-sin", "chain rule: d/dx sin(x²)", "sin(x^2)", "x", [
  ok("ascii", "2*x*cos(x^2)"),
  bad("ascii", "cos(x^2)", "cos(x^2)", "missing chain factor"),
  ok("latex", L`2x\cos(x^2)`, "2*x*cos(x^2)"),
  ok("latex", L`2x\cos x^2`, "2*x*cos(x^2)"),
  bad("latex", L`\cos(2x)`, "cos(2*x)", "differentiated inside the sine"),
  bad("latex", L`-2x\cos(x^{2})`, "-2*x*cos(x^2)", "wrong sign"),
  ok("unicode", "2x·cos(x²)", "2*x*cos(x^2)"),
  bad("unicode", "cos(x²)", "cos(x^2)", "missing chain factor"),
  ok("lecture", "2x cos x^2", "2*x*cos(x^2)"),
  bad("lecture", "cos x^2", "cos(x^2)", "missing chain factor"),
]);

question("chain-gauss", "chain rule: d/dx exp(−x²)", "exp(-x^2)", "x", [
  ok("ascii", "-2*x*exp(-x^2)"),
  bad("ascii", "exp(-x^2)", "exp(-x^2)", "missing chain factor"),
  ok("latex", L`-2x e^{-x^2}`, "-2*x*exp(-x^2)"),
  ok("latex", L`-2x\exp\left(-x^{2}\right)`, "-2*x*exp(-x^2)"),
  bad("latex", L`2x e^{-x^2}`, "2*x*exp(-x^2)", "wrong sign"),
  bad("latex", L`-x^2 e^{-x^2-1}`, "-x^2*exp(-x^2 - 1)", "power rule on the exponential"),
  ok("unicode", "−2x·e^(−x²)", "-2*x*exp(-x^2)"),
  bad("unicode", "e^(−x²)", "exp(-x^2)", "missing chain factor"),
]);

question("chain-log", "chain rule: d/dx ln(1 + x²)", "log(1 + x^2)", "x", [
  ok("ascii", "2*x/(1 + x^2)"),
  bad("ascii", "1/(1 + x^2)", "1/(1 + x^2)", "missing chain factor"),
  ok("latex", L`\frac{2x}{1+x^2}`, "2*x/(1 + x^2)"),
  ok("latex", L`\tfrac{2x}{x^2+1}`, "2*x/(1 + x^2)"),
  bad("latex", L`\frac{1}{1+x^2}`, "1/(1 + x^2)", "missing chain factor"),
  bad("latex", L`\frac{2x}{(1+x^2)^2}`, "2*x/(1 + x^2)^2", "extra square"),
  ok("unicode", "2x/(1 + x²)", "2*x/(1 + x^2)"),
  bad("unicode", "1/(2·x)", "1/(2*x)", "reciprocal of the inner derivative"),
  ok("ascii", "2x/(1 + x^2)"),
]);

question("chain-lnsq", "chain rule: d/dx ln(x²)", "log(x^2)", "x", [
  ok("ascii", "2/x"),
  bad("ascii", "1/x^2", "1/x^2", "missing chain factor"),
  ok("latex", L`\frac{2}{x}`, "2/x"),
  bad("latex", L`\frac{1}{x^2}`, "1/x^2", "missing chain factor"),
  ok("unicode", "2x/x²", "2/x"),
  bad("unicode", "2x·ln(x²)", "2*x*log(x^2)", "product for chain"),
  bad("ascii", "1/x", "1/x", "missing chain factor"),
  ok("ascii", "2x/x^2"),
  bad("ascii", "1/x^2 * 2", "1/x^2 * 2", "missing chain factor"),
]);

question("chain-sqrt", "chain rule: d/dx √(1 + x²)", "sqrt(1 + x^2)", "x", [
  ok("ascii", "x/sqrt(1 + x^2)"),
  bad("ascii", "1/(2*sqrt(1 + x^2))", "1/(2*sqrt(1 + x^2))", "missing chain factor"),
  ok("latex", L`\frac{x}{\sqrt{1+x^2}}`, "x/sqrt(1 + x^2)"),
  ok("latex", L`\frac{2x}{2\sqrt{x^{2}+1}}`, "x/sqrt(1 + x^2)"),
  bad("latex", L`\frac{2x}{\sqrt{1+x^2}}`, "2*x/sqrt(1 + x^2)", "dropped ½"),
  bad("latex", L`\frac{1}{2\sqrt{1+x^2}}`, "1/(2*sqrt(1 + x^2))", "missing chain factor"),
  ok("unicode", "x/√(1 + x²)", "x/sqrt(1 + x^2)"),
  bad("unicode", "x·√(1 + x²)", "x*sqrt(1 + x^2)", "product for chain"),
]);

question("root", "power rule: d/dx √x", "sqrt(x)", "x", [
  ok("ascii", "1/(2*sqrt(x))"),
  ok("ascii", "0.5*x^(-0.5)"),
  bad("ascii", "1/sqrt(x)", "1/sqrt(x)", "dropped ½"),
  ok("latex", L`\frac{1}{2\sqrt{x}}`, "1/(2*sqrt(x))"),
  ok("latex", L`\frac{1}{2}x^{-1/2}`, "1/(2*sqrt(x))"),
  bad("latex", L`\frac{1}{2}\sqrt{x}`, "0.5*sqrt(x)", "power rule without lowering the power"),
  bad("latex", L`\frac{1}{\sqrt{x}}`, "1/sqrt(x)", "dropped ½"),
  ok("unicode", "1/(2√x)", "1/(2*sqrt(x))"),
  ok("unicode", "½·x^(−½)", "1/(2*sqrt(x))"),
  bad("unicode", "½√x", "0.5*sqrt(x)", "power rule without lowering the power"),
  bad("unicode", "1/√x", "1/sqrt(x)", "dropped ½"),
]);

question("cbrt", "power rule: d/dx ∛x", "cbrt(x)", "x", [
  ok("latex", L`\frac{1}{3\sqrt[3]{x^2}}`, "1/(3*cbrt(x)^2)"),
  bad("latex", L`\frac{1}{3\sqrt[3]{x}}`, "1/(3*cbrt(x))", "wrong power"),
  ok("unicode", "1/(3∛(x²))", "1/(3*cbrt(x)^2)"),
  bad("unicode", "∛x/3", "cbrt(x)/3", "power rule without lowering the power"),
]);

question("product", "product rule: d/dx x² sin x", "x^2*sin(x)", "x", [
  ok("ascii", "2*x*sin(x) + x^2*cos(x)"),
  bad("ascii", "2*x*cos(x)", "2*x*cos(x)", "product of derivatives"),
  ok("latex", L`2x\sin x + x^2\cos x`, "2*x*sin(x) + x^2*cos(x)"),
  ok("latex", L`x\left(2\sin x + x\cos x\right)`, "2*x*sin(x) + x^2*cos(x)"),
  bad("latex", L`2x\sin x - x^2\cos x`, "2*x*sin(x) - x^2*cos(x)", "wrong sign"),
  bad("latex", L`x^2\cos x`, "x^2*cos(x)", "missing term"),
  ok("unicode", "2x·sin x + x²·cos x", "2*x*sin(x) + x^2*cos(x)"),
  bad("unicode", "2x·cos x", "2*x*cos(x)", "product of derivatives"),
  ok("lecture", "2x sin x + x^2 cos x", "2*x*sin(x) + x^2*cos(x)"),
  bad("lecture", "2x sin x", "2*x*sin(x)", "missing term"),
]);

question("quotient", "quotient rule: d/dx x/(1 + x²)", "x/(1 + x^2)", "x", [
  ok("ascii", "(1 - x^2)/(1 + x^2)^2"),
  bad("ascii", "(x^2 - 1)/(1 + x^2)^2", "(x^2 - 1)/(1 + x^2)^2", "quotient rule sign"),
  ok("latex", L`\frac{1-x^2}{(1+x^2)^2}`, "(1 - x^2)/(1 + x^2)^2"),
  ok("latex", L`\dfrac{(1+x^2) - 2x^2}{\left(1+x^2\right)^2}`, "(1 - x^2)/(1 + x^2)^2"),
  bad("latex", L`\frac{1}{2x}`, "1/(2*x)", "quotient of derivatives"),
  bad("latex", L`\frac{1-x^2}{1+x^2}`, "(1 - x^2)/(1 + x^2)", "missing square"),
  ok("unicode", "(1 − x²)/(1 + x²)²", "(1 - x^2)/(1 + x^2)^2"),
  bad("unicode", "(x² − 1)/(1 + x²)²", "(x^2 - 1)/(1 + x^2)^2", "quotient rule sign"),
]);

question("xexp", "product rule: d/dx x e^{−x}", "x*exp(-x)", "x", [
  ok("ascii", "exp(-x)*(1 - x)"),
  bad("ascii", "exp(-x)*(1 + x)", "exp(-x)*(1 + x)", "wrong sign"),
  ok("latex", L`(1-x)e^{-x}`, "exp(-x)*(1 - x)"),
  ok("latex", L`e^{-x} - x e^{-x}`, "exp(-x)*(1 - x)"),
  bad("latex", L`-xe^{-x}`, "-x*exp(-x)", "missing term"),
  ok("unicode", "(1 − x)·e⁻ˣ", "exp(-x)*(1 - x)"),
  bad("unicode", "e⁻ˣ(1 + x)", "exp(-x)*(1 + x)", "wrong sign"),
  bad("ascii", "-exp(-x)", "-exp(-x)", "missing term"),
]);

question("cos2", "chain rule: d/dx cos²x", "cos(x)^2", "x", [
  ok("ascii", "-2*sin(x)*cos(x)"),
  bad("ascii", "2*cos(x)", "2*cos(x)", "missing chain factor"),
  ok("latex", L`-2\sin x\cos x`, "-2*sin(x)*cos(x)"),
  ok("latex", L`-\sin 2x`, "-sin(2*x)"),
  bad("latex", L`2\sin x\cos x`, "2*sin(x)*cos(x)", "wrong sign"),
  bad("latex", L`-2\sin x`, "-2*sin(x)", "missing chain factor"),
  ok("unicode", "−2·sin x·cos x", "-2*sin(x)*cos(x)"),
  bad("unicode", "2·cos x", "2*cos(x)", "missing chain factor"),
  ok("lecture", "-2 sin x cos x", "-2*sin(x)*cos(x)"),
  bad("lecture", "2 sin x cos x", "2*sin(x)*cos(x)", "wrong sign"),
]);

question("pi", "constant factor: d/dx πx²", "pi*x^2", "x", [
  ok("ascii", "2*pi*x"),
  bad("ascii", "2*x", "2*x", "dropped the constant"),
  ok("latex", L`2\pi x`, "2*pi*x"),
  bad("latex", L`\pi x`, "pi*x", "power rule without its factor"),
  ok("unicode", "2πx", "2*pi*x"),
  bad("unicode", "2π", "2*pi", "dropped x"),
]);

question("abs", "absolute value: d/dx |x|", "abs(x)", "x", [
  ok("ascii", "sign(x)"),
  bad("ascii", "1", "1", "missing sign"),
  ok("latex", L`\frac{x}{|x|}`, "x/abs(x)"),
  ok("latex", L`\operatorname{sgn}(x)`, "sign(x)"),
  bad("latex", L`\frac{|x|}{x^2}`, "abs(x)/x^2", "wrong power"),
  ok("lecture", "x/|x|", "x/abs(x)"),
  ok("unicode", "x/√(x²)", "x/abs(x)"),
  bad("lecture", "|x|", "abs(x)", "answer is the function itself"),
  bad("unicode", "√(x²)", "abs(x)", "answer is the function itself"),
  ok("lecture", "|x|/x", "abs(x)/x"),
  bad("lecture", "-|x|/x", "-abs(x)/x", "wrong sign"),
]);

question("logsig", "log-sigmoid: d/dx ln σ(x)", "log(sigmoid(x))", "x", [
  ok("ascii", "1 - sigmoid(x)"),
  bad("ascii", "1/sigmoid(x)", "1/sigmoid(x)", "missing σ′ factor"),
  ok("latex", L`1-\sigma(x)`, "1 - sigmoid(x)"),
  ok("latex", L`\frac{\sigma(x)(1-\sigma(x))}{\sigma(x)}`, "1 - sigmoid(x)"),
  ok("latex", L`\frac{e^{-x}}{1+e^{-x}}`, "1 - sigmoid(x)"),
  bad("latex", L`\frac{1}{\sigma(x)}`, "1/sigmoid(x)", "missing σ′ factor"),
  bad("latex", L`\sigma(x)`, "sigmoid(x)", "wrong sign"),
  ok("unicode", "1 − σ(x)", "1 - sigmoid(x)"),
  ok("unicode", "σ(−x)", "1 - sigmoid(x)"),
  bad("unicode", "1/σ(x)", "1/sigmoid(x)", "missing σ′ factor"),
  bad("unicode", "σ(x)(1 − σ(x))", "sigmoid(x)*(1 - sigmoid(x))", "missing 1/u factor"),
  ok("lecture", "1 - sigma(x)", "1 - sigmoid(x)"),
  bad("lecture", "sigma(x) - 1", "sigmoid(x) - 1", "wrong sign"),
]);

question("log1msig", "log of 1 − σ: d/dx ln(1 − σ(x))", "log(1 - sigmoid(x))", "x", [
  ok("ascii", "-sigmoid(x)"),
  bad("ascii", "sigmoid(x)", "sigmoid(x)", "missing chain factor"),
  ok("latex", L`-\sigma(x)`, "-sigmoid(x)"),
  ok("latex", L`\frac{-\sigma(x)(1-\sigma(x))}{1-\sigma(x)}`, "-sigmoid(x)"),
  bad("latex", L`\frac{1}{1-\sigma(x)}`, "1/(1 - sigmoid(x))", "missing σ′ factor"),
  bad("latex", L`-\frac{1}{1-\sigma(x)}`, "-1/(1 - sigmoid(x))", "missing σ′ factor"),
  ok("unicode", "−σ(x)", "-sigmoid(x)"),
  bad("unicode", "σ(x)", "sigmoid(x)", "missing chain factor"),
  ok("lecture", "-sigma(x)", "-sigmoid(x)"),
  bad("lecture", "sigma(x) - 1", "sigmoid(x) - 1", "wrong term"),
]);

question("sigsq", "chain rule: d/dx σ(x)²", "sigmoid(x)^2", "x", [
  ok("ascii", "2*sigmoid(x)^2*(1 - sigmoid(x))"),
  bad("ascii", "2*sigmoid(x)", "2*sigmoid(x)", "missing σ′ factor"),
  ok("latex", L`2\sigma^2(x)\left(1-\sigma(x)\right)`, "2*sigmoid(x)^2*(1 - sigmoid(x))"),
  ok("latex", L`2\sigma(x)\cdot\sigma(x)(1-\sigma(x))`, "2*sigmoid(x)^2*(1 - sigmoid(x))"),
  bad("latex", L`2\sigma(x)(1-\sigma(x))`, "2*sigmoid(x)*(1 - sigmoid(x))", "missing factor σ"),
  bad("latex", L`2\sigma(x)`, "2*sigmoid(x)", "missing σ′ factor"),
  ok("unicode", "2σ(x)²(1 − σ(x))", "2*sigmoid(x)^2*(1 - sigmoid(x))"),
  bad("unicode", "2σ(x)(1 − σ(x))", "2*sigmoid(x)*(1 - sigmoid(x))", "missing factor σ"),
]);

question("tanh-sq", "chain rule: d/dx tanh(x²)", "tanh(x^2)", "x", [
  ok("ascii", "2*x*(1 - tanh(x^2)^2)"),
  bad("ascii", "1 - tanh(x^2)^2", "1 - tanh(x^2)^2", "missing chain factor"),
  ok("latex", L`2x\operatorname{sech}^2(x^2)`, "2*x*(1 - tanh(x^2)^2)"),
  ok("latex", L`2x\left(1-\tanh^{2}(x^{2})\right)`, "2*x*(1 - tanh(x^2)^2)"),
  bad("latex", L`2x\left(1-\tanh^2 x\right)`, "2*x*(1 - tanh(x)^2)", "wrong argument"),
  bad("latex", L`\operatorname{sech}^2(x^2)`, "sech(x^2)^2", "missing chain factor"),
  ok("unicode", "2x·sech²(x²)", "2*x*(1 - tanh(x^2)^2)"),
  bad("unicode", "2x·(1 − tanh(x²))", "2*x*(1 - tanh(x^2))", "missing square"),
  ok("lecture", "2x(1 - tanh^2(x^2))", "2*x*(1 - tanh(x^2)^2)"),
  bad("lecture", "2x(1 - tanh^2 x)", "2*x*(1 - tanh(x)^2)", "wrong argument"),
]);

question("expsin", "chain rule: d/dx e^{sin x}", "exp(sin(x))", "x", [
  ok("ascii", "cos(x)*exp(sin(x))"),
  bad("ascii", "exp(sin(x))", "exp(sin(x))", "missing chain factor"),
  ok("latex", L`\cos x\, e^{\sin x}`, "cos(x)*exp(sin(x))"),
  ok("latex", L`e^{\sin(x)}\cos(x)`, "cos(x)*exp(sin(x))"),
  bad("latex", L`e^{\cos x}`, "exp(cos(x))", "differentiated the exponent only"),
  bad("latex", L`e^{\sin x}`, "exp(sin(x))", "missing chain factor"),
  ok("unicode", "cos(x)·e^(sin x)", "cos(x)*exp(sin(x))"),
  bad("unicode", "sin(x)·e^(sin x)", "sin(x)*exp(sin(x))", "derivative of sin"),
  ok("lecture", "cos x * exp(sin x)", "cos(x)*exp(sin(x))"),
  bad("lecture", "exp(sin x)", "exp(sin(x))", "missing chain factor"),
]);

// A few vector (typed) answers: the norm and a sigmoid unit over vectors.
question("norm", "norm: ∇ₓ ‖x‖, x ∈ ℝ³", "x: R^3; norm2(x)", "x", [
  ok("ascii", "x/norm2(x)"),
  bad("ascii", "2*x", "2*x", "gradient of the squared norm"),
  ok("latex", L`\frac{\mathbf{x}}{\|\mathbf{x}\|}`, "x/norm2(x)"),
  bad("latex", L`2\mathbf{x}`, "2*x", "gradient of the squared norm"),
  bad("latex", L`\frac{\mathbf{x}}{\|\mathbf{x}\|^2}`, "x/norm2(x)^2", "wrong power"),
  ok("unicode", "x/‖x‖", "x/norm2(x)"),
  bad("unicode", "x/‖x‖²", "x/norm2(x)^2", "wrong power"),
  ok("ascii", "x/sqrt(dot(x, x))"),
]);

question("vec-unit", "vector unit: ∇_w σ(wᵀx), w, x ∈ ℝ³", "x: R^3; w: R^3; sigmoid(w'*x)", "w", [
  ok("ascii", "sigmoid(w'*x)*(1 - sigmoid(w'*x))*x"),
  bad("ascii", "sigmoid(w'*x)*(1 - sigmoid(w'*x))*w", "sigmoid(w'*x)*(1 - sigmoid(w'*x))*w", "wrong factor"),
  ok("latex", L`\sigma(\mathbf{w}^\top\mathbf{x})\left(1-\sigma(\mathbf{w}^\top\mathbf{x})\right)\mathbf{x}`, "sigmoid(w'*x)*(1 - sigmoid(w'*x))*x"),
  ok("latex", L`\sigma(\mathbf{w}^T\mathbf{x})\,\sigma(-\mathbf{w}^T\mathbf{x})\,\mathbf{x}`, "sigmoid(w'*x)*(1 - sigmoid(w'*x))*x"),
  bad("latex", L`\sigma(\mathbf{w}^\top\mathbf{x})\,\mathbf{x}`, "sigmoid(w'*x)*x", "missing σ′ factor"),
  ok("unicode", "σ(wᵀx)(1 − σ(wᵀx))·x", "sigmoid(w'*x)*(1 - sigmoid(w'*x))*x"),
  bad("unicode", "σ(wᵀx)(1 − σ(wᵀx))·w", "sigmoid(w'*x)*(1 - sigmoid(w'*x))*w", "wrong factor"),
  bad("unicode", "σ(wᵀx)·x", "sigmoid(w'*x)*x", "missing σ′ factor"),
]);

/** The corpus, in question order. */
export const studentAnswers: readonly StudentAnswer[] = all;

export const NOTATIONS: readonly Notation[] = ["ascii", "latex", "unicode", "lecture"];
