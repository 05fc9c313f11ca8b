// JAX-style functions over the differentiators: names users already know.
import type { Expr } from "../ast/expr.js";
import { variablesOf } from "../ast/walk.js";
import { evaluateAll, PointValueError, pointValue, requireVariables, type Point } from "../eval/evaluate.js";
import { activity, buildGraph } from "../graph/graph.js";
import { readInputs } from "../graph/inputs.js";
import { tangentSweep } from "../graph/tangents.js";
import { numberAlgebra } from "../ops/table.js";
import { dualAlgebra, type Dual } from "./dual.js";
import { getDifferentiator } from "./registry.js";
import { Tape } from "./reverse/tape.js";
import { hessianExprs } from "./symbolic/index.js";
import { emptyGradient, type Gradient, type GradientOptions, type MethodName } from "./types.js";

export interface GradOptions extends GradientOptions {
  /** Which method computes it (default "reverse"). */
  readonly method?: MethodName;
  /** Variables to differentiate by (default: every variable of f, in order of appearance). */
  readonly wrt?: readonly string[];
}

/** ∂f/∂v for each variable v. */
export function grad(f: Expr, at: Point, options: GradOptions = {}): Gradient {
  return valueAndGrad(f, at, options).gradient;
}

/** f and its gradient in one call. */
export function valueAndGrad(f: Expr, at: Point, options: GradOptions = {}): { value: number; gradient: Gradient } {
  const wrt = options.wrt ?? variablesOf(f);
  const result = getDifferentiator(options.method ?? "reverse").gradient(f, at, wrt, options);
  return { value: result.value, gradient: result.gradient };
}

const asList = (f: Expr | readonly Expr[]): readonly Expr[] => (Array.isArray(f) ? f : [f as Expr]);

/** Throws PointValueError for a direction or cotangent entry that is not a number (once per call). */
function requireNumberEntries(entries: Iterable<[string, unknown]>): void {
  for (const [where, value] of entries) if (typeof value !== "number") throw new PointValueError(where, value, "a number");
}

/** Forward sweep over dual numbers: values carry the tangent seeded by `tangentOf`. */
function dualSweep(tape: Tape, at: Point, tangentOf: (name: string) => number) {
  const seed = (name: string): Dual => ({ value: pointValue(at, name) as number, tangent: tangentOf(name) });
  return tape.forward<Dual>(dualAlgebra, seed);
}

/**
 * Jacobian-vector product by forward mode: the outputs and their directional derivatives
 * along `direction` (variables not named there have tangent 0), in one tangent sweep.
 */
export function jvp(f: Expr | readonly Expr[], at: Point, direction: Readonly<Record<string, number>>): { values: number[]; tangents: number[] } {
  const outputs = asList(f);
  requireNumberEntries(Object.entries(direction).map(([name, v]) => [`direction.${name}`, v]));
  const graph = buildGraph(outputs);
  const inputs = readInputs(graph, at);
  const tangentOf = (slot: number) => {
    const name = graph.variables[slot];
    return Object.prototype.hasOwnProperty.call(direction, name) ? direction[name] : 0;
  };
  const { values, tangents } = tangentSweep(graph, activity(graph, Object.keys(direction)), inputs, 1, tangentOf);
  return { values: Array.from(graph.outputs, (i) => values[i]), tangents: Array.from(graph.outputs, (i) => tangents[i]) };
}

/** Vector-Jacobian product by reverse mode: Σ_k cotangent[k] ∂f_k/∂v for each v in wrt. */
export function vjp(f: Expr | readonly Expr[], at: Point, cotangent: readonly number[], wrt?: readonly string[]): Gradient {
  const outputs = asList(f);
  if (cotangent.length !== outputs.length) {
    throw new RangeError(`vjp: ${outputs.length} output(s) but ${cotangent.length} cotangent entries`);
  }
  requireNumberEntries(cotangent.map((v, k) => [`cotangent[${k}]`, v]));
  const names = wrt ?? variablesOf(outputs);
  const tape = Tape.record(outputs, names);
  const sweep = tape.forwardAt(at, numberAlgebra);
  const result = emptyGradient();
  for (const name of names) result[name] = 0;
  outputs.forEach((_f, k) => {
    if (cotangent[k] === 0) return;
    const { adjoints } = tape.backward(numberAlgebra, sweep, k, cotangent[k]);
    for (const [name, index] of tape.wrtIndex) if (index >= 0) result[name] += adjoints[index];
  });
  return result;
}

export interface Jacobian {
  /** rows[k][j] = ∂f_k/∂wrt[j]. */
  readonly rows: number[][];
  readonly wrt: readonly string[];
  /** Sweeps over the graph: forward mode needs one per input, reverse one per output (plus one forward). */
  readonly passes: number;
}

/** Jacobian by forward mode: a tangent sweep of one column per input variable (A tangent passes). */
export function jacfwd(f: Expr | readonly Expr[], at: Point, wrt?: readonly string[]): Jacobian {
  const outputs = asList(f);
  const names = wrt ?? variablesOf(outputs);
  const graph = buildGraph(outputs);
  const inputs = readInputs(graph, at);
  // One sweep of A columns: A tangent sweeps' multiply-adds, the values and partials once.
  const sweep = tangentSweep(graph, activity(graph, names), inputs, names.length, (slot, j) => (graph.variables[slot] === names[j] ? 1 : 0));
  const rows = Array.from(graph.outputs, (i) => names.map((_name, j) => sweep.tangents[i * sweep.columns + j]));
  return { rows, wrt: names, passes: 1 + names.length };
}

/** Jacobian by reverse mode: one forward sweep, then one backward sweep per output (B passes). */
export function jacrev(f: Expr | readonly Expr[], at: Point, wrt?: readonly string[]): Jacobian {
  const outputs = asList(f);
  const names = wrt ?? variablesOf(outputs);
  const tape = Tape.record(outputs, names);
  const sweep = tape.forwardAt(at, numberAlgebra);
  const rows = outputs.map((_f, k) => {
    const { adjoints } = tape.backward(numberAlgebra, sweep, k, 1);
    return names.map((name) => {
      const index = tape.wrtIndex.get(name) ?? -1;
      return index < 0 ? 0 : adjoints[index];
    });
  });
  return { rows, wrt: names, passes: 1 + outputs.length };
}

/**
 * Hessian, two ways that must agree: "forward-over-reverse" pushes dual numbers through the
 * tape (one sweep pair per variable gives one row), "symbolic" differentiates twice.
 */
export function hessian(
  f: Expr,
  at: Point,
  options: { wrt?: readonly string[]; method?: "forward-over-reverse" | "symbolic" } = {},
): number[][] {
  const names = options.wrt ?? variablesOf(f);
  requireVariables(f, at);
  if (options.method === "symbolic") {
    const exprs = hessianExprs(f, names);
    const values = evaluateAll(exprs.flat(), at);
    return exprs.map((row) => row.map((e) => values.get(e.id) as number));
  }
  const tape = Tape.record(f, names);
  return names.map((name) => {
    const sweep = dualSweep(tape, at, (v) => (v === name ? 1 : 0));
    const { adjoints } = tape.backward<Dual>(dualAlgebra, sweep, 0, { value: 1, tangent: 0 });
    // The tangent of each adjoint is d/d(name) of ∂f/∂v: row `name` of the Hessian.
    return names.map((v) => {
      const index = tape.wrtIndex.get(v) ?? -1;
      return index < 0 ? 0 : adjoints[index].tangent;
    });
  });
}
