// Reverse-mode symbolic derivatives in matrix form: the adjoint of every node of a scalar typed
// expression, as a typed expression with the node's own shape, from the typed adjoint sweep.
// The walk is the lecture's backward pass on whole vectors and matrices: nodes in reverse
// topological order, each adjoint the sum of its parents' contributions.
import { printTyped, type PrintNames } from "./print.js";
import { bindingNames, type TypedProgram } from "./program.js";
import { describeShape, isScalar, SCALAR, type Shape } from "./shape.js";
import { ShapeError, tnum, typedTopologicalOrder, typedVariablesOf, type TExpr } from "./texpr.js";
import { isZero, plainBuilders, simplifyTyped, typedBuilders, type TypedBuilders, zeroOf } from "./simplify-typed.js";
import { nameRepeatedQuantities, nameSharedSubexpressions, whereLines, type SharedDefinition } from "./shared-names.js";
import { typedAdjointSweep, typedGraph } from "./sweeps.js";
import { expressionAlgebra } from "./vjp.js";

export const LAYOUT_NOTE = "denominator layout: ∂J/∂W has the shape of W (the gradient of a scalar by an m×n matrix is an m×n matrix)";

/**
 * ∂f/∂node for every node under the scalar `f` that depends on a variable (constants get none),
 * each with the node's shape: the typed adjoint sweep over typed expressions. Adjoints share
 * sub-expressions (ā appears in both W̄ = ā * x' and x̄ = W' * ā) and refer to the nodes of f
 * themselves (sigmoid's adjoint uses its own output); they are simplified only locally, as built.
 */
export function typedAdjoints(f: TExpr): Map<TExpr, TExpr> {
  if (!isScalar(f.shape)) throw new ShapeError(`a gradient needs a scalar-valued expression, got ${describeShape(f.shape)}`, undefined, "take sum(…), dot(…) or norm2(…) of it");
  const graph = typedGraph(f);
  const build = typedBuilders(new Set(graph.order)); // forward nodes stay whole, so their names print
  return typedAdjointSweep(graph, expressionAlgebra(build), (node) => node, tnum(1), { isZero, zeroOf: (node) => zeroOf(node.shape) });
}

/** ∂f/∂name: the sum of the adjoints of every node of that variable (unsimplified). */
export function variableAdjoint(adjoints: ReadonlyMap<TExpr, TExpr>, order: readonly TExpr[], name: string, shape: Shape, build: TypedBuilders = plainBuilders): TExpr {
  const parts = order.filter((n) => n.kind === "var" && n.name === name).flatMap((n) => {
    const a = adjoints.get(n);
    return a === undefined ? [] : [a];
  });
  return parts.length === 0 ? zeroOf(shape) : parts.reduce((sum, part) => build.map("add", [sum, part]));
}

/**
 * ∂f/∂v for each variable v of `wrt` (default: every variable of f), simplified, in
 * denominator layout. A variable f does not use gets a zero of its shape (from `shapes`, else scalar).
 */
export function matrixGradient(f: TExpr, wrt?: readonly string[], shapes?: ReadonlyMap<string, Shape>): Map<string, TExpr> {
  const adjoints = typedAdjoints(f);
  const order = typedTopologicalOrder(f);
  const variables = typedVariablesOf(f);
  const keep = new Set(order); // f's own nodes stay as they are (and keep their names when printed)
  const gradient = new Map<string, TExpr>();
  for (const name of wrt ?? [...variables.keys()]) {
    const shape = variables.get(name) ?? shapes?.get(name) ?? SCALAR;
    gradient.set(name, simplifyTyped(variableAdjoint(adjoints, order, name, shape, typedBuilders(keep)), keep));
  }
  return gradient;
}

export interface PrintGradientOptions {
  readonly wrt?: readonly string[];
  /** The output's name in ∂J/∂W (default J). */
  readonly output?: string;
  /** Names for sub-expressions; for a program, its let-bound names are used by default. */
  readonly names?: PrintNames;
  /**
   * Which repeated sub-expressions get a name (u1, u2, …) listed under "where": "forward" (the
   * default) names quantities of f's forward pass, such as a layer's output, that the gradients
   * would print more than once; "all" any repeated sub-expression, adjoints too; "none" nothing.
   */
  readonly share?: "forward" | "all" | "none";
}

/** What a printout of the gradients shows: each gradient, the names to print with, the where-definitions. */
export interface GradientPrintout {
  readonly gradient: Map<string, TExpr>;
  readonly names: PrintNames;
  readonly definitions: readonly SharedDefinition[];
  readonly output: string;
}

/** The gradients of f (or of a program's result) and the names their printout uses; shared by every printer. */
export function gradientPrintout(source: TExpr | TypedProgram, options: PrintGradientOptions = {}): GradientPrintout {
  const isProgram = "result" in source && "bindings" in source;
  const f = isProgram ? source.result : source;
  const given = options.names ?? (isProgram ? bindingNames(source) : new Map<TExpr, string>());
  const gradient = matrixGradient(f, options.wrt, isProgram ? source.shapes : undefined);
  const share = options.share ?? "forward";
  const roots = [...gradient.values()];
  const reserved = isProgram ? [...source.shapes.keys(), ...source.bindings.map((b) => b.name)] : [];
  const { names, definitions } =
    share === "none"
      ? { names: given, definitions: [] }
      : share === "forward"
        ? nameRepeatedQuantities(f, roots, given, reserved)
        : nameSharedSubexpressions(roots, given, { reserved: [...typedVariablesOf(f).keys(), ...reserved] });
  return { gradient, names, definitions, output: options.output ?? "J" };
}

/**
 * "∂J/∂W = (z - t) .* z .* (1 - z) * x'" lines, the "where u1 = …" definitions of repeated
 * sub-expressions (if any), then the layout note. Prefixing the gradient's text with the
 * program's definitions and then the where-definitions ("z = …; u1 = …; <gradient>") gives a
 * typed program whose value is the gradient.
 */
export function printMatrixGradient(source: TExpr | TypedProgram, options: PrintGradientOptions = {}): string {
  const { gradient, names, definitions, output } = gradientPrintout(source, options);
  const lines = [...gradient].map(([name, g]) => `∂${output}/∂${name} = ${names.has(g) ? (names.get(g) as string) : printTyped(g, names)}`);
  return [...lines, ...whereLines(definitions, names), `(${LAYOUT_NOTE})`].join("\n");
}
