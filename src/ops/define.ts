// Small constructors that keep each op-table entry to its calculus.
import type { OpSpec, PartialRule } from "./types.js";

/** LaTeX command for a function that has one (\sin), else \operatorname{name}. */
export function latexFunction(command: string): (args: readonly string[]) => string {
  return (args) => `${command}\\left(${args.join(", ")}\\right)`;
}

interface UnaryFunctionSpec {
  name: string;
  family: OpSpec["family"];
  description: string;
  latex?: string | ((args: readonly string[]) => string);
  eval: (x: number) => number;
  /** d/dx, written over the algebra; `out` is f(x). */
  derivative: PartialRule;
  domain?: (x: number) => boolean;
  nonDifferentiableAt?: (x: number) => boolean;
  kinkConvention?: string;
  /** As OpSpec.exactZero: zeroFromZero for f(0) = 0 without underflow, alwaysExactZero for relu. */
  exactZero?: (zeroArgs: readonly boolean[], args: readonly number[]) => boolean;
  mathjs?: boolean;
}

/** A one-argument function printed as `name(x)`. */
export function unaryFunction(spec: UnaryFunctionSpec): OpSpec {
  const latex =
    typeof spec.latex === "function"
      ? spec.latex
      : latexFunction(spec.latex ?? `\\operatorname{${spec.name}}`);
  const domain = spec.domain;
  const kink = spec.nonDifferentiableAt;
  return {
    name: spec.name,
    arity: 1,
    family: spec.family,
    description: spec.description,
    print: { kind: "function", name: spec.name },
    latex,
    eval: (args) => spec.eval(args[0]),
    partials: [spec.derivative],
    domain: domain ? (args) => domain(args[0]) : undefined,
    nonDifferentiableAt: kink ? (args) => kink(args[0]) : undefined,
    kinkConvention: spec.kinkConvention,
    exactZero: spec.exactZero,
    mathjs: spec.mathjs ?? true,
  };
}

/** exactZero for an op whose only zero is f(0) = 0, with no underflow near 0 (f(x) ≈ c·x). */
export const zeroFromZero = (zeroArgs: readonly boolean[]): boolean => zeroArgs[0];

/** exactZero for an op whose zeros are exact by definition (relu, heaviside, sign). */
export const alwaysExactZero = (): boolean => true;
