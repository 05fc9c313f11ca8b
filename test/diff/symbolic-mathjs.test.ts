// mathjs as the oracle: our derivative agrees numerically with mathjs's `derivative` on a
// corpus covering every op of the table that mathjs knows, and our printed derivative is text
// mathjs reads back to the same values.
import { derivative, evaluate as mathjsEvaluate } from "mathjs";
import { describe, expect, it } from "vitest";
import type { Expr } from "../../src/ast/expr.js";
import { topologicalOrder } from "../../src/ast/walk.js";
import { evaluate } from "../../src/eval/evaluate.js";
import { ALL_OPS } from "../../src/ops/table.js";
import type { OpSpec } from "../../src/ops/types.js";
import { parse } from "../../src/parse/parse.js";
import { printExpr } from "../../src/print/text.js";
import { derive } from "../../src/diff/symbolic/index.js";
import { isInsideDomain } from "../support/random-expr.js";

/** A nonlinear inner function, so every entry also exercises the chain rule. */
const INNER = "0.5*x + 0.1*x^2";

/**
 * mathjs's `derivative` knows neither log2 nor sign (it throws "Cannot process function"),
 * though mathjs evaluates both; for them the oracle differentiates an identity instead.
 */
const MATHJS_EQUIVALENT: Readonly<Record<string, (inner: string) => string>> = {
  log2: (u) => `log(${u}, 2)`,
  sign: (u) => `(${u})/abs(${u})`,
};

/**
 * mathjs evaluates max and min, but its `derivative` refuses them ("Cannot process function"),
 * and our derivative of them, heaviside(a - b, 0.5), is not text mathjs reads; their oracle is
 * a finite difference away from ties (test/ops/extrema.test.ts).
 */
const MATHJS_CANNOT_DIFFERENTIATE: readonly string[] = ["max", "min"];

interface CorpusEntry {
  readonly text: string;
  /** What mathjs differentiates (the same function, written the way mathjs can). */
  readonly mathjsText: string;
  readonly covers: readonly string[];
}

function unaryEntry(op: OpSpec): CorpusEntry {
  const name = op.print.kind === "function" ? op.print.name : op.name;
  const text = `y*${name}(${INNER})`;
  const rewrite = MATHJS_EQUIVALENT[op.name];
  return { text, mathjsText: rewrite ? `y*${rewrite(INNER)}` : text, covers: [op.name] };
}

const MULTI_ARGUMENT: readonly CorpusEntry[] = [
  "x + y", "x - y", "x*y", "x/y", "-x*y", "x^y", "(x^2 + 1)^3", "y^(0.5*x)",
  "log(x, y)", "log(x^2 + 1, 3)", "log(3, x^2 + 2)", "nthRoot(x, y)", "nthRoot(x^2 + 1, 3)",
  "pi*x + e^x*y", "exp(x*y) + x*y/log(x) + sin(log(x))/exp(x*y)",
].map((text) => ({ text, mathjsText: text, covers: [] }));

const CORPUS: readonly CorpusEntry[] = [
  ...ALL_OPS.filter((op) => op.mathjs && op.arity === 1 && op.print.kind === "function").map(unaryEntry),
  ...MULTI_ARGUMENT,
];

const X_VALUES = [-2.7, -1.3, -0.45, 0.35, 0.8, 1.6, 2.9, 4.2];
const Y_VALUES = [0.7, 1.9, 2.6];

function agree(ours: number, theirs: number): boolean {
  return Math.abs(ours - theirs) <= 1e-11 * Math.max(1, Math.abs(ours), Math.abs(theirs));
}

/** Points inside the domain where mathjs gives a real number for f and both partials. */
function samplePoints(f: Expr, oracles: readonly { evaluate(scope: object): unknown }[]): { x: number; y: number }[] {
  const points: { x: number; y: number }[] = [];
  for (const x of X_VALUES) {
    for (const y of Y_VALUES) {
      const point = { x, y };
      if (!isInsideDomain(f, point)) continue;
      if (oracles.every((o) => typeof o.evaluate(point) === "number")) points.push(point);
    }
  }
  return points;
}

describe("derive agrees with mathjs.derivative", () => {
  it("the corpus covers every op of the table that mathjs knows", () => {
    const covered = new Set<string>();
    for (const entry of CORPUS) for (const node of topologicalOrder(parse(entry.text))) if (node.kind === "call") covered.add(node.op);
    const known = ALL_OPS.filter((op) => op.mathjs && !MATHJS_CANNOT_DIFFERENTIATE.includes(op.name)).map((op) => op.name);
    expect(known.filter((name) => !covered.has(name))).toEqual([]);
  });

  it.each(CORPUS.map((entry) => [entry.text, entry]))("%s", (_text, entry) => {
    const f = parse(entry.text);
    const oracles = (["x", "y"] as const).map((v) => derivative(entry.mathjsText, v));
    const points = samplePoints(f, oracles);
    expect(points.length).toBeGreaterThanOrEqual(3);
    for (const mode of ["tree", "shared"] as const) {
      (["x", "y"] as const).forEach((v, i) => {
        const ours = derive(f, v, { mode });
        const printed = printExpr(ours);
        for (const point of points) {
          const theirs = oracles[i].evaluate(point) as number;
          const value = evaluate(ours, point);
          expect(agree(value, theirs), `d/d${v} ${entry.text} at ${JSON.stringify(point)}: ours ${value}, mathjs ${theirs}`).toBe(true);
          // the printed derivative is text mathjs reads, and it means the same thing
          const reread = mathjsEvaluate(printed, point) as number;
          expect(agree(reread, value), `mathjs reading "${printed}" at ${JSON.stringify(point)}`).toBe(true);
        }
      });
    }
  });
});
