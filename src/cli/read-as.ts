// "read as: …": what grad, derive and parse understood, shown whenever the input was written in
// LaTeX, Unicode or a lecture spelling, or a reading rule fired (an implicit product written
// like a call, \sin x), so a student sees at once whether the tool understood them.
import type { Reading } from "../parse/parse.js";
import { bindingNames, type TypedProgram } from "../typed/program.js";
import { printTyped } from "../typed/print.js";
import { colsOf, isScalar, rowsOf, type Shape } from "../typed/shape.js";

type HowRead = Pick<Reading, "notes" | "usedNotation">;

const shown = (reading: HowRead): boolean => reading.usedNotation || reading.notes.length > 0;

/** `read as: sigmoid(x)*(1 - sigmoid(x))` and a line per reading note, or "" for plain ASCII read plainly. */
export function readAsText(reading: HowRead, canonical: string): string {
  if (!shown(reading)) return "";
  return [`read as: ${canonical}`, ...reading.notes.map((note) => `  reading: ${note}`)].join("\n") + "\n";
}

/** The same for --json: `{readAs: {text, notes}}`, or nothing. */
export function readAsJson(reading: HowRead, canonical: string): { readAs?: { text: string; notes: readonly string[] } } {
  return shown(reading) ? { readAs: { text: canonical, notes: reading.notes } } : {};
}

/** How a typed program was read, in the same terms. */
export function programReading(program: TypedProgram): HowRead {
  return { notes: program.readingNotes ?? [], usedNotation: program.usedNotation ?? false };
}

/** A typed program as diffscope understood it: its declarations, definitions and result, in ASCII. */
export function canonicalProgram(program: TypedProgram): string {
  const names = bindingNames(program);
  const defined = new Set(program.bindings.map((b) => b.name));
  const declarations = [...program.shapes].filter(([name, shape]) => !defined.has(name) && !isScalar(shape)).map(([name, shape]) => `${name}: ${declaredType(shape)}`);
  const definitions = program.bindings.map((b) => `${b.name} = ${printTyped(b.expr, new Map([...names].filter(([node]) => node !== b.expr)))}`);
  return [...declarations, ...definitions, printTyped(program.result, names)].join("; ");
}

/** R^3, R^(2x3): the ASCII declaration of a shape. */
function declaredType(shape: Shape): string {
  return shape.kind === "vector" ? `R^${rowsOf(shape)}` : `R^(${rowsOf(shape)}x${colsOf(shape)})`;
}
