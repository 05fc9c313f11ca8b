// The one graph IR: its layout facts, its activity, and its three sweeps against the methods
// that ran their own walks before (the interpreter, the compiled tape, the symbolic derivative).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { callNode, num, variable, type Expr } from "../../src/ast/expr.js";
import { dagSize, topologicalOrder, variablesOf } from "../../src/ast/walk.js";
import { prepareCompiledReverse } from "../../src/compile/reverse.js";
import { tapeProgram } from "../../src/compile/tape.js";
import { Tape } from "../../src/diff/reverse/tape.js";
import { deriveGradient } from "../../src/diff/symbolic/index.js";
import { evaluate, evaluateAll } from "../../src/eval/evaluate.js";
import { activity, argsOf, buildGraph } from "../../src/graph/graph.js";
import { readInputs } from "../../src/graph/inputs.js";
import { tangentSweep } from "../../src/graph/tangents.js";
import { evaluateGraph } from "../../src/graph/values.js";
import { numberAlgebra } from "../../src/ops/table.js";
import { parse } from "../../src/parse/parse.js";
import { exprArbitrary } from "../support/random-expr.js";

const x = variable("x");
const y = variable("y");
const special = fc.constantFrom(0, -0, Infinity, -Infinity, NaN, 1, -1, 2, 0.5, 1e-310, 800);
const ordinary = fc.double({ min: -3, max: 3, noNaN: true });
const pointOf = (expr: Expr, values: readonly number[]) => new Map(variablesOf(expr).map((name, i) => [name, values[i % values.length]]));

describe("the graph", () => {
  it("holds a shared sub-expression once: sin(x·y) + sin(x·y)·x has 6 nodes, x·y read by sin only", () => {
    const product = callNode("mul", [x, y]);
    const sine = callNode("sin", [product]);
    const f = callNode("add", [sine, callNode("mul", [sine, x])]);
    const graph = buildGraph(f);
    expect(graph.nodes.length).toBe(6);
    expect(graph.callCount).toBe(4);
    expect(graph.variables).toEqual(["x", "y"]);
    const at = (node: Expr) => graph.nodes.indexOf(node);
    const readers = graph.nodes.map((_n, i) => i).filter((i) => [...argsOf(graph, i)].includes(at(product)));
    expect(readers).toEqual([at(sine)]);
    expect([...graph.outputs]).toEqual([graph.nodes.length - 1]);
  });

  it("lays out any expression as its walk does: the topological order, CSR arguments, variables in first-seen order (500 runs)", () => {
    fc.assert(
      fc.property(exprArbitrary(), (f) => {
        const graph = buildGraph(f);
        const order = topologicalOrder(f);
        expect(graph.nodes).toEqual(order);
        expect(graph.nodes.length).toBe(dagSize(f));
        expect(graph.variables).toEqual(variablesOf(f));
        graph.nodes.forEach((node, i) => {
          const args = [...argsOf(graph, i)].map((k) => graph.nodes[k]);
          expect(args).toEqual(node.kind === "call" ? node.args : []);
          if (node.kind === "var") expect(graph.variables[graph.variableSlot[i]]).toBe(node.name);
        });
      }),
      { numRuns: 500 },
    );
  });

  it("activity: u − u and u / u carry nothing, nor what only they feed; a variable outside wrt is inactive", () => {
    const u = callNode("sin", [x]);
    const f = callNode("add", [callNode("exp", [callNode("sub", [u, u])]), callNode("mul", [y, callNode("div", [u, u])])]);
    const graph = buildGraph(f);
    const active = activity(graph, ["x"]);
    const isActive = (e: Expr) => active[graph.nodes.indexOf(e)] === 1;
    expect(isActive(u)).toBe(true);
    expect(isActive(callNode("sub", [u, u]))).toBe(false);
    expect(isActive(callNode("exp", [callNode("sub", [u, u])]))).toBe(false);
    expect(isActive(callNode("div", [u, u]))).toBe(false);
    expect(isActive(y)).toBe(false);
    expect(isActive(f)).toBe(false);
    expect(activity(graph, ["y"])[graph.nodes.indexOf(f)]).toBe(1);
  });
});

describe("the values sweep", () => {
  it("equals the interpreter bit for bit, zeros and infinities included (1,000 runs)", () => {
    fc.assert(
      fc.property(exprArbitrary(), fc.array(special, { minLength: 3, maxLength: 3 }), (f, values) => {
        const point = pointOf(f, values);
        const graph = buildGraph(f);
        const { value } = evaluateGraph(graph, readInputs(graph, point), new Float64Array(graph.nodes.length));
        return Object.is(value, evaluate(f, point));
      }),
      { numRuns: 1_000 },
    );
  });

  it("evaluates several roots sharing nodes, each output at its own node", () => {
    const roots = [parse("x*y + sin(x)"), parse("sin(x)"), num(2)];
    const graph = buildGraph(roots);
    const values = new Float64Array(graph.nodes.length);
    evaluateGraph(graph, readInputs(graph, { x: 0.5, y: 3 }), values);
    const expected = evaluateAll(roots, { x: 0.5, y: 3 });
    roots.forEach((root, k) => expect(values[graph.outputs[k]]).toBe(expected.get(root.id)));
  });
});

describe("the tangent sweep", () => {
  it("k columns at once equal k one-column sweeps, bit for bit (vector mode is scalar mode, 1,000 runs)", () => {
    fc.assert(
      fc.property(exprArbitrary(), fc.array(fc.oneof(special, ordinary), { minLength: 3, maxLength: 3 }), (f, values) => {
        const graph = buildGraph(f);
        const inputs = readInputs(graph, pointOf(f, values));
        const k = graph.variables.length;
        const active = activity(graph, graph.variables);
        const all = tangentSweep(graph, active, inputs, k, (slot, j) => (slot === j ? 1 : 0));
        const out = graph.outputs[0];
        for (let j = 0; j < k; j++) {
          const one = tangentSweep(graph, active, inputs, 1, (slot) => (slot === j ? 1 : 0));
          if (!Object.is(one.tangents[out], all.tangents[out * k + j])) return false;
          if (!Object.is(one.values[out], all.values[out])) return false;
        }
        return true;
      }),
      { numRuns: 1_000 },
    );
  });

  it("d/dx of x·sin(x) at 2 is sin(2) + 2 cos(2), and a 0 seed gives an exact 0 past an infinite partial (sqrt at 0)", () => {
    const f = parse("x*sin(x)");
    const graph = buildGraph(f);
    const sweep = tangentSweep(graph, activity(graph, ["x"]), readInputs(graph, { x: 2 }), 1, () => 1);
    expect(sweep.tangents[graph.outputs[0]]).toBeCloseTo(Math.sin(2) + 2 * Math.cos(2), 15);
    const g = parse("sqrt(x) + y");
    const gg = buildGraph(g);
    const seeds = tangentSweep(gg, activity(gg, ["x", "y"]), readInputs(gg, { x: 0, y: 1 }), 1, (slot) => (gg.variables[slot] === "y" ? 1 : 0));
    expect(seeds.tangents[gg.outputs[0]]).toBe(1);
  });
});

describe("the adjoint sweep", () => {
  it("over code and over numbers: the compiled tape's operation count is the interpreted tape's, and its gradient the same bits (500 runs)", () => {
    fc.assert(
      fc.property(exprArbitrary(), fc.array(ordinary, { minLength: 3, maxLength: 3 }), (f, values) => {
        const wrt = variablesOf(f);
        const tape = Tape.record(f, wrt);
        const point = pointOf(f, values);
        const sweep = tape.forwardAt(point, numberAlgebra);
        const { adjoints, operations } = tape.backward(numberAlgebra, sweep, 0, 1);
        if (tapeProgram(tape).operations !== sweep.operations + operations) return false;
        const compiled = prepareCompiledReverse(f, wrt).at(point);
        return wrt.every((v) => Object.is(compiled.gradient[v], adjoints[tape.wrtIndex.get(v) as number]));
      }),
      { numRuns: 500 },
    );
  });

  it("over expressions: the symbolic shared gradient evaluates to the tape's adjoints inside the domain (300 runs)", () => {
    fc.assert(
      fc.property(exprArbitrary(), fc.array(fc.double({ min: 0.2, max: 2, noNaN: true }), { minLength: 3, maxLength: 3 }), (f, values) => {
        const wrt = variablesOf(f);
        const point = pointOf(f, values);
        const tape = Tape.record(f, wrt);
        const { adjoints } = tape.backward(numberAlgebra, tape.forwardAt(point, numberAlgebra), 0, 1);
        const derivatives = deriveGradient(f, wrt, { mode: "shared", simplify: false });
        return wrt.every((v) => {
          const symbolic = evaluate(derivatives[v], point);
          const taped = adjoints[tape.wrtIndex.get(v) as number];
          if (!Number.isFinite(taped) || !Number.isFinite(symbolic)) return true; // outside the domain: other tests judge
          return Math.abs(symbolic - taped) <= 1e-9 * Math.max(1, Math.abs(taped));
        });
      }),
      { numRuns: 300 },
    );
  });
});
