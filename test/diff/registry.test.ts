// The four methods behind one interface: what they require of a point, and that a prepared
// gradient does its set-up once (evaluating at a point never walks f's graph again).
import { describe, expect, it, vi } from "vitest";

// Pass-through spies: count the graph walks made per point.
vi.mock("../../src/ast/walk.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../src/ast/walk.js")>();
  return { ...actual, topologicalOrder: vi.fn(actual.topologicalOrder), variablesOf: vi.fn(actual.variablesOf) };
});

import { topologicalOrder, variablesOf } from "../../src/ast/walk.js";
import { DIFFERENTIATORS } from "../../src/diff/registry.js";
import { METHOD_NAMES } from "../../src/diff/types.js";
import { MissingVariableError } from "../../src/eval/evaluate.js";
import { parse } from "../../src/parse/parse.js";

describe("every method treats the point alike", () => {
  it("∂f/∂z is 0 for a z that f does not use, whether or not the point gives z a value", () => {
    const f = parse("x*y");
    for (const method of METHOD_NAMES) {
      for (const point of [{ x: 2, y: 3 }, { x: 2, y: 3, z: 5 }] as Record<string, number>[]) {
        const { gradient } = DIFFERENTIATORS[method].gradient(f, point, ["x", "z"]);
        expect(gradient.z, method).toBe(0);
        expect(Math.abs(gradient.x - 3), method).toBeLessThan(1e-9);
      }
    }
  });

  it("a variable of f missing from the point is a MissingVariableError naming it, for every method", () => {
    for (const method of METHOD_NAMES) {
      expect(() => DIFFERENTIATORS[method].gradient(parse("x*y + w"), { x: 2 }, ["x"]), method).toThrow(MissingVariableError);
      try {
        DIFFERENTIATORS[method].gradient(parse("x*y + w"), { x: 2 }, ["x"]);
      } catch (error) {
        expect((error as MissingVariableError).missing, method).toEqual(["y", "w"]);
      }
    }
  });
});

describe("prepare does the set-up once", () => {
  it("at(point) of a prepared gradient walks f's graph no more (no topologicalOrder or variablesOf per point)", () => {
    const f = parse("sin(x*y) + exp(x)/y + relu(x - y)^2");
    for (const method of METHOD_NAMES) {
      const prepared = DIFFERENTIATORS[method].prepare(f, ["x", "y"]);
      vi.mocked(topologicalOrder).mockClear();
      vi.mocked(variablesOf).mockClear();
      for (const x of [0.5, 1.5, 2.5]) prepared.at({ x, y: 1.25 });
      expect(vi.mocked(topologicalOrder).mock.calls.length, method).toBe(0);
      expect(vi.mocked(variablesOf).mock.calls.length, method).toBe(0);
    }
  });
});
