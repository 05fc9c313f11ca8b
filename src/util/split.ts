// Splitting text at a separator that counts only outside brackets: ";" between statements but
// not between matrix rows, "," between --at entries but not inside [1, 2].

/**
 * [start, end) of each piece of `text` between top-level `separator`s (outside ( ) and [ ]); a
 * separator after a backslash is LaTeX spacing (\; and \,), not a separator.
 */
export function splitOutsideBrackets(text: string, separator: string): { start: number; end: number }[] {
  const pieces: { start: number; end: number }[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "(" || c === "[") depth++;
    else if ((c === ")" || c === "]") && depth > 0) depth--;
    else if (c === separator && depth === 0 && text[i - 1] !== "\\") {
      pieces.push({ start, end: i });
      start = i + 1;
    }
  }
  pieces.push({ start, end: text.length });
  return pieces;
}
