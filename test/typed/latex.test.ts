// LaTeX for typed expressions. The expected strings are written by hand from the conventions
// in src/typed/latex.ts's header (juxtaposition for the matrix product, \odot, \oslash,
// ^{\circ p}, ^\top, \cdot with a scalar, \left( \right) by precedence), and the random
// expressions are checked for well-formed LaTeX: balanced braces, \left/\right and
// \begin/\end, no double superscript, no typed-syntax operator left in.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import "../support/fast-check-seed.js";
import { printMatrixGradient } from "../../src/typed/derivative.js";
import { printMatrixGradientLatex, printTypedLatex } from "../../src/typed/latex.js";
import { parseTyped } from "../../src/typed/parse.js";
import { printTyped } from "../../src/typed/print.js";
import { matrixShape, rowShape, SCALAR, vectorShape } from "../../src/typed/shape.js";
import { TYPED_OPS } from "../../src/typed/ops/table.js";
import { isCall, childrenOf, tdot, tfill, tliteral, tmap, tmatmul, tnorm2, tnum, tsum, ttranspose, tvar, typedTopologicalOrder, type TExpr } from "../../src/typed/texpr.js";
import { MatrixFormError } from "../../src/typed/vjp.js";
import { typedArbitrary } from "../support/random-typed.js";

const x = tvar("x", vectorShape(3));
const y = tvar("y", vectorShape(3));
const W = tvar("W", matrixShape(3, 3));
const A = tvar("A", matrixShape(2, 2));
const B = tvar("B", matrixShape(2, 2));
const a = tvar("a");
const b = tvar("b");
const map = (op: string, ...args: TExpr[]) => tmap(op, args);
const mm = tmatmul;
const T = ttranspose;

// [what, expression, LaTeX by hand]
const CASES: readonly (readonly [string, TExpr, string])[] = [
  // names, as the scalar LaTeX printer writes them
  ["a Greek name with a digit (alpha_1 is another name)", tvar("alpha1", vectorShape(3)), "\\alpha1"],
  ["a multi-letter name", tvar("ystar"), "\\mathit{ystar}"],
  ["a letter and a digit", tvar("z2", vectorShape(3)), "z2"],
  ["a subscript", tvar("z_2", vectorShape(3)), "z_{2}"],
  ["a number", tnum(0.5), "0.5"],
  // the matrix product
  ["W x", mm(W, x), "W x"],
  ["(W W) x reads left to right", mm(mm(W, W), x), "W W x"],
  ["W (W x) keeps its parentheses, braced (W\\left( would be a call)", mm(W, mm(W, x)), "W {\\left(W x\\right)}"],
  ["a multi-letter name beside a letter gets a thin space", mm(tvar("Wout", matrixShape(3, 3)), x), "\\mathit{Wout}\\,x"],
  ["x x' (an outer product)", mm(x, T(x)), "x x^\\top"],
  // transpose
  ["x'", T(x), "x^\\top"],
  ["(W x)'", T(mm(W, x)), "\\left(W x\\right)^\\top"],
  ["x''", T(T(x)), "\\left(x^\\top\\right)^\\top"],
  // element-wise
  ["x .* y", map("mul", x, y), "x \\odot y"],
  ["⊙ before a product is parenthesised", mm(map("mul", x, y), T(x)), "\\left(x \\odot y\\right) x^\\top"],
  ["a product inside ⊙ is not", map("mul", x, mm(W, y)), "x \\odot W y"],
  ["x .* (y .* x) keeps its parentheses", map("mul", x, map("mul", y, x)), "x \\odot \\left(y \\odot x\\right)"],
  ["x ./ y", map("div", x, y), "x \\oslash y"],
  ["1 ./ x", map("div", tnum(1), x), "1 \\oslash x"],
  ["x / a is a fraction", map("div", x, a), "\\frac{x}{a}"],
  ["a fraction needs no parentheses in a product", mm(W, map("div", x, a)), "W \\frac{x}{a}"],
  ["x .^ 2", map("pow", x, tnum(2)), "x^{\\circ 2}"],
  ["a^2 (scalar)", map("pow", a, tnum(2)), "a^{2}"],
  ["x' .^ 2: no double superscript", map("pow", T(x), tnum(2)), "\\left(x^\\top\\right)^{\\circ 2}"],
  ["(a^b)^c", map("pow", map("pow", a, b), tvar("c")), "\\left(a^{b}\\right)^{c}"],
  ["a^(b^c)", map("pow", a, map("pow", b, tvar("c"))), "a^{b^{c}}"],
  ["σ(x) .^ 2: the call in parentheses", map("pow", map("sigmoid", x), tnum(2)), "\\left(\\sigma\\left(x\\right)\\right)^{\\circ 2}"],
  // with a scalar: \cdot
  ["a * b", map("mul", a, b), "a \\cdot b"],
  ["2 * x", map("mul", tnum(2), x), "2 \\cdot x"],
  ["2 * (W x): juxtaposition binds tighter", map("mul", tnum(2), mm(W, x)), "2 \\cdot W x"],
  ["W (2 x)", mm(W, map("mul", tnum(2), x)), "W {\\left(2 \\cdot x\\right)}"],
  ["(a + b) x", map("mul", map("add", a, b), x), "\\left(a + b\\right) \\cdot x"],
  ["π x", map("mul", map("pi"), x), "\\pi \\cdot x"],
  // functions, element by element on vectors
  ["σ(W x)", map("sigmoid", mm(W, x)), "\\sigma\\left(W x\\right)"],
  ["sin(x)", map("sin", x), "\\sin\\left(x\\right)"],
  ["exp(x)", map("exp", x), "e^{x}"],
  ["exp(x)': e^{x} is not a base", T(map("exp", x)), "\\left(e^{x}\\right)^\\top"],
  ["relu(x)", map("relu", x), "\\operatorname{ReLU}\\left(x\\right)"],
  ["log(x, 2) (\\log_{2} is log2)", map("logBase", x, tnum(2)), "\\log\\left(x, 2\\right)"],
  // sums and negation
  ["x - (y - x)", map("sub", x, map("sub", y, x)), "x - \\left(y - x\\right)"],
  ["(x - y) + x", map("add", map("sub", x, y), x), "x - y + x"],
  ["-x", map("neg", x), "-x"],
  ["-(-x)", map("neg", map("neg", x)), "-\\left(-x\\right)"],
  ["-(x + y)", map("neg", map("add", x, y)), "-\\left(x + y\\right)"],
  ["-(2)", map("neg", tnum(2)), "-2"],
  ["x - (-y)", map("sub", x, map("neg", y)), "x - \\left(-y\\right)"],
  ["a + (-2)", map("add", a, tnum(-2)), "a + \\left(-2\\right)"],
  ["W (-x)", mm(W, map("neg", x)), "W {\\left(-x\\right)}"],
  ["-x .^ 2", map("neg", map("pow", x, tnum(2))), "-x^{\\circ 2}"],
  ["(-x) .^ 2", map("pow", map("neg", x), tnum(2)), "\\left(-x\\right)^{\\circ 2}"],
  // reductions
  ["sum(x)", tsum(x), "\\operatorname{sum}\\left(x\\right)"],
  ["dot(x, y)", tdot(x, y), "\\left\\langle x, y \\right\\rangle"],
  ["dot(x', y)", tdot(T(x), y), "\\left\\langle x^\\top, y \\right\\rangle"],
  ["dot(x, y')", tdot(x, T(y)), "\\left\\langle x, y^\\top \\right\\rangle"],
  ["dot(x', y')", tdot(T(x), T(y)), "\\left\\langle x^\\top, y^\\top \\right\\rangle"],
  ["dot(x + y, y)", tdot(map("add", x, y), y), "\\left\\langle x + y, y \\right\\rangle"],
  ["dot(A, B): Frobenius", tdot(A, B), "\\left\\langle A, B \\right\\rangle_{F}"],
  ["dot(a, b) of scalars", tdot(a, b), "\\left\\langle a, b \\right\\rangle"],
  ["dot(x, y) * a", map("mul", tdot(x, y), a), "\\left\\langle x, y \\right\\rangle \\cdot a"],
  ["a * dot(x, y)", map("mul", a, tdot(x, y)), "a \\cdot \\left\\langle x, y \\right\\rangle"],
  ["norm2(x)", tnorm2(x), "\\left\\lVert x \\right\\rVert_{2}"],
  ["norm2(A): Frobenius", tnorm2(A), "\\left\\lVert A \\right\\rVert_{F}"],
  ["norm2(x)^2", map("pow", tnorm2(x), tnum(2)), "\\left\\lVert x \\right\\rVert_{2}^{2}"],
  // fills
  ["ones(3)", tfill(tnum(1), vectorShape(3)), "\\mathbf{1}_{3}"],
  ["ones(2, 3)", tfill(tnum(1), matrixShape(2, 3)), "\\mathbf{1}_{2 \\times 3}"],
  ["ones(3)'", tfill(tnum(1), rowShape(3)), "\\mathbf{1}_{3}^\\top"],
  ["a * ones(3)", tfill(a, vectorShape(3)), "a\\,\\mathbf{1}_{3}"],
  ["(a + b) * ones(3)", tfill(map("add", a, b), vectorShape(3)), "\\left(a + b\\right)\\,\\mathbf{1}_{3}"],
  ["0 * ones(2, 2)", tfill(tnum(0), matrixShape(2, 2)), "\\mathbf{0}_{2 \\times 2}"],
  ["(a * ones(3, 3)) x", mm(tfill(a, matrixShape(3, 3)), x), "\\left(a\\,\\mathbf{1}_{3 \\times 3}\\right) x"],
  // literals
  ["[1, 2, 3] is a column", tliteral([[tnum(1), tnum(2), tnum(3)]]), "\\begin{bmatrix} 1 \\\\ 2 \\\\ 3 \\end{bmatrix}"],
  ["[1, a + b; 3, 4]", tliteral([[tnum(1), map("add", a, b)], [tnum(3), tnum(4)]]), "\\begin{bmatrix} 1 & a + b \\\\ 3 & 4 \\end{bmatrix}"],
  ["a literal squared", map("pow", tliteral([[tnum(1), tnum(2)], [tnum(3), tnum(4)]]), tnum(2)), "\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}^{\\circ 2}"],
  // the table's matrix functions
  ["trace(A)", parseTyped("A: R^(2x2); trace(A)").result, "\\operatorname{trace}\\left(A\\right)"],
  ["eye(2) is I₂", parseTyped("eye(2)").result, "\\mathbf{I}_{2}"],
  ["inv(A) is A^{-1}", parseTyped("A: R^(2x2); inv(A)").result, "A^{-1}"],
  ["inv(A * B): the base in parentheses", parseTyped("A: R^(2x2); B: R^(2x2); inv(A * B)").result, "\\left(A B\\right)^{-1}"],
  ["inv(A)': no double superscript", parseTyped("A: R^(2x2); inv(A)'").result, "\\left(A^{-1}\\right)^\\top"],
  ["det(A)", parseTyped("A: R^(2x2); det(A)").result, "\\operatorname{det}\\left(A\\right)"],
  ["logdet(A)", parseTyped("A: R^(2x2); logdet(A)").result, "\\operatorname{logdet}\\left(A\\right)"],
  ["max(x), the reduction", parseTyped("x: R^3; max(x)").result, "\\max\\left(x\\right)"],
  ["min(x), the reduction", parseTyped("x: R^3; min(x)").result, "\\min\\left(x\\right)"],
  ["maxmask(x)", parseTyped("x: R^3; maxmask(x)").result, "\\operatorname{maxmask}\\left(x\\right)"],
  ["minmask(x)", parseTyped("x: R^3; minmask(x)").result, "\\operatorname{minmask}\\left(x\\right)"],
  ["logsumexp(x)", parseTyped("x: R^3; logsumexp(x)").result, "\\operatorname{logsumexp}\\left(x\\right)"],
  ["softmax(W x)", parseTyped("x: R^3; W: R^(3x3); softmax(W * x)").result, "\\operatorname{softmax}\\left(W x\\right)"],
  ["rowsums(A)", parseTyped("A: R^(2x2); rowsums(A)").result, "\\operatorname{rowsums}\\left(A\\right)"],
  ["colsums(A)", parseTyped("A: R^(2x2); colsums(A)").result, "\\operatorname{colsums}\\left(A\\right)"],
];

describe("printTypedLatex: the conventions", () => {
  for (const [what, node, expected] of CASES) it(what, () => expect(printTypedLatex(node)).toBe(expected));

  it("the cases cover every node kind and every operator of a map", () => {
    const kinds = new Set<string>();
    for (const [, node] of CASES) for (const n of typedTopologicalOrder(node)) kinds.add(n.kind === "map" && ["add", "sub", "mul", "div", "pow", "neg"].includes(n.op) ? `map:${n.op}` : n.kind === "call" ? n.op : n.kind);
    for (const kind of ["var", "num", "literal", "map", ...TYPED_OPS.map((op) => op.name)]) expect(kinds, kind).toContain(kind);
    for (const op of ["add", "sub", "mul", "div", "pow", "neg"]) expect(kinds, op).toContain(`map:${op}`);
  });

  it("a named node prints as its name (written like a variable), except at the root", () => {
    const wx = mm(W, x);
    const z = map("sigmoid", wx);
    const names = new Map<TExpr, string>([[wx, "a1"], [z, "z1"]]);
    expect(printTypedLatex(map("mul", z, map("sub", tnum(1), z)), names)).toBe("z1 \\odot \\left(1 - z1\\right)");
    expect(printTypedLatex(z, names)).toBe("\\sigma\\left(a1\\right)");
    // a name is a safe base for ^\top, unlike the formula it stands for
    expect(printTypedLatex(T(wx), names)).toBe("a1^\\top");
  });
});

describe("printMatrixGradientLatex", () => {
  // The example: J = ½‖σ(W x) − t‖², ∂J/∂W = ((z − t) ⊙ z ⊙ (1 − z)) xᵀ.
  const oneLayer = parseTyped("x: R^3; W: R^(4x3); t: R^4; a = W * x; z = sigmoid(a); 0.5 * norm2(z - t)^2");
  const delta = "\\left(z - t\\right) \\odot z \\odot \\left(1 - z\\right)";

  it("one layer: ∂J/∂W = (δ) xᵀ, ∂J/∂x = Wᵀ (δ), ∂J/∂t = −(z − t), then the layout note", () => {
    expect(printMatrixGradientLatex(oneLayer).split("\n")).toEqual([
      `\\frac{\\partial J}{\\partial W} = \\left(${delta}\\right) x^\\top`,
      `\\frac{\\partial J}{\\partial x} = W^\\top \\left(${delta}\\right)`,
      "\\frac{\\partial J}{\\partial t} = -\\left(z - t\\right)",
      "\\text{(denominator layout: each gradient has the shape of its variable)}",
    ]);
  });

  it("options: wrt, the output's name, no layout note", () => {
    expect(printMatrixGradientLatex(oneLayer, { wrt: ["W"], output: "L", layoutNote: false })).toBe(`\\frac{\\partial L}{\\partial W} = \\left(${delta}\\right) x^\\top`);
  });

  const QUIZ2 = "x: R^3; alpha1: R^(3x4); alpha2: R^(4x3); beta: R^3";
  const LOSS = "0.5 * (y - ystar)^2";
  const withLets = parseTyped(`${QUIZ2}; a1 = alpha1' * x; z1 = sigmoid(a1); a2 = alpha2' * z1; z2 = sigmoid(a2); b = beta' * z2; y = sigmoid(b); ${LOSS}`);
  const inline = parseTyped(`${QUIZ2}; ${LOSS.replace("y", "sigmoid(beta' * sigmoid(alpha2' * sigmoid(alpha1' * x)))")}`);

  it("Quiz 2 with definitions: ∂J/∂β = (y − y*) y (1 − y) z₂ and ∂J/∂α⁽²⁾ = z₁ (β δ ⊙ z₂ ⊙ (1 − z₂))ᵀ in the program's names", () => {
    const lines = printMatrixGradientLatex(withLets).split("\n");
    const scalarAdjoint = "\\left(y - \\mathit{ystar}\\right) \\cdot y \\cdot \\left(1 - y\\right)";
    expect(lines[0]).toBe(`\\frac{\\partial J}{\\partial \\beta} = ${scalarAdjoint} \\cdot z2`);
    expect(lines[1]).toBe(`\\frac{\\partial J}{\\partial \\alpha2} = z1 {\\left(\\beta \\cdot ${scalarAdjoint} \\odot z2 \\odot \\left(1 - z2\\right)\\right)^\\top}`);
    expect(lines.some((line) => line.startsWith("\\text{where"))).toBe(false); // the program's names suffice
  });

  it("Quiz 2 without definitions: the layers' outputs are named u₁, u₂, u₃ under \\text{where }", () => {
    const lines = printMatrixGradientLatex(inline).split("\n");
    expect(lines.slice(-4, -1)).toEqual([
      "\\text{where } u1 = \\sigma\\left(\\alpha1^\\top x\\right)",
      "\\phantom{\\text{where }} u2 = \\sigma\\left(\\alpha2^\\top u1\\right)",
      "\\phantom{\\text{where }} u3 = \\sigma\\left(\\beta^\\top u2\\right)",
    ]);
    expect(lines[0]).toBe("\\frac{\\partial J}{\\partial \\beta} = \\left(u3 - \\mathit{ystar}\\right) \\cdot u3 \\cdot \\left(1 - u3\\right) \\cdot u2");
  });

  it("the same variables in the same order, and the same where-names, as the text printout", () => {
    const variablesOf = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((m) => m[1]);
    for (const program of [withLets, inline, oneLayer]) {
      for (const share of ["forward", "all", "none"] as const) {
        const text = printMatrixGradient(program, { share });
        const latex = printMatrixGradientLatex(program, { share });
        const latin = (names: string[]) => names.map((n) => n.replace(/^\\(alpha|beta)(\d+)$/, "$1$2").replace(/^\\(alpha|beta)$/, "$1").replace(/^\\mathit\{(\w+)\}$/, "$1"));
        expect(latin(variablesOf(latex, /^\\frac\{\\partial J\}\{\\partial ([^=]+)\} =/gm))).toEqual(variablesOf(text, /^∂J\/∂(\w+) =/gm));
        const whereText = variablesOf(text, /^(?:where | {6})(\w+) =/gm);
        expect(variablesOf(latex, /^\\(?:text|phantom)\{[^=]*\} (\S+) =/gm)).toEqual(whereText);
      }
    }
  });
});

// ---- well-formedness over random expressions ----

/** Every `{` closed by a `}` in order (no `\{` is ever written), likewise ( ), \left…\right and \begin…\end. */
function balanced(latex: string): boolean {
  const pairs = (open: string, close: string): boolean => {
    let depth = 0;
    for (const ch of latex) {
      if (ch === open) depth++;
      if (ch === close && --depth < 0) return false;
    }
    return depth === 0;
  };
  if (!pairs("{", "}") || !pairs("(", ")")) return false;
  const nested = (open: RegExp, close: RegExp): boolean => {
    let d = 0;
    for (const m of latex.matchAll(new RegExp(`${open.source}|${close.source}`, "g"))) {
      d += open.test(m[0]) ? 1 : -1;
      if (d < 0) return false;
    }
    return d === 0;
  };
  return nested(/\\left\b/, /\\right\b/) && nested(/\\begin\{bmatrix\}/, /\\end\{bmatrix\}/);
}

/** A superscript directly followed by another (x^\top^{2}): an error in LaTeX. */
function hasDoubleSuperscript(latex: string): boolean {
  for (let i = 0; i < latex.length; i++) {
    if (latex[i] !== "^") continue;
    let end = i + 1;
    if (latex[end] === "{") {
      for (let depth = 0; end < latex.length; end++) {
        if (latex[end] === "{") depth++;
        if (latex[end] === "}" && --depth === 0) break;
      }
      end++;
    } else if (latex[end] === "\\") {
      end++;
      while (/[A-Za-z]/.test(latex[end] ?? "")) end++;
    } else {
      end++;
    }
    if (latex[end] === "^") return true;
  }
  return false;
}

/** Typed syntax that must not survive into LaTeX: *, ', .*, ./, .^ */
const TYPED_SYNTAX = /[*']|\.[*/^]/;

function expectWellFormed(latex: string, what: string): void {
  expect(balanced(latex), `balanced: ${latex}\n(from ${what})`).toBe(true);
  expect(hasDoubleSuperscript(latex), `double superscript: ${latex}\n(from ${what})`).toBe(false);
  expect(TYPED_SYNTAX.test(latex), `typed syntax left in: ${latex}\n(from ${what})`).toBe(false);
}

describe("printTypedLatex over random typed expressions", () => {
  it("the checks catch what they are for", () => {
    expect(balanced("\\left(x\\right")).toBe(false);
    expect(balanced("\\left(x\\right)\\right)")).toBe(false);
    expect(balanced("\\begin{bmatrix} 1")).toBe(false);
    expect(balanced("x^{2")).toBe(false);
    expect(hasDoubleSuperscript("x^\\top^{2}")).toBe(true);
    expect(hasDoubleSuperscript("\\mathbf{1}_{3}^\\top")).toBe(false);
    expect(TYPED_SYNTAX.test("x'")).toBe(true);
  });

  it("well-formed: balanced braces, \\left/\\right and \\begin/\\end; no double superscript; no *, ', .*, ./, .^", () => {
    fc.assert(
      fc.property(typedArbitrary(), (e) => expectWellFormed(printTypedLatex(e), printTyped(e))),
      { seed: 91, numRuns: 4000 },
    );
  });

  it("compositional: each child's LaTeX appears inside its parent's (dot aside, which transposes a side)", () => {
    fc.assert(
      fc.property(typedArbitrary(), (e) => {
        for (const node of typedTopologicalOrder(e)) {
          if (isCall(node, "dot")) continue;
          const whole = printTypedLatex(node);
          for (const child of childrenOf(node)) expect(whole, printTyped(node)).toContain(printTypedLatex(child));
        }
      }),
      { seed: 92, numRuns: 500 },
    );
  });

  it("gradients of random scalar expressions are well-formed too, a line per variable", () => {
    fc.assert(
      fc.property(typedArbitrary({ resultShape: SCALAR, maxDepth: 3 }), (f) => {
        let latex: string;
        try {
          latex = printMatrixGradientLatex(f, { share: "all" });
        } catch (error) {
          if (error instanceof MatrixFormError) return; // a literal holding variables has no matrix form
          throw error;
        }
        const text = printMatrixGradient(f, { share: "all" });
        expectWellFormed(latex, printTyped(f));
        expect(latex.split("\n").length).toBe(text.split("\n").length);
      }),
      { seed: 93, numRuns: 400 },
    );
  });
});
