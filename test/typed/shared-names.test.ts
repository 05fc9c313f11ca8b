import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { evaluateAll } from "../../src/eval/evaluate.js";
import { matrixGradient, printMatrixGradient } from "../../src/typed/derivative.js";
import { lower } from "../../src/typed/lower.js";
import { parseTyped } from "../../src/typed/parse.js";
import type { PrintNames } from "../../src/typed/print.js";
import { bindingNames, type TypedProgram } from "../../src/typed/program.js";
import { matrixShape, parseShapeSpec, vectorShape, type Shape } from "../../src/typed/shape.js";
import { nameSharedSubexpressions, type SharedDefinition } from "../../src/typed/shared-names.js";
import { isCall, childrenOf, tmap, tmatmul, ttranspose, tvar, typedTopologicalOrder, type TExpr } from "../../src/typed/texpr.js";
import { drawValues, flattenPoint } from "../../src/typed/values.js";

const shapesOf = (spec: Record<string, string>): Map<string, Shape> => new Map(Object.entries(spec).map(([name, s]) => [name, parseShapeSpec(s) as Shape]));

const NETWORK = "sigmoid(beta' * sigmoid(alpha2' * sigmoid(alpha1' * x)))";
const NETWORK_SHAPES = shapesOf({ x: "3", alpha1: "3x4", alpha2: "4x3", beta: "3" });

/** The printout split into its parts: gradient texts by variable, where-definitions in order. */
function readPrintout(text: string): { gradients: Map<string, string>; where: [string, string][] } {
  const gradients = new Map<string, string>();
  const where: [string, string][] = [];
  for (const line of text.split("\n")) {
    const g = /^∂J\/∂(\w+) = (.*)$/.exec(line);
    if (g) gradients.set(g[1], g[2]);
    const w = /^(?:where |      )(\w+) = (.*)$/.exec(line);
    if (w) where.push([w[1], w[2]]);
  }
  return { gradients, where };
}

/** The elements (row-major) of a typed expression at a scalar point, via lowering. */
function elementsAt(e: TExpr, point: ReadonlyMap<string, number>): number[] {
  const { elements } = lower(e);
  const values = evaluateAll(elements, point);
  return elements.map((x) => values.get(x.id) as number);
}

/**
 * Reads each printed gradient back as a typed program (the program's own definitions, then the
 * where-definitions, then the gradient's text) and checks its value against matrixGradient at
 * random points.
 */
function expectPrintoutReparses(program: TypedProgram, bindingsText: string, seeds: readonly number[]): void {
  const { gradients, where } = readPrintout(printMatrixGradient(program));
  const expected = matrixGradient(program.result, undefined, program.shapes);
  expect([...gradients.keys()].sort()).toEqual([...expected.keys()].sort());
  const header = bindingsText + where.map(([name, text]) => `${name} = ${text}; `).join("");
  for (const [name, text] of gradients) {
    const again = parseTyped(header + text, program.shapes);
    for (const seed of seeds) {
      const point = flattenPoint(program.shapes, drawValues(program.shapes, seed));
      const theirs = elementsAt(expected.get(name) as TExpr, point);
      const scale = Math.max(1, ...theirs.map(Math.abs));
      elementsAt(again.result, point).forEach((value, i) => expect(Math.abs(value - theirs[i]), `∂J/∂${name}[${i}] from ${header + text}`).toBeLessThanOrEqual(1e-13 * scale));
    }
  }
}

/**
 * An independent recount: how often each node is printed as text and as a name, walking the
 * printed trees (the roots, then each definition's right-hand side) one occurrence at a time.
 */
function printedCounts(roots: readonly TExpr[], definitions: readonly SharedDefinition[], names: PrintNames) {
  const asText = new Map<TExpr, number>();
  const asName = new Map<TExpr, number>();
  const bump = (m: Map<TExpr, number>, n: TExpr) => m.set(n, (m.get(n) ?? 0) + 1);
  const walk = (node: TExpr, isRoot: boolean): void => {
    if (names.has(node) && !isRoot) return void bump(asName, node);
    bump(asText, node);
    for (const child of childrenOf(node)) walk(child, false);
  };
  roots.forEach((r) => walk(r, false)); // a named gradient prints as its name
  definitions.forEach((d) => walk(d.expr, true));
  return { asText, asName };
}

const isAtom = (node: TExpr, names: PrintNames): boolean =>
  node.kind === "var" || node.kind === "num" || names.has(node) || (isCall(node, "transpose") && node.args[0].kind === "var") || (isCall(node, "fill") && node.args[0].kind === "num");

/** A random sigmoid-style network as text: layers, each written inline or let-bound, then a loss. */
const networks = fc
  .record({
    n0: fc.integer({ min: 1, max: 4 }),
    layers: fc.array(
      fc.record({ fn: fc.constantFrom("sigmoid", "tanh", "sin", "softplus", "exp"), width: fc.integer({ min: 1, max: 4 }), transposed: fc.boolean(), bias: fc.boolean(), bound: fc.boolean() }),
      { minLength: 1, maxLength: 4 },
    ),
    loss: fc.constantFrom("norm2", "logistic"),
  })
  .map(({ n0, layers, loss }) => {
    const shapes = new Map<string, Shape>([["x", vectorShape(n0)]]);
    const bindings: string[] = [];
    let [h, rows] = ["x", n0];
    layers.forEach(({ fn, width, transposed, bias, bound }, i) => {
      shapes.set(`W${i}`, transposed ? matrixShape(rows, width) : matrixShape(width, rows));
      if (bias) shapes.set(`c${i}`, vectorShape(width));
      const text = `${fn}(W${i}${transposed ? "'" : ""} * ${h}${bias ? ` + c${i}` : ""})`;
      if (bound) {
        bindings.push(`z${i} = ${text}; `);
        h = `z${i}`;
      } else h = text;
      rows = width;
    });
    shapes.set(loss === "norm2" ? "t" : "v", vectorShape(rows));
    const result = loss === "norm2" ? `0.5 * norm2(${h} - t)^2` : `sigmoid(v' * ${h})`;
    const bindingsText = bindings.join("");
    return { shapes, bindingsText, program: parseTyped(bindingsText + result, shapes) };
  });

describe("printMatrixGradient names repeated quantities and lists them under where", () => {
  const program = parseTyped(NETWORK, NETWORK_SHAPES);

  it("the three-layer network of the issue: each layer's output gets a name, innermost first", () => {
    const { gradients, where } = readPrintout(printMatrixGradient(program));
    expect(where).toEqual([
      ["u1", "sigmoid(alpha1' * x)"],
      ["u2", "sigmoid(alpha2' * u1)"],
      ["u3", "sigmoid(beta' * u2)"],
    ]);
    // σ'(b) = σ(b)(1 − σ(b)), times the input of the last layer
    expect(gradients.get("beta")).toBe("u3 * (1 - u3) * u2");
    for (const text of gradients.values()) expect(text).not.toContain("sigmoid");
  });

  it("reads back as the same gradient: the Quiz 2 network, inline and with the lecture's definitions", () => {
    expectPrintoutReparses(program, "", [1, 2, 3, 4]);
    const bound = "a1 = alpha1' * x; z1 = sigmoid(a1); a2 = alpha2' * z1; z2 = sigmoid(a2); b = beta' * z2; y = sigmoid(b); ";
    for (const loss of ["0.5 * (y - ystar)^2", "-(ystar * log(y) + (1 - ystar) * log(1 - y))", "y"]) {
      expectPrintoutReparses(parseTyped(bound + loss, NETWORK_SHAPES), bound, [5, 6]);
    }
  });

  it("reads back as the same gradient for random networks, with and without definitions", () => {
    fc.assert(
      fc.property(networks, fc.integer({ min: 0, max: 2 ** 31 - 1 }), ({ program: p, bindingsText }, seed) => expectPrintoutReparses(p, bindingsText, [seed])),
      { seed: 42, numRuns: 60 },
    );
  });

  it("a program whose repeated quantities all have names prints as without sharing (no where block)", () => {
    const quiz2 = parseTyped("a1 = alpha1' * x; z1 = sigmoid(a1); a2 = alpha2' * z1; z2 = sigmoid(a2); b = beta' * z2; y = sigmoid(b); 0.5 * (y - ystar)^2", NETWORK_SHAPES);
    const text = printMatrixGradient(quiz2);
    expect(text).not.toContain("where");
    expect(text).toBe(printMatrixGradient(quiz2, { share: "none" }));
    expect(readPrintout(text).gradients.get("beta")).toBe("(y - ystar) * y * (1 - y) * z2");
  });

  it("uses a program's definitions and names only what is still repeated", () => {
    const p = parseTyped("z1 = sigmoid(alpha1' * x); sigmoid(beta' * sigmoid(alpha2' * z1))", NETWORK_SHAPES);
    const { gradients, where } = readPrintout(printMatrixGradient(p));
    expect(where).toEqual([
      ["u1", "sigmoid(alpha2' * z1)"],
      ["u2", "sigmoid(beta' * u1)"],
    ]);
    expect(gradients.get("alpha2")).toMatch(/^z1 \* /);
    for (const text of gradients.values()) expect(text).not.toContain("alpha1' * x");
  });

  it("never takes a variable's name: u1 and u2 are variables here (u2 declared but unused)", () => {
    const shapes = shapesOf({ x: "3", u1: "3x4", alpha2: "4x3", beta: "3", u2: "5" });
    const p = parseTyped("sigmoid(beta' * sigmoid(alpha2' * sigmoid(u1' * x)))", shapes);
    const { where } = readPrintout(printMatrixGradient(p));
    expect(where.map(([name]) => name)).toEqual(["u3", "u4", "u5"]);
    expect(where[0][1]).toBe("sigmoid(u1' * x)");
    expectPrintoutReparses(p, "", [7, 8]);
  });
});

describe("nameSharedSubexpressions", () => {
  it("on random networks: every new name is used at least twice, children come first, and no larger forward quantity is still written out twice", () => {
    fc.assert(
      fc.property(networks, ({ program: p }) => {
        const roots = [...matrixGradient(p.result).values()];
        const forward = new Set(typedTopologicalOrder(p.result));
        const given = bindingNames(p);
        const { names, definitions } = nameSharedSubexpressions(roots, given, { eligible: (n) => forward.has(n) });
        const { asText, asName } = printedCounts(roots, definitions, names);
        const index = new Map(definitions.map((d, i) => [d.expr, i]));
        definitions.forEach((d, i) => {
          expect(given.has(d.expr)).toBe(false);
          expect(forward.has(d.expr)).toBe(true);
          expect(asName.get(d.expr) ?? 0).toBeGreaterThanOrEqual(2);
          expect(asText.get(d.expr)).toBe(1);
          // children first: a definition refers only to names defined before it
          for (const node of typedTopologicalOrder(d.expr)) if (node !== d.expr && index.has(node)) expect(index.get(node)).toBeLessThan(i);
        });
        for (const [node, count] of asText) {
          const small = childrenOf(node).every((c) => isAtom(c, names));
          if (forward.has(node) && !small && !isAtom(node, names)) expect(count, "a repeated quantity left unnamed").toBe(1);
        }
        expect(new Set(definitions.map((d) => d.name)).size).toBe(definitions.length);
      }),
      { seed: 9, numRuns: 80 },
    );
  });

  it("counts the printed tree: repeats inside an already-named node are not printed, so get no name", () => {
    const A = tvar("A", matrixShape(2, 2));
    const inner = tmap("sin", [tmatmul(A, A)]);
    const z = tmap("add", [inner, tmap("cos", [inner])]); // inner twice, but only inside z
    const { definitions } = nameSharedSubexpressions([tmatmul(z, z), z], new Map([[z, "z"]]));
    expect(definitions).toEqual([]);
    const unnamed = nameSharedSubexpressions([tmatmul(z, z)], new Map());
    // z is printed twice; once it is named, inner is printed only in z's definition (twice there)
    expect(unnamed.definitions.map((d) => d.expr)).toEqual([inner, z]);
    expect(unnamed.definitions.map((d) => d.name)).toEqual(["u1", "u2"]);
  });

  it("skips the names of the roots' variables and of the given names, without being told", () => {
    const [u1, u2, B] = [tvar("u1", matrixShape(2, 2)), tvar("u2", matrixShape(2, 2)), tvar("B", matrixShape(2, 2))];
    const named = tmap("exp", [B]);
    const repeated = tmap("sin", [tmatmul(u1, named)]);
    const { definitions } = nameSharedSubexpressions([tmatmul(repeated, u2), repeated], new Map([[named, "u3"]]));
    expect(definitions).toEqual([{ name: "u4", expr: repeated }]);
  });

  it("an operator on atoms alone (z - t) keeps its text unless keepSmall is false; x' never gets a name", () => {
    const [z, t] = [tvar("z", vectorShape(3)), tvar("t", vectorShape(3))];
    const diff = tmap("sub", [z, t]);
    const roots = [tmap("mul", [diff, diff]), ttranspose(z), tmatmul(ttranspose(z), z)];
    expect(nameSharedSubexpressions(roots, new Map()).definitions).toEqual([]);
    expect(nameSharedSubexpressions(roots, new Map(), { keepSmall: false }).definitions).toEqual([{ name: "u1", expr: diff }]);
  });
});
