import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { getDifferentiator } from "../../src/diff/registry.js";
import { MissingVariableError } from "../../src/eval/evaluate.js";
import { elementNames, lowerScalar } from "../../src/typed/lower.js";
import { parseTyped } from "../../src/typed/parse.js";
import { renderTypedTrace } from "../../src/typed/render-trace.js";
import { formatShape, type Shape } from "../../src/typed/shape.js";
import { typedTrace, type TypedTrace, type TypedTraceRow } from "../../src/typed/trace.js";
import { drawValues, flattenPoint, type TypedValue } from "../../src/typed/values.js";
import { formatSignificant } from "../../src/util/significant.js";
import { handQuiz2 } from "../support/quiz2-backprop.js";

const QUIZ2 =
  "x: R^3; alpha1: R^(3x4); alpha2: R^(4x3); beta: R^3; a1 = alpha1' * x; z1 = sigmoid(a1); a2 = alpha2' * z1; z2 = sigmoid(a2); b = beta' * z2; y = sigmoid(b); 0.5*(y - ystar)^2";
const quiz2 = parseTyped(QUIZ2);

const flat = (value: TypedValue): number[] => (typeof value === "number" ? [value] : (value as readonly (number | readonly number[])[]).flat());
const row = (rows: readonly TypedTraceRow[], name: string): TypedTraceRow => {
  const found = rows.find((r) => r.name === name);
  if (found === undefined) throw new Error(`no row ${name} in ${rows.map((r) => r.name).join(", ")}`);
  return found;
};
const expectClose = (actual: TypedValue, expected: readonly number[], label: string) => {
  const a = flat(actual);
  expect(a.length, label).toBe(expected.length);
  a.forEach((value, i) => expect(Math.abs(value - expected[i]), `${label}[${i}]`).toBeLessThanOrEqual(1e-15 + 1e-12 * Math.abs(expected[i])));
};


describe("typed trace of the lecture's Quiz 2 network (let-bound a1, z1, a2, z2, b, y)", () => {
  const values = drawValues(quiz2.shapes, 2024);
  const trace = typedTrace(quiz2, values);

  it("lists inputs in declaration order, then a1 … y, the unnamed steps as t1, t2, and J", () => {
    expect(trace.forward.map((r) => r.name)).toEqual(["x", "alpha1", "alpha2", "beta", "ystar", "a1", "z1", "a2", "z2", "b", "y", "t1", "t2", "J"]);
    expect(trace.forward.map((r) => r.role)).toEqual([...Array(5).fill("input"), ...Array(8).fill("intermediate"), "output"]);
    expect(row(trace.forward, "a1").formula).toBe("alpha1' * x");
    expect(row(trace.forward, "b").formula).toBe("beta' * z2");
    expect(row(trace.forward, "J").formula).toBe("0.5 * t2");
    expect(trace.forward.map((r) => r.shape)).toEqual(["3", "3×4", "4×3", "3", "scalar", "4", "4", "3", "3", "scalar", "scalar", "scalar", "scalar", "scalar"]);
  });

  it("forward values are the hand-computed module outputs", () => {
    const hand = handQuiz2(values);
    for (const name of ["a1", "z1", "a2", "z2", "b", "y"] as const) expectClose(row(trace.forward, name).value, flat(hand[name]), name);
    expectClose(trace.value, [hand.J], "J");
    expectClose(row(trace.forward, "alpha1").value, flat(values.get("alpha1") as TypedValue), "alpha1");
  });

  it("backward runs J first, then the quantities in reverse, then the variables, with the lecture's matrix-form rules", () => {
    expect(trace.backward.map((r) => r.name)).toEqual([
      "dJ/dJ", "dJ/dt2", "dJ/dt1", "dJ/dy", "dJ/db", "dJ/dz2", "dJ/da2", "dJ/dz1", "dJ/da1",
      "dJ/dystar", "dJ/dbeta", "dJ/dalpha2", "dJ/dalpha1", "dJ/dx",
    ]);
    expect(row(trace.backward, "dJ/dJ").value).toBe(1);
    expect(row(trace.backward, "dJ/da2").formula).toBe("dJ/dz2 .* z2 .* (1 - z2)");
    expect(row(trace.backward, "dJ/dz1").formula).toBe("alpha2 * dJ/da2");
    expect(row(trace.backward, "dJ/dbeta").formula).toBe("dJ/db * z2");
    expect(row(trace.backward, "dJ/dalpha1").formula).toBe("x * dJ/da1'");
    for (const r of trace.backward.slice(9)) expect(r.shape).toBe(formatShape(quiz2.shapes.get(r.name.slice(4)) as Shape));
  });

  it("backward values are the hand-written backprop's adjoints", () => {
    const hand = handQuiz2(values);
    const pairs = [["dJ/dy", hand.dJdy], ["dJ/db", hand.dJdb], ["dJ/dz2", hand.dJdz2], ["dJ/da2", hand.dJda2], ["dJ/dz1", hand.dJdz1], ["dJ/da1", hand.dJda1]] as const;
    for (const [name, expected] of pairs) expectClose(row(trace.backward, name).value, flat(expected), name);
  });

  it("is plain JSON, and renders every row with vectors as [a, b, c] and a matrix one line per row", () => {
    expect(JSON.parse(JSON.stringify(trace))).toEqual(trace);
    const text = renderTypedTrace(trace);
    for (const r of [...trace.forward, ...trace.backward]) expect(text).toContain(r.name);
    const x = values.get("x") as number[];
    expect(text).toContain(`[${x.map((v) => formatSignificant(v, 6)).join(", ")}]`);
    const alpha1 = values.get("alpha1") as number[][];
    const lines = text.split("\n");
    const first = lines.findIndex((l) => l.startsWith("alpha1 "));
    alpha1.forEach((r, i) => expect(lines[first + i]).toContain(formatSignificant(r[3], 6)));
  });
});

/** Each variable's gradient row against reverse mode on the scalar lowering. */
function expectGradientMatchesReverse(trace: TypedTrace, program: ReturnType<typeof parseTyped>, values: ReadonlyMap<string, TypedValue>) {
  const shapes = program.shapes;
  const all = [...shapes].flatMap(([name, shape]) => elementNames(name, shape));
  const reverse = getDifferentiator("reverse").gradient(lowerScalar(program.result), flattenPoint(shapes, values), all);
  expect(trace.value).toBe(reverse.value);
  for (const name of trace.wrt) {
    const expected = elementNames(name, shapes.get(name) as Shape).map((e) => reverse.gradient[e]);
    expectClose(row(trace.backward, `dJ/d${name}`).value, expected, name);
    expectClose(trace.gradient[name], expected, name);
  }
}

describe("typed trace values against reverse mode", () => {
  const seeds = fc.integer({ min: 0, max: 2 ** 31 - 1 });
  for (const [label, source] of [
    ["Quiz 2", QUIZ2],
    ["Quiz 2 with cross-entropy", QUIZ2.replace("0.5*(y - ystar)^2", "-(ystar * log(y) + (1 - ystar) * log(1 - y))")],
    ["the issue's example, no let-bindings", "x: R^3; W: R^(4x3); t: R^4; 0.5 * norm2(sigmoid(W*x) - t)^2"],
    ["a variable used twice", "x: R^3; A: R^(3x3); x' * A * x + sum(x .* x)"],
  ] as const) {
    it(label, () => {
      const program = parseTyped(source);
      fc.assert(
        fc.property(seeds, (seed) => {
          const values = drawValues(program.shapes, seed);
          expectGradientMatchesReverse(typedTrace(program, values), program, values);
        }),
        { seed: 17, numRuns: 20 },
      );
    });
  }
});

describe("typed trace: names and errors", () => {
  it("names unnamed steps t1, t2, … and the output J, avoiding names the program uses", () => {
    const program = parseTyped("J: R^2; t1: R^2; dot(sigmoid(J), t1)");
    const trace = typedTrace(program, drawValues(program.shapes, 1));
    expect(trace.forward.map((r) => r.name)).toEqual(["J", "t1", "t2", "J1"]);
    expect(trace.output).toBe("J1");
    expect(trace.backward.map((r) => r.name)).toEqual(["dJ1/dJ1", "dJ1/dt2", "dJ1/dt1", "dJ1/dJ"]);
    // J1 = dot(t2, t1): dJ1/dt2 is the variable t1 itself, and prints as t1
    expect(row(trace.backward, "dJ1/dt2").formula).toBe("t1");
    expect(row(trace.backward, "dJ1/dJ").formula).toBe("t1 .* t2 .* (1 - t2)");
  });

  it("keeps a let-bound constant whole: a forward row for c, and adjoints that say c (not 6)", () => {
    const program = parseTyped("x: R^2; c = 2 * 3; v = x'; c * (v * x)");
    const trace = typedTrace(program, drawValues(program.shapes, 1));
    expect(row(trace.forward, "c").value).toBe(6);
    expect(row(trace.backward, "dJ/dt1").formula).toBe("c");
    expect(row(trace.backward, "dJ/dv").formula).toBe("c * x'");
    expect(trace.backward.map((r) => r.name)).not.toContain("dJ/dc");
  });

  it("differentiates by the variables asked for only", () => {
    const trace = typedTrace(quiz2, drawValues(quiz2.shapes, 3), ["beta"]);
    expect(trace.backward.at(-1)?.name).toBe("dJ/dbeta");
    expect(Object.keys(trace.gradient)).toEqual(["beta"]);
  });

  it("names a missing value", () => {
    const values = drawValues(quiz2.shapes, 3);
    values.delete("alpha2");
    expect(() => typedTrace(quiz2, values)).toThrow(MissingVariableError);
    expect(() => typedTrace(quiz2, values)).toThrow(/alpha2/);
  });
});
