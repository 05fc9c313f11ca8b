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

function latexName(name: string): string {
  // Case-sensitive: LaTeX has \Gamma but no \Alpha (capitals that look Latin have no command).
  const greek =
    /^(alpha|beta|gamma|delta|epsilon|zeta|eta|theta|iota|kappa|lambda|mu|nu|xi|rho|sigma|tau|phi|chi|psi|omega|Gamma|Delta|Theta|Lambda|Xi|Pi|Sigma|Upsilon|Phi|Psi|Omega)(?:_?(\w+))?$/;
  const g = greek.exec(name);
  if (g) return g[2] ? `\\${g[1]}_{${g[2]}}` : `\\${g[1]}`;
  const sub = /^([A-Za-z]+)_?(\d+)$/.exec(name) ?? /^([A-Za-z]+)_(\w+)$/.exec(name);
  if (sub) return `${sub[1].length > 1 ? `\\mathit{${sub[1]}}` : sub[1]}_{${sub[2]}}`;
  return name.length > 1 ? `\\mathit{${name.replace(/_/g, "\\_")}}` : name;
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
        : renderLatex(left);
      return op.latex([base, renderLatex(right)]);
    }
    const l = needsParens(left, print.prec, print.assoc, "left") ? paren(renderLatex(left)) : renderLatex(left);
    const r = needsParens(right, print.prec, print.assoc, "right") ? paren(renderLatex(right)) : renderLatex(right);
    return op.latex([l, r]);
  }
  if (print.kind === "prefix") {
    const arg = node.args[0];
    const wrap = precedenceOf(arg) <= print.prec;
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
