// Gradients of typed expressions through the four differentiators (denominator layout: ∂J/∂W
// has the shape of W). Reverse, forward and symbolic run at tensor level (tensor-level.ts);
// finite differences, and any gradient that comes out non-finite, run on the scalar lowering,
// whose per-entry graph says where a NaN or infinity arose.
import { elementNames, loweredNodeCount, lowerScalar } from "../typed/lower.js";
import { MAX_LOWERED_NODES } from "../typed/shape.js";
import { parseTyped } from "../typed/parse.js";
import { shapesWithValues } from "../typed/implied.js";
import type { TypedProgram } from "../typed/program.js";
import { describeShape, isScalar, type Shape } from "../typed/shape.js";
import { typedVariablesOf } from "../typed/texpr.js";
import { entriesOf, flattenPoint, fromEntries, reshape, type TypedValue } from "../typed/values.js";
import { MissingVariableError, PointValueError } from "../eval/evaluate.js";
import { getDifferentiator } from "./registry.js";
import { attachDiagnosing, diagnose } from "./diagnostics.js";
import { prepareTensorGradient, TENSOR_METHODS } from "./tensor-level.js";
import { emptyGradient, zeroCost, type GradientOptions, type GradientResult, type MethodName } from "./types.js";

export interface TypedGradientOptions extends GradientOptions {
  /** Which differentiator (default reverse). */
  readonly method?: MethodName;
  /** Variables to differentiate by (default every variable of the expression). */
  readonly wrt?: readonly string[];
  /** Shapes for a program given as text, as --shape gives them. */
  readonly shapes?: ReadonlyMap<string, Shape>;
}

export interface TypedGradient {
  readonly value: number;
  /** Each variable's gradient, shaped like the variable. */
  readonly gradient: ReadonlyMap<string, TypedValue>;
  /** The scalar differentiator's own result (element names, costs, diagnostics). */
  readonly scalar: GradientResult;
}

const toMap = (values: ReadonlyMap<string, TypedValue> | Readonly<Record<string, TypedValue>>): ReadonlyMap<string, TypedValue> => {
  if (values instanceof Map) return values;
  if (typeof values !== "object" || values === null || Array.isArray(values)) throw new PointValueError(undefined, values);
  return new Map(Object.entries(values));
};

const TYPED_ACCEPTED = "a number, an array of numbers (a vector) or an array of rows of numbers (a matrix)";

/**
 * Throws PointValueError for the first entry that is not a number (e.g. W[1][0] = "3"): one pass
 * over the given entries per call. Shapes (ragged rows, sizes) are checked later, by shape.
 */
function requireNumbers(given: ReadonlyMap<string, unknown>): void {
  const bad = (where: string, v: unknown) => new PointValueError(where, v, where.endsWith("]") ? "a number" : TYPED_ACCEPTED);
  for (const [name, value] of given) {
    if (typeof value === "number") continue;
    if (!Array.isArray(value)) throw bad(name, value);
    value.forEach((item: unknown, i) => {
      if (typeof item === "number") return;
      if (!Array.isArray(item)) throw bad(`${name}[${i}]`, item);
      item.forEach((entry: unknown, j) => {
        if (typeof entry !== "number") throw bad(`${name}[${i}][${j}]`, entry);
      });
    });
  }
}

/**
 * The gradient of a scalar-valued typed program at `values` (numbers, arrays, arrays of rows).
 * e.g. typedGradient("x: R^3; W: R^(2x3); sum(sigmoid(W * x))", { x: [1, 2, 3], W: [[…], […]] }).
 */
export function typedGradient(
  program: TypedProgram | string,
  values: ReadonlyMap<string, TypedValue> | Readonly<Record<string, TypedValue>>,
  options: TypedGradientOptions = {},
): TypedGradient {
  const given = toMap(values);
  requireNumbers(given);
  // Text without declarations takes its shapes from the values, as the command line does.
  const parsed = typeof program === "string" ? parseTyped(program, shapesWithValues(program, options.shapes ?? new Map(), given)) : program;
  if (!isScalar(parsed.result.shape)) throw new RangeError(`a gradient needs a scalar-valued expression; this one is ${describeShape(parsed.result.shape)}`);
  const inExpression = typedVariablesOf(parsed.result);
  const wrt = options.wrt ?? [...parsed.shapes.keys()].filter((name) => inExpression.has(name));
  for (const name of wrt) if (!parsed.shapes.has(name)) throw new RangeError(`${name} is not a variable of the program`);
  const method = options.method ?? "reverse";
  // finite differences run on the lowering, which says where a step leaves an op's domain; past its size, at tensor level
  const tensorLevel = TENSOR_METHODS.includes(method) || loweredNodeCount(parsed.result) > MAX_LOWERED_NODES;
  const atTensorLevel = tensorLevel ? tensorGradient(parsed, given, wrt, method) : undefined;
  if (atTensorLevel !== undefined) return atTensorLevel;
  const f = lowerScalar(parsed.result);
  const point = flattenPoint(parsed.shapes, given);
  const names = wrt.flatMap((name) => elementNames(name, parsed.shapes.get(name) as Shape));
  const scalar = getDifferentiator(method).gradient(f, point, names, options);
  const gradient = new Map(wrt.map((name) => [name, reshape(name, parsed.shapes.get(name) as Shape, (element) => scalar.gradient[element])]));
  return { value: scalar.value, gradient, scalar };
}

/**
 * The gradient at tensor level, with its result in the scalar differentiators' form (element
 * names, costs; diagnostics from the lowering, only if asked for). Undefined when the value or
 * a partial is not finite: then the scalar lowering runs instead, to say where that arose.
 */
function tensorGradient(program: TypedProgram, given: ReadonlyMap<string, TypedValue>, wrt: readonly string[], method: MethodName): TypedGradient | undefined {
  const inputs = new Map([...program.shapes].map(([name, shape]) => [name, Float64Array.from(given.has(name) ? entriesOf(given.get(name) as TypedValue, shape, name) : [])]));
  const used = typedVariablesOf(program.result);
  const missing = [...used.keys()].filter((name) => !given.has(name));
  if (missing.length > 0) throw new MissingVariableError(missing, [...given.keys()]);
  const prepared = prepareTensorGradient(program, { wrt, method });
  const run = prepared.gradient(inputs);
  if (![run.value, ...run.gradients.flatMap((g) => Array.from(g))].every(Number.isFinite)) return undefined;
  const byElement = emptyGradient();
  const errorEstimate = run.errorEstimates === undefined ? undefined : emptyGradient();
  const gradient = new Map(wrt.map((name, i) => {
    const shape = program.shapes.get(name) as Shape;
    elementNames(name, shape).forEach((element, k) => {
      byElement[element] = run.gradients[i][k];
      if (errorEstimate !== undefined) errorEstimate[element] = (run.errorEstimates as readonly Float64Array[])[i][k];
    });
    return [name, fromEntries(shape, Array.from(run.gradients[i]))] as const;
  }));
  const cost = {
    ...zeroCost(), passes: run.passes, operations: run.operations,
    functionEvaluations: method === "forward" ? run.passes - 1 : method === "finite-difference" ? run.passes : 1,
    ...(method === "reverse" ? { tapeEntries: run.nodes } : method === "symbolic" ? { expressionNodes: run.nodes } : {}),
  };
  const note = "computed at tensor level (whole vectors and matrices, no lowering to scalars)";
  const scalar = attachDiagnosing({ method, value: run.value, gradient: byElement, ...(errorEstimate !== undefined ? { errorEstimate } : {}), cost, notes: [note] }, () => diagnose(lowerScalar(program.result), flattenPoint(program.shapes, given)));
  return { value: run.value, gradient, scalar };
}

