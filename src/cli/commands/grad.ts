import { dagSize, variablesOf } from "../../ast/walk.js";
import { gradientCostProblem } from "../../diff/cost-estimate.js";
import { outsideDomain, unreliability, type NonFiniteReport } from "../../diff/diagnostics.js";
import { pointNames } from "../../eval/evaluate.js";
import { DIFFERENTIATORS, EXACT_METHODS, isMethodName } from "../../diff/registry.js";
import { METHOD_NAMES, type GradientOptions, type GradientResult, type MethodName } from "../../diff/types.js";
import { printExpr } from "../../print/text.js";
import { expectPositionals, parseCommandArgs, noteUnusedPoint, parsePoint, stringOption, wrtOption } from "../args.js";
import type { Command } from "../command.js";
import { formatSignificant, formatTable, formatValue, toJson } from "../format.js";
import { EXIT, UsageError } from "../io.js";
import { readTypedInput, scalarReading, TYPED_HELP, TYPED_OPTIONS } from "../typed-input.js";
import { readAsJson, readAsText } from "../read-as.js";
import { runTypedGrad, typedWrt } from "./grad-typed.js";
import { loweredNodeCount } from "../../typed/lower.js";
import { TENSOR_METHODS } from "../../diff/tensor-level.js";
import { sizeOf } from "../../typed/shape.js";

const SCHEMES = ["forward", "backward", "central", "richardson"] as const;

export const gradCommand: Command = {
  name: "grad",
  summary: "the gradient by all four methods side by side, with deviations and costs",
  help: `usage: diffscope grad EXPR --at x=2,z=3 [--wrt x,z] [--method all|symbolic|finite-difference|forward|reverse] [--json]

  --at NAME=VALUE,…     the point (values may be constant expressions, e.g. pi/4)
  --wrt x,z             variables to differentiate by (default: every variable of EXPR)
  --method M            one method, or all (default)
  --mode tree|shared    symbolic: textbook tree recursion or shared DAG (default shared)
  --scheme S            finite differences: forward, backward, central or richardson (default)
  --step H              finite differences: step size (default automatic, e.g. eps^(1/3)·max(1,|x|) for central)
  --json                print {"value", "methods": {"<method>": {"gradient": {…}, "cost": {…}, …}}}

Vectors and matrices (gradients come back in the shape of their variable):
${TYPED_HELP}
  e.g. diffscope grad "sigmoid(beta' * sigmoid(alpha2' * sigmoid(alpha1' * x)))" \\
         --shape x=3,alpha1=3x4,alpha2=4x3,beta=3 --seed 1

The deviation column is each method's largest difference from the exact methods (symbolic,
forward, reverse) other than itself; finite differences also report their own error estimate.
Forward mode and finite differences sweep the graph once per variable: past 1e7 node visits a
method named with --method is refused (exit 2), and of all four it is not run (a note says why).
A point where f has no real value (log(x) at x = -1: outside log's domain) has no derivative:
it is refused as bad input, exit 2.`,
  options: {
    at: { type: "string" },
    wrt: { type: "string" },
    method: { type: "string" },
    mode: { type: "string" },
    scheme: { type: "string" },
    step: { type: "string" },
    json: { type: "boolean" },
    ...TYPED_OPTIONS,
  },
  run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, this.options, "grad");
    expectPositionals(positionals, 1, "grad");
    const reading = scalarReading(positionals[0], values, "grad");
    const f = reading?.expr;
    if (f === undefined || reading === undefined) {
      const input = readTypedInput(positionals[0], values, "grad");
      const wrt = typedWrt(input.program, wrtOption(stringOption(values, "wrt"), "grad"), "grad");
      const methodText = stringOption(values, "method");
      const variables = [...wrt.values()].reduce((total, shape) => total + sizeOf(shape), 0);
      const { methods, skipped } = affordableMethods(parseMethods(methodText), methodText, loweredNodeCount(input.program.result), variables, TENSOR_METHODS);
      return runTypedGrad(input, wrt, methods, parseGradientOptions(values), values.json === true, io, skipped);
    }
    const point = parsePoint(stringOption(values, "at"), "grad");
    const wrt = parseWrt(stringOption(values, "wrt"), variablesOf(f), pointNames(point));
    noteUnusedPoint(point, f, "grad", io, wrt);
    const methodText = stringOption(values, "method");
    const used = new Set(variablesOf(f));
    const { methods, skipped } = affordableMethods(parseMethods(methodText), methodText, dagSize(f), wrt.filter((v) => used.has(v)).length);
    const options = parseGradientOptions(values);

    const results = new Map<MethodName, GradientResult>();
    for (const method of methods) results.set(method, DIFFERENTIATORS[method].gradient(f, point, wrt, options));
    const value = [...results.values()][0].value;
    const outside = outsideDomain([...results.values()][0].diagnostics, value);
    if (outside !== undefined) throw outsideDomainError(outside, point);
    const deviations = new Map([...results].map(([m, r]) => [m, deviationFromExact(m, r, results)]));

    if (values.json) {
      const methodsJson = Object.fromEntries(
        [...results].map(([m, r]) => [m, {
          gradient: r.gradient,
          ...(r.errorEstimate ? { errorEstimate: r.errorEstimate } : {}),
          deviationFromExact: deviations.get(m),
          cost: r.cost,
          diagnostics: r.diagnostics,
          ...(r.notes && r.notes.length > 0 ? { notes: r.notes } : {}),
        }]),
      );
      io.stdout(`${toJson({ expression: printExpr(f), ...readAsJson(reading, printExpr(f)), at: Object.fromEntries(point), wrt, value, methods: methodsJson, ...skippedJson(skipped) })}\n`);
      return EXIT.ok;
    }
    io.stdout(readAsText(reading, printExpr(f)) + renderTables(printExpr(f), point, wrt, value, results, deviations) + skippedNotes(skipped));
    return EXIT.ok;
  },
};

/**
 * f has no real value at the point (log(x) at x = -1): bad input, exit 2, nothing printed, since
 * the numbers the exact methods multiply out there (log'(-1) = -1) are no derivative.
 */
function outsideDomainError(first: NonFiniteReport, point: ReadonlyMap<string, number>): UsageError {
  const at = [...point].map(([k, v]) => `${k} = ${formatValue(v)}`).join(", ") || "the point";
  const args = first.arguments.map(formatValue).join(", ");
  return new UsageError(
    `grad: ${at} is outside the domain of f: ${first.expression} has no real value there (argument${first.arguments.length > 1 ? "s" : ""} ${args}), so f is NaN and has no derivative`,
    "choose a point inside the domain (e.g. a positive argument for log and sqrt, |u| ≤ 1 for asin)",
  );
}

function parseWrt(text: string | undefined, inExpression: string[], inPoint: string[]): string[] {
  const names = wrtOption(text, "grad") ?? inExpression;
  if (names.length === 0) throw new UsageError("grad: the expression has no variables to differentiate by", 'e.g. diffscope grad "x^2" --at x=1');
  for (const name of names) {
    if (!inExpression.includes(name) && !inPoint.includes(name)) {
      throw new UsageError(`grad: --wrt ${name}: ${name} is neither in the expression nor in --at`, `variables of the expression: ${inExpression.join(", ") || "(none)"}`);
    }
  }
  return names;
}

export function parseMethods(text: string | undefined): MethodName[] {
  if (text === undefined || text === "all") return [...METHOD_NAMES];
  const names = text.split(",").map((s) => s.trim());
  for (const name of names) {
    if (!isMethodName(name)) throw new UsageError(`grad: unknown method "${name}"`, `methods: all, ${METHOD_NAMES.join(", ")}`);
  }
  return names as MethodName[];
}

/**
 * The methods to run within the work budget (cost-estimate.ts), before any runs. A method asked
 * for by name (--method forward) is refused past it, exit 2 with its cost; of all four (the
 * default), those past it are skipped, and the output says which and what they would cost.
 */
export function affordableMethods(
  requested: readonly MethodName[], methodText: string | undefined, graphNodes: number, variables: number,
  tensorLevel: readonly MethodName[] = [],
): { methods: MethodName[]; skipped: Map<MethodName, string> } {
  const all = methodText === undefined || methodText === "all";
  const methods: MethodName[] = [];
  const skipped = new Map<MethodName, string>();
  for (const method of requested) {
    const problem = gradientCostProblem(method, graphNodes, variables, tensorLevel.includes(method));
    if (problem === undefined) methods.push(method);
    else if (all) skipped.set(method, problem.message);
    else throw problem;
  }
  if (methods.length === 0) throw gradientCostProblem(requested[0], graphNodes, variables, tensorLevel.includes(requested[0]));
  return { methods, skipped };
}

/** `"skipped": {"forward": "…"}` for --json, when a method was skipped. */
export function skippedJson(skipped: ReadonlyMap<MethodName, string>): { skipped?: Record<string, string> } {
  return skipped.size > 0 ? { skipped: Object.fromEntries(skipped) } : {};
}

/** A note per skipped method, after the tables. */
export function skippedNotes(skipped: ReadonlyMap<MethodName, string>): string {
  return [...skipped.values()].map((why) => `note: not run: ${why}\n`).join("");
}

export function parseGradientOptions(values: Record<string, unknown>): GradientOptions {
  const mode = values.mode;
  if (mode !== undefined && mode !== "tree" && mode !== "shared") throw new UsageError(`grad: --mode must be tree or shared, got "${String(mode)}"`);
  const scheme = values.scheme;
  if (scheme !== undefined && !(SCHEMES as readonly unknown[]).includes(scheme)) {
    throw new UsageError(`grad: --scheme must be one of ${SCHEMES.join(", ")}, got "${String(scheme)}"`);
  }
  let step: number | undefined;
  if (values.step !== undefined) {
    step = Number(values.step);
    if (!(step > 0) || !Number.isFinite(step)) throw new UsageError(`grad: --step must be a positive number, got "${String(values.step)}"`);
  }
  return {
    symbolicMode: mode as "tree" | "shared" | undefined,
    finiteDifference: { scheme: scheme as (typeof SCHEMES)[number] | undefined, step },
  };
}

/** Largest |difference| of a method's partials from each exact method other than itself. */
export function deviationFromExact(method: MethodName, result: GradientResult, all: ReadonlyMap<MethodName, GradientResult>): { maxAbsolute: number; maxRelative: number } | undefined {
  let maxAbsolute = 0;
  let maxRelative = 0;
  let compared = false;
  for (const exact of EXACT_METHODS) {
    const other = all.get(exact);
    if (exact === method || other === undefined) continue;
    // An exact method computed through an overflow or underflow is no reference (its note says so).
    if (unreliability(other.diagnostics, [other.value, ...Object.values(other.gradient)]) !== undefined) continue;
    compared = true;
    for (const v of Object.keys(result.gradient)) {
      // Equal infinities (sqrt'(0) = +Infinity from every method) agree: no deviation.
      const diff = result.gradient[v] === other.gradient[v] ? 0 : Math.abs(result.gradient[v] - other.gradient[v]);
      maxAbsolute = Math.max(maxAbsolute, diff);
      maxRelative = Math.max(maxRelative, diff / Math.max(Math.abs(other.gradient[v]), Number.MIN_VALUE));
    }
  }
  return compared ? { maxAbsolute, maxRelative } : undefined;
}

function renderTables(
  text: string,
  point: ReadonlyMap<string, number>,
  wrt: readonly string[],
  value: number,
  results: ReadonlyMap<MethodName, GradientResult>,
  deviations: ReadonlyMap<MethodName, { maxAbsolute: number; maxRelative: number } | undefined>,
): string {
  const methods = [...results.keys()];
  const at = [...point].map(([k, v]) => `${k} = ${formatValue(v)}`).join(", ");
  let out = `f = ${text}\nat ${at}:  f = ${formatValue(value)}\n\n`;
  out += formatTable(
    ["partial", ...methods],
    wrt.map((v) => [`∂f/∂${v}`, ...methods.map((m) => formatSignificant((results.get(m) as GradientResult).gradient[v], 15))]),
  );
  out += "\n";
  out += methodTable(results, deviations);
  const first = [...results.values()][0];
  for (const kink of first.diagnostics.kinks) out += `\nnote: ${kink.expression} is at a non-differentiable point; convention: ${kink.convention}`;
  if (first.diagnostics.nonFinite) out += `\nnote: ${first.diagnostics.nonFinite.message}`;
  const unreliable = unreliability(first.diagnostics, [...results.values()].flatMap((r) => [r.value, ...Object.values(r.gradient)]));
  if (unreliable !== undefined) out += `\nnote: ${unreliable}`;
  for (const [m, r] of results) for (const note of r.notes ?? []) out += `\nnote (${m}): ${note}`;
  return out.endsWith("\n") ? out : `${out}\n`;
}

/** Each method's deviation from the exact ones and its cost counters, one row per method. */
export function methodTable(
  results: ReadonlyMap<MethodName, GradientResult>,
  deviations: ReadonlyMap<MethodName, { maxAbsolute: number; maxRelative: number } | undefined>,
): string {
  const methods = [...results.keys()];
  return formatTable(
    ["method", "max |dev| vs exact", "max rel dev", "FD error est.", "ops", "f evals", "passes", "tape", "expr DAG", "expr tree"],
    methods.map((m) => {
      const r = results.get(m) as GradientResult;
      const dev = deviations.get(m);
      const estimate = r.errorEstimate ? Math.max(...Object.values(r.errorEstimate)) : undefined;
      return [
        m,
        dev ? dev.maxAbsolute.toExponential(1) : "-",
        dev ? dev.maxRelative.toExponential(1) : "-",
        estimate !== undefined ? estimate.toExponential(1) : "-",
        String(r.cost.operations),
        String(r.cost.functionEvaluations),
        String(r.cost.passes),
        String(r.cost.tapeEntries),
        String(r.cost.expressionNodes),
        String(r.cost.expressionTreeNodes),
      ];
    }),
  );
}
