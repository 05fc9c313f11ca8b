// LaTeX for typed expressions and matrix-form gradients, to paste into lecture notes:
//   \frac{\partial J}{\partial W} = \left(\left(z - t\right) \odot z \odot \left(1 - z\right)\right) x^\top
// Conventions:
// - the matrix product is juxtaposition (`W x`), with a thin space where two words would run
//   together (\mathit{Wout}\,x), and a brace group after a name that a \left( would make a call
//   (W {\left(W x\right)}: read as W(W x), a chain would group wrongly);
// - a product with a scalar on either side (scalar times scalar, scaling) is \cdot, as the
//   scalar LaTeX printer writes products;
// - element-wise product \odot, element-wise division \oslash (division by a scalar is \frac),
//   element-wise power ^{\circ 2}, transpose ^\top; a power of e is {e}^{x} (e^{x} is exp);
// - one-argument functions use the op table's LaTeX (\sigma, \sin, e^{…}); applied to a vector
//   or matrix they mean element by element, as in the lecture's σ(W x);
// - sum(v) is \operatorname{sum}(v); dot(a, b) is the inner product \left\langle a, b \right\rangle
//   (⟨A, B⟩_F for matrices), never a^\top b, which reads back as a matrix product; norm2 is
//   ‖v‖_2 (‖A‖_F for a matrix);
// - ones(n) is \mathbf{1}_{n}, ones(m, n) \mathbf{1}_{m \times n}, s * ones(…) s\,\mathbf{1}_{…},
//   a zero fill \mathbf{0}_{…}; literals are bmatrix (a vector literal is a column);
// - names and numbers are written as src/print/latex.ts writes scalar ones (alpha1 → \alpha1,
//   alpha_1 → \alpha_{1}); every string printed reads back as the same node
//   (test/parse/latex-round-trip.test.ts).
// Parentheses (\left( \right)) follow precedence as in print.ts, except that juxtaposition binds
// tighter than \odot, \oslash and \cdot (so ⊙-chains are parenthesised before a matrix product),
// a signed right operand is parenthesised (a - \left(-b\right), W {\left(-x\right)}), and a base
// under ^\top or ^{…} is parenthesised unless it is a name, a number, a literal, ones or a norm
// (no double superscripts: \left(x^\top\right)^{\circ 2}).
import { num, variable } from "../ast/expr.js";
import { getOp } from "../ops/table.js";
import { printLatex } from "../print/latex.js";
import { gradientPrintout, type PrintGradientOptions } from "./derivative.js";
import type { PrintNames } from "./print.js";
import type { TypedProgram } from "./program.js";
import { colsOf, isScalar, rowsOf, type Shape } from "./shape.js";
import { getTypedOp } from "./ops/table.js";
import type { PrintLevel } from "./ops/types.js";
import type { TExpr } from "./texpr.js";

// Binding strength as printed, loosest first.
const SUM = 1;
/** \cdot, \odot, \oslash and s\,\mathbf{1}. */
const PRODUCT = 2;
/** Juxtaposition: the matrix product. */
const MATMUL = 3;
const UNARY = 4;
const POWER = 5;
const POSTFIX = 6;
const ATOM = 7;

/** The table's print levels as this printer's binding strengths, and back. */
const LATEX_LEVELS: Readonly<Record<PrintLevel, number>> = { sum: SUM, product: PRODUCT, matmul: MATMUL, unary: UNARY, power: POWER, postfix: POSTFIX, atom: ATOM };
const LEVEL_OF: readonly PrintLevel[] = ["atom", "sum", "product", "matmul", "unary", "power", "postfix", "atom"];

/** A variable's (or a named quantity's) LaTeX, as the scalar printer writes it: alpha1 → \alpha_{1}, ystar → \mathit{ystar}. */
export function latexName(name: string): string {
  return printLatex(variable(name));
}

function latexNumber(value: number): string {
  return printLatex(num(value));
}

const paren = (s: string) => `\\left(${s}\\right)`;

/** Whether LaTeX ends in something read as a name (x, x1, \mathit{Wout}, z_{1}, \alpha), which a ( after it would call. */
const endsInName = (text: string): boolean => /(?:[A-Za-z0-9]|\})$/.test(text) && !/\\(?:top|end\{bmatrix\})$/.test(text);

/** e^{x} is read as exp(x), so a power of e is written {e}^{x}. */
const isConstant = (node: TExpr, name: string): boolean => node.kind === "map" && node.op === name && node.args.length === 0;

/** An exponent's text: a lone T would read as a transpose (x^{T}), so it keeps a brace of its own. */
const superscript = (text: string): string => (text === "T" ? "{T}" : text);

const isNumber = (node: TExpr, value: number): boolean => node.kind === "num" && Object.is(node.value, value);

/** LaTeX for a typed expression; nodes in `names` (other than the root) print as their names. */
export function printTypedLatex(node: TExpr, names: PrintNames = new Map()): string {
  return new LatexPrinter(names).print(node, true);
}

class LatexPrinter {
  private readonly done = new Map<TExpr, string>();

  constructor(private readonly names: PrintNames) {}

  precedence(original: TExpr): number {
    if (this.names.has(original)) return ATOM;
    const node = original;
    switch (node.kind) {
      case "num":
        return node.value < 0 || Object.is(node.value, -0) ? UNARY : ATOM;
      case "map":
        switch (node.op) {
          case "add":
          case "sub":
            return SUM;
          case "mul":
            return PRODUCT;
          case "div":
            return isScalar(node.args[1].shape) ? ATOM : PRODUCT; // \frac{a}{s} is whole
          case "neg":
            return UNARY;
          case "pow":
            return POWER;
          default:
            return ATOM;
        }
      case "call":
        return LATEX_LEVELS[getTypedOp(node.op).latexLevel?.(node) ?? "atom"];
      default:
        return ATOM;
    }
  }

  /**
   * Whether a node can carry ^\top or ^{…} as it is: names, non-negative numbers in plain
   * notation, literals, ones/zeros of a column or matrix, norms and constants. Powers,
   * transposes, e^{x} and function calls (\sigma(x)^2 would read as σ applied to x²), fractions
   * and scientific numbers get parentheses.
   */
  private carriesSuperscript(original: TExpr): boolean {
    if (this.names.has(original)) return true;
    const node = original;
    switch (node.kind) {
      case "var":
      case "literal":
        return true;
      case "num":
        return this.precedence(node) === ATOM && !latexNumber(node.value).includes("\\times");
      case "call":
        return getTypedOp(node.op).latexCarriesSuperscript?.(node) ?? false;
      case "map":
        return getOp(node.op).print.kind === "constant";
      default:
        return false;
    }
  }

  private superscriptBase(node: TExpr): string {
    const text = this.print(node, false);
    return this.carriesSuperscript(node) ? text : paren(text);
  }

  /** The child at `side` of a binary operator of `prec`: parenthesised when looser, equally loose on the right, or signed on the right. */
  private operand(child: TExpr, prec: number, side: "left" | "right"): string {
    const childPrec = this.precedence(child);
    const text = this.print(child, false);
    const signed = side === "right" && text.startsWith("-"); // a - -b, W -x read wrongly
    return childPrec < prec || (childPrec === prec && side === "right") || signed ? paren(text) : text;
  }

  print(node: TExpr, isRoot: boolean): string {
    const name = this.names.get(node);
    if (name !== undefined && !isRoot) return latexName(name);
    const known = this.done.get(node);
    if (known !== undefined) return known;
    const text = this.render(node);
    this.done.set(node, text);
    return text;
  }

  private render(node: TExpr): string {
    switch (node.kind) {
      case "var":
        return latexName(node.name);
      case "num":
        return latexNumber(node.value);
      case "literal":
        return this.literal(node);
      case "call":
        return getTypedOp(node.op).latex(node, {
          operand: (child, level, side) => this.operand(child, LATEX_LEVELS[level], side),
          whole: (child) => this.print(child, false),
          superscriptBase: (child) => this.superscriptBase(child),
          juxtapose: (left, right) => this.juxtapose(left, right),
          level: (child) => LEVEL_OF[this.precedence(child)],
        });
      case "map":
        return this.map(node);
    }
  }

  /**
   * Side by side; with a thin space \, where two words would run together (\mathit{Wout}\,x),
   * and a number on the right in parentheses (W 2 would read as a scaling). \cdot would read as
   * `*`, which binds more loosely than the matrix product. A name before \left( would read as a
   * call, W(x)^\top as (W x)^\top: there the right side is a brace group, W {\left(x\right)^\top}.
   */
  private juxtapose(left: string, right: string): string {
    if (/^[0-9.]/.test(right)) return `${left} ${paren(right)}`;
    if (right.startsWith("\\left(") && endsInName(left)) return `${left} {${right}}`;
    const runsTogether = /\\mathit\{[^{}]*\}$/.test(left) || /^\\mathit\{/.test(right);
    return runsTogether ? `${left}\\,${right}` : `${left} ${right}`;
  }

  private literal(node: Extract<TExpr, { kind: "literal" }>): string {
    // A vector literal is a column (one entry a row); a matrix is row-major.
    const width = node.shape.kind === "matrix" ? colsOf(node.shape) : 1;
    const rows = Array.from({ length: rowsOf(node.shape) }, (_, r) =>
      node.elements.slice(r * width, (r + 1) * width).map((e) => this.print(e, false)).join(" & "),
    );
    return `\\begin{bmatrix} ${rows.join(" \\\\ ")} \\end{bmatrix}`;
  }

  private map(node: Extract<TExpr, { kind: "map" }>): string {
    const [a, b] = node.args;
    const anyScalar = node.args.some((arg) => isScalar(arg.shape));
    const infix = (symbol: string, prec: number) => `${this.operand(a, prec, "left")} ${symbol} ${this.operand(b, prec, "right")}`;
    switch (node.op) {
      case "add":
        return infix("+", SUM);
      case "sub":
        return infix("-", SUM);
      case "mul":
        return infix(anyScalar ? "\\cdot" : "\\odot", PRODUCT);
      case "div":
        return isScalar(b.shape) ? `\\frac{${this.print(a, false)}}{${this.print(b, false)}}` : infix("\\oslash", PRODUCT);
      case "pow":
        // ^{\circ p}: the Hadamard power, element by element
        return `${isConstant(a, "e") ? "{e}" : this.superscriptBase(a)}^{${isScalar(node.shape) ? "" : "\\circ "}${superscript(this.print(b, false))}}`;
      case "neg": {
        const arg = this.precedence(a) <= UNARY ? paren(this.print(a, false)) : this.print(a, false);
        return `-${arg}`;
      }
    }
    // A function of the table (\sigma, \sin, e^{…}, \sqrt{…}); on vectors and matrices it is
    // applied element by element. Arguments sit inside its own delimiters.
    return getOp(node.op).latex(node.args.map((arg) => this.print(arg, false)));
  }
}

export interface PrintGradientLatexOptions extends PrintGradientOptions {
  /** Whether to end with the layout note as \text{…} (default true). */
  readonly layoutNote?: boolean;
}

export const LAYOUT_NOTE_LATEX = "\\text{(denominator layout: each gradient has the shape of its variable)}";

/**
 * The LaTeX twin of printMatrixGradient: the same gradients and the same "where" names, one
 * line per variable, \frac{\partial J}{\partial W} = …, then \text{where } u_{1} = … lines
 * (later ones indented to match), then the layout note.
 */
export function printMatrixGradientLatex(source: TExpr | TypedProgram, options: PrintGradientLatexOptions = {}): string {
  const { gradient, names, definitions, output } = gradientPrintout(source, options);
  const J = latexName(output);
  const lines = [...gradient].map(
    ([name, g]) => `\\frac{\\partial ${J}}{\\partial ${latexName(name)}} = ${names.has(g) ? latexName(names.get(g) as string) : printTypedLatex(g, names)}`,
  );
  const where = definitions.map(
    (d, i) => `${i === 0 ? "\\text{where }" : "\\phantom{\\text{where }}"} ${latexName(d.name)} = ${printTypedLatex(d.expr, names)}`,
  );
  return [...lines, ...where, ...(options.layoutNote === false ? [] : [LAYOUT_NOTE_LATEX])].join("\n");
}
