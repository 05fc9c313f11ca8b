// Library point values are numbers: every entry point that takes a point refuses anything else
// with PointValueError (which variable, what it got, what is accepted) before computing. Before,
// evaluate(parse("x+y"), {x: "3", y: "2"}) returned the string "32" while the compiled path gave
// 5, and BigInt values threw a raw TypeError from deep inside the sweep.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  check, compile, diagnose, DIFFERENTIATORS, evaluate, evaluateAll, grad, hessian, jacfwd, jacrev, jvp, METHOD_NAMES,
  MissingVariableError, parse, PointValueError, trace, typedGradient, valueAndGrad, vjp, type Point,
} from "../../src/index.js";

const f = parse("a*b + sin(c)");
const NAMES = ["a", "b", "c"] as const;

/** Every library entry point that takes a point, each called at `point` (differentiating by a, b, c). */
const ENTRY_POINTS: Record<string, (point: Point) => unknown> = {
  evaluate: (p) => evaluate(f, p),
  evaluateAll: (p) => evaluateAll(f, p),
  diagnose: (p) => diagnose(f, p),
  grad: (p) => grad(f, p),
  valueAndGrad: (p) => valueAndGrad(f, p, { method: "forward" }),
  ...Object.fromEntries(METHOD_NAMES.flatMap((m) => [
    [`${m}.gradient`, (p: Point) => DIFFERENTIATORS[m].gradient(f, p, NAMES)],
    [`${m}.prepare.at`, (p: Point) => DIFFERENTIATORS[m].prepare(f, NAMES).at(p)],
    [`compiled ${m}`, (p: Point) => compile.preferredDifferentiator(m).gradient(f, p, NAMES)],
  ])),
  jvp: (p) => jvp(f, p, { a: 1 }),
  vjp: (p) => vjp(f, p, [1]),
  jacfwd: (p) => jacfwd(f, p),
  jacrev: (p) => jacrev(f, p),
  "hessian forward-over-reverse": (p) => hessian(f, p),
  "hessian symbolic": (p) => hessian(f, p, { method: "symbolic" }),
  "compileExprs.evaluate": (p) => compile.compileExprs(f).evaluate(p),
  prepareCompiledReverse: (p) => compile.prepareCompiledReverse(f, NAMES).at(p),
  prepareCompiledSymbolic: (p) => compile.prepareCompiledSymbolic(f, NAMES).at(p),
  "trace.traceAt": (p) => trace.traceAt(f, p),
  "check.checkValues": (p) => check.checkValues(f, p, [{ wrt: "a", value: 1 }]),
  typedGradient: (p) => typedGradient("a*b + sin(c)", p instanceof Map ? p : { ...p }),
};

const thrown = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe("library point values", () => {
  it("the issue's repro: {x: \"3\", y: \"2\"} is refused by the interpreter and the compiled path alike (was \"32\" and 5)", () => {
    const xy = parse("x+y");
    expect(evaluate(xy, { x: 3, y: 2 })).toBe(5);
    for (const run of [() => evaluate(xy, { x: "3", y: "2" } as never), () => compile.compileExprs(xy).evaluate({ x: "3", y: "2" } as never)]) {
      const error = thrown(run);
      expect(error).toBeInstanceOf(PointValueError);
      expect((error as PointValueError).variable).toBe("x");
      expect((error as Error).message).toBe('the value of x must be a number (a JavaScript number: numeric strings and BigInt are refused); got the string "3"');
    }
    expect(compile.compileExprs(xy).path).toBe("compiled");
  });

  it("BigInt is PointValueError naming it (was a raw TypeError from the sweep)", () => {
    const error = thrown(() => grad(parse("x^2"), { x: 3n } as never, { method: "reverse" }));
    expect(error).toBeInstanceOf(PointValueError);
    expect((error as Error).message).toContain("got the BigInt 3n");
  });

  it("a missing variable is still MissingVariableError; one present but undefined is a bad value", () => {
    expect(thrown(() => evaluate(f, { a: 1, b: 2 }))).toBeInstanceOf(MissingVariableError);
    expect(thrown(() => evaluate(f, { a: 1, b: 2, c: undefined } as never))).toBeInstanceOf(PointValueError);
    expect(thrown(() => evaluate(f, new Map<string, unknown>([["a", 1], ["b", 2], ["c", undefined]]) as never))).toBeInstanceOf(PointValueError);
  });

  it("a point that is not a record or Map is refused, naming what it was", () => {
    for (const bad of [null, 3, "a=1", [1, 2, 3]]) {
      const error = thrown(() => evaluate(f, bad as never));
      expect(error).toBeInstanceOf(PointValueError);
      expect((error as PointValueError).variable).toBeUndefined();
    }
  });

  it("typed values: an entry inside a vector is named by its index", () => {
    const error = thrown(() => typedGradient("x: R^3; sum(x)", { x: [1, "2", 3] } as never));
    expect(error).toBeInstanceOf(PointValueError);
    expect((error as PointValueError).variable).toBe("x[1]");
    expect((error as Error).message).toContain('must be a number; got the string "2"');
  });

  it("direction and cotangent entries are numbers too", () => {
    expect(thrown(() => jvp(f, { a: 1, b: 2, c: 3 }, { a: "1" } as never))).toBeInstanceOf(PointValueError);
    expect(thrown(() => vjp(f, { a: 1, b: 2, c: 3 }, [1n] as never))).toBeInstanceOf(PointValueError);
  });

  it("numbers, NaN and ±Infinity included, are accepted by every entry point", () => {
    const point = { a: 2, b: Number.NaN, c: Infinity };
    for (const [name, run] of Object.entries(ENTRY_POINTS)) {
      expect(thrown(() => run(point)), name).toBeUndefined();
    }
  });

  it("property: a random non-number at a random variable is refused with PointValueError by every entry point, never a result", () => {
    const nonNumber = fc.oneof(
      fc.string(),
      fc.integer().map(String),
      fc.bigInt(),
      fc.constant(null),
      fc.constant(undefined),
      fc.boolean(),
      fc.object(),
      fc.array(fc.double()),
      fc.constant(new Date(0)),
    );
    fc.assert(
      fc.property(fc.constantFrom(...NAMES), nonNumber, fc.boolean(), (name, bad, asMap) => {
        const entries: [string, unknown][] = NAMES.map((n) => [n, n === name ? bad : 1.5]);
        const point = (asMap ? new Map(entries) : Object.fromEntries(entries)) as Point;
        for (const [entry, run] of Object.entries(ENTRY_POINTS)) {
          // A non-empty array of numbers is a vector: typedGradient accepts it by design.
          if (entry === "typedGradient" && Array.isArray(bad) && bad.length > 0) continue;
          const error = thrown(() => run(point));
          if (!(error instanceof PointValueError)) throw new Error(`${entry} at ${name} = ${String(bad)}: ${error === undefined ? "returned a result" : String(error)}`);
          // typedGradient names the variable too; an array there is a vector whose entries are checked.
          if (!error.variable?.startsWith(name)) throw new Error(`${entry} named ${error.variable}, not ${name}`);
        }
      }),
      { numRuns: 60 },
    );
  });
});
