// "Read as": what a command understood, shown whenever the input was more than plain ASCII
// syntax or a reading rule fired, so a student sees at once whether the tool understood them.
import type { Reading } from "../parse/parse.js";

export interface ReadAs {
  /** The text as written. */
  readonly written: string;
  /** The reading rules that fired (an implicit product written like a call, \sin x). */
  readonly notes: readonly string[];
}

/** How `written` was read, when there is something to show; undefined for plain ASCII read plainly. */
export function readAs(written: string, reading: Pick<Reading, "notes" | "usedNotation">): ReadAs | undefined {
  if (!reading.usedNotation && reading.notes.length === 0) return undefined;
  return { written, notes: reading.notes };
}
