// The notations the reader accepts beside ASCII, as tables: LaTeX commands, pasted Unicode, Greek
// letters and the lecture's spellings. The lexer (lexer.ts) and its token pass (read-tokens.ts)
// look things up here; what each function is called in LaTeX comes from the op table itself.
import { ALL_OPS } from "../ops/table.js";

/** Greek letters, as LaTeX spells them; each is a name (`\alpha` and `α` are the variable alpha). */
const GREEK_LETTERS: Readonly<Record<string, string>> = {
  α: "alpha", β: "beta", γ: "gamma", δ: "delta", ε: "epsilon", ϵ: "epsilon", ζ: "zeta", η: "eta",
  θ: "theta", ϑ: "theta", ι: "iota", κ: "kappa", λ: "lambda", μ: "mu", ν: "nu", ξ: "xi", ρ: "rho",
  ϱ: "rho", σ: "sigma", ς: "sigma", τ: "tau", υ: "upsilon", φ: "phi", ϕ: "phi", χ: "chi", ψ: "psi",
  ω: "omega", Γ: "Gamma", Δ: "Delta", Θ: "Theta", Λ: "Lambda", Ξ: "Xi", Σ: "Sigma", Υ: "Upsilon",
  Φ: "Phi", Ψ: "Psi", Ω: "Omega",
};

/** Unicode Greek letters (π is the constant pi, read separately). */
export const GREEK_CHARACTERS = Object.keys(GREEK_LETTERS).join("");

/** The ASCII name of a Greek letter typed as Unicode. */
export function greekName(character: string): string | undefined {
  return Object.hasOwn(GREEK_LETTERS, character) ? GREEK_LETTERS[character] : undefined;
}

/** LaTeX's Greek letter commands (`\alpha`, `\varepsilon`), to their ASCII names. */
const GREEK_COMMANDS: ReadonlyMap<string, string> = new Map([
  ...Object.values(GREEK_LETTERS).map((name) => [name, name] as const),
  ["varepsilon", "epsilon"], ["vartheta", "theta"], ["varrho", "rho"], ["varsigma", "sigma"], ["varphi", "phi"],
  ["omicron", "omicron"],
]);

/** The variable a LaTeX command names (`alpha` for `\alpha`), if it is a Greek letter. */
export function greekCommandName(command: string): string | undefined {
  return GREEK_COMMANDS.get(command);
}

/**
 * LaTeX spellings of functions, to the name diffscope calls them by. Built from the op table's own
 * LaTeX (`\sin`, `\ln`, `\sigma`, `\operatorname{ReLU}`), so that everything the printer writes
 * reads back, plus the spellings people type that the printer does not use.
 */
const LATEX_FUNCTIONS: ReadonlyMap<string, string> = (() => {
  const table = new Map<string, string>();
  const placeholder = "\u0000";
  for (const op of ALL_OPS) {
    if (op.print.kind !== "function") continue;
    const latex = op.latex(Array.from({ length: op.arity }, () => placeholder));
    // Only ops written as a command applied to a parenthesised argument list.
    const command = /^(\\[A-Za-z]+|\\operatorname\{[A-Za-z0-9]+\})\\left\(/.exec(latex)?.[1];
    if (command !== undefined && !table.has(command)) table.set(command, op.print.name);
  }
  const extra: Record<string, string> = {
    "\\exp": "exp", "\\ln": "log", "\\log": "log", "\\sqrt": "sqrt", "\\arcsin": "asin", "\\arccos": "acos",
    "\\arctan": "atan", "\\sinh": "sinh", "\\cosh": "cosh", "\\tanh": "tanh", "\\sigma": "sigmoid",
    "\\max": "max", "\\min": "min",
  };
  for (const [command, name] of Object.entries(extra)) if (!table.has(command)) table.set(command, name);
  return table;
})();

/** Function names typed in words (`\operatorname{ReLU}`, `\mathrm{softplus}`, `sigma`), in any case. */
const FUNCTION_WORDS: Readonly<Record<string, string>> = {
  relu: "relu", softplus: "softplus", sigmoid: "sigmoid", sigma: "sigmoid", logistic: "sigmoid",
  sgn: "sign", sign: "sign", arsinh: "asinh", arcosh: "acosh", artanh: "atanh", arcsinh: "asinh",
  arccosh: "acosh", arctanh: "atanh", arcsec: "asec", arccsc: "acsc", arccot: "acot",
};

/** The function a LaTeX command (`\sin`, `\operatorname{ReLU}`) or word names, if any. */
export function latexFunctionName(command: string): string | undefined {
  const direct = LATEX_FUNCTIONS.get(command);
  if (direct !== undefined) return direct;
  const word = /^\\(?:operatorname|mathrm|text|textrm|mathit)\{([A-Za-z0-9]+)\}$/.exec(command)?.[1];
  return word === undefined ? undefined : wordFunctionName(word);
}

/** A function spelled as a word (ReLU, Softplus, sigma): its diffscope name. */
export function wordFunctionName(word: string): string | undefined {
  const lower = word.toLowerCase();
  return Object.hasOwn(FUNCTION_WORDS, lower) ? FUNCTION_WORDS[lower] : undefined;
}

/** LaTeX commands that are operators, to the ASCII operator they mean. */
export const LATEX_OPERATORS: Readonly<Record<string, string>> = {
  "\\cdot": "*", "\\times": "*", "\\ast": "*", "\\div": "/", "\\odot": ".*", "\\circ": ".*", "\\oslash": "./",
};

/** Unicode operators pasted from slides, to the ASCII operator they mean. */
export const UNICODE_OPERATORS: Readonly<Record<string, string>> = {
  "−": "-", "–": "-", "·": "*", "⋅": "*", "×": "*", "∙": "*", "∗": "*", "÷": "/", "⊙": ".*", "∘": ".*", "⊘": "./",
};

/** Vulgar fractions, as numerator/denominator (½ is 1/2). */
export const VULGAR_FRACTIONS: Readonly<Record<string, string>> = {
  "½": "1/2", "⅓": "1/3", "⅔": "2/3", "¼": "1/4", "¾": "3/4", "⅕": "1/5", "⅖": "2/5", "⅗": "3/5", "⅘": "4/5",
  "⅙": "1/6", "⅚": "5/6", "⅛": "1/8", "⅜": "3/8", "⅝": "5/8", "⅞": "7/8",
};

/** Radicals, read as functions of what follows. */
export const RADICALS: Readonly<Record<string, string>> = { "√": "sqrt", "∛": "cbrt" };

/** Superscript characters, to what they stand for (`x²` is x^2, `e⁻ˣ` is e^(-x)). */
export const SUPERSCRIPTS: Readonly<Record<string, string>> = {
  "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9",
  "⁺": "+", "⁻": "-", "⁽": "(", "⁾": ")", "ⁿ": "n", "ⁱ": "i", "ˣ": "x", "ʸ": "y", "ʲ": "j", "ᵏ": "k",
  "ᵃ": "a", "ᵇ": "b", "ᶻ": "z", "ᵗ": "t", "ᵘ": "u", "ᵐ": "m",
};

/** Subscript characters, to what they stand for (`x₁` is x_1, `α₁₂` is alpha_12). */
export const SUBSCRIPTS: Readonly<Record<string, string>> = {
  "₀": "0", "₁": "1", "₂": "2", "₃": "3", "₄": "4", "₅": "5", "₆": "6", "₇": "7", "₈": "8", "₉": "9",
  ᵢ: "i", ⱼ: "j", ₖ: "k", ₗ: "l", ₘ: "m", ₙ: "n", ₒ: "o", ₚ: "p", ᵣ: "r", ₛ: "s", ₜ: "t", ᵤ: "u", ᵥ: "v", ₓ: "x", ₐ: "a", ₑ: "e",
};

/** Why a sum over an index (\\sum_j, Σ_j) is refused where only a backward sheet reads it. */
export const INDEX_SUM_HINT = "sums over an index (\\sum_j) are read in a backward sheet only; write the terms out, or use sum(v) for a declared vector";

/** LaTeX commands that only space or size things, skipped like whitespace. */
export const SPACING_COMMANDS = ["\\,", "\\;", "\\:", "\\!", "\\ ", "\\quad", "\\qquad", "\\displaystyle", "\\textstyle", "\\left", "\\right", "\\big", "\\Big", "\\bigg", "\\Bigg", "\\bigl", "\\bigr", "\\Bigl", "\\Bigr", "\\biggl", "\\biggr", "\\Biggl", "\\Biggr"];

/** What an unknown LaTeX command could have been: the commands the reader knows, in words. */
export const KNOWN_LATEX = "\\frac, \\sqrt, \\cdot, \\times, \\odot, \\left( \\right), \\exp, \\ln, \\log, \\sin … \\tanh, \\sigma, \\operatorname{…}, \\mathrm{…}, \\mathbf{…}, Greek letters (\\alpha, \\beta, …), \\pi, \\top, \\|…\\|";

/** Every LaTeX command name the reader knows, for did-you-mean. */
export function knownLatexCommands(): string[] {
  return [...LATEX_FUNCTIONS.keys(), ...Object.keys(LATEX_OPERATORS), ...[...GREEK_COMMANDS.keys()].map((name) => `\\${name}`), "\\frac", "\\dfrac", "\\tfrac", "\\sqrt", "\\pi", "\\partial", "\\top", "\\mathrm", "\\operatorname", "\\mathbf", "\\boldsymbol", "\\left", "\\right"];
}

/** The ASCII names of LaTeX's Greek letter commands (alpha, varepsilon, …). */
export function greekCommandNames(): string[] {
  return [...GREEK_COMMANDS.keys()];
}
