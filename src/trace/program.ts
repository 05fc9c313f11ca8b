// A forward program: the named quantities of a computation, each defined by a formula over
// earlier names, as the lecture writes the forward pass (t = x^2, u1 = sin(t), …, J = cos(u)).
// It comes from an expression (named as `trace` names it) or from definitions a person wrote.
import { callNode, type Expr } from "../ast/expr.js";
import { topologicalOrder, variablesOf } from "../ast/walk.js";
import { variable } from "../ast/expr.js";
import { Tape } from "../diff/reverse/tape.js";
import { nameEntries, placeholderOf } from "./names.js";

export interface Definition {
  readonly name: string;
  /** The formula over inputs and earlier quantities' names. */
  readonly formula: Expr;
}

export interface ForwardProgram {
  /** The inputs (variables no definition defines), in order of first use. */
  readonly inputs: readonly string[];
  /** Definitions in topological order: each after the quantities it uses; the last is the output. */
  readonly definitions: readonly Definition[];
  readonly output: string;
}

/** An expression's forward program, with the names `trace` gives its quantities (t, u1, u2, u, J for the lecture's example). */
export function programOf(f: Expr): ForwardProgram {
  const inputs = variablesOf(f);
  const tape = Tape.record(f, inputs);
  const output = tape.outputs[0];
  const names = nameEntries(tape.entries, output, inputs);
  const definitions: Definition[] = [];
  tape.entries.forEach((entry, i) => {
    const name = names.get(i);
    if (name === undefined || entry.node.kind !== "call") return;
    definitions.push({ name, formula: callNode(entry.node.op, entry.inputs.map((k) => placeholderOf(tape.entries, names, k, variable))) });
  });
  // A constant or a bare variable has no quantities: it is its own output.
  if (definitions.length === 0) return { inputs, definitions: [{ name: "J", formula: f }], output: "J" };
  return { inputs, definitions, output: names.get(output) as string };
}

/** Each quantity's formula written out in the inputs (hash-consed: shared sub-expressions stay shared). */
export function expandedQuantities(program: ForwardProgram): Map<string, Expr> {
  const expanded = new Map<string, Expr>();
  for (const { name, formula } of program.definitions) expanded.set(name, substitute(formula, expanded));
  return expanded;
}

/** `expr` with each variable in `values` replaced by its expression. */
export function substitute(expr: Expr, values: ReadonlyMap<string, Expr>): Expr {
  return replaceNodes(expr, (node) => (node.kind === "var" ? values.get(node.name) : undefined));
}

/** `expr` with each node `replacement` gives a value for replaced by it (a DAG walk: shared nodes are rebuilt once). */
export function replaceNodes(expr: Expr, replacement: (node: Expr) => Expr | undefined): Expr {
  const done = new Map<Expr, Expr>();
  for (const node of topologicalOrder(expr)) {
    const replaced = replacement(node);
    if (replaced !== undefined) done.set(node, replaced);
    else if (node.kind === "call") done.set(node, callNode(node.op, node.args.map((a) => done.get(a) as Expr)));
    else done.set(node, node);
  }
  return done.get(expr) as Expr;
}
