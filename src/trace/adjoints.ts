// The true backward pass of a forward program, symbolically and in the program's own names: each
// local partial ∂v/∂q (du1/dt = cos(t)), each path's contribution dJ/dv · ∂v/∂q to dJ/dq (one
// `+=` line of the lecture), and each adjoint dJ/dq as the sum of its paths.
import type { Expr } from "../ast/expr.js";
import { num } from "../ast/expr.js";
import { variablesOf } from "../ast/walk.js";
import { derive } from "../diff/symbolic/derivatives.js";
import { simplify } from "../diff/symbolic/simplify.js";
import { exprAlgebra } from "../ops/table.js";
import type { ForwardProgram } from "./program.js";

/** One path of the chain rule into dJ/dq: through the quantity `through`, which uses q. */
export interface PathContribution {
  readonly through: string;
  /** ∂through/∂q, in the program's names. */
  readonly local: Expr;
  /** dJ/d(through) · ∂through/∂q, with dJ/d(through) written out as its own paths' sum. */
  readonly contribution: Expr;
}

export interface BackwardPass {
  /** dJ/dq for every quantity and input q (dJ/dJ = 1), in the program's names. */
  readonly adjoints: ReadonlyMap<string, Expr>;
  /** The paths into each dJ/dq, in the order the lecture writes them (from the output back). */
  readonly paths: ReadonlyMap<string, readonly PathContribution[]>;
  /** ∂v/∂q for each definition v and each name q its formula uses. */
  localPartial(v: string, q: string): Expr | undefined;
  /** Names in reverse topological order (the output first), as a backward pass visits them. */
  readonly order: readonly string[];
}

export function backwardPass(program: ForwardProgram): BackwardPass {
  const locals = new Map<string, Map<string, Expr>>();
  for (const { name, formula } of program.definitions) {
    const row = new Map<string, Expr>();
    for (const q of variablesOf(formula)) row.set(q, derive(formula, q));
    locals.set(name, row);
  }
  const adjoints = new Map<string, Expr>([[program.output, num(1)]]);
  const paths = new Map<string, PathContribution[]>();
  const order: string[] = [];
  for (let i = program.definitions.length - 1; i >= 0; i--) {
    const v = program.definitions[i].name;
    order.push(v);
    const adjoint = adjoints.get(v) ?? num(0);
    for (const [q, local] of locals.get(v) as Map<string, Expr>) {
      const contribution = simplify(exprAlgebra.mul(adjoint, local));
      const list = paths.get(q) ?? [];
      list.push({ through: v, local, contribution });
      paths.set(q, list);
      const before = adjoints.get(q);
      adjoints.set(q, before === undefined ? contribution : simplify(exprAlgebra.add(before, contribution)));
    }
  }
  for (const input of program.inputs) {
    order.push(input);
    if (!adjoints.has(input)) adjoints.set(input, num(0));
  }
  return {
    adjoints,
    paths,
    order,
    // dv/dv is 1; a definition that does not use q has ∂v/∂q = 0; an input has no local partials.
    localPartial: (v, q) => locals.get(v)?.get(q) ?? (v === q ? num(1) : locals.has(v) ? num(0) : undefined),
  };
}
