// Runs the four methods on the same function and point and reports, per method, how far its
// gradient is from the exact methods' consensus and what it cost. Set-up (symbolic derivation,
// graph layout) is timed apart from per-point evaluation; methods whose cost grows with the
// number of parameters (forward: one pass each, finite differences: 2+ evaluations each) run
// within a time budget on an evenly spread subset and report the measured part and the
// extrapolated total.
import type { Expr } from "../ast/expr.js";
import { dagSize } from "../ast/walk.js";
import { pointValue, type Point } from "../eval/evaluate.js";
import { numberAlgebra } from "../ops/table.js";
import { EXACT_METHODS } from "../diff/registry.js";
import { compileExprs } from "../compile/expr.js";
import { preferredDifferentiator } from "../compile/tiered.js";
import { Tape } from "../diff/reverse/tape.js";
import { emptyGradient, METHOD_NAMES, zeroCost, type CostCounters, type Gradient, type GradientOptions, type GradientResult, type MethodName } from "../diff/types.js";
import { median } from "../util/median.js";
import { attachDiagnostics } from "../diff/diagnostics.js";
import { prepareTensorGradient, type TensorGradientResult, type TensorInputs } from "../diff/tensor-level.js";
import type { TypedProgram } from "../typed/program.js";
import { elementNames, loweredNodeCount } from "../typed/lower.js";
import { parseTyped } from "../typed/parse.js";
import { sizeOf, type Shape } from "../typed/shape.js";
import { measure, timeOnce } from "../util/timing.js";

/** One function at one point, and the variables to differentiate by. */
export interface GradientCase {
  readonly suite: string;
  /** Short name within the suite, e.g. "quadratic" or "relu at a kink". */
  readonly name: string;
  /** One line on what f is, e.g. the network's widths. */
  readonly description: string;
  /** f as a typed program (vectors and matrices), when it was written that way. */
  readonly typed?: string;
  readonly f: Expr;
  readonly point: Point;
  readonly wrt: readonly string[];
  /** What a reader should know about this case (e.g. where the lecture's notes differ). */
  readonly notes?: readonly string[];
}

export interface CompareOptions {
  /** Which methods (default all four). */
  readonly methods?: readonly MethodName[];
  /** Time to spend timing one method's repeated runs, in ms (default 150). */
  readonly timingBudgetMs?: number;
  /**
   * Forward and finite differences: if the whole gradient would take longer than this (ms),
   * measure an evenly spread subset of parameters and extrapolate (default 2000).
   */
  readonly parameterBudgetMs?: number;
  readonly gradientOptions?: GradientOptions;
  readonly onProgress?: (message: string) => void;
}

/** The gradient checks' tolerances, stated as PyTorch's gradcheck and JAX's check_grads state theirs. */
export const TOLERANCES = {
  exact: { rtol: 1e-10, atol: 1e-12 },
  /** torch.autograd.gradcheck's float64 defaults. */
  finiteDifference: { rtol: 1e-3, atol: 1e-5 },
} as const;

export const CHECK_RULE =
  `check: exact methods |Δ| ≤ ${TOLERANCES.exact.atol} + ${TOLERANCES.exact.rtol}·|ref|; finite differences ` +
  `|Δ| ≤ ${TOLERANCES.finiteDifference.atol} + ${TOLERANCES.finiteDifference.rtol}·|ref| (torch.autograd.gradcheck's float64 defaults); ` +
  `ref = per parameter, the median of the exact methods (symbolic, forward, reverse) other than the one judged`;

export interface MethodRow {
  readonly suite: string;
  readonly case: string;
  readonly method: MethodName;
  /** Whether the timed runs ran generated code, the scalar interpreter, or tensor-level kernels. */
  readonly path: "compiled" | "interpreted" | "tensor";
  /** Parameters of the case, and how many this method actually differentiated. */
  readonly parameters: number;
  readonly measuredParameters: number;
  /** True when time and counters for all parameters are extrapolated from the measured subset. */
  readonly extrapolated: boolean;
  readonly value: number;
  /** The gradient over the measured parameters. */
  readonly gradient: Gradient;
  /** Finite differences: estimated absolute error per measured parameter. */
  readonly errorEstimate?: Gradient;
  /** Deviation from the exact methods' consensus over the measured parameters. */
  readonly maxAbsError: number;
  readonly maxRelError: number;
  /** Whether every compared parameter is within tolerance; `compared` = parameters with a reference. */
  readonly check: { readonly passed: boolean; readonly rtol: number; readonly atol: number; readonly compared: number };
  /** Finite differences: parameters whose deviation is within the method's own error estimate. */
  readonly withinEstimate?: number;
  /** Set-up time (one call), ms. */
  readonly setupMs: number;
  /** Median per-point time over the measured parameters, ms. */
  readonly measuredMs: number;
  /** Per-point time for all parameters (= measuredMs unless extrapolated), ms. */
  readonly gradientMs: number;
  /** gradientMs / functionMs: the price of the gradient in evaluations of f. */
  readonly ratio: number;
  readonly timedRuns: number;
  /** Counters of the measured run, and (extrapolated) for all parameters. */
  readonly cost: CostCounters;
  readonly totalCost: CostCounters;
  readonly setupCost: CostCounters;
  /** Kinks met at the point (relu/abs at 0 …), as "expression (convention)". */
  readonly kinks: readonly string[];
  readonly nonFinite?: string;
  readonly notes: readonly string[];
  /** Set when the method failed; the other fields are then zeros or NaN. */
  readonly error?: string;
}

export interface CaseReport {
  readonly suite: string;
  readonly case: string;
  readonly description: string;
  /** f as typed (vectors and matrices), when the case was written that way. */
  readonly typed?: string;
  readonly parameters: number;
  /** Distinct nodes of f, and nodes of f printed as a tree. */
  readonly dagNodes: number;
  readonly treeNodes: number;
  /** One evaluation of f by the tape's value-only forward sweep (median), ms. */
  readonly functionMs: number;
  /** One evaluation of f by generated code, when some method ran compiled (the unit of its ratio). */
  readonly compiledFunctionMs?: number;
  /** One evaluation of f at tensor level, when some method ran there (the unit of its ratio). */
  readonly tensorFunctionMs?: number;
  readonly rows: readonly MethodRow[];
  readonly notes: readonly string[];
}

/** k indices spread evenly over 0..n-1 (first and last included), so every layer is sampled. */
export function evenSubset<T>(items: readonly T[], k: number): T[] {
  if (k >= items.length) return [...items];
  if (k <= 1) return [items[0]];
  return Array.from({ length: k }, (_, i) => items[Math.round((i * (items.length - 1)) / (k - 1))]);
}

/** One evaluation of f without derivatives, by the tape (the same graph walk reverse mode does). */
export function timeFunction(c: GradientCase, budgetMs: number): number {
  const tape = Tape.record(c.f, c.wrt);
  const valueOf = (name: string) => pointValue(c.point, name) as number;
  return measure(() => tape.forward(numberAlgebra, valueOf, false), { budgetMs }).timing.medianMs;
}

/** One evaluation of f by generated code: the unit for gradients that ran compiled. */
export function timeCompiledFunction(c: GradientCase, budgetMs: number): number {
  const compiled = compileExprs(c.f);
  return measure(() => compiled.evaluate(c.point), { budgetMs }).timing.medianMs;
}

interface MethodRun {
  readonly result: GradientResult;
  readonly setupMs: number;
  readonly setupCost: CostCounters;
  readonly measuredMs: number;
  readonly timedRuns: number;
  readonly wrt: readonly string[];
  /** Which evaluation path the timed runs used (symbolic and reverse compile where it pays off, or run at tensor level). */
  readonly path: "compiled" | "interpreted" | "tensor";
  /** Set when measured on a subset only: fitted time and counters for all parameters. */
  readonly extrapolation?: { readonly gradientMs: number; readonly totalCost: CostCounters; readonly note: string };
}

const SCALES_WITH_PARAMETERS: readonly MethodName[] = ["forward", "finite-difference"];

/**
 * Least-squares line y = intercept + slope·k through measured (k, y): a per-point call costs a
 * fixed part (reading the point, diagnostics) plus a part per parameter. Falls back to
 * proportional (y/k of the largest run) when noise makes the fit meaningless.
 */
export function fitLine(points: readonly (readonly [number, number])[]): { intercept: number; slope: number } {
  const [kLast, yLast] = points[points.length - 1];
  const proportional = { intercept: 0, slope: yLast / kLast };
  if (points.length < 2) return proportional;
  const n = points.length;
  const meanK = points.reduce((s, [k]) => s + k, 0) / n;
  const meanY = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxx = points.reduce((s, [k]) => s + (k - meanK) ** 2, 0);
  const sxy = points.reduce((s, [k, y]) => s + (k - meanK) * (y - meanY), 0);
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanK;
  return slope > 0 && intercept >= 0 ? { intercept, slope } : proportional;
}

function extrapolateCost(runs: readonly { k: number; cost: CostCounters }[], n: number): CostCounters {
  const at = (key: "operations" | "functionEvaluations" | "passes") => {
    const line = fitLine(runs.map((r) => [r.k, r.cost[key]] as const));
    return Math.round(line.intercept + line.slope * n);
  };
  const last = runs[runs.length - 1].cost;
  return { ...last, operations: at("operations"), functionEvaluations: at("functionEvaluations"), passes: at("passes") };
}

/** Methods that run a typed case at tensor level; forward mode and finite differences stay per parameter on the lowering (one pass each, extrapolated past the budget). */
const AT_TENSOR_LEVEL: readonly MethodName[] = ["reverse", "symbolic"];

/** A typed case's program, its tensor inputs from the case's point, and the variables whose entries are differentiated. */
interface TensorCase {
  readonly program: TypedProgram;
  readonly inputs: TensorInputs;
  readonly wrt: readonly string[];
}

/**
 * The case at tensor level, read once for all its methods, when it is typed and large enough
 * (TENSOR_LEVEL_FROM); undefined otherwise.
 */
function tensorCase(c: GradientCase): TensorCase | undefined {
  if (c.typed === undefined) return undefined;
  const program = parseTyped(c.typed);
  if (loweredNodeCount(program.result) < TENSOR_LEVEL_FROM) return undefined;
  const wanted = new Set(c.wrt);
  const inputs = new Map([...program.shapes].map(([name, shape]) => [name, Float64Array.from(elementNames(name, shape), (e) => pointValue(c.point, e) as number)]));
  const wrt = [...program.shapes].filter(([name, shape]) => elementNames(name, shape).every((e) => wanted.has(e))).map(([name]) => name);
  const covered = wrt.reduce((n, name) => n + sizeOf(program.shapes.get(name) as Shape), 0);
  if (covered !== c.wrt.length) throw new Error(`internal: the case's parameters are not whole variables of ${c.typed}`);
  return { program, inputs, wrt };
}

/** reverse or symbolic on a typed case at tensor level: the gradient as element names, diagnostics from the lowered f. */
function runAtTensorLevel(method: MethodName, c: GradientCase, { program, inputs, wrt }: TensorCase, options: CompareOptions): MethodRun {
  const setup = timeOnce(() => prepareTensorGradient(program, { wrt, method }));
  const prepared = setup.result;
  const toResult = (run: TensorGradientResult): GradientResult => {
    const gradient = emptyGradient();
    wrt.forEach((name, i) => elementNames(name, program.shapes.get(name) as Shape).forEach((e, k) => { gradient[e] = run.gradients[i][k]; }));
    const cost = { ...zeroCost(), operations: run.operations, passes: run.passes, functionEvaluations: 1 };
    return attachDiagnostics({ method, value: run.value, gradient, cost, notes: [] }, c.f, c.point);
  };
  const { result, timing } = measure(() => prepared.gradient(inputs), { budgetMs: options.timingBudgetMs ?? 150 });
  return { result: toResult(result), setupMs: setup.ms, setupCost: zeroCost(), measuredMs: timing.medianMs, timedRuns: timing.runs, wrt: c.wrt, path: "tensor" };
}

/** One evaluation of f at tensor level (the unit of grad/f for methods that ran there). */
function timeTensorFunction({ program, inputs }: TensorCase, budgetMs: number): number {
  const prepared = prepareTensorGradient(program, { wrt: [] });
  return measure(() => prepared.value(inputs), { budgetMs }).timing.medianMs;
}

/**
 * Scalar operations from which a typed case runs at tensor level: below, the scalar graph's
 * generated code is faster (a kernel call costs more than a few scalar nodes), as the lecture's
 * small networks show; above, one kernel per matrix op beats a statement per entry.
 */
export const TENSOR_LEVEL_FROM = 10_000;

function runMethod(method: MethodName, c: GradientCase, options: CompareOptions, tensor: TensorCase | undefined): MethodRun {
  if (tensor !== undefined && AT_TENSOR_LEVEL.includes(method)) return runAtTensorLevel(method, c, tensor, options);
  // symbolic and reverse switch to generated code once that pays off; the others interpret
  const differentiator = preferredDifferentiator(method);
  const timingBudgetMs = options.timingBudgetMs ?? 150;
  const prepare = (wrt: readonly string[]) => timeOnce(() => differentiator.prepare(c.f, wrt, options.gradientOptions));
  const fullRun = (): MethodRun => {
    const setup = prepare(c.wrt);
    const { result, timing } = measure(() => setup.result.at(c.point), { budgetMs: timingBudgetMs });
    const path = setup.result.path ?? "interpreted";
    return { result, setupMs: setup.ms, setupCost: setup.result.setupCost, measuredMs: timing.medianMs, timedRuns: timing.runs, wrt: c.wrt, path };
  };
  const n = c.wrt.length;
  if (!SCALES_WITH_PARAMETERS.includes(method) || n <= 8) return fullRun();

  // Runs on 1, 2, 4, … evenly spread parameters (at least 1 and 2, to separate the fixed cost
  // of a call from the cost per parameter) until the budget would be spent; if the fitted line
  // says all parameters fit in what is left, run them all instead. The warm-up is not counted.
  const budget = options.parameterBudgetMs ?? 2000;
  differentiator.prepare(c.f, evenSubset(c.wrt, 1), options.gradientOptions).at(c.point);
  const started = performance.now();
  const spent = () => performance.now() - started;
  const runs: { k: number; ms: number; run: MethodRun }[] = [];
  for (let k = 1; k < n; k = Math.min(n, 2 * k)) {
    const wrt = evenSubset(c.wrt, k);
    const setup = prepare(wrt);
    const timed = timeOnce(() => setup.result.at(c.point));
    runs.push({ k, ms: timed.ms, run: { result: timed.result, setupMs: setup.ms, setupCost: setup.result.setupCost, measuredMs: timed.ms, timedRuns: 1, wrt, path: setup.result.path ?? "interpreted" } });
    const line = fitLine(runs.map((r) => [r.k, r.ms] as const));
    if (line.intercept + line.slope * n <= budget - spent()) return fullRun();
    if (k >= 2 && spent() + line.intercept + line.slope * Math.min(n, 2 * k) > budget) break;
  }
  const line = fitLine(runs.map((r) => [r.k, r.ms] as const));
  const last = runs[runs.length - 1];
  return {
    ...last.run,
    extrapolation: {
      gradientMs: line.intercept + line.slope * n,
      totalCost: extrapolateCost(runs.map((r) => ({ k: r.k, cost: r.run.result.cost })), n),
      note:
        `measured on ${last.k} of ${n} parameters (evenly spread) within the ${budget} ms budget; runs on ` +
        `${runs.map((r) => r.k).join(", ")} parameters fit ${formatFit(line)} ms per call for k parameters, ` +
        `extrapolated to k = ${n}`,
    },
  };
}

function formatFit(line: { intercept: number; slope: number }): string {
  const round = (v: number) => Number(v.toPrecision(3));
  return line.intercept === 0 ? `${round(line.slope)}·k` : `${round(line.intercept)} + ${round(line.slope)}·k`;
}

/**
 * Per parameter, the median of the exact methods that computed it, other than `judged`: a
 * method is never its own reference, so reverse mode alone is "n/a", not a vacuous pass.
 */
function consensus(runs: ReadonlyMap<MethodName, MethodRun>, judged: MethodName): Map<string, number> {
  const values = new Map<string, number[]>();
  for (const method of EXACT_METHODS) {
    const run = runs.get(method);
    if (run === undefined || method === judged) continue;
    for (const name of run.wrt) {
      const list = values.get(name) ?? [];
      list.push(run.result.gradient[name]);
      values.set(name, list);
    }
  }
  return new Map([...values].map(([name, list]) => [name, median(list)]));
}

function deviation(gradient: Gradient, wrt: readonly string[], reference: ReadonlyMap<string, number>, tol: { rtol: number; atol: number }) {
  let maxAbsError = 0;
  let maxRelError = 0;
  let passed = true;
  let sawNaN = false;
  let compared = 0;
  for (const name of wrt) {
    const ref = reference.get(name);
    if (ref === undefined) continue;
    compared++;
    const g = gradient[name];
    const delta = g === ref ? 0 : Math.abs(g - ref); // equal infinities deviate by 0, not NaN
    if (Number.isNaN(delta)) {
      sawNaN = true;
      passed = false;
      continue;
    }
    maxAbsError = Math.max(maxAbsError, delta);
    maxRelError = Math.max(maxRelError, delta === 0 ? 0 : delta / Math.abs(ref));
    if (!(delta <= tol.atol + tol.rtol * Math.abs(ref))) passed = false;
  }
  // Nothing to compare with (no exact method ran): no verdict, rather than a vacuous pass.
  if (compared === 0) return { maxAbsError: NaN, maxRelError: NaN, passed: false, compared };
  return sawNaN ? { maxAbsError: NaN, maxRelError: NaN, passed, compared } : { maxAbsError, maxRelError, passed, compared };
}

function failedRow(c: GradientCase, method: MethodName, error: unknown): MethodRow {
  const message = error instanceof Error ? error.message : String(error);
  return {
    suite: c.suite, case: c.name, method, path: "interpreted", parameters: c.wrt.length, measuredParameters: 0, extrapolated: false,
    value: NaN, gradient: {}, maxAbsError: NaN, maxRelError: NaN, check: { passed: false, ...TOLERANCES.exact, compared: 0 },
    setupMs: NaN, measuredMs: NaN, gradientMs: NaN, ratio: NaN, timedRuns: 0,
    cost: zeroCost(), totalCost: zeroCost(), setupCost: zeroCost(), kinks: [], notes: [], error: message,
  };
}

/** Runs every requested method on one case. */
export function compareCase(c: GradientCase, options: CompareOptions = {}): CaseReport {
  const methods = options.methods ?? METHOD_NAMES;
  const progress = options.onProgress ?? (() => {});
  const runs = new Map<MethodName, MethodRun>();
  const failures = new Map<MethodName, unknown>();
  const tensor = methods.some((m) => AT_TENSOR_LEVEL.includes(m)) ? tensorCase(c) : undefined;
  for (const method of methods) {
    progress(`${c.suite}${c.name ? ` ${c.name}` : ""}: ${method}…`);
    try {
      runs.set(method, runMethod(method, c, options, tensor));
    } catch (error) {
      failures.set(method, error);
    }
  }
  // Timed after the methods, so the JIT has warmed the shared code paths for both.
  const functionMs = timeFunction(c, options.timingBudgetMs ?? 150);
  const anyCompiled = [...runs.values()].some((run) => run.path === "compiled");
  const compiledFunctionMs = anyCompiled ? timeCompiledFunction(c, options.timingBudgetMs ?? 150) : undefined;
  const anyTensor = tensor !== undefined && [...runs.values()].some((run) => run.path === "tensor");
  const tensorFunctionMs = anyTensor ? timeTensorFunction(tensor, options.timingBudgetMs ?? 150) : undefined;
  const rows = methods.map((method): MethodRow => {
    const run = runs.get(method);
    if (run === undefined) return failedRow(c, method, failures.get(method));
    const reference = consensus(runs, method);
    const { result } = run;
    const isFiniteDifference = method === "finite-difference";
    const tol = isFiniteDifference ? TOLERANCES.finiteDifference : TOLERANCES.exact;
    const dev = deviation(result.gradient, run.wrt, reference, tol);
    const { extrapolation } = run;
    const extrapolated = extrapolation !== undefined;
    const gradientMs = extrapolation?.gradientMs ?? run.measuredMs;
    const errorEstimate = result.errorEstimate;
    const withinEstimate = errorEstimate === undefined || reference.size === 0
      ? undefined
      : run.wrt.filter((name) => Math.abs(result.gradient[name] - (reference.get(name) ?? NaN)) <= errorEstimate[name]).length;
    const notes = [...(result.notes ?? [])];
    if (extrapolation !== undefined) notes.push(extrapolation.note);
    if (reference.size === 0) notes.push(`no ${isFiniteDifference ? "" : "other "}exact method (symbolic, forward, reverse) ran, so there is nothing to check against`);
    const { diagnostics } = result;
    return {
      suite: c.suite, case: c.name, method,
      parameters: c.wrt.length, measuredParameters: run.wrt.length, extrapolated,
      value: result.value,
      gradient: result.gradient,
      ...(errorEstimate !== undefined ? { errorEstimate } : {}),
      maxAbsError: dev.maxAbsError, maxRelError: dev.maxRelError,
      check: { passed: dev.passed, ...tol, compared: dev.compared },
      ...(withinEstimate !== undefined ? { withinEstimate } : {}),
      path: run.path,
      // like with like: a compiled gradient is priced in compiled evaluations of f
      setupMs: run.setupMs, measuredMs: run.measuredMs, gradientMs,
      ratio: gradientMs / (run.path === "compiled" ? (compiledFunctionMs as number) : run.path === "tensor" ? (tensorFunctionMs as number) : functionMs), timedRuns: run.timedRuns,
      cost: result.cost, totalCost: extrapolation?.totalCost ?? result.cost, setupCost: run.setupCost,
      kinks: diagnostics.kinks.map((k) => `${k.expression} (${k.convention})`),
      ...(diagnostics.nonFinite !== undefined ? { nonFinite: diagnostics.nonFinite.message } : {}),
      notes,
    };
  });
  return {
    suite: c.suite, case: c.name, description: c.description, ...(c.typed !== undefined ? { typed: c.typed } : {}), parameters: c.wrt.length,
    dagNodes: dagSize(c.f), treeNodes: c.f.treeSize, functionMs,
    ...(compiledFunctionMs !== undefined ? { compiledFunctionMs } : {}), ...(tensorFunctionMs !== undefined ? { tensorFunctionMs } : {}), rows, notes: c.notes ?? [],
  };
}
