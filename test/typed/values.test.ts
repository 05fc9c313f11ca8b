// Typed values: numbers, arrays (vectors) and arrays of rows (matrices); flattened to the
// scalar point lowering names, folded back by reshape, drawn reproducibly from a seed.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { variablesOf } from "../../src/ast/walk.js";
import { lower } from "../../src/typed/lower.js";
import { matrixShape, rowShape, SCALAR, vectorShape, type Shape } from "../../src/typed/shape.js";
import { typedVariablesOf } from "../../src/typed/texpr.js";
import { drawValues, flattenPoint, reshape, shapeOfValue, ValueShapeError, type TypedValue } from "../../src/typed/values.js";
import { typedArbitrary } from "../support/random-typed.js";

const shapeArbitrary: fc.Arbitrary<Shape> = fc.oneof(
  fc.constant(SCALAR),
  fc.integer({ min: 1, max: 5 }).map((n) => vectorShape(n)),
  fc.integer({ min: 1, max: 5 }).map((n) => rowShape(n)),
  fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })).map(([m, n]) => matrixShape(m, n)),
);

const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true });

/** A value of a shape: a number, an array (vectors and rows), an array of rows. */
function valueArbitrary(shape: Shape): fc.Arbitrary<TypedValue> {
  switch (shape.kind) {
    case "scalar":
      return finite;
    case "vector":
    case "row":
      return fc.array(finite, { minLength: shape.length, maxLength: shape.length });
    case "matrix":
      return fc.array(fc.array(finite, { minLength: shape.cols, maxLength: shape.cols }), { minLength: shape.rows, maxLength: shape.rows });
  }
}

describe("shapeOfValue", () => {
  it("a number is a scalar, an array a vector, an array of rows a matrix", () => {
    expect(shapeOfValue("s", 2.5)).toEqual(SCALAR);
    expect(shapeOfValue("x", [1, 2, 3])).toEqual(vectorShape(3));
    expect(shapeOfValue("W", [[1, 2], [3, 4], [5, 6]])).toEqual(matrixShape(3, 2));
    expect(shapeOfValue("W", [[1, 2, 3]])).toEqual(matrixShape(1, 3));
  });

  it.each([
    ["an empty array", []],
    ["a string", "1"],
    ["an object", { x: 1 }],
    ["null", null],
    ["a mixed array", [1, [2]]],
    ["an array with a string", [1, "2"]],
    ["an empty row", [[]]],
  ])("refuses %s, naming the variable", (_, value) => {
    expect(() => shapeOfValue("x", value)).toThrow(ValueShapeError);
    expect(() => shapeOfValue("x", value)).toThrow(/^x: /);
  });

  it("refuses ragged rows, saying which row", () => {
    expect(() => shapeOfValue("W", [[1, 2], [3, 4], [5]])).toThrow("W: rows differ in length (row 1 has 2 entries, row 3 has 1)");
  });
});

describe("flattenPoint", () => {
  it("one entry per element, named as lowering names them: x_i, W_i_j row by row", () => {
    const shapes = new Map<string, Shape>([["x", vectorShape(2)], ["W", matrixShape(2, 3)], ["s", SCALAR]]);
    const point = flattenPoint(shapes, new Map<string, TypedValue>([["x", [7, 8]], ["W", [[1, 2, 3], [4, 5, 6]]], ["s", 9]]));
    expect(Object.fromEntries(point)).toEqual({ x_1: 7, x_2: 8, W_1_1: 1, W_1_2: 2, W_1_3: 3, W_2_1: 4, W_2_2: 5, W_2_3: 6, s: 9 });
  });

  it("a row vector's value is a flat array; a variable without a declared shape takes its value's", () => {
    const point = flattenPoint(new Map([["r", rowShape(2)]]), new Map<string, TypedValue>([["r", [1, 2]], ["v", [3, 4, 5]], ["M", [[6], [7]]]]));
    expect(Object.fromEntries(point)).toEqual({ r_1: 1, r_2: 2, v_1: 3, v_2: 4, v_3: 5, M_1_1: 6, M_2_1: 7 });
  });

  it.each([
    ["x", vectorShape(3), [1, 2], "x is a vector of 3, but its value is a vector of 2"],
    ["x", vectorShape(2), [[1, 2]], "x is a vector of 2, but its value is a 1×2 matrix"],
    ["W", matrixShape(2, 2), [1, 2, 3, 4], "W is a 2×2 matrix, but its value is a vector of 4"],
    ["W", matrixShape(2, 2), [[1, 2], [3, 4], [5, 6]], "W is a 2×2 matrix, but its value is a 3×2 matrix"],
    ["s", SCALAR, [1], "s is a scalar, but its value is a vector of 1"],
    ["x", vectorShape(2), 1, "x is a vector of 2, but its value is a scalar"],
  ] as const)("%s declared %o refuses the value %o", (name, shape, value, message) => {
    expect(() => flattenPoint(new Map([[name, shape]]), new Map<string, TypedValue>([[name, value as TypedValue]]))).toThrow(new ValueShapeError(message));
  });

  it("reads a value of the right size and orientation in the form a person writes it", () => {
    const read = (shape: Shape, value: TypedValue) => [...flattenPoint(new Map([["v", shape]]), new Map([["v", value]])).values()];
    expect(read(matrixShape(3, 1), [1, 2, 3])).toEqual([1, 2, 3]); // a one-column matrix as a list
    expect(read(matrixShape(1, 3), [1, 2, 3])).toEqual([1, 2, 3]); // a one-row matrix as a list
    expect(read(matrixShape(1, 1), 5)).toEqual([5]);
    expect(read(vectorShape(1), 5)).toEqual([5]);
    expect(read(vectorShape(3), [[1], [2], [3]])).toEqual([1, 2, 3]); // a vector as a column of rows
    expect(read(rowShape(3), [[1, 2, 3]])).toEqual([1, 2, 3]); // a row as one row
    expect(() => read(SCALAR, [1])).toThrow(new ValueShapeError("v is a scalar, but its value is a vector of 1"));
  });

  it("refuses ragged rows", () => {
    expect(() => flattenPoint(new Map([["W", matrixShape(2, 2)]]), new Map<string, TypedValue>([["W", [[1, 2], [3]]]]))).toThrow(ValueShapeError);
  });

  it("gives every variable of a lowered expression a value (and nothing else)", () => {
    fc.assert(
      fc.property(typedArbitrary({ constants: false }), fc.nat(), (expr, seed) => {
        const shapes = typedVariablesOf(expr);
        const point = flattenPoint(shapes, drawValues(shapes, seed));
        expect(new Set(variablesOf(lower(expr).elements))).toEqual(new Set(point.keys()));
      }),
      { numRuns: 300 },
    );
  });
});

describe("reshape", () => {
  it("folds per-element numbers back into the variable's shape", () => {
    const byName = (name: string) => Number(name.replace(/\D/g, ""));
    expect(reshape("W", matrixShape(2, 3), byName)).toEqual([[11, 12, 13], [21, 22, 23]]);
    expect(reshape("x", vectorShape(3), byName)).toEqual([1, 2, 3]);
    expect(reshape("r", rowShape(2), byName)).toEqual([1, 2]);
    expect(reshape("s7", SCALAR, byName)).toEqual(7);
  });

  it("undoes flattenPoint, for random shapes and values", () => {
    const shapeAndValue = shapeArbitrary.chain((shape) => valueArbitrary(shape).map((value) => ({ shape, value })));
    fc.assert(
      fc.property(shapeAndValue, ({ shape, value }) => {
        const point = flattenPoint(new Map([["t", shape]]), new Map([["t", value]]));
        expect(reshape("t", shape, (name) => point.get(name) as number)).toEqual(value);
        // and shapeOfValue recognises the value (a row's value reads as a vector)
        const seen = shapeOfValue("t", value);
        expect(seen).toEqual(shape.kind === "row" ? vectorShape(shape.length) : shape);
      }),
      { numRuns: 500 },
    );
  });
});

describe("drawValues", () => {
  it("gives each variable a value of its shape, uniform in [-1, 1]", () => {
    fc.assert(
      fc.property(fc.array(shapeArbitrary, { minLength: 1, maxLength: 4 }), fc.integer(), (shapeList, seed) => {
        const shapes = new Map(shapeList.map((shape, i) => [`v${i}`, shape]));
        const values = drawValues(shapes, seed);
        expect([...values.keys()]).toEqual([...shapes.keys()]);
        const point = flattenPoint(shapes, values); // throws if a value does not fit its shape
        for (const x of point.values()) expect(Math.abs(x)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });

  it("the same seed gives the same numbers; another seed others", () => {
    const shapes = new Map<string, Shape>([["W", matrixShape(3, 2)], ["x", vectorShape(2)]]);
    expect(drawValues(shapes, 5)).toEqual(drawValues(shapes, 5));
    expect(drawValues(shapes, 5)).not.toEqual(drawValues(shapes, 6));
  });

  it("draws element by element, row-major, in the order the variables are given", () => {
    const one = drawValues(new Map([["x", vectorShape(6)]]), 42).get("x") as number[];
    const split = drawValues(new Map<string, Shape>([["W", matrixShape(2, 2)], ["s", SCALAR], ["r", rowShape(1)]]), 42);
    expect(split.get("W")).toEqual([[one[0], one[1]], [one[2], one[3]]]);
    expect(split.get("s")).toBe(one[4]);
    expect(split.get("r")).toEqual([one[5]]);
  });
});
