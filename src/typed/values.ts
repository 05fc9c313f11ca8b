// Values of typed variables: a number, a vector as an array, a matrix as an array of rows
// (the JSON a user writes in --at-file). Flattened to the scalar point the differentiators
// read, and gradients folded back into their variable's shape.
import { mulberry32, uniform } from "../util/prng.js";
import { elementName } from "./lower.js";
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

/** Element (row, col) of a value of a known shape. */
export function elementOf(value: TypedValue, shape: Shape, row: number, col: number): number {
  if (shape.kind === "scalar") return value as number;
  if (shape.kind === "vector") return (value as readonly number[])[row];
  if (shape.kind === "row") return (value as readonly number[])[col];
  return (value as readonly (readonly number[])[])[row][col];
}

/** Whether a value fits a declared shape (a row vector's value is a flat array too). */
function fits(value: TypedValue, shape: Shape, name: string): void {
  const actual = shapeOfValue(name, value);
  const ok =
    shape.kind === "row" ? actual.kind === "vector" && rowsOf(actual) === colsOf(shape) : actual.kind === shape.kind && rowsOf(actual) === rowsOf(shape) && colsOf(actual) === colsOf(shape);
  if (!ok) throw new ValueShapeError(`${name} is declared ${describeShape(shape)}, but its value is ${describeShape(actual)}`);
}

/** The scalar point: one entry per element, named as lowering names them. */
export function flattenPoint(shapes: ReadonlyMap<string, Shape>, values: ReadonlyMap<string, TypedValue>): Map<string, number> {
  const point = new Map<string, number>();
  for (const [name, value] of values) {
    const shape = shapes.get(name) ?? shapeOfValue(name, value);
    fits(value, shape, name);
    for (let r = 0; r < rowsOf(shape); r++) for (let c = 0; c < colsOf(shape); c++) point.set(elementName(name, shape, r, c), elementOf(value, shape, r, c));
  }
  return point;
}

/** Per-element numbers (keyed by element name) folded into the variable's shape. */
export function reshape(name: string, shape: Shape, byElement: (elementName: string) => number): TypedValue {
  switch (shape.kind) {
    case "scalar":
      return byElement(name);
    case "vector":
    case "row":
      return Array.from({ length: rowsOf(shape) * colsOf(shape) }, (_, k) =>
        byElement(elementName(name, shape, shape.kind === "vector" ? k : 0, shape.kind === "row" ? k : 0)),
      );
    case "matrix":
      return Array.from({ length: shape.rows }, (_, r) => Array.from({ length: shape.cols }, (_, c) => byElement(elementName(name, shape, r, c))));
  }
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
