// The tiered differentiators interpret first and compile once the interpreted time reaches the
// predicted compile time; the switch changes no result (bit for bit) and `path` tells which ran.
import { describe, expect, it } from "vitest";
import { preferredDifferentiator, prepareTiered } from "../../src/compile/tiered.js";
import { prepareCompiledReverse } from "../../src/compile/reverse.js";
import { getDifferentiator } from "../../src/diff/registry.js";
import { parse } from "../../src/parse/parse.js";

describe("tiered compilation", () => {
  it("starts interpreted, switches to compiled, and gives identical gradients on both paths", () => {
    const f = parse("tanh(a*b) + sigmoid(a - c) * log(b^2 + 1)");
    const wrt = ["a", "b", "c"];
    const prepared = prepareTiered("reverse", f, wrt);
    const paths: string[] = [];
    const point = { a: 0.3, b: -1.2, c: 2.5 };
    const first = prepared.at(point);
    paths.push(prepared.path);
    for (let i = 0; i < 10_000 && prepared.path === "interpreted"; i++) prepared.at(point);
    const last = prepared.at(point);
    paths.push(prepared.path);
    expect(paths).toEqual(["interpreted", "compiled"]);
    expect(Object.is(first.value, last.value)).toBe(true);
    for (const v of wrt) expect(Object.is(first.gradient[v], last.gradient[v])).toBe(true);
  });

  it("uses already-compiled code at once", () => {
    const f = parse("x^3 * cos(y)");
    prepareCompiledReverse(f, ["x", "y"]);
    const prepared = prepareTiered("reverse", f, ["x", "y"]);
    prepared.at({ x: 1, y: 2 });
    expect(prepared.path).toBe("compiled");
  });

  it("symbolic: same results interpreted and compiled", () => {
    const f = parse("exp(x*z) + x*z/log(x) + sin(log(x))/exp(x*z)");
    const prepared = preferredDifferentiator("symbolic").prepare(f, ["x", "z"]);
    const interpreted = getDifferentiator("symbolic").prepare(f, ["x", "z"]).at({ x: 2, z: 3 });
    for (let i = 0; i < 10_000 && prepared.path !== "compiled"; i++) prepared.at({ x: 2, z: 3 });
    expect(prepared.path).toBe("compiled");
    const compiled = prepared.at({ x: 2, z: 3 });
    expect([compiled.gradient.x, compiled.gradient.z]).toEqual([interpreted.gradient.x, interpreted.gradient.z]);
  });

  it("leaves finite differences and forward mode to the registry", () => {
    expect(preferredDifferentiator("forward")).toBe(getDifferentiator("forward"));
    expect(preferredDifferentiator("finite-difference")).toBe(getDifferentiator("finite-difference"));
  });
});
