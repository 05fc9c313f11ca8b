// An oracle for the corpus's labels independent of diffscope: mathjs evaluates the expression
// and the answer's ASCII translation, and a central difference of the expression stands in for
// the derivative, at seeded random points where both are real and finite.
import { create, all, type EvalFunction, type MathJsInstance } from "mathjs";
import { mulberry32, uniform } from "../../src/util/prng.js";
import type { StudentAnswer } from "./student-answers.js";

const math: MathJsInstance = create(all);
const sigmoid = (u: number) => 1 / (1 + Math.exp(-u));
// mathjs lacks these; log is natural in both.
const FUNCTIONS: Record<string, (u: number) => number> = {
  sigmoid,
  logistic: sigmoid,
  relu: (u) => Math.max(0, u),
  heaviside: (u) => (u > 0 ? 1 : 0),
  softplus: (u) => Math.log1p(Math.exp(u)),
  ln: Math.log,
};

const compiled = new Map<string, EvalFunction[]>();

/** Evaluates `a = …; b = …; result` in order; the scope keeps the definitions. */
function run(program: string, scope: Record<string, unknown>): number {
  let statements = compiled.get(program);
  if (statements === undefined) compiled.set(program, (statements = program.split(";").map((s) => math.compile(s.trim()))));
  let value: unknown = NaN;
  for (const statement of statements) value = statement.evaluate(scope);
  return typeof value === "number" ? value : NaN;
}

function variablesOf(entry: StudentAnswer): string[] {
  const defined = new Set<string>();
  const names = new Set<string>();
  const symbols = new Set(["pi", "e", ...Object.keys(FUNCTIONS)]);
  for (const statement of entry.expression.split(";")) {
    const assignment = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/.exec(statement);
    const body = assignment ? assignment[2] : statement;
    math.parse(body).traverse((node, _path, parent) => {
      const isCallee = parent !== null && parent.type === "FunctionNode" && (parent as unknown as { fn: unknown }).fn === node;
      if (node.type === "SymbolNode" && !isCallee) {
        const name = (node as unknown as { name: string }).name;
        if (!defined.has(name) && !symbols.has(name) && !(name in math)) names.add(name);
      }
    });
    if (assignment) defined.add(assignment[1]);
  }
  return [...names];
}

export interface OracleVerdict {
  /** Points where expression and answer were real and finite. */
  readonly points: number;
  /** Points where the answer and the central difference differ beyond the tolerance. */
  readonly differing: number;
}

/** Compares `entry.asciiEquivalent` with a central difference of `entry.expression` w.r.t. `entry.wrt`. */
export function oracle(entry: StudentAnswer, tries = 120): OracleVerdict {
  const names = variablesOf(entry);
  const next = mulberry32(0x5eed ^ entry.id.length ^ entry.id.charCodeAt(0));
  let points = 0;
  let differing = 0;
  for (let k = 0; k < tries; k++) {
    const point: Record<string, number> = {};
    for (const name of names) point[name] = k % 2 === 0 ? uniform(next, -3, 3) : uniform(next, -1.2, 1.2);
    const at = (dx: number) => run(entry.expression, { ...FUNCTIONS, ...point, [entry.wrt]: point[entry.wrt] + dx });
    const h = 1e-5 * Math.max(1, Math.abs(point[entry.wrt]));
    const scope: Record<string, unknown> = { ...FUNCTIONS, ...point };
    run(entry.expression, scope);
    const answer = run(entry.asciiEquivalent, scope);
    const slope = (at(h) - at(-h)) / (2 * h);
    // A point where the difference quotient has not settled (near a pole or a kink) decides nothing.
    const finer = (at(h / 10) - at(-h / 10)) / (h / 5);
    if (![answer, slope, finer].every(Number.isFinite) || Math.abs(slope - finer) > 1e-5 * (1 + Math.abs(slope))) continue;
    points++;
    if (Math.abs(answer - slope) > 1e-4 * (1 + Math.abs(slope))) differing++;
  }
  return { points, differing };
}
