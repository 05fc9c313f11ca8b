// Every LaTeX string diffscope prints reads back as the node it was printed from (issue 12):
// printLatex (parse's and derive --latex's LaTeX) through parse, and printTypedLatex and
// printMatrixGradientLatex (derive --latex on vectors and matrices) through parseTyped, over
// thousands of random expressions. Scalar nodes are hash-consed, so "the same" is identity;
// typed nodes are compared by structure (kind, shape, op, name, number with Object.is).
//
// Left out, on purpose: non-finite numbers (\infty, \mathrm{NaN} have no reading; a student
// writes 1/0), and one normalization for the typed derivatives only: a filled matrix fill(s, shape)
// (how a derivative spreads a scalar adjoint, printed s\,\mathbf{1}_{…} or \mathbf{0}_{…}) reads
// as s * ones(…), ones of a row as ones(n)ᵀ, since the typed reader has no other form for it.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import "../support/fast-check-seed.js";
import { num, variable, type Expr } from "../../src/ast/expr.js";
import { variablesOf } from "../../src/ast/walk.js";
import { deriveN } from "../../src/diff/symbolic/index.js";
import { ALL_OPS, call } from "../../src/ops/table.js";
import { parse } from "../../src/parse/parse.js";
import { printLatex } from "../../src/print/latex.js";
import { printMatrixGradientLatex, printTypedLatex } from "../../src/typed/latex.js";
import { parseTyped } from "../../src/typed/parse.js";
import { printTyped } from "../../src/typed/print.js";
import { SCALAR, vectorShape } from "../../src/typed/shape.js";
import { isCall, childrenOf, tfill, tmap, tnum, ttranspose, typedVariablesOf, type TExpr } from "../../src/typed/texpr.js";
import { MatrixFormError } from "../../src/typed/vjp.js";
import { gradientPrintout } from "../../src/typed/derivative.js";
import type { TypedProgram } from "../../src/typed/program.js";
import katex from "katex";
import { exprArbitrary } from "../support/random-expr.js";
import { programText, typedArbitrary } from "../support/random-typed.js";

/** Finite numbers of every size (scientific notation both ways, -0, subnormals). */
const numbers = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -1000, max: 1000 }),
  fc.constantFrom(0, -0, 0.5, -1.5, 1e-3, -2.5e-7, 2.5e21, -1.5e-300, 1e300, 5e-324),
);

/** Names that print in each of the printer's ways, and names that look like notation (T, H, e1, sigma, dJ). */
const NAMES = ["x", "y", "alpha_2", "alpha1", "sigma", "sigma1", "theta_j", "Gamma", "b1", "x1", "x_1", "x1_j", "_t", "ystar", "x_y", "ab_cd", "rate", "rate2", "pi2", "exp1", "sin2", "e1", "T", "H", "E", "d", "dJ"];

const leaf: fc.Arbitrary<Expr> = fc.oneof(
  numbers.map(num),
  fc.constantFrom(...NAMES).map(variable),
  fc.constantFrom(...ALL_OPS.filter((op) => op.arity === 0).map((op) => op.name)).map((name) => call(name, [])),
);
const unaryOps = ALL_OPS.filter((op) => op.arity === 1).map((op) => op.name);
const binaryOps = ALL_OPS.filter((op) => op.arity === 2).map((op) => op.name);
const { expr: anyExpr } = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.tuple(fc.constantFrom(...unaryOps), tie("expr")).map(([op, a]) => call(op, [a])),
    fc.tuple(fc.constantFrom(...binaryOps), tie("expr"), tie("expr")).map(([op, a, b]) => call(op, [a, b])),
  ),
}));

/** Structural equality of typed nodes. */
function sameTyped(a: TExpr, b: TExpr): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind || JSON.stringify(a.shape) !== JSON.stringify(b.shape)) return false;
  if (a.kind === "num") return Object.is(a.value, (b as typeof a).value);
  if (a.kind === "var") return a.name === (b as typeof a).name;
  if (a.kind === "map" && a.op !== (b as typeof a).op) return false;
  const [ca, cb] = [childrenOf(a), childrenOf(b)];
  return ca.length === cb.length && ca.every((child, i) => sameTyped(child, cb[i]));
}

/** The one normalization (see the header): fill(s, shape) as the reader reads its LaTeX. */
function fillsAsRead(node: TExpr, done = new Map<TExpr, TExpr>()): TExpr {
  const known = done.get(node);
  if (known !== undefined) return known;
  let result: TExpr;
  if (isCall(node, "fill")) {
    const ones = node.shape.kind === "row" ? ttranspose(tfill(tnum(1), vectorShape(node.shape.length))) : tfill(tnum(1), node.shape);
    const arg = fillsAsRead(node.args[0], done);
    result = arg.kind === "num" && arg.value === 1 ? ones : tmap("mul", [arg, ones]);
  } else {
    const children = childrenOf(node).map((child) => fillsAsRead(child, done));
    result = children.every((child, i) => child === childrenOf(node)[i]) ? node : rebuild(node, children);
  }
  done.set(node, result);
  return result;
}

function rebuild(node: TExpr, children: readonly TExpr[]): TExpr {
  // Same node, new children: shapes are unchanged by the normalization.
  switch (node.kind) {
    case "literal":
      return { ...node, elements: children };
    case "map":
    case "call":
      return { ...node, args: children };
    default:
      return node;
  }
}

/** KaTeX (what a web page uses to show the math) accepts the string: every form the printers emit must render. */
function rendersInKatex(latex: string): void {
  expect(() => katex.renderToString(latex, { throwOnError: true, displayMode: true }), latex).not.toThrow();
}

describe("LaTeX round trip: what diffscope prints reads back as the same node", () => {
  it("parse(printLatex(e)) === e over random scalar expressions of every op, name style and number size", () => {
    fc.assert(
      fc.property(anyExpr, (e) => {
        const latex = printLatex(e);
        expect(parse(latex) === e, latex).toBe(true);
        rendersInKatex(latex);
      }),
      { numRuns: 5000 },
    );
  });

  it("the forms that read as another op or another name when printed naively come back as themselves", () => {
    const x = variable("x");
    const cases: Expr[] = [
      call("pow", [call("e", []), x]), // {e}^{x}, not exp(x)
      call("exp", [x]),
      call("exp", [variable("T")]), // e^{{T}}, not a transpose
      call("pow", [x, variable("T")]),
      call("nthRoot", [x, num(3)]), // \sqrt[{3}]{x}, not cbrt
      call("cbrt", [x]),
      call("logBase", [x, num(10)]), // not log10
      call("logBase", [x, num(2)]),
      call("log10", [x]),
      call("log2", [x]),
      call("heaviside", [x]),
      call("heavisideTie", [x, num(0.5)]),
      variable("x1"),
      variable("x_1"),
      variable("alpha1"),
      variable("sigma1"),
      call("abs", [variable("sigma")]),
      call("sub", [call("abs", [variable("sigma")]), num(1)]),
      variable("_t"),
      num(-1.5e-7),
      num(2.5e21),
      call("neg", [num(1.5e-7)]),
      call("neg", [num(0)]),
      num(-0),
      call("sub", [x, num(-2)]),
      call("pow", [num(2), num(-3)]),
      call("neg", [x]),
    ];
    for (const e of cases) {
      expect(parse(printLatex(e)), printLatex(e)).toBe(e);
      rendersInKatex(printLatex(e));
    }
  });

  it("derive --latex: every derivative's LaTeX reads back as the derivative", () => {
    fc.assert(
      fc.property(exprArbitrary({ maxDepth: 4 }), (f) => {
        for (const v of variablesOf(f)) {
          const derivative = deriveN(f, v, 1, { mode: "shared", simplify: true, budget: { maxNodesBuilt: 200_000, timeLimitMs: 5_000 } });
          const latex = printLatex(derivative);
          expect(parse(latex) === derivative, latex).toBe(true);
          rendersInKatex(latex);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it("parseTyped(printTypedLatex(e)) is e over random vector and matrix expressions (\\odot, \\oslash, ^{\\circ p}, ^\\top, bmatrix, \\mathbf{1}, ⟨a, b⟩, ‖v‖)", () => {
    fc.assert(
      fc.property(typedArbitrary(), (e) => {
        const latex = printTypedLatex(e);
        rendersInKatex(latex);
        const read = parseTyped(latex, typedVariablesOf(e)).result;
        expect(sameTyped(read, e), `${latex}\n read as ${printTyped(read)}\n printed from ${printTyped(e)}`).toBe(true);
      }),
      { numRuns: 4000 },
    );
  });

  it("derive --latex on vectors and matrices: each gradient, with its where-lines, reads back as the gradient", () => {
    let checked = 0;
    fc.assert(
      fc.property(typedArbitrary({ resultShape: SCALAR, maxDepth: 3 }), (e) => {
        const program = parseTyped(programText(e));
        let latex: string;
        try {
          latex = printMatrixGradientLatex(program, { layoutNote: false });
        } catch (error) {
          if (error instanceof MatrixFormError) return; // no matrix form: nothing printed
          throw error;
        }
        for (const line of latex.split("\n")) rendersInKatex(line);
        const lines = latex.split("\n");
        const rhs = (line: string) => line.slice(line.indexOf(" = ") + 3);
        const where = lines.filter((line) => /^\\(?:text|phantom)\{/.test(line)).map((line) => `${/\} (\S+) = /.exec(line)?.[1]} = ${rhs(line)}; `).join("");
        const gradients = lines.filter((line) => line.startsWith("\\frac"));
        const { gradient } = matrixGradients(program);
        expect(gradients.length).toBe(gradient.length);
        gradients.forEach((line, i) => {
          const read = parseTyped(where + rhs(line), new Map(), program).result;
          expect(sameTyped(read, fillsAsRead(gradient[i])), `${where}${rhs(line)}\n read as ${printTyped(read)}\n printed from ${printTyped(gradient[i])}`).toBe(true);
        });
        checked++;
      }),
      { numRuns: 1000 },
    );
    expect(checked).toBeGreaterThan(500);
  });
});

/** The gradients derive --latex prints, in its order. */
function matrixGradients(program: TypedProgram): { gradient: TExpr[] } {
  return { gradient: [...gradientPrintout(program, {}).gradient.values()] };
}
