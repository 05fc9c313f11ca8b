// The token pass between moo and the grammar: it turns what the lexer matched in LaTeX, Unicode
// or the lecture's spellings into the tokens the grammar reads, keeping every token's place in
// the source. Names get their canonical spelling in `value` (\alpha_{ji} → alpha_ji, y* → ystar),
// operators their ASCII one (· → *), and a name is told apart from a function applied with or
// without parentheses. Each step looks at most one token back and a few ahead: linear time.
import { CONSTANT_NAMES, functionsNamed } from "../ops/table.js";
import { closestNames, joinWords, ParseError } from "./errors.js";
import type { Token } from "./lexer.js";
import {
  greekCommandName,
  greekName,
  INDEX_SUM_HINT,
  KNOWN_LATEX,
  knownLatexCommands,
  latexFunctionName,
  LATEX_OPERATORS,
  RADICALS,
  SUBSCRIPTS,
  SUPERSCRIPTS,
  UNICODE_OPERATORS,
  VULGAR_FRACTIONS,
  wordFunctionName,
} from "./notation.js";

/** Token types after which an operand is complete (so "|" closes, "-" subtracts). */
export const ENDS_OPERAND: ReadonlySet<string> = new Set(["number", "name", "close", "rangle", "rbracket", "rbrace", "transpose", "absClose", "normClose", "derivative", "fracDigits"]);
/** Token types that start an operand (so a function word before one is applied to it). */
export const STARTS_OPERAND: ReadonlySet<string> = new Set(["number", "name", "functionName", "functionWord", "bareFunction", "open", "lbracket", "lbrace", "frac", "fracDigits", "sqrt", "derivative", "bar", "norm", "absOpen", "normOpen", "langle"]);

/** Tokens that came from a notation other than plain ASCII (LaTeX, Unicode, y*), for "read as". */
const fromNotation = new WeakSet<Token>();

/** Whether `token` was written in LaTeX, Unicode or a lecture spelling rather than ASCII. */
export function isNotation(token: Token): boolean {
  return fromNotation.has(token);
}

/** A token the pass makes (a brace around a superscript), at `at`'s place. */
function synthetic(at: Token, type: string, value: string, offsetInto = 0): Token {
  const token: Token = { ...at, type, value, text: "", offset: at.offset + offsetInto, col: at.col + offsetInto, lineBreaks: 0 };
  fromNotation.add(token);
  return token;
}

const adjacent = (before: Token | undefined, after: Token): boolean => before !== undefined && before.offset + before.text.length === after.offset;

type Lex = (text: string, at: Token) => Token[];

/**
 * Reads the lexer's tokens (whitespace already dropped) into the grammar's tokens. `lex` lexes a
 * piece of ASCII (a superscript's meaning) as if it stood at a token's place.
 */
export function readTokens(raw: readonly Token[], source: string, lex: Lex): Token[] {
  return resolveContext(classify(raw, source, lex));
}

function classify(raw: readonly Token[], source: string, lex: Lex): Token[] {
  const out: Token[] = [];
  const fail = (token: Token, reason: string, hint?: string): never => {
    throw new ParseError({ reason, at: { offset: token.offset, line: token.line, column: token.col }, offending: token.text, hint }, source);
  };
  const notation = (token: Token, type: string, value: string): void => {
    token.type = type;
    token.value = value;
    fromNotation.add(token);
    out.push(token);
  };
  for (const token of raw) {
    const previous = out[out.length - 1];
    switch (token.type) {
      case "spacing":
        continue;
      case "latexCommand":
        // x^{\circ 2}: the element-wise power.
        if (token.text === "\\circ" && previous?.type === "lbrace" && out[out.length - 2]?.type === "power") {
          out[out.length - 2].value = ".^";
          fromNotation.add(out[out.length - 2]);
          continue;
        }
        classifyCommand(token, notation, fail);
        continue;
      case "wrapped":
        classifyWrapped(token, notation);
        continue;
      case "derivative":
        notation(token, "derivative", derivativeValue(token, source, lex));
        continue;
      case "indexSum":
        // The index letter; the bounds stay in the text (syntax.ts keeps them on the node).
        notation(token, "indexSum", (/_\s*\{?\s*([A-Za-z])/.exec(token.text) as RegExpExecArray)[1]);
        continue;
      case "fracDigits": {
        const digits = VULGAR_FRACTIONS[token.text] ?? token.text.replace(/\s+/g, "").slice(-2).split("").join("/");
        notation(token, "fracDigits", digits);
        continue;
      }
      case "filled":
        out.push(...filledTokens(token));
        continue;
      case "langle":
      case "rangle":
      case "lbracket":
      case "rbracket":
      case "comma":
      case "semicolon":
      case "open":
      case "close":
        if (token.text.length > 1 || token.text === "&") fromNotation.add(token);
        out.push(token);
        continue;
      case "rbrace":
        out.push(token);
        foldScientific(out);
        continue;
      case "greek":
        notation(token, "name", greekName(token.text) as string);
        continue;
      case "pi":
        notation(token, "name", "pi");
        continue;
      case "radical":
        notation(token, "bareFunction", RADICALS[token.text]);
        continue;
      case "star":
        if (previous?.type !== "name" || CONSTANT_NAMES.includes(previous.value)) fail(token, `${token.text} marks a target and goes right after a name`, "write y^* or y* for the target y*");
        previous.value += "star";
        previous.text = source.slice(previous.offset, token.offset + token.text.length);
        fromNotation.add(previous);
        continue;
      case "postfixStar":
        if (previous?.type === "name" && adjacent(previous, token) && !CONSTANT_NAMES.includes(previous.value)) {
          previous.value += "star";
          previous.text += token.text;
          fromNotation.add(previous);
        } else {
          token.type = "times";
          out.push(token);
        }
        continue;
      case "transpose":
        // ' and ^T are the typed syntax's own transposes; ᵀ, ^\top and ^{T} are notation.
        if (token.text !== "'" && !/^\^\s*T$/.test(token.text)) fromNotation.add(token);
        out.push(token);
        continue;
      case "subscript":
        attachSubscript(previous, token, subscriptText(token.text), fail);
        continue;
      case "superscript":
        out.push(synthetic(token, "power", "^"), synthetic(token, "lbrace", "{"));
        for (const inner of lex([...token.text].map((c) => SUPERSCRIPTS[c]).join(""), token)) {
          fromNotation.add(inner);
          out.push(...classify([inner], source, lex));
        }
        out.push(synthetic(token, "rbrace", "}", token.text.length));
        fromNotation.add(token);
        continue;
      case "name":
        // \alpha_j, \log_2, ‖x‖_2: a "_…" right after a LaTeX name is its subscript.
        if (token.text.startsWith("_") && previous !== undefined && adjacent(previous, token) && takesSubscript(previous)) {
          attachSubscript(previous, token, token.text.slice(1), fail);
          continue;
        }
        out.push(token);
        continue;
      case "number":
        // \alpha1 and α1 are names, as x1 is.
        // (\sigma1 too: the name sigma1, never the sigmoid of 1.)
        if (/^[0-9]+$/.test(token.text) && (previous?.type === "name" || (previous?.type === "functionWord" && previous.value === "sigma" && previous.text.startsWith("\\"))) && isNotation(previous) && adjacent(previous, token) && /[A-Za-z]$/.test(previous.value)) {
          previous.type = "name";
          previous.value += token.text;
          previous.text += token.text;
          continue;
        }
        out.push(token);
        continue;
      case "minus":
      case "times":
      case "divide":
        if (Object.hasOwn(UNICODE_OPERATORS, token.text)) {
          notation(token, token.type, UNICODE_OPERATORS[token.text]);
          continue;
        }
        out.push(token);
        continue;
      default:
        out.push(token);
    }
  }
  return out;
}

/**
 * `1.5 \times 10^{-7}` (how the LaTeX printer writes a small or large number) is the number
 * 1.5e-7, one literal: folded when its closing brace arrives.
 */
function foldScientific(out: Token[]): void {
  const n = out.length;
  const signed = out[n - 3]?.type === "minus" || out[n - 3]?.type === "plus";
  const at = n - (signed ? 8 : 7);
  const [mantissa, times, ten, power, open] = out.slice(at, at + 5);
  const exponent = out[n - 2];
  if (at < 0 || mantissa.type !== "number" || times.text !== "\\times" || ten.text !== "10" || power.value !== "^" || open.type !== "lbrace" || exponent.type !== "number" || !/^[0-9]+$/.test(exponent.text)) return;
  const sign = signed && out[n - 3].value === "-" ? "-" : "";
  mantissa.value = String(Number(`${mantissa.value}e${sign}${exponent.text}`));
  mantissa.text = mantissa.text + out.slice(at + 1).map((t) => t.text).join("");
  fromNotation.add(mantissa);
  out.length = at + 1;
}

/**
 * `\mathbf{1}_{m \times n}` as the tokens of ones(m, n), `\mathbf{0}_{n}` as those of (0 ones(n)),
 * all at the token's place.
 */
function filledTokens(token: Token): Token[] {
  const sizes = (/_\s*\{(.*)\}$/.exec(token.text)?.[1] as string).split(/\\times|×|x/).map((size) => size.trim());
  const ones = [synthetic(token, "functionName", "ones"), synthetic(token, "open", "(")];
  sizes.forEach((size, i) => ones.push(...(i > 0 ? [synthetic(token, "comma", ",")] : []), synthetic(token, "number", size)));
  ones.push(synthetic(token, "close", ")"));
  if (/^\\[A-Za-z]+\s*\{\s*1/.test(token.text)) return ones;
  return [synthetic(token, "open", "("), synthetic(token, "number", "0"), synthetic(token, "times", "*"), ...ones, synthetic(token, "close", ")")];
}

type Notation = (token: Token, type: string, value: string) => void;
type Fail = (token: Token, reason: string, hint?: string) => never;

/** A `\command`: a Greek name, an operator, a function, \frac or \sqrt; anything else is refused. */
function classifyCommand(token: Token, notation: Notation, fail: Fail): void {
  const text = token.text;
  if (text === "\\|" || text === "\\Vert" || text === "\\lVert" || text === "\\rVert") return notation(token, "norm", "‖");
  const command = text.slice(1);
  if (Object.hasOwn(LATEX_OPERATORS, text)) {
    const ascii = LATEX_OPERATORS[text];
    return notation(token, ascii.endsWith("/") ? "divide" : "times", ascii);
  }
  if (command === "frac" || command === "dfrac" || command === "tfrac") return notation(token, "frac", "frac");
  if (command === "sqrt") return notation(token, "sqrt", "sqrt");
  if (command === "pi") return notation(token, "name", "pi");
  const fn = latexFunctionName(text);
  const greek = greekCommandName(command);
  // \sigma is the sigmoid when applied, the variable sigma otherwise (decided with what follows).
  if (fn !== undefined) return notation(token, "functionWord", greek ?? fn);
  if (greek !== undefined) return notation(token, "name", greek);
  const special: Record<string, string> = {
    partial: "\\partial belongs in derivative notation, \\frac{\\partial J}{\\partial u} or \\partial J/\\partial u",
    top: "\\top is a transpose after ^, as in x^\\top",
    intercal: "\\intercal is a transpose after ^, as in x^\\intercal",
    infty: "to write an infinite value, write 1/0",
    sum: `${INDEX_SUM_HINT} (the index is one letter: \\sum_j or \\sum_{j=1}^{n})`,
    mathbb: "\\mathbb{R} belongs in a shape declaration, as in x \\in \\mathbb{R}^3",
    in: "\\in belongs in a shape declaration, as in x \\in \\mathbb{R}^3; end it with ;",
  };
  if (Object.hasOwn(special, command)) fail(token, `${text} cannot be used here`, special[command]);
  const close = closestNames(text, knownLatexCommands());
  fail(token, `unknown LaTeX command ${text}`, `${close.length > 0 ? `did you mean ${joinWords(close)}? ` : ""}known: ${KNOWN_LATEX}`);
}

/** `\mathbf{x}`, `\boldsymbol{\alpha}`, `\operatorname{ReLU}`, `\mathrm{e}`: what the braces hold. */
function classifyWrapped(token: Token, notation: Notation): void {
  const wrapper = /^\\([A-Za-z]+)/.exec(token.text)?.[1] as string;
  const inner = (/\{\s*(.*?)\s*\}$/.exec(token.text)?.[1] as string).replace(/\\_/g, "_");
  if (inner.startsWith("\\")) {
    const command = inner.slice(1);
    const greek = greekCommandName(command);
    const fn = latexFunctionName(inner);
    if (greek !== undefined) return notation(token, fn !== undefined ? "functionWord" : "name", greek);
    return notation(token, fn !== undefined ? "functionWord" : "name", fn ?? command);
  }
  const isOperator = wrapper === "operatorname" || wrapper === "mathrm" || wrapper === "text" || wrapper === "textrm";
  // A spelling of the op table's own (\operatorname{H} is heaviside), then a function's name in words.
  const own = wrapper === "operatorname" ? latexFunctionName(`\\operatorname{${inner}}`) : undefined;
  const fn = own ?? (isOperator && inner.length > 1 ? (wordFunctionName(inner) ?? (functionsNamed(inner) !== undefined ? inner : undefined)) : undefined);
  if (fn !== undefined) return notation(token, "functionWord", fn);
  // \operatorname{foo}(x) is a function the build step names (with a did-you-mean).
  notation(token, wrapper === "operatorname" ? "functionWord" : "name", inner);
}

/** What a subscript token holds: `_{j i}` → ji, `_{1,2}` → 1_2, `₁₂` → 12. */
function subscriptText(text: string): string {
  if (text.startsWith("_")) return (/\{(.*)\}$/.exec(text)?.[1] ?? "").trim().replace(/\s*,\s*/g, "_").replace(/\s+/g, "");
  return [...text].map((c) => SUBSCRIPTS[c]).join("");
}

/** Tokens a subscript may follow: names (from any notation), function words (\log_2) and a closing ‖. */
function takesSubscript(token: Token): boolean {
  return (token.type === "name" && isNotation(token)) || token.type === "functionWord" || token.type === "norm" || token.type === "rangle";
}

function attachSubscript(previous: Token | undefined, token: Token, subscript: string, fail: Fail): void {
  if (previous === undefined || !(previous.type === "name" || takesSubscript(previous))) {
    fail(token, `the subscript ${token.text} has no name before it`, "a subscript goes right after a name, as in x_{1} or \\alpha_{ji}");
  }
  if (!/^[A-Za-z0-9_]+$/.test(subscript)) fail(token, `the subscript ${token.text} is not a name's index`, "a subscript holds letters and digits, as in x_{1}, z_j or \\alpha_{ji}");
  if (previous.type === "functionWord" && previous.value === "sigma") previous.type = "name";
  if (previous.type === "functionWord") {
    const byBase: Record<string, string> = { "10": "log10", "2": "log2", e: "log" };
    if (previous.value !== "log" || !Object.hasOwn(byBase, subscript)) fail(token, `${previous.text}${token.text}: a function takes no subscript here`, "for a logarithm to base b, write \\log_{10}, \\log_2 or log(x, b)");
    previous.value = byBase[subscript];
  } else if (previous.type === "rangle") {
    // ⟨A, B⟩_F: the Frobenius inner product is dot's
    if (subscript !== "F") fail(token, `⟨…⟩${token.text}: only the Frobenius inner product ⟨A, B⟩_F is known`, "write ⟨a, b⟩ or ⟨A, B⟩_F");
  } else if (previous.type === "norm") {
    // ‖x‖₂ and ‖A‖_F are the norm diffscope has.
    if (subscript !== "2" && subscript !== "F") fail(token, `‖…‖${token.text}: only the 2-norm (Frobenius for a matrix) is known`, "write ‖x‖ or ‖x‖_2");
  } else {
    previous.value = `${previous.value}_${subscript}`;
  }
  previous.text += token.text;
  fromNotation.add(previous);
}

/**
 * `dJ/du` → "J/u", `\frac{\partial J}{\partial \alpha_{ji}}` → "J/alpha_ji": the two quantities, each
 * named by the rules every name is read by (dtheta_1 is theta_1, \alpha_{j,i} is alpha_j_i).
 */
function derivativeValue(token: Token, source: string, lex: Lex): string {
  return derivativeQuantities(token.text).map((piece) => quantityName(piece, token, source, lex)).join("/");
}

/** A quantity of a derivative token: its text, and where it starts in the token's text. */
interface QuantityPiece {
  readonly text: string;
  readonly at: number;
}

/** The quantities of dJ/du, \frac{dJ}{du} or dJdu, without their d, ∂ or \partial. */
function derivativeQuantities(text: string): [QuantityPiece, QuantityPiece] {
  const frac = /^\\[dt]?frac\s*\{/.exec(text);
  if (frac !== null) {
    const close = outsideBraces(text, "}", frac[0].length);
    return [quantityPiece(text, frac[0].length, close), quantityPiece(text, text.indexOf("{", close) + 1, text.length - 1)];
  }
  const slash = outsideBraces(text, "/", 0);
  // dJdu: the J, then d u.
  if (slash < 0) return [{ text: "J", at: 1 }, quantityPiece(text, 2, text.length)];
  return [quantityPiece(text, 0, slash), quantityPiece(text, slash + 1, text.length)];
}

/** The first `character` of `text` from `from` on that no brace encloses (a subscript's _{a/b} may hold one). */
function outsideBraces(text: string, character: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    if (text[i] === character && depth === 0) return i;
    if (text[i] === "{") depth++;
    if (text[i] === "}") depth--;
  }
  return -1;
}

function quantityPiece(text: string, from: number, end: number): QuantityPiece {
  const part = text.slice(from, end);
  const lead = (/^\s*(?:d|∂|\\partial)\s*/.exec(part) as RegExpExecArray)[0].length;
  return { text: part.slice(lead).trimEnd(), at: from + lead };
}

/** A quantity (u1, z_j, theta_1, \alpha_{ji}, β₁) read as a name, at its place in the source. */
function quantityName(piece: QuantityPiece, token: Token, source: string, lex: Lex): string {
  // The lexer took \theta _1 as one quantity: its spaces join it.
  const text = piece.text.replace(/[ \t]+/g, "");
  const at: Token = { ...token, text, offset: token.offset + piece.at, col: token.col + piece.at };
  const read = classify(lex(text, at), source, lex);
  const [name] = read;
  // \sigma alone is a function word until context decides; as a quantity it is the name sigma.
  if (read.length === 1 && (name.type === "name" || (name.type === "functionWord" && name.value === "sigma"))) return name.value;
  throw new ParseError(
    { reason: `${piece.text} in ${token.text} is not the name of a quantity`, at: { offset: at.offset, line: at.line, column: at.col }, offending: piece.text, hint: "derivative notation names quantities, as in dJ/du_1, dJ/dtheta_1 or \\frac{\\partial J}{\\partial \\alpha_{ji}}" },
    source,
  );
}

/**
 * The second step, with one token of context each way: `|` opens or closes by what precedes it;
 * a function word is a call before "(", applied to what follows otherwise (\sin x, tanh^2 x),
 * and (for ASCII names and \sigma) a name when nothing follows that it could apply to.
 */
function resolveContext(tokens: Token[]): Token[] {
  const bars: ("abs" | "norm")[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const previous = tokens[i - 1];
    const endsOperand = previous !== undefined && ENDS_OPERAND.has(previous.type as string);
    const next = tokens[i + 1];
    if (token.type === "bar" || token.type === "norm") {
      const kind = token.type === "bar" ? "abs" : "norm";
      const closes = endsOperand && bars[bars.length - 1] === kind;
      if (closes) bars.pop();
      else bars.push(kind);
      token.type = `${kind}${closes ? "Close" : "Open"}`;
      continue;
    }
    if (token.type === "sqrt" && tokens[i + 1]?.type !== "lbrace" && tokens[i + 1]?.type !== "lbracket") {
      token.type = "bareFunction";
      continue;
    }
    const isWord = token.type === "functionWord";
    const fn = isWord ? token.value : token.type === "name" ? asciiFunction(token) : undefined;
    if (fn === undefined) {
      // Any name before "(" is written as a call; the build step decides what it calls.
      if (token.type === "name" && next?.type === "open") token.type = "functionName";
      continue;
    }
    if (next?.type === "open") {
      token.type = "functionName";
      token.value = fn === "sigma" ? "sigmoid" : fn;
      // sigma(x), ReLU(x): the lecture's spellings of a function diffscope names otherwise.
      if (!isWord && wordFunctionName(token.text) !== undefined && functionsNamed(token.text) === undefined) fromNotation.add(token);
    } else if (appliesToWhatFollows(tokens, i + 1) && !closesBar(tokens, i + 1, bars)) {
      token.type = "bareFunction";
      token.value = fn === "sigma" ? "sigmoid" : fn;
      fromNotation.add(token);
    } else if (isWord && fn !== "sigma") {
      // A LaTeX function with nothing to apply to: the grammar says what it expected.
      token.type = "bareFunction";
    } else {
      token.type = "name";
    }
  }
  return tokens;
}

/**
 * Whether tokens[at] is a | or ‖ that closes one open before, with no operand after it: in
 * |\sigma| - 1 sigma is a name, in |sigma |x|| it is applied.
 */
function closesBar(tokens: readonly Token[], at: number, bars: readonly ("abs" | "norm")[]): boolean {
  const type = tokens[at]?.type;
  const kind = type === "bar" ? "abs" : type === "norm" ? "norm" : undefined;
  const after = tokens[at + 1]?.type;
  return kind !== undefined && bars[bars.length - 1] === kind && (after === undefined || !STARTS_OPERAND.has(after));
}

/** The function an ASCII name calls (sin, ln, sigma → sigmoid, ReLU → relu), if it is one. */
function asciiFunction(token: Token): string | undefined {
  if (functionsNamed(token.value) !== undefined) return token.value;
  if (token.value === "sigma") return "sigma";
  return wordFunctionName(token.value);
}

/**
 * Whether tokens from `from` are an argument a function applies to: an operand, or a power
 * (tanh^2 x, sin^{2} x) followed by one.
 */
function appliesToWhatFollows(tokens: readonly Token[], from: number): boolean {
  let i = from;
  if (tokens[i]?.type === "power") {
    i++;
    if (tokens[i]?.type === "number") i++;
    else if (tokens[i]?.type === "lbrace" && tokens[i + 1]?.type === "number" && tokens[i + 2]?.type === "rbrace") i += 3;
    else return false;
  }
  // A sign written against the argument: \sin -x, exp −a (as the lecture writes it); with a
  // space after it (sin - x) it is an operator, and the function has no argument.
  if (i === from && (tokens[i]?.type === "minus" || tokens[i]?.type === "plus") && tokens[i + 1] !== undefined && adjacent(tokens[i], tokens[i + 1])) i++;
  const type = tokens[i]?.type;
  return type !== undefined && (STARTS_OPERAND.has(type) || type === "open");
}
