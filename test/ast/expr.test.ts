// Hash-consing: structurally equal expressions are one object, so a shared sub-expression is
// stored once (the DAG) however often it is printed (the tree).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { callNode, num, variable, type Expr } from "../../src/ast/expr.js";
import { dagSize, topologicalOrder, treeSize, variablesOf } from "../../src/ast/walk.js";
import { call } from "../../src/ops/table.js";
import { exprArbitrary } from "../support/random-expr.js";

/** Rebuilds an expression node by node from scratch (no object of `e` is reused). */
function rebuild(e: Expr): Expr {
  if (e.kind === "num") return num(e.value);
  if (e.kind === "var") return variable(e.name.split("").join(""));
  return callNode(e.op, e.args.map(rebuild));
}

/** x, x*x, (x*x)*(x*x), …: n squarings. */
function repeatedSquare(n: number): Expr {
  let e: Expr = variable("x");
  for (let i = 0; i < n; i++) e = call("mul", [e, e]);
  return e;
}

describe("hash-consed expression nodes", () => {
  it("structurally equal trees built separately are the same object (2000 random trees)", () => {
    fc.assert(fc.property(exprArbitrary(), (e) => rebuild(e) === e), { numRuns: 2000 });
  });

  it("different trees are different objects with different ids", () => {
    const x = variable("x");
    const y = variable("y");
    expect(call("sub", [x, y])).not.toBe(call("sub", [y, x]));
    expect(call("sin", [x])).not.toBe(call("cos", [x]));
    expect(num(1)).not.toBe(variable("1"));
    expect(call("sub", [x, y]).id).not.toBe(call("sub", [y, x]).id);
  });

  it("-0 and 0 are distinct nodes; NaN is one node; 1 and 1.0 are one node", () => {
    expect(num(-0)).not.toBe(num(0));
    expect(Object.is(num(-0).value, -0)).toBe(true);
    expect(num(NaN)).toBe(num(Number.NaN));
    expect(num(0 / 0)).toBe(num(NaN));
    expect(num(1)).toBe(num(1.0));
    expect(num(0.1 + 0.2)).not.toBe(num(0.3));
  });

  it("nodes are frozen", () => {
    const e = call("add", [variable("x"), num(1)]);
    expect(Object.isFrozen(e)).toBe(true);
    expect(Object.isFrozen(e.kind === "call" ? e.args : [])).toBe(true);
  });

  it("x squared n times: tree size 2^(n+1) - 1, DAG size n + 1", () => {
    for (const n of [0, 1, 2, 5, 10, 30]) {
      const e = repeatedSquare(n);
      expect(treeSize(e)).toBe(2 ** (n + 1) - 1);
      expect(e.treeSize).toBe(2 ** (n + 1) - 1);
      expect(dagSize(e)).toBe(n + 1);
    }
  });

  it("several roots: DAG size counts shared nodes once, tree size sums the roots", () => {
    const x = variable("x");
    const s = call("sin", [x]);
    const roots = [call("mul", [s, s]), call("add", [s, x])];
    expect(dagSize(roots)).toBe(4); // x, sin(x), sin(x)*sin(x), sin(x) + x
    expect(treeSize(roots)).toBe(5 + 4);
  });
});

describe("topologicalOrder", () => {
  it("lists each distinct node once, every node after its arguments (2000 random trees)", () => {
    fc.assert(
      fc.property(exprArbitrary(), (e) => {
        const order = topologicalOrder(e);
        const position = new Map(order.map((node, i) => [node, i]));
        expect(position.size).toBe(order.length);
        expect(order[order.length - 1]).toBe(e);
        for (const node of order) {
          if (node.kind === "call") for (const a of node.args) expect(position.get(a)).toBeLessThan(position.get(node) as number);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("handles a 100,000-deep chain without overflowing the stack", () => {
    const depth = 100_000;
    let e: Expr = variable("x");
    for (let i = 0; i < depth; i++) e = call(i % 2 === 0 ? "sin" : "neg", [e]);
    const order = topologicalOrder(e);
    expect(order.length).toBe(depth + 1);
    expect(order[0]).toBe(variable("x"));
    expect(dagSize(e)).toBe(depth + 1);
    expect(treeSize(e)).toBe(depth + 1);
    expect(variablesOf(e)).toEqual(["x"]);
  });

  it("variablesOf lists each variable once, in first-seen order", () => {
    const [x, y, z] = ["x", "y", "z"].map(variable);
    expect(variablesOf(call("add", [call("mul", [y, x]), call("sub", [y, z])]))).toEqual(["y", "x", "z"]);
    expect(variablesOf(call("pi", []))).toEqual([]);
  });
});
