// Generated code holds only generated identifiers and numeric literals, never user text:
// variables named like JavaScript's sensitive names, or like the generated code's own
// identifiers, are ordinary variables, reach nothing, and give the interpreter's results.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { num, variable, type Expr } from "../../src/ast/expr.js";
import { compileExprs } from "../../src/compile/expr.js";
import { prepareCompiledReverse } from "../../src/compile/reverse.js";
import { prepareCompiledSymbolic } from "../../src/compile/symbolic.js";
import { prepareReverse } from "../../src/diff/reverse/differentiator.js";
import { evaluate } from "../../src/eval/evaluate.js";
import { call } from "../../src/ops/table.js";
import { exprArbitrary } from "../support/random-expr.js";

const HOSTILE = [
  "__proto__", "constructor", "toString", "valueOf", "hasOwnProperty", "prototype", "process", "require",
  "this", "Function", "eval", "globalThis", "Math", "NaN", "Infinity", "x", "v", "g", "r", "F", "let", "return",
];

/** Every identifier a generated program may contain (apart from numeric literals). */
const ALLOWED_WORDS = new Set(["use", "strict", "let", "x", "v", "g", "r", "F", "Math", "NaN", "Infinity"]);

function wordsOf(source: string): string[] {
  // Identifiers: words not glued to a number (so 1e-7's "e" is not one) after Math.
  const stripped = source.replace(/Math\.\w+/g, "Math").replace(/\b\d[\d.]*e[+-]?\d+\b/g, "0");
  return [...new Set(stripped.match(/[A-Za-z_$][\w$]*/g) ?? [])].filter((w) => !/^[vg]\d+$/.test(w));
}

/** A random expression over the hostile names (the generator's x, y, z renamed). */
function hostileExpr(expr: Expr, names: readonly string[]): Expr {
  const rename = new Map([["x", names[0]], ["y", names[1]], ["z", names[2]]]);
  const memo = new Map<number, Expr>();
  const walk = (e: Expr): Expr => {
    const hit = memo.get(e.id);
    if (hit !== undefined) return hit;
    const out = e.kind === "var" ? variable(rename.get(e.name) ?? e.name) : e.kind === "num" ? e : call(e.op, e.args.map(walk));
    memo.set(e.id, out);
    return out;
  };
  return walk(expr);
}

describe("generated code and hostile variable names", () => {
  it("evaluates and differentiates f = __proto__*constructor + toString^2 - process/require like the interpreter", () => {
    const [proto, ctor, toStr, proc, req] = ["__proto__", "constructor", "toString", "process", "require"].map((n) => variable(n));
    const f = call("sub", [call("add", [call("mul", [proto, ctor]), call("pow", [toStr, num(2)])]), call("div", [proc, req])]);
    const point = new Map([["__proto__", 3], ["constructor", 5], ["toString", 7], ["process", 11], ["require", 13]]);
    const wrt = [...point.keys()];
    expect(compileExprs(f).evaluate(point)[0]).toBe(evaluate(f, point));
    const compiled = prepareCompiledReverse(f, wrt).at(point);
    const interpreted = prepareReverse(f, wrt).at(point);
    expect(compiled.value).toBe(3 * 5 + 49 - 11 / 13);
    for (const name of wrt) expect(Object.is(compiled.gradient[name], interpreted.gradient[name])).toBe(true);
    expect(compiled.gradient.__proto__).toBe(5);
    expect(Object.getPrototypeOf(compiled.gradient)).toBe(null);
    expect(({} as Record<string, unknown>).constructor).toBe(Object);
  });

  it("random expressions over hostile names: same results, and the source names none of them (500 runs)", () => {
    fc.assert(
      fc.property(
        exprArbitrary(),
        fc.shuffledSubarray(HOSTILE, { minLength: 3, maxLength: 3 }),
        fc.tuple(fc.double(), fc.double(), fc.double()),
        (base, names, values) => {
          const f = hostileExpr(base, names);
          const point = new Map(names.map((n, i) => [n, values[i]]));
          const compiled = compileExprs(f);
          const reverse = prepareCompiledReverse(f, names);
          const symbolic = prepareCompiledSymbolic(f, names);
          const interpreted = prepareReverse(f, names).at(point);
          const got = reverse.at(point);
          const sources = [compiled.source, reverse.kernel?.source ?? "", symbolic.program.source];
          return (
            Object.is(compiled.evaluate(point)[0], evaluate(f, point)) &&
            Object.is(got.value, interpreted.value) &&
            names.every((n) => Object.is(got.gradient[n], interpreted.gradient[n])) &&
            sources.every((s) => wordsOf(s).every((w) => ALLOWED_WORDS.has(w)))
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it("leaves the global object and Object.prototype untouched", () => {
    const names = ["__proto__", "constructor", "prototype", "globalThis", "process"];
    const f = names.map((n): Expr => variable(n)).reduce((a, b) => call("add", [a, call("mul", [b, a])]));
    const before = { proto: Object.getOwnPropertyNames(Object.prototype).sort(), globals: Object.getOwnPropertyNames(globalThis).sort() };
    prepareCompiledReverse(f, names).at(new Map(names.map((n, i) => [n, i + 0.5])));
    compileExprs(f).evaluate(new Map(names.map((n, i) => [n, i + 0.5])));
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before.proto);
    expect(Object.getOwnPropertyNames(globalThis).sort()).toEqual(before.globals);
  });

  it("writes odd constants as exact literals: -0, NaN, ±Infinity, 5e-324, 1e21", () => {
    const constants = [-0, NaN, Infinity, -Infinity, 5e-324, 1e21, -1.5];
    const compiled = compileExprs(constants.map((c) => num(c)));
    const got = compiled.evaluate({});
    constants.forEach((c, k) => expect(Object.is(got[k], c)).toBe(true));
    // x * -0 and x - -0 keep their sign rules (a literal that lost its parentheses would not).
    const x = variable("x");
    const g = compileExprs([call("mul", [x, num(-0)]), call("sub", [x, num(-0)]), call("add", [num(-0), num(-0)])]).evaluate({ x: 0 });
    expect([Object.is(g[0], -0), Object.is(g[1], 0), Object.is(g[2], -0)]).toEqual([true, true, true]);
  });
});
