// An algebra whose arithmetic is applying ops by name: a leaf module, so the op table and the
// accurate-form rewriter (which table.ts loads) can both build one without an import cycle.
import type { Algebra } from "./types.js";

/**
 * An algebra whose arithmetic is nothing but applying the table's add, sub, … ops by name;
 * `textbook` for one that builds expressions for people (see Algebra.textbook).
 */
export function algebraOfCalls<T>(
  num: (c: number) => T, apply: (op: string, args: readonly T[]) => T, textbook = false,
): Algebra<T> {
  return {
    num,
    add: (a, b) => apply("add", [a, b]),
    sub: (a, b) => apply("sub", [a, b]),
    mul: (a, b) => apply("mul", [a, b]),
    div: (a, b) => apply("div", [a, b]),
    neg: (a) => apply("neg", [a]),
    pow: (a, b) => apply("pow", [a, b]),
    call: apply,
    textbook,
  };
}
