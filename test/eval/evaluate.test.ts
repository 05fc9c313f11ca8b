// Evaluating an expression at a point: the lecture's Quiz 1, missing and odd variable names,
// shared sub-expressions evaluated once, and no recursion limit.
import * as math from "mathjs";
import { describe, expect, it } from "vitest";
import { num, variable, type Expr } from "../../src/ast/expr.js";
import { dagSize } from "../../src/ast/walk.js";
import { MissingVariableError, evaluate, evaluateAll } from "../../src/eval/evaluate.js";
import { call } from "../../src/ops/table.js";

const f = (op: string, ...args: Expr[]) => call(op, args);
const [x, z] = ["x", "z"].map(variable);

/** Lecture, Calculus Quiz #1: y = exp(xz) + xz/log(x) + sin(log(x))/exp(xz). */
const xz = f("mul", x, z);
const quiz1 = f("add", f("add", f("exp", xz), f("div", xz, f("log", x))), f("div", f("sin", f("log", x)), f("exp", xz)));
const quiz1Text = "exp(x*z) + x*z/log(x) + sin(log(x))/exp(x*z)";

describe("evaluate", () => {
  it("Quiz 1 at x = 2, z = 3 is 412.0865475647234 (12 significant digits)", () => {
    const value = evaluate(quiz1, { x: 2, z: 3 });
    expect(value.toPrecision(12)).toBe("412.086547565");
    expect(Math.abs(value - 412.0865475647234)).toBeLessThan(1e-9);
  });

  it("Quiz 1 agrees with mathjs evaluating the lecture's text (1e-15 relative)", () => {
    const theirs = math.evaluate(quiz1Text, { x: 2, z: 3 }) as number;
    expect(Math.abs(evaluate(quiz1, { x: 2, z: 3 }) - theirs)).toBeLessThanOrEqual(1e-15 * Math.abs(theirs));
  });

  it("evaluates each shared sub-expression once: Quiz 1 has 10 distinct nodes", () => {
    // x, z, x*z, exp(x*z), log(x), x*z/log(x), their sum, sin(log(x)), sin(log(x))/exp(x*z), y
    const values = evaluateAll(quiz1, { x: 2, z: 3 });
    expect(values.size).toBe(dagSize(quiz1));
    expect(values.size).toBe(10);
    expect(values.get(xz.id)).toBe(6);
  });

  it("a missing variable raises MissingVariableError naming it", () => {
    expect(() => evaluate(quiz1, { x: 2 })).toThrow(MissingVariableError);
    try {
      evaluate(quiz1, { x: 2 });
    } catch (error) {
      expect((error as MissingVariableError).missing).toEqual(["z"]);
      expect((error as Error).message).toMatch(/\bz\b/);
    }
    expect(() => evaluate(quiz1, {})).toThrow(/x, z|z, x/);
  });

  it("variables the expression does not use are fine", () => {
    expect(evaluate(f("mul", x, num(3)), { x: 2, unused: 7, z: Number.NaN })).toBe(6);
  });

  it("a Map point with keys __proto__, constructor and toString evaluates them as ordinary variables", () => {
    const [proto, ctor, toStr] = ["__proto__", "constructor", "toString"].map(variable);
    const e = f("add", f("mul", proto, num(100)), f("add", f("mul", ctor, num(10)), toStr));
    expect(evaluate(e, new Map([["__proto__", 1], ["constructor", 2], ["toString", 3]]))).toBe(123);
    // A record with those own keys (as JSON.parse makes) works too.
    expect(evaluate(e, JSON.parse('{"__proto__": 1, "constructor": 2, "toString": 3}') as Record<string, number>)).toBe(123);
  });

  it("a record point never supplies a variable from Object.prototype", () => {
    expect(() => evaluate(variable("constructor"), { x: 1 })).toThrow(MissingVariableError);
    expect(() => evaluate(variable("toString"), {})).toThrow(MissingVariableError);
    expect(() => evaluate(variable("hasOwnProperty"), Object.create(null) as Record<string, number>)).toThrow(MissingVariableError);
  });

  it("outside an op's domain the value is NaN, as in float64 arithmetic (no throw)", () => {
    expect(evaluate(f("log", x), { x: -1 })).toBeNaN();
    expect(evaluate(f("sqrt", x), { x: -4 })).toBeNaN();
    expect(evaluate(f("div", num(1), x), { x: 0 })).toBe(Infinity);
  });

  it("evaluates a 100,000-deep chain without overflowing the stack", () => {
    let e: Expr = x;
    for (let i = 0; i < 100_000; i++) e = f("neg", e);
    expect(evaluate(e, { x: 3 })).toBe(3);
    let s: Expr = x;
    for (let i = 0; i < 100_000; i++) s = f("add", s, num(1));
    expect(evaluate(s, { x: 0.5 })).toBe(100_000.5);
  });
});
