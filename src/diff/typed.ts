// Gradients of typed expressions through the four differentiators: the program is lowered to
// one scalar expression, differentiated element by element, and each gradient is folded back
// into its variable's shape (denominator layout: ∂J/∂W has the shape of W).
import { elementNames, lowerScalar } from "../typed/lower.js";
import { parseTyped } from "../typed/parse.js";
import { shapesWithValues } from "../typed/implied.js";
import type { TypedProgram } from "../typed/program.js";
import { describeShape, isScalar, type Shape } from "../typed/shape.js";
import { typedVariablesOf } from "../typed/texpr.js";
import { flattenPoint, reshape, type TypedValue } from "../typed/values.js";
import { PointValueError } from "../eval/evaluate.js";
import { getDifferentiator } from "./registry.js";
import type { GradientOptions, GradientResult, MethodName } from "./types.js";

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
  const f = lowerScalar(parsed.result);
  const point = flattenPoint(parsed.shapes, given);
  const names = wrt.flatMap((name) => elementNames(name, parsed.shapes.get(name) as Shape));
  const scalar = getDifferentiator(options.method ?? "reverse").gradient(f, point, names, options);
  const gradient = new Map(wrt.map((name) => [name, reshape(name, parsed.shapes.get(name) as Shape, (element) => scalar.gradient[element])]));
  return { value: scalar.value, gradient, scalar };
}
