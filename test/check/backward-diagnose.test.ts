// What a wrong backward line's mistake is, on the lecture's examples (the simple example, logistic
// regression, the network), one test per kind of diagnosis; and a property: a true line multiplied
// by one of the program's quantities is diagnosed as exactly that extra factor.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import "../support/fast-check-seed.js";
import { exprArbitrary } from "../support/random-expr.js";
import type { Expr } from "../../src/ast/expr.js";
import { num, variable } from "../../src/ast/expr.js";
import { findMistake, sameFunction, type DiagnosisContext } from "../../src/check/backward/diagnose.js";
import { readForwardProgram } from "../../src/check/backward/forward.js";
import { judgeSheet } from "../../src/check/backward/judge.js";
import { evaluate } from "../../src/eval/evaluate.js";
import { exprAlgebra } from "../../src/ops/table.js";
import { backwardPass } from "../../src/trace/adjoints.js";
import { expandedQuantities, programOf, substitute, type ForwardProgram } from "../../src/trace/program.js";

const EXAMPLES = join(import.meta.dirname, "../../examples");
const program = (dir: string) => readFileSync(join(EXAMPLES, dir, "program.txt"), "utf8");
const SIMPLE = program("simple");
const LOGISTIC = program("logistic");
const NETWORK = program("network");

/** The diagnoses of a sheet's wrong lines, as [line, diagnosis]. */
const wrong = (programText: string, sheet: string) =>
  judgeSheet(readForwardProgram(programText), sheet).lines.filter((l) => l.verdict === "incorrect").map((l) => [l.line, l.diagnosis]);
const exampleSheet = (dir: string, file: string) => readFileSync(join(EXAMPLES, dir, file), "utf8");

function contextOf(p: ForwardProgram): DiagnosisContext {
  const pass = backwardPass(p);
  const expanded = expandedQuantities(p);
  return { program: p, pass, toInputs: (e) => substitute(e, expanded), domain: expanded.get(p.output) as Expr };
}

describe("a missing factor that is a local derivative, as the op table writes it", () => {
  it("network, dJ/da_1 = dJ/dz_1: z_1 = 1/(1 + exp(-a_1)) is σ(a_1), so the factor is z_1(1 - z_1) = σ′(a_1)", () => {
    expect(wrong(NETWORK, exampleSheet("network", "network.missing-factor.txt"))).toEqual([[11, "misses the factor z_1(1 - z_1) = σ′(a_1) = dz_1/da_1"]]);
  });

  it("logistic regression, dJ/da = dJ/dy: y(1 - y) = σ′(a)", () => {
    expect(wrong(LOGISTIC, exampleSheet("logistic", "logistic.ascii.missing-factor.txt"))).toEqual([[2, "misses the factor y(1 - y) = σ′(a) = dy/da"]]);
  });

  it("the simple example, dJ/du = 1 for J = cos(u): -sin(u) = cos′(u); and dJ/dx = dJ/dt for t = x^2: 2x (pow is no one-argument function)", () => {
    expect(wrong(SIMPLE, "dJ/du = 1")).toEqual([[1, "misses the factor -sin(u) = cos′(u) = dJ/du"]]);
    expect(wrong(SIMPLE, "dJ/dx = dJ/dt")).toEqual([[1, "misses the factor 2*x = dt/dx"]]);
  });

  it("a tanh unit, J = tanh(a): 1 - J^2 = tanh′(a)", () => {
    expect(wrong("J = tanh(a)\na = w x", "dJ/da = 1")).toEqual([[1, "misses the factor 1 - J^2 = tanh′(a) = dJ/da"]]);
  });
});

describe("factors that are no local derivative of the line's own chain", () => {
  it("logistic regression, dJ/dθ_1 = (y - y*): misses x_1 = da/dθ_1", () => {
    expect(wrong(LOGISTIC, "dJ/dθ_1 = (y - y*)")).toEqual([[1, "misses the factor x_1 = da/dtheta_1"]]);
  });

  it("dJ/dy = (y - y*)/y (the example sheet): the 1 - y of the denominator (y - y*)/(y(1 - y)) is missing", () => {
    expect(wrong(LOGISTIC, exampleSheet("logistic", "logistic.denominator.missing-factor.txt"))).toEqual([[2, "misses the factor 1/(1 - y) (a 1 - y in a denominator)"]]);
  });

  it("dJ/da = (y - y*)/(1 - y): dividing by 1 - y is an extra factor 1/(1 - y)", () => {
    expect(wrong(LOGISTIC, "dJ/da = (y - y*)/(1 - y)")).toEqual([[1, "has an extra factor: it divides by 1 - y"]]);
  });

  it("network, dJ/dz_2 = dJ/db β_2 z_2: an extra z_2, named as the quantity it is", () => {
    expect(wrong(NETWORK, exampleSheet("network", "network.extra-factor.txt"))).toEqual([[9, "has an extra factor z_2"]]);
    expect(wrong(LOGISTIC, "dJ/dy = (y - y*)/(y(1 - y)) * x_2")).toEqual([[1, "has an extra factor x_2"]]);
  });
});

describe("the other kinds, in the issue's order", () => {
  it("wrong sign: the simple example's dJ/du = sin(u)", () => {
    expect(wrong(SIMPLE, "dJ/du = sin(u)")).toEqual([[1, "wrong sign: this is -(dJ/du)"]]);
  });

  it("missing path: the network's dJ/dx_1 without the path through a_2", () => {
    expect(wrong(NETWORK, exampleSheet("network", "network.missing-path.txt"))).toEqual([[19, "misses the path through a_2 (dJ/da_2 * da_2/dx_1)"]]);
  });

  it("constant multiple: dJ/dx = dJ/dt * x is half of dJ/dt * 2x", () => {
    expect(wrong(SIMPLE, "dJ/dx = dJ/dt * x")).toEqual([[1, "a constant multiple: this is 0.5 times dJ/dx"]]);
  });

  it("cross-entropy sign convention: the notes' dJ/dy = y*/y + (1 - y*)/(y - 1) for the loss with its minus sign", () => {
    const [[line, diagnosis]] = wrong(LOGISTIC, exampleSheet("logistic", "logistic.cross-entropy-sign.txt"));
    expect(line).toBe(1);
    expect(diagnosis).toMatch(/^the sign convention of cross-entropy/);
  });

  it("otherwise a counterexample: dJ/dθ_1 = (y - y*) θ_1 (θ_1 for x_1) is none of the kinds", () => {
    const p = readForwardProgram(LOGISTIC);
    const context = contextOf(p);
    const answer = exprAlgebra.mul(exprAlgebra.sub(variable("y"), variable("ystar")), variable("theta_1"));
    expect(findMistake("theta_1", answer, context)).toBeUndefined();
    expect(wrong(LOGISTIC, "dJ/dθ_1 = (y - y*) θ_1")[0][1]).toMatch(/^at .* this gives /);
  });
});

describe("property: a true line times a quantity of the program", () => {
  const SMOOTH = ["add", "sub", "mul", "sin", "cos", "exp", "tanh", "sigmoid"];
  it("is diagnosed as an extra factor equal to that quantity (checked by the comparison answers get)", () => {
    fc.assert(
      fc.property(exprArbitrary({ variables: ["x", "y"], maxDepth: 3, ops: SMOOTH }), fc.nat(), fc.nat(), (f, which, factorDraw) => {
        const p = programOf(f);
        fc.pre(p.inputs.length > 0);
        const context = contextOf(p);
        const quantities = [...p.inputs, ...p.definitions.map((d) => d.name).filter((n) => n !== p.output)];
        const quantity = quantities[which % quantities.length];
        const factor = variable(quantities[factorDraw % quantities.length]);
        const truth = context.pass.adjoints.get(quantity) as Expr;
        const at = new Map(p.inputs.map((name, i) => [name, 0.37 + 0.41 * i]));
        // A factor that is a constant function is a constant multiple; a line whose truth is 0 has no factors.
        fc.pre(!sameFunction(factor, num(evaluate(context.toInputs(factor), at)), context));
        fc.pre(!sameFunction(truth, num(0), context));
        const mistake = findMistake(quantity, exprAlgebra.mul(truth, factor), context);
        expect(mistake?.kind).toBe("extra factor");
        expect(sameFunction(mistake?.factor as Expr, factor, context)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
