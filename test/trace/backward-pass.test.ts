// The symbolic backward pass of a forward program, in the program's names: the lecture's simple
// example has the local partials and paths its notes list, and every adjoint, written out in
// the inputs, equals the reverse tape's at random points.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/eval/evaluate.js";
import { parse } from "../../src/parse/parse.js";
import { printExpr } from "../../src/print/text.js";
import { backwardPass } from "../../src/trace/adjoints.js";
import { expandedQuantities, programOf, substitute } from "../../src/trace/program.js";
import { DIFFERENTIATORS } from "../../src/diff/registry.js";

describe("the lecture's simple example J = cos(sin(x^2) + 3x^2)", () => {
  const program = programOf(parse("cos(sin(x^2) + 3x^2)"));
  const pass = backwardPass(program);

  it("has the lecture's quantities t, u1, u2, u, J in topological order", () => {
    expect(program.definitions.map((d) => `${d.name} = ${printExpr(d.formula)}`)).toEqual(["t = x^2", "u1 = sin(t)", "u2 = 3*t", "u = u1 + u2", "J = cos(u)"]);
    expect(program.output).toBe("J");
  });

  it("has the lecture's local partials: du/du1 = 1, du1/dt = cos(t), du2/dt = 3, dt/dx = 2x", () => {
    const local = (v: string, q: string) => printExpr(pass.localPartial(v, q) as never);
    expect([local("J", "u"), local("u", "u1"), local("u1", "t"), local("u2", "t"), local("t", "x")]).toEqual(["-sin(u)", "1", "cos(t)", "3", "2*x"]);
  });

  it("reaches dJ/dt by two paths, through u1 and through u2 (the lecture's two += lines)", () => {
    expect(pass.paths.get("t")?.map((p) => p.through).sort()).toEqual(["u1", "u2"]);
    expect(pass.paths.get("x")?.map((p) => p.through)).toEqual(["t"]);
  });
});

describe("every adjoint equals the reverse tape's", () => {
  const texts = ["cos(sin(x^2) + 3x^2)", "sigmoid(w*x + b)", "log(1 + exp(x*y)) * sin(y)", "x*y + sin(x*y) / (1 + y^2)"];
  for (const text of texts) {
    it(text, () => {
      const f = parse(text);
      const program = programOf(f);
      const pass = backwardPass(program);
      const expanded = expandedQuantities(program);
      fc.assert(
        fc.property(fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: program.inputs.length, maxLength: program.inputs.length }), (values) => {
          const point = new Map(program.inputs.map((name, i) => [name, values[i]]));
          const gradient = DIFFERENTIATORS.reverse.gradient(f, point, program.inputs).gradient;
          for (const input of program.inputs) {
            const adjoint = evaluate(substitute(pass.adjoints.get(input) as never, expanded), point);
            expect(adjoint).toBeCloseTo(gradient[input], 9);
          }
        }),
        { numRuns: 200 },
      );
    });
  }
});
