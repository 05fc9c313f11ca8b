// The page's logic without a browser: the hash round trip and the data-value rule.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dataValue, numbersOf } from "../../web/src/format.js";
import { fromHash, toHash, type Inputs } from "../../web/src/hash.js";
import { toJson } from "../../src/cli/format.js";

const empty: Inputs = { e: "", at: "", seed: "", answer: "", sheet: "" };

describe("the page's state", () => {
  it("reads back every input from its hash", () => {
    fc.assert(fc.property(fc.record({ e: fc.string(), at: fc.string(), seed: fc.string(), answer: fc.string(), sheet: fc.string() }), (inputs) => {
      expect(fromHash(toHash(inputs), empty)).toEqual(inputs);
    }));
  });

  it("writes the lecture's example as URLSearchParams", () => {
    expect(toHash({ ...empty, e: "cos(sin(x^2) + 3x^2)", at: "x=1" })).toBe("#e=cos%28sin%28x%5E2%29+%2B+3x%5E2%29&at=x%3D1");
  });
});

describe("data-value", () => {
  it("is the number as the CLI's toJson writes it", () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (v) => {
      expect(dataValue(v)).toBe(String((JSON.parse(toJson({ v })) as { v: number }).v));
    }));
    expect([NaN, Infinity, -Infinity].map(dataValue)).toEqual(["NaN", "Infinity", "-Infinity"]);
  });

  it("keys every number by its JSON path", () => {
    expect(numbersOf({ a: [1, { b: 2 }], c: "x" })).toEqual([["a.0", 1], ["a.1.b", 2]]);
  });
});
