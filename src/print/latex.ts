// LaTeX writer: the op table supplies each op's notation, this file its parentheses.
import type { Expr } from "../ast/expr.js";
import { PRECEDENCE } from "../ops/arithmetic.js";
import { getOp } from "../ops/table.js";
import { needsParens, precedenceOf, printBottomUp } from "./text.js";

export function printLatex(expr: Expr): string {
  return printBottomUp(expr, renderLatexNode);
}

function latexNumber(value: number): string {
  if (Number.isNaN(value)) return "\\mathrm{NaN}";
  if (!Number.isFinite(value)) return value > 0 ? "\\infty" : "-\\infty";
  if (Object.is(value, -0)) return "-0";
  const text = String(value);
  const m = /^(-?[\d.]+)e([+-]\d+)$/.exec(text);
  return m ? `${m[1]} \\times 10^{${Number(m[2])}}` : text;
}

/**
 * A name as LaTeX that reads back as the same name: alpha_2 → \alpha_{2}, x_j → x_{j}, but
 * x1 → x1 and alpha1 → \alpha1 (x_{1} is read as x_1, a different name), rate → \mathit{rate}.
 */
function latexName(name: string): string {
  // Case-sensitive: LaTeX has \Gamma but no \Alpha (capitals that look Latin have no command).
  const greek =
    /^(alpha|beta|gamma|delta|epsilon|zeta|eta|theta|iota|kappa|lambda|mu|nu|xi|rho|sigma|tau|phi|chi|psi|omega|Gamma|Delta|Theta|Lambda|Xi|Pi|Sigma|Upsilon|Phi|Psi|Omega)(?:_(\w+)|([0-9]+))?$/;
  const g = greek.exec(name);
  if (g) return `\\${g[1]}${g[2] !== undefined ? `_{${g[2]}}` : (g[3] ?? "")}`;
  const sub = /^([A-Za-z][A-Za-z0-9]*)_(\w+)$/.exec(name);
  if (sub) return `${word(sub[1])}_{${sub[2]}}`;
  return word(name);
}

/** A letter and its digits (x, x1) as they are; a longer word upright-italic as one (\mathit{rate}). */
function word(name: string): string {
  return /^[A-Za-z][0-9]*$/.test(name) ? name : `\\mathit{${name.replace(/_/g, "\\_")}}`;
}

const paren = (s: string) => `\\left(${s}\\right)`;

/** One node's LaTeX, given its arguments' LaTeX. */
function renderLatexNode(node: Expr, renderLatex: (child: Expr) => string): string {
  if (node.kind === "num") return latexNumber(node.value);
  if (node.kind === "var") return latexName(node.name);
  const op = getOp(node.op);
  const print = op.print;
  if (print.kind === "infix") {
    const [left, right] = node.args;
    if (node.op === "div") return op.latex([renderLatex(left), renderLatex(right)]);
    if (node.op === "pow") {
      const base = precedenceOf(left) <= PRECEDENCE.power || isFunctionCall(left) || isScientific(left)
        ? paren(renderLatex(left))
        : left.kind === "call" && left.op === "e"
          ? "{e}" // e^{x} is read as exp(x); {e}^{x} is the power
          : renderLatex(left);
      const exponent = renderLatex(right);
      // x^{T} is read as a transpose; x^{{T}} is the power of a variable T.
      return op.latex([base, exponent === "T" ? "{T}" : exponent]);
    }
    const l = needsParens(left, print.prec, print.assoc, "left") ? paren(renderLatex(left)) : renderLatex(left);
    const r = needsParens(right, print.prec, print.assoc, "right") ? paren(renderLatex(right)) : renderLatex(right);
    return op.latex([l, r]);
  }
  if (print.kind === "prefix") {
    const arg = node.args[0];
    // -\left(2\right) is neg(2); -2 would read as the number -2.
    const wrap = precedenceOf(arg) <= print.prec || arg.kind === "num";
    return op.latex([wrap ? paren(renderLatex(arg)) : renderLatex(arg)]);
  }
  return op.latex(node.args.map(renderLatex));
}

/** 1e-7 is written 1 \times 10^{-7}: as a power's base it needs parentheses (no double superscript). */
function isScientific(node: Expr): boolean {
  return node.kind === "num" && latexNumber(node.value).includes("\\times");
}

/** sin(x)^2 must read as (sin x)^2, so function calls as a power's base get parentheses. */
function isFunctionCall(node: Expr): boolean {
  return node.kind === "call" && getOp(node.op).print.kind === "function";
}
