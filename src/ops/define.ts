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
    mathjs: spec.mathjs ?? true,
  };
}
