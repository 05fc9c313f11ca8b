// diffscope's own methods as benchmark rows: one gradient, one function evaluation (the one the
// method is fairly compared with: the interpreter's for interpreted methods, compiled code for
// compiled ones), set-up timed apart, and the gradient's deviation from the reference.
import { compileExprs } from "../compile/expr.js";
import { prepareCompiledReverse } from "../compile/reverse.js";
import { prepareCompiledSymbolic } from "../compile/symbolic.js";
import { buildGraph as planGraph, evaluateOutput as evaluatePlan, readInputs } from "../graph/index.js";
import { getDifferentiator } from "../diff/registry.js";
import { prepareReverse } from "../diff/reverse/differentiator.js";
import type { GradientResult, MethodName, PreparedGradient } from "../diff/types.js";
import type { BenchCase } from "./cases.js";
import { consume, timeOnce, timePair, type TimingBudget } from "../util/timing.js";

export interface BenchRow {
  readonly case: string;
  readonly method: string;
  /** Median seconds of one gradient (all partials and f); extrapolated when `extrapolated` is set. */
  readonly gradientSeconds: number | null;
  /** Median seconds of one evaluation of f on the path this method is compared with. */
  readonly functionSeconds: number | null;
  /** gradientSeconds / functionSeconds. */
  readonly ratio: number | null;
  readonly path?: "compiled" | "interpreted" | "peer" | "tensor";
  /** One-off set-up: derivation, tape recording, code generation, peer preparation (compiled reverse: up to its first gradient). */
  readonly setupSeconds?: number;
  /** max_i |g_i − r_i| / max_i |r_i| against the case's reference gradient (on the parameters measured). */
  readonly deviation?: number | null;
  /** Set when only `measured` of `of` partials were timed and the total extrapolated linearly. */
  readonly extrapolated?: { readonly measured: number; readonly of: number };
  readonly note?: string;
}

/** f as generated code, compiled when a row first asks for it (seconds on a large network). */
export interface CompiledFunction {
  /** f on arrays in and out (as compiled kernels are timed). */
  readonly run: () => void;
  /** f through `evaluate(point)` (reads the point by name). */
  readonly viaPoint: () => void;
  readonly setupSeconds: number;
}

export interface CaseContext {
  readonly c: BenchCase;
  readonly budget: TimingBudget;
  /** The reference gradient, in wrt order, and where it came from. */
  readonly reference: Float64Array;
  readonly referenceSource: string;
  /** f on the interpreter, at the case's point (planned when a row first asks for it). */
  readonly interpretedFunction: () => () => void;
  readonly compiledFunction: () => CompiledFunction;
}

export function deviation(got: ArrayLike<number>, reference: ArrayLike<number>, indices?: readonly number[]): number {
  let worst = 0;
  let scale = 0;
  const at = indices ?? Array.from({ length: reference.length }, (_, i) => i);
  at.forEach((i, k) => {
    worst = Math.max(worst, Math.abs(got[indices === undefined ? i : k] - reference[i]));
    scale = Math.max(scale, Math.abs(reference[i]));
  });
  return scale === 0 ? worst : worst / scale;
}

const gradientVector = (r: GradientResult, wrt: readonly string[]) => wrt.map((v) => r.gradient[v]);

export function row(c: BenchCase, method: string, gradientSeconds: number, functionSeconds: number, rest: Partial<BenchRow>): BenchRow {
  return { case: c.name, method, gradientSeconds, functionSeconds, ratio: gradientSeconds / functionSeconds, ...rest };
}

/**
 * f's evaluators, shared by all rows of a case, and the reference gradient: `given` (the
 * hand-written gradient, on networks) or else compiled reverse mode.
 */
export function caseContext(c: BenchCase, budget: TimingBudget, given?: { gradient: Float64Array; source: string }): CaseContext {
  let interpreted: (() => void) | undefined;
  const interpretedFunction = (): (() => void) => {
    if (interpreted !== undefined) return interpreted;
    const plan = planGraph(c.f);
    const values = new Float64Array(plan.nodes.length);
    interpreted = () => {
      const inputs = Float64Array.from(plan.variables, (name) => c.point.get(name) as number);
      consume(evaluatePlan(plan, inputs, values));
    };
    return interpreted;
  };
  let compiled: CompiledFunction | undefined;
  const compiledFunction = (): CompiledFunction => {
    if (compiled !== undefined) return compiled;
    const compiledF = timeOnce(() => compileExprs(c.f));
    const fInputs = readInputs(compiledF.result.layout, c.point);
    const fOut = new Float64Array(1);
    const runF = compiledF.result.run;
    compiled = {
      run: () => {
        runF(fInputs, fOut);
        consume(fOut[0]);
      },
      viaPoint: () => consume(compiledF.result.evaluate(c.point)[0]),
      setupSeconds: compiledF.seconds,
    };
    return compiled;
  };
  const reference = given?.gradient ?? Float64Array.from(gradientVector(prepareCompiledReverse(c.f, c.wrt).at(c.point), c.wrt));
  return { c, budget, reference, referenceSource: given?.source ?? "reverse (compiled)", interpretedFunction, compiledFunction };
}

/** Compiled reverse mode, its kernel timed on arrays in and out (as the hand-written gradients are). */
export function reverseCompiledRow(x: CaseContext): BenchRow {
  const { c } = x;
  // Set-up up to the first gradient: compiling, then one call.
  const reverse = timeOnce(() => {
    const prepared = prepareCompiledReverse(c.f, c.wrt);
    return { prepared, first: prepared.at(c.point) };
  });
  const { prepared, first } = reverse.result;
  const dev = deviation(gradientVector(first, c.wrt), x.reference);
  const kernel = prepared.kernel;
  if (kernel === undefined) {
    const t = timePair(() => consume(prepared.at(c.point).value), x.interpretedFunction(), x.budget);
    return row(c, "reverse (compiled)", t.gradientSeconds, t.functionSeconds, {
      path: "interpreted", setupSeconds: reverse.seconds, deviation: dev, note: `fell back: ${prepared.fallbackReason}`,
    });
  }
  const inputs = readInputs(kernel.layout, c.point);
  const results = new Float64Array(kernel.gradientNames.length + 1);
  const run = kernel.run;
  const t = timePair(() => {
    run(inputs, results);
    consume(results[0]);
  }, x.compiledFunction().run, x.budget);
  return row(c, "reverse (compiled)", t.gradientSeconds, t.functionSeconds, {
    path: "compiled", setupSeconds: reverse.seconds, deviation: dev,
    note: `${kernel.chunks} generated function${kernel.chunks === 1 ? "" : "s"}; arrays in and out`,
  });
}

/** An interpreted method: set-up timed once, then gradient and f timed on the interpreter. */
function interpretedRow(x: CaseContext, method: string, prepare: () => PreparedGradient): BenchRow {
  const { c } = x;
  const setup = timeOnce(prepare);
  const got = gradientVector(setup.result.at(c.point), c.wrt);
  const t = timePair(() => consume(setup.result.at(c.point).value), x.interpretedFunction(), x.budget);
  return row(c, method, t.gradientSeconds, t.functionSeconds, {
    path: "interpreted", setupSeconds: setup.seconds, deviation: deviation(got, x.reference),
  });
}

export function reverseTapedRow(x: CaseContext): BenchRow {
  return interpretedRow(x, "reverse (taped)", () => prepareReverse(x.c.f, x.c.wrt));
}

export function reverseViaPointRow(x: CaseContext): BenchRow {
  const { c } = x;
  const prepared = prepareCompiledReverse(c.f, c.wrt);
  const t = timePair(() => consume(prepared.at(c.point).value), x.compiledFunction().viaPoint, x.budget);
  return row(c, "reverse (compiled, at(point))", t.gradientSeconds, t.functionSeconds, {
    path: prepared.path, deviation: deviation(gradientVector(prepared.at(c.point), c.wrt), x.reference),
    note: "through the Differentiator interface: reads the point by name, builds the gradient record",
  });
}

export function symbolicInterpretedRow(x: CaseContext): BenchRow {
  return interpretedRow(x, "symbolic (interpreted)", () => getDifferentiator("symbolic").prepare(x.c.f, x.c.wrt));
}

export function symbolicCompiledRow(x: CaseContext): BenchRow {
  const { c } = x;
  const setup = timeOnce(() => prepareCompiledSymbolic(c.f, c.wrt));
  const { program } = setup.result;
  const inputs = readInputs(program.layout, c.point);
  const results = new Float64Array(c.wrt.length + 1);
  program.evaluateInputs(inputs, results);
  const got = results.subarray(1);
  const dev = deviation(Float64Array.from(got), x.reference);
  const run = program.run;
  const t = timePair(() => {
    run(inputs, results);
    consume(results[0]);
  }, x.compiledFunction().run, x.budget);
  return row(c, "symbolic (compiled)", t.gradientSeconds, t.functionSeconds, {
    path: program.path, setupSeconds: setup.seconds, deviation: dev,
    note: program.path === "interpreted" ? `fell back: ${program.fallbackReason}` : `${program.chunks} generated function${program.chunks === 1 ? "" : "s"}`,
  });
}

/** Parameters spread evenly over wrt (so each layer of a network is represented). */
function evenIndices(n: number, k: number): number[] {
  return Array.from({ length: k }, (_, j) => Math.floor((j * n) / k));
}

/**
 * A method whose cost grows with the number of partials (finite differences, forward mode):
 * all of them when there are few; on a large case, two subsets timed and the full gradient
 * extrapolated along the line through them.
 */
export function perParameterRow(x: CaseContext, method: MethodName, label: string): BenchRow {
  const { c } = x;
  const differentiator = getDifferentiator(method);
  const n = c.wrt.length;
  if (!c.large) {
    const prepared = differentiator.prepare(c.f, c.wrt);
    const got = gradientVector(prepared.at(c.point), c.wrt);
    const t = timePair(() => consume(prepared.at(c.point).value), x.interpretedFunction(), x.budget);
    return row(c, label, t.gradientSeconds, t.functionSeconds, { path: "interpreted", deviation: deviation(got, x.reference) });
  }
  const sizes = [2, 8];
  const runs = sizes.map((k) => {
    const indices = evenIndices(n, k);
    const wrt = indices.map((i) => c.wrt[i]);
    const prepared = differentiator.prepare(c.f, wrt);
    prepared.at(c.point); // warm-up
    const timed = [0, 1].map(() => timeOnce(() => prepared.at(c.point)));
    const seconds = Math.min(...timed.map((r) => r.seconds));
    return { k, seconds, indices, got: gradientVector(timed[0].result, wrt) };
  });
  const [a, b] = runs;
  const slope = Math.max(0, (b.seconds - a.seconds) / (b.k - a.k));
  const intercept = Math.max(0, a.seconds - slope * a.k);
  const total = intercept + slope * n;
  const f = timePair(undefined, x.interpretedFunction(), x.budget).functionSeconds;
  return row(c, label, total, f, {
    path: "interpreted",
    deviation: deviation(b.got, x.reference, b.indices),
    extrapolated: { measured: b.k, of: n },
    note: `timed on ${a.k} and ${b.k} of ${n} partials, extrapolated linearly`,
  });
}
