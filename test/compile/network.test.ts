// The 784-100-10 network (79,400 weights; about 240,000 tape entries) compiles — split into
// chunks, under the engine's function-size limits — and its compiled gradient equals the
// interpreted tape's bit for bit.
import { describe, expect, it } from "vitest";
import { prepareCompiledReverse } from "../../src/compile/reverse.js";
import { prepareReverse } from "../../src/diff/reverse/differentiator.js";
import { buildNetwork } from "../../src/harness/network.js";

describe("compiling a network of realistic size", () => {
  it("784-100-10: compiled in chunks, gradient identical to the interpreted tape", () => {
    const net = buildNetwork({ widths: [784, 100, 10] });
    const compiled = prepareCompiledReverse(net.loss, net.parameters);
    expect(compiled.path).toBe("compiled");
    expect(compiled.kernel?.chunks).toBeGreaterThan(50);
    const got = compiled.at(net.point);
    const want = prepareReverse(net.loss, net.parameters).at(net.point);
    expect(Object.is(got.value, want.value)).toBe(true);
    const differing = net.parameters.filter((p) => !Object.is(got.gradient[p], want.gradient[p]));
    expect(differing).toEqual([]);
    expect(net.parameters.length).toBe(79_400);
  }, 60_000);
});
