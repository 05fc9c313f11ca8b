// A printout of expressions whose tree is too large to write out but whose DAG is small: every
// sub-expression used more than once (and not tiny) gets a name, u1, u2, …, listed under
// "where", children first — the shared form, as the typed path and the lecture write it.
import type { Expr } from "../ast/expr.js";
import { topologicalOrder } from "../ast/walk.js";
import { freshName } from "../util/fresh-name.js";
import { MAX_PRINTED_CHARACTERS, renderNode, TextTooLongError } from "./text.js";

/** Sub-expressions smaller than this stay written out even when repeated (a name is no shorter). */
const MIN_NAMED_TREE = 4;

export interface SharedPrintout {
  /** One text per root, in the names below. */
  readonly texts: string[];
  /** name = text, each referring only to earlier names. */
  readonly definitions: readonly (readonly [name: string, text: string])[];
}

/** Prints `roots` with their repeated sub-expressions named; `taken`: names not to use (the variables). */
export function printShared(roots: readonly Expr[], taken: Iterable<string>): SharedPrintout {
  const order = topologicalOrder(roots);
  const uses = new Map<number, number>();
  for (const node of order) if (node.kind === "call") for (const arg of node.args) uses.set(arg.id, (uses.get(arg.id) ?? 0) + 1);
  const rootIds = new Set(roots.map((r) => r.id));
  const used = new Set(taken);
  const names = new Map<number, string>();
  const texts = new Map<number, string>();
  const definitions: [string, string][] = [];
  const render = (child: Expr) => names.get(child.id) ?? (texts.get(child.id) as string);
  const atomic = (child: Expr) => names.has(child.id);
  for (const node of order) {
    const text = renderNode(node, render, atomic);
    if (text.length > MAX_PRINTED_CHARACTERS) throw new TextTooLongError(node.treeSize, text.length);
    texts.set(node.id, text);
    if (node.kind === "call" && !rootIds.has(node.id) && (uses.get(node.id) ?? 0) > 1 && node.treeSize >= MIN_NAMED_TREE) {
      const name = freshName("u", used);
      names.set(node.id, name);
      definitions.push([name, text]);
    }
  }
  return { texts: roots.map((r) => texts.get(r.id) as string), definitions };
}

/** The "where" block: `where u1 = …` then aligned `      u2 = …` lines (none when nothing is named). */
export function whereBlock(definitions: SharedPrintout["definitions"]): string[] {
  return definitions.map(([name, text], i) => `${i === 0 ? "where " : "      "}${name} = ${text}`);
}
