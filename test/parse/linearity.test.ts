// Reading is linear in the input, checked by counting work, not by timing: over random inputs
// of each shape that was once superlinear (src/bench/parse-scaling.ts), at sizes n, 2n and 4n,
// every count the reader keeps (characters lexed, Earley states, postprocessor list items)
// grows in proportion. A quadratic reader multiplies some count by 16 over that range. The
// benchmark (npm run bench:parse) times the same shapes at larger sizes.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PARSE_SHAPES, seededChoose, type ParseShape } from "../../src/bench/parse-scaling.js";
import { parseSyntax } from "../../src/parse/parse.js";
import { readerWork, resetReaderWork, type ReaderWork } from "../../src/parse/work.js";
import { parseTyped } from "../../src/typed/parse.js";

const FACTOR = 4;
/** Linear growth multiplies a count by FACTOR; allow for fixed costs and random pieces. */
const ALLOWED = 1.3 * FACTOR;
/** Counts this small are fixed costs, not growth. */
const SLACK = 200;

function workOf(read: () => void): ReaderWork {
  resetReaderWork();
  read();
  return { ...readerWork };
}

/** The counts that grow more than linearly from `small` to `large` (input FACTOR times larger). */
function superlinear(small: ReaderWork, large: ReaderWork): string[] {
  return (Object.keys(small) as (keyof ReaderWork)[]).filter((key) => large[key] > ALLOWED * small[key] + SLACK);
}

function countsAtSizes(shape: ParseShape, base: number, seed: number): ReaderWork[] {
  // The same seed at each size: the pieces are drawn from the same sequence.
  return [base, 2 * base, FACTOR * base].map((n) => workOf(() => shape.read(shape.make(n, seededChoose(seed)))));
}

/** Base sizes small enough for a few seconds in all; the benchmark goes far larger. */
const BASE: Readonly<Record<string, number>> = {
  "long number": 20_000,
  "typed program": 40,
  "power tower": 60,
  "matrix literal": 60,
  "unary signs": 100,
  "unary signs past the limit (refused)": 20_000,
  "flat sum": 60,
  "nested parentheses and calls": 60,
};

describe("reading is linear in the input (work counted, not timed)", () => {
  for (const shape of PARSE_SHAPES) {
    it(`${shape.name}: work grows in proportion to the number of ${shape.units}`, () => {
      const base = BASE[shape.name];
      expect(base, `a base size for ${shape.name}`).toBeDefined();
      fc.assert(
        fc.property(fc.noShrink(fc.integer()), (seed) => {
          const [small, middle, large] = countsAtSizes(shape, base, seed);
          expect(superlinear(small, large), shape.make(base, seededChoose(seed)).slice(0, 80)).toEqual([]);
          expect(superlinear(small, middle).length).toBe(0);
          // The counts count: the reader did work on this input.
          expect(large.characters).toBeGreaterThan(small.characters);
        }),
        { numRuns: 4 },
      );
    });
  }

  it("the check catches a quadratic reader: re-reading the whole source for every statement", () => {
    // What the typed reader once did: each statement parsed with the whole program around it.
    const shape = PARSE_SHAPES.find((s) => s.name === "typed program") as ParseShape;
    const rereading = (n: number) => {
      const source = shape.make(n, seededChoose(1));
      return workOf(() => {
        parseTyped(source);
        for (let i = 0; i < n; i++) parseSyntax(" ".repeat(source.length - 3) + "x+1");
      });
    };
    expect(superlinear(rereading(40), rereading(160))).toEqual(["characters"]);
  });
});
