// ParseError: what went wrong, where (line:col, 1-based), what would have been accepted, and
// a rendering with the source line and a caret under the spot.
import { editDistance } from "../util/edit-distance.js";

export interface SourcePosition {
  /** 0-based character offset into the source. */
  readonly offset: number;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column (in UTF-16 code units, as JavaScript strings count). */
  readonly column: number;
}

export interface ParseErrorDetails {
  /** What went wrong, without the position, e.g. `unexpected ")"`. */
  readonly reason: string;
  readonly at: SourcePosition;
  /** The offending source text ("" at the end of the input). */
  readonly offending: string;
  /** What would have been accepted, in words: "a number", "(", "an operator", … */
  readonly expected?: readonly string[];
  /** A suggestion: a did-you-mean, the known function names, how to write a product. */
  readonly hint?: string;
}

/** Source lines longer than this are shown as a window around the error. */
const SHOWN_LINE_WIDTH = 72;

export class ParseError extends Error {
  readonly reason: string;
  readonly line: number;
  readonly column: number;
  readonly offset: number;
  readonly offending: string;
  readonly expected: string[];
  readonly hint: string | undefined;
  /** The message with the source line and a caret under the error. */
  readonly rendered: string;

  constructor(details: ParseErrorDetails, readonly source: string) {
    const expected = [...(details.expected ?? [])];
    super(
      `${details.reason} at ${details.at.line}:${details.at.column}` +
        (expected.length > 0 ? `; expected ${joinWords(expected)}` : "") +
        (details.hint !== undefined ? `; ${details.hint}` : ""),
    );
    this.name = "ParseError";
    this.reason = details.reason;
    this.line = details.at.line;
    this.column = details.at.column;
    this.offset = details.at.offset;
    this.offending = details.offending;
    this.expected = expected;
    this.hint = details.hint;
    this.rendered = this.render(source);
  }

  /** Multi-line message: reason and position, the source line, a caret, expected, hint. */
  render(source: string = this.source): string {
    const lines = [`${this.reason} at ${this.line}:${this.column}`, ...caretLines(source, this.line, this.column, this.offending)];
    if (this.expected.length > 0) lines.push(`expected ${joinWords(this.expected)}`);
    if (this.hint !== undefined) lines.push(this.hint);
    return lines.join("\n");
  }
}

/** "a", "a or b", "a, b or c". */
export function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

/** The source line (indented two spaces, windowed when long) and a caret line under `column`. */
export function caretLines(source: string, line: number, column: number, offending: string): string[] {
  const sourceLine = (source.split("\n")[line - 1] ?? "").replace(/\r$/, "");
  let start = 0;
  let end = sourceLine.length;
  if (end > SHOWN_LINE_WIDTH) {
    start = Math.max(0, Math.min(column - 1 - SHOWN_LINE_WIDTH / 2, end - SHOWN_LINE_WIDTH));
    end = Math.min(end, start + SHOWN_LINE_WIDTH);
  }
  const prefix = start > 0 ? "…" : "";
  const shown = prefix + sourceLine.slice(start, end) + (end < sourceLine.length ? "…" : "");
  // Keep tabs in the padding so the caret lines up under tabbed source.
  const padding = prefix.replace(/./g, " ") + sourceLine.slice(start, column - 1).replace(/[^\t]/g, " ");
  const width = Math.max(1, Math.min(offending.length, end - (column - 1)));
  return [`  ${shown}`, `  ${padding}${"^".repeat(width)}`];
}

/** The known names closest to `typed` (case-insensitively), if any is close enough. */
export function closestNames(typed: string, known: readonly string[]): string[] {
  const lower = typed.toLowerCase();
  const allowed = Math.max(1, Math.floor(typed.length / 3));
  const scored = known
    .map((name) => ({ name, distance: editDistance(lower, name.toLowerCase()) }))
    .filter((s) => s.distance <= allowed);
  const best = Math.min(...scored.map((s) => s.distance));
  return scored.filter((s) => s.distance === best).map((s) => s.name).slice(0, 3);
}
