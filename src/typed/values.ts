// Values of typed variables: a number, a vector as an array, a matrix as an array of rows
// (the JSON a user writes in --at-file). Flattened to the scalar point the differentiators
// read, and gradients folded back into their variable's shape.
import { mulberry32, uniform } from "../util/prng.js";
import { elementNames } from "./lower.js";
import { colsOf, describeShape, matrixShape, rowsOf, SCALAR, vectorShape, type Shape } from "./shape.js";

export type TypedValue = number | readonly number[] | readonly (readonly number[])[];

export class ValueShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ValueShapeError";
  }
}

/** The shape a value has: a number is a scalar, a flat array a vector, an array of rows a matrix. */
export function shapeOfValue(name: string, value: unknown): Shape {
  if (typeof value === "number") return SCALAR;
  if (!Array.isArray(value) || value.length === 0) throw new ValueShapeError(`${name}: expected a number, an array of numbers or an array of rows, got ${JSON.stringify(value)}`);
  if (value.every((v) => typeof v === "number")) return vectorShape(value.length);
  if (value.every((row) => Array.isArray(row) && row.length > 0 && row.every((v: unknown) => typeof v === "number"))) {
    const width = (value[0] as unknown[]).length;
    const bad = value.findIndex((row) => (row as unknown[]).length !== width);
    if (bad >= 0) throw new ValueShapeError(`${name}: rows differ in length (row 1 has ${width} entries, row ${bad + 1} has ${(value[bad] as unknown[]).length})`);
    return matrixShape(value.length, width);
  }
  throw new ValueShapeError(`${name}: expected a number, an array of numbers or an array of rows of numbers`);
}

/**
 * A value's entries, row-major, when it can stand for `shape`: rows for a matrix; a flat list
 * for a vector, a row, or a one-column or one-row matrix ([1, 2, 3] for a 3×1 W); a number
 * for anything of one entry (R^1, R^(1x1)). Otherwise a ValueShapeError naming both shapes.
 */
export function entriesOf(value: TypedValue, shape: Shape, name: string, what = "its value"): number[] {
  const actual = shapeOfValue(name, value);
  const rows = rowsOf(shape);
  const cols = colsOf(shape);
  const flat = typeof value === "number" ? [value] : Array.isArray(value[0]) ? (value as readonly (readonly number[])[]).flat() : [...(value as readonly number[])];
  const asRows = actual.kind === "matrix";
  // A scalar stays a number; anything else of the right size and orientation is read.
  const flatListFits = typeof value === "number" || asRows || rows === 1 || cols === 1;
  const ok = (shape.kind !== "scalar" || typeof value === "number") && flatListFits && flat.length === rows * cols && (!asRows || (rowsOf(actual) === rows && colsOf(actual) === cols) || (shape.kind === "vector" && colsOf(actual) === 1) || (shape.kind === "row" && rowsOf(actual) === 1));
  if (!ok) throw new ValueShapeError(`${name} is ${describeShape(shape)}, but ${what} is ${describeShape(actual)}`);
  return flat;
}

/** The scalar point: one entry per element, named as lowering names them. */
export function flattenPoint(shapes: ReadonlyMap<string, Shape>, values: ReadonlyMap<string, TypedValue>): Map<string, number> {
  const point = new Map<string, number>();
  for (const [name, value] of values) {
    const shape = shapes.get(name) ?? shapeOfValue(name, value);
    const entries = entriesOf(value, shape, name);
    elementNames(name, shape).forEach((element, k) => point.set(element, entries[k]));
  }
  return point;
}

/** Row-major numbers as a value of `shape`: a number, an array, or an array of rows. */
export function fromEntries(shape: Shape, numbers: readonly number[]): TypedValue {
  if (shape.kind === "scalar") return numbers[0];
  if (shape.kind !== "matrix") return [...numbers];
  return Array.from({ length: shape.rows }, (_, r) => numbers.slice(r * shape.cols, (r + 1) * shape.cols));
}

/** Per-element numbers (keyed by element name, asked for row-major) folded into the variable's shape. */
export function reshape(name: string, shape: Shape, byElement: (elementName: string) => number): TypedValue {
  return fromEntries(shape, elementNames(name, shape).map(byElement));
}

/**
 * Values drawn from a seed for variables without one: uniform in [-1, 1], in the order given,
 * element by element row-major (so a seed means the same numbers on every machine).
 */
export function drawValues(shapes: ReadonlyMap<string, Shape>, seed: number): Map<string, TypedValue> {
  const random = mulberry32(seed);
  const values = new Map<string, TypedValue>();
  for (const [name, shape] of shapes) values.set(name, reshape(name, shape, () => uniform(random, -1, 1)));
  return values;
}
