// Two variables whose lowered element names would coincide (x_1 beside a vector x, a vector
// x_1 beside a matrix x) are refused. The parser works the clash out from the names' indices;
// here it is checked against listing every element name, over random names and shapes.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import "../support/fast-check-seed.js";
import { ParseError } from "../../src/parse/errors.js";
import { elementNames } from "../../src/typed/lower.js";
import { parseTyped } from "../../src/typed/parse.js";
import { parseShapeSpec, type Shape } from "../../src/typed/shape.js";

const shapeText = fc.oneof(fc.constant("scalar"), fc.integer({ min: 1, max: 12 }).map(String), fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 })).map(([r, c]) => `${r}x${c}`));
/** Names built from a stem and index-like suffixes, so clashes are common: x, x_1, x_1_2, x_10, x_01, y. */
const name = fc.tuple(fc.constantFrom("x", "y"), fc.array(fc.constantFrom("1", "2", "3", "10", "12", "01", "0"), { maxLength: 2 })).map(([stem, parts]) => [stem, ...parts].join("_"));

function clashByListing(shapes: ReadonlyMap<string, Shape>): boolean {
  const owner = new Map<string, string>();
  for (const [n, shape] of shapes) {
    for (const element of new Set([n, ...elementNames(n, shape)])) {
      const other = owner.get(element);
      if (other !== undefined && other !== n) return true;
      owner.set(element, n);
    }
  }
  return false;
}

describe("element-name clashes", () => {
  it("the parser refuses a program exactly when listing the element names finds two variables sharing one", () => {
    fc.assert(fc.property(fc.uniqueArray(fc.tuple(name, shapeText), { minLength: 1, maxLength: 3, selector: ([n]) => n }), (declared) => {
      const shapes = new Map(declared.map(([n, s]) => [n, parseShapeSpec(s) as Shape]));
      const text = `${declared.map(([n, s]) => `${n}: ${s === "scalar" ? "R" : `R^(${s})`}`).join("; ")}; ${declared.map(([n]) => `sum(${n})`).join(" + ")}`;
      let refused = false;
      try {
        parseTyped(text);
      } catch (error) {
        // any other error would make the comparison vacuous
        if (!(error instanceof ParseError) || !/element/.test(error.message)) throw error;
        refused = true;
      }
      expect(refused, text).toBe(clashByListing(shapes));
    }), { numRuns: 3000 });
  });
});
