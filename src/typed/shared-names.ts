// Names for sub-expressions that a printout would otherwise repeat. A matrix-form gradient of a
// program written without definitions (sigmoid(beta' * sigmoid(alpha2' * sigmoid(alpha1' * x))))
// repeats each layer's output many times; naming the repeated ones (u1 = sigmoid(alpha1' * x))
// and listing them under "where" gives what the lecture writes by hand.
import { printTyped, type PrintNames } from "./print.js";
import { childrenOf, typedTopologicalOrder, typedVariablesOf, type TExpr } from "./texpr.js";

export interface SharedNamesOptions {
  /** Which nodes may get a name (default: every non-trivial node); e.g. only the forward pass's quantities. */
  readonly eligible?: (node: TExpr) => boolean;
  /** The names' stem: u gives u1, u2, … (default "u"). */
  readonly base?: string;
  /** Names that are taken besides the roots' variables and the given names (e.g. declared but unused variables). */
  readonly reserved?: Iterable<string>;
  /**
   * Whether an operator applied only to variables, numbers and names (z - t, 1 - u3, sigmoid(x))
   * stays written out even when repeated (default true): a name would hardly be shorter, and the
   * lecture writes (y - y*) * y * (1 - y) rather than naming y - y*.
   */
  readonly keepSmall?: boolean;
}

import { whereBlock } from "../print/shared.js";
import { freshName } from "../util/fresh-name.js";

export { freshName };

export interface SharedDefinition {
  readonly name: string;
  readonly expr: TExpr;
}

export interface SharedNames {
  /** Every name to print with: the given ones and the new ones. */
  readonly names: Map<TExpr, string>;
  /** The new names with their expressions, children first (each refers only to earlier ones). */
  readonly definitions: SharedDefinition[];
}

/** Nodes that read as well as any name would: variables, numbers, x' and the like. */
function isTrivial(node: TExpr): boolean {
  switch (node.kind) {
    case "var":
    case "num":
      return true;
    case "call":
      return (node.op === "transpose" && node.args[0].kind === "var") || (node.op === "fill" && node.args[0].kind === "num");
    default:
      return false;
  }
}

/**
 * Names the non-trivial sub-expressions that would be printed more than once across `roots`
 * (printed with `names`: a named node prints as its name and its insides are not printed; a
 * root that is named prints as its name too). Occurrences are counted in the printed tree, and
 * a node that gets a name is printed once (its definition), so only what is still repeated
 * after naming the larger expressions gets a name: parents are decided before their children.
 * Then (unless options.keepSmall is false) an operator on atoms alone keeps no name; un-naming
 * it prints its children more often, but they are atoms, so no other choice changes.
 * New names are `${base}1`, `${base}2`, … in topological order (children first), skipping any
 * that is a variable under the roots, one of `names`, or `reserved`.
 */
export function nameSharedSubexpressions(roots: readonly TExpr[], names: PrintNames, options: SharedNamesOptions = {}): SharedNames {
  const eligible = options.eligible ?? (() => true);
  const order = typedTopologicalOrder(roots);
  // How many times each node is printed, parents first; a tree count can be huge on a DAG, which is fine.
  const occurrences = new Map<TExpr, number>();
  for (const root of roots) occurrences.set(root, (occurrences.get(root) ?? 0) + 1);
  const chosen = new Set<TExpr>();
  for (let k = order.length - 1; k >= 0; k--) {
    const node = order[k];
    const count = occurrences.get(node) ?? 0;
    if (count === 0 || names.has(node)) continue; // not printed, or printed as its name
    let printedAsText = count;
    if (count > 1 && !isTrivial(node) && eligible(node)) {
      chosen.add(node);
      printedAsText = 1; // in its definition
    }
    for (const child of childrenOf(node)) occurrences.set(child, (occurrences.get(child) ?? 0) + printedAsText);
  }

  // Children first, so each node sees which of its children ended up named.
  const keepSmall = options.keepSmall ?? true;
  const isAtom = (node: TExpr): boolean => isTrivial(node) || names.has(node) || chosen.has(node);
  if (keepSmall) for (const node of order) if (chosen.has(node) && childrenOf(node).every(isAtom)) chosen.delete(node);

  const taken = new Set<string>([...typedVariablesOf(roots).keys(), ...names.values(), ...(options.reserved ?? [])]);
  const base = options.base ?? "u";
  const fresh = (): string => freshName(base, taken);
  const all = new Map(names);
  const definitions: SharedDefinition[] = [];
  for (const node of order) {
    if (!chosen.has(node)) continue;
    const name = fresh();
    all.set(node, name);
    definitions.push({ name, expr: node });
  }
  return { names: all, definitions };
}

/** Each definition as text in the given names ({u1: "sigmoid(alpha1' * x)", …}), in order. */
export function definitionTexts(definitions: readonly SharedDefinition[], names: PrintNames): [string, string][] {
  return definitions.map((d) => [d.name, printTyped(d.expr, names)]);
}

/**
 * The "where" block under a printout:
 *   where u1 = sigmoid(alpha1' * x)
 *         u2 = sigmoid(alpha2' * u1)
 * Empty when there is nothing to define.
 */
export function whereLines(definitions: readonly SharedDefinition[], names: PrintNames): string[] {
  return whereBlock(definitionTexts(definitions, names));
}

/** The definitions as a typed program's statements ("u1 = …; u2 = …; "), to put before an expression printed with `names`. */
export function definitionsHeader(definitions: readonly SharedDefinition[], names: PrintNames): string {
  return definitionTexts(definitions, names).map(([name, text]) => `${name} = ${text}; `).join("");
}

/**
 * Names for a gradient printout: the quantities of f's forward pass (a layer's output) that the
 * gradients in `roots` would print more than once; adjoints stay written out, as the lecture
 * writes them. `reserved`: names taken besides the variables and `names` (a program's declared
 * variables and definitions).
 */
export function nameRepeatedQuantities(f: TExpr, roots: readonly TExpr[], names: PrintNames, reserved: Iterable<string> = []): SharedNames {
  const forward = new Set(typedTopologicalOrder(f));
  return nameSharedSubexpressions(roots, names, { eligible: (node) => forward.has(node), reserved: [...typedVariablesOf(f).keys(), ...reserved] });
}
