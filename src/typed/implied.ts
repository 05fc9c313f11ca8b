// Shapes implied by values: a variable given the value [1, 2, 3] is a vector of 3 unless the
// caller or the text declares it. A declaration always wins, so a value that does not fit is
// reported as the value's fault ("x is a vector of 3, but its value is a vector of 2").
import { splitStatements } from "./statements.js";
import type { Shape } from "./shape.js";
import { shapeOfValue, type TypedValue } from "./values.js";

/** `declared` plus the shape of each value whose name neither `declared` nor the text's header declares. */
export function shapesWithValues(text: string, declared: ReadonlyMap<string, Shape>, values: ReadonlyMap<string, TypedValue>): Map<string, Shape> {
  const inText = new Set<string>();
  try {
    for (const statement of splitStatements(text)) if (statement.kind === "declaration") inText.add(statement.name);
  } catch {
    // A malformed declaration is reported by the reader itself, with its caret.
  }
  const shapes = new Map(declared);
  for (const [name, value] of values) if (!shapes.has(name) && !inText.has(name)) shapes.set(name, shapeOfValue(name, value));
  return shapes;
}
