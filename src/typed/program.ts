// A typed program as read from text: declared shapes, let-bound quantities and the result.
//   x: R^3; W: R^(4x3); a = W * x; z = sigmoid(a); 0.5 * norm2(z - t)^2
import type { Shape } from "./shape.js";
import type { TExpr } from "./texpr.js";

export interface TypedBinding {
  readonly name: string;
  readonly expr: TExpr;
}

export interface TypedProgram {
  readonly source: string;
  /** Every variable's shape: declared in the text, given by the caller, or scalar by default. */
  readonly shapes: ReadonlyMap<string, Shape>;
  /** `name = expression` statements in order; later ones and the result refer to the same nodes. */
  readonly bindings: readonly TypedBinding[];
  readonly result: TExpr;
  /** How reading rules read the text (\sin x, y(1-y) as a product), for "read as". */
  readonly readingNotes?: readonly string[];
  /** The text used LaTeX, Unicode or a lecture spelling, not only plain ASCII syntax. */
  readonly usedNotation?: boolean;
}

/** Each let-bound node's name, for printing references as names (z1 rather than its formula). */
export function bindingNames(program: TypedProgram): Map<TExpr, string> {
  return new Map(program.bindings.map((b) => [b.expr, b.name]));
}
