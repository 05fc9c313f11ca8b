// Index notation, as the lecture writes the network's forward and backward passes:
//   a_j = Σ_i α_ji x_i        dJ/dα_ji = dJ/da_j · x_i        dJ/dx_i = Σ_j dJ/da_j α_ji
// Declared shapes (x ∈ ℝ², α ∈ ℝ^{2×2}) give each index its range. A formula with free indices
// stands for one scalar formula per entry, and Σ_j for the sum of its terms over j. Entries are
// named as the typed layer lowers them (x_1, alpha_1_2), so everything after this is scalar.
import { callNode, variable, type Expr } from "../../ast/expr.js";
import { exprAlgebra } from "../../ops/table.js";
import { printExpr } from "../../print/text.js";
import { INDEX_SUM_OP } from "../../parse/build.js";
import { replaceNodes, substitute } from "../../trace/program.js";
import { elementName } from "../../typed/lower.js";
import { colsOf, rowsOf, type Shape } from "../../typed/shape.js";

/** The op of `Σ_j body` as the reader builds it: indexSum(j, body). */
export const INDEX_SUM = INDEX_SUM_OP;

/** Why index notation cannot be expanded; `letter` is the index at fault, when one is. */
export class IndexError extends Error {
  constructor(
    message: string,
    readonly letter?: string,
    readonly hint?: string,
    /** The index runs over two ranges (x_j with j over a_j's 2 and x's 3): a mistake of the line, if in a sheet. */
    readonly conflict = false,
  ) {
    super(message);
  }
}

type Subscript = { readonly letter: string } | { readonly entry: number };

interface IndexedName {
  readonly base: string;
  readonly shape: Shape;
  readonly subscripts: readonly Subscript[];
}

/** Entry counts along each axis: [n] for a vector or row, [rows, cols] for a matrix. */
function axesOf(shape: Shape): number[] {
  switch (shape.kind) {
    case "scalar":
      return [];
    case "vector":
    case "row":
      return [rowsOf(shape) * colsOf(shape)];
    case "matrix":
      return [shape.rows, shape.cols];
  }
}

const INDEX_LETTER = /^[a-z]$/;

/**
 * `alpha_ji`, `alpha_j_i`, `alpha_1_2`, `x_i`, `x_10` read against the shapes: the base of a
 * vector or matrix and one subscript per axis (a matrix's two run together only as single
 * characters: alpha_12 is (1, 2); write alpha_{1,2} beyond 9). Undefined when not an entry.
 */
function indexedName(name: string, shapes: ReadonlyMap<string, Shape>): IndexedName | undefined {
  let best: IndexedName | undefined;
  for (const [base, shape] of shapes) {
    const axes = axesOf(shape);
    if (axes.length === 0 || !name.startsWith(`${base}_`) || (best !== undefined && best.base.length >= base.length)) continue;
    const rest = name.slice(base.length + 1);
    const parts = rest.includes("_") ? rest.split("_") : axes.length === 1 ? [rest] : rest.length === axes.length ? [...rest] : [];
    if (parts.length !== axes.length || !parts.every((p) => INDEX_LETTER.test(p) || /^[0-9]+$/.test(p))) continue;
    best = { base, shape, subscripts: parts.map((p) => (INDEX_LETTER.test(p) ? { letter: p } : { entry: Number(p) })) };
  }
  return best;
}

/** The index letters a formula uses as subscripts of declared quantities, each with its range. */
export function indexRanges(expr: Expr, shapes: ReadonlyMap<string, Shape>, ranges = new Map<string, { size: number; where: string }>()): Map<string, { size: number; where: string }> {
  const visit = (node: Expr): void => {
    if (node.kind === "call") return node.args.forEach(visit);
    if (node.kind !== "var") return;
    for (const name of placeholderDerivative(node.name) ?? [node.name]) {
      const indexed = indexedName(name, shapes);
      const axes = indexed === undefined ? [] : axesOf(indexed.shape);
      indexed?.subscripts.forEach((s, axis) => {
        if (!("letter" in s)) return;
        const size = axes[axis];
        const earlier = ranges.get(s.letter);
        if (earlier !== undefined && earlier.size !== size) throw new IndexError(`${s.letter} runs over ${earlier.size} entries in ${earlier.where} but ${size} in ${name}`, s.letter, "each index runs over one range; use another letter for the other", true);
        ranges.set(s.letter, { size, where: name });
      });
    }
  };
  visit(expr);
  return ranges;
}

/** The letters of an indexed name (`alpha_ji` → j, i) when `name` is an entry of a shaped quantity. */
export function subscriptLetters(name: string, shapes: ReadonlyMap<string, Shape>): string[] | undefined {
  const indexed = indexedName(name, shapes);
  return indexed?.subscripts.flatMap((s) => ("letter" in s ? [s.letter] : []));
}

/** `dJ/da_j` as the sheet reader leaves a derivative to expand later: its quantity, a_j. */
function adjointTarget(name: string): string | undefined {
  return /^d[^/]+\/d(.+)$/.exec(name)?.[1];
}

/** A placeholder for dOf/dWrt, expanded with the formula's indices (see adjointTarget). */
export function derivativePlaceholder(of: string, wrt: string): Expr {
  return variable(`d${of}/d${wrt}`);
}

/** The derivative a placeholder stands for, after expansion: [of, wrt], or undefined for a plain name. */
export function placeholderDerivative(name: string): readonly [string, string] | undefined {
  const match = /^d([^/]+)\/d(.+)$/.exec(name);
  return match === null ? undefined : [match[1], match[2]];
}

/** The entry name of an indexed quantity at 1-based positions. */
function entryName(indexed: IndexedName, at: readonly number[], written: string): string {
  const axes = axesOf(indexed.shape);
  at.forEach((k, axis) => {
    if (k < 1 || k > axes[axis]) throw new IndexError(`${written}: entry ${k} is outside 1…${axes[axis]}`, undefined, `${indexed.base} has ${axes.join("×")} entries`);
  });
  const [row, col] = indexed.shape.kind === "row" ? [0, at[0] - 1] : [at[0] - 1, (at[1] ?? 1) - 1];
  return elementName(indexed.base, indexed.shape, row, col);
}

/** The name of a quantity's entry under `bound` (a_j with j = 2 → a_2); a plain name unchanged. */
export function boundName(name: string, shapes: ReadonlyMap<string, Shape>, bound: ReadonlyMap<string, number>): string {
  const indexed = indexedName(name, shapes);
  if (indexed === undefined) {
    const shape = shapes.get(name);
    if (shape !== undefined && axesOf(shape).length > 0) throw new IndexError(`${name} has ${axesOf(shape).join("×")} entries: name one with indices, as ${name}_${axesOf(shape).length === 1 ? "i" : "ji"}`);
    return name;
  }
  const at = indexed.subscripts.map((s) => {
    if ("entry" in s) return s.entry;
    const value = bound.get(s.letter);
    if (value === undefined) throw new IndexError(`the index ${s.letter} in ${name} is neither on the left side nor summed`, s.letter, `sum it (Σ_${s.letter} …) or put it on the left`);
    return value;
  });
  return entryName(indexed, at, name);
}

/**
 * The formula with indices bound (`bound`: j = 2), Σ expanded over each index's range and every
 * entry named (alpha_2_1); derivative placeholders get their quantity's entry too.
 */
export function expandIndices(expr: Expr, shapes: ReadonlyMap<string, Shape>, bound: ReadonlyMap<string, number> = new Map()): Expr {
  if (expr.kind === "num") return expr;
  if (expr.kind === "var") {
    const derivative = placeholderDerivative(expr.name);
    if (derivative !== undefined) return derivativePlaceholder(boundName(derivative[0], shapes, bound), boundName(derivative[1], shapes, bound));
    return variable(boundName(expr.name, shapes, bound));
  }
  if (expr.op === INDEX_SUM) {
    const [index, body] = expr.args;
    const letter = (index as { name: string }).name;
    const range = indexRanges(body, shapes).get(letter);
    if (range === undefined) throw new IndexError(`Σ_${letter} sums over an index nothing after it uses`, letter, `write the indexed quantities after it, as Σ_${letter} β_${letter} z_${letter}`);
    const terms = Array.from({ length: range.size }, (_, k) => expandIndices(body, shapes, new Map([...bound, [letter, k + 1]])));
    return terms.reduce((sum, term) => exprAlgebra.add(sum, term));
  }
  return callNode(expr.op, expr.args.map((a) => expandIndices(a, shapes, bound)));
}

/** Every assignment of the letters over their ranges, the first letter slowest (j = 1, i = 1; j = 1, i = 2; …). */
export function assignments(letters: readonly string[], ranges: ReadonlyMap<string, { size: number }>): Map<string, number>[] {
  return letters.reduce<Map<string, number>[]>(
    (partial, letter) => partial.flatMap((bound) => Array.from({ length: (ranges.get(letter) as { size: number }).size }, (_, k) => new Map([...bound, [letter, k + 1]]))),
    [new Map()],
  );
}

/** The shape a defined quantity gets from its free indices' ranges: a_j over j = 1…2 is a 2-vector. */
export function shapeOfIndexed(letters: readonly string[], ranges: ReadonlyMap<string, { size: number }>): Shape {
  const sizes = letters.map((l) => (ranges.get(l) as { size: number }).size);
  return sizes.length === 1 ? { kind: "vector", length: sizes[0] } : { kind: "matrix", rows: sizes[0], cols: sizes[1] };
}

/** `a_j`, `alpha_ji`, `W_j_i` as a defined quantity's left side: its base and index letters, if it has them. */
export function indexedLeftSide(name: string): { readonly base: string; readonly letters: readonly string[] } | undefined {
  const match = /^(.+?)_([a-z])(?:_?([a-z]))?$/.exec(name);
  if (match === null) return undefined;
  return { base: match[1], letters: match[3] === undefined ? [match[2]] : [match[2], match[3]] };
}

/** "j = 1, i = 2": an entry, as a report names it. */
export function describeAssignment(bound: ReadonlyMap<string, number>): string {
  return [...bound].map(([letter, value]) => `${letter} = ${value}`).join(", ");
}

/** One way a right side's indices might have been meant: the formula, and what changed, in words. */
export interface IndexVariant {
  readonly expr: Expr;
  readonly change: string;
}

/** An indexed name written back (`alpha` with j, i → alpha_ji), as a report shows it. */
function nameWith(indexed: IndexedName, subscripts: readonly Subscript[]): string {
  const parts = subscripts.map((s) => ("letter" in s ? s.letter : String(s.entry)));
  return `${indexed.base}_${parts.every((p) => p.length === 1) ? parts.join("") : parts.join("_")}`;
}

/**
 * The right side with one index mistake undone, each way it could have been made: a Σ over the
 * wrong index, a matrix entry with its indices the wrong way round (the transposed layout), or
 * one quantity indexed by the wrong letter (x_j for x_i). Tried by the checker, first that fits wins.
 */
export function indexVariants(right: Expr, shapes: ReadonlyMap<string, Shape>, leftLetters: readonly string[]): IndexVariant[] {
  const letters = new Set(leftLetters);
  const sums: Expr[] = [];
  const entries: Expr[] = [];
  const visit = (node: Expr): void => {
    if (node.kind === "call") {
      if (node.op === INDEX_SUM) {
        sums.push(node);
        letters.add((node.args[0] as { name: string }).name);
      }
      node.args.forEach(visit);
    } else if (node.kind === "var") {
      const indexed = indexedName(adjointTarget(node.name) ?? node.name, shapes);
      if (indexed === undefined) return;
      indexed.subscripts.forEach((s) => "letter" in s && letters.add(s.letter));
      if (!entries.includes(node)) entries.push(node);
    }
  };
  visit(right);
  const variants: IndexVariant[] = [];
  for (const sum of sums) {
    if (sum.kind !== "call") continue;
    const from = (sum.args[0] as { name: string }).name;
    for (const to of letters) if (to !== from) variants.push({ expr: replaceNodes(right, (node) => (node === sum ? callNode(INDEX_SUM, [variable(to), sum.args[1]]) : undefined)), change: `sums over ${from} where the sum is over ${to} (the wrong index summed)` });
  }
  for (const base of new Set(entries.map((e) => indexedName(adjointTarget((e as { name: string }).name) ?? (e as { name: string }).name, shapes) as IndexedName).filter((i) => i.shape.kind === "matrix").map((i) => i.base))) {
    const transposed = new Map<string, Expr>();
    for (const entry of entries) {
      const name = (entry as { name: string }).name;
      const indexed = indexedName(name, shapes);
      if (indexed?.base === base) transposed.set(name, variable(nameWith(indexed, [...indexed.subscripts].reverse())));
    }
    const [example, swapped] = [...transposed][0];
    if (transposed.size > 1) variants.push({ expr: substitute(right, transposed), change: `${base} is used transposed (${example} where the entry is ${(swapped as { name: string }).name}): a transposed layout` });
  }
  for (const entry of entries) {
    if (entry.kind !== "var") continue;
    const target = adjointTarget(entry.name);
    const indexed = indexedName(target ?? entry.name, shapes) as IndexedName;
    const rename = (subscripts: readonly Subscript[]): Expr => {
      const name = nameWith(indexed, subscripts);
      return variable(target === undefined ? name : entry.name.slice(0, entry.name.length - target.length) + name);
    };
    const shown = (subscripts: readonly Subscript[]): string => (target === undefined ? nameWith(indexed, subscripts) : `d…/d${nameWith(indexed, subscripts)}`);
    const [first, second] = indexed.subscripts;
    if (indexed.subscripts.length === 2 && "letter" in first && "letter" in second && first.letter !== second.letter) {
      const swapped = [second, first];
      variants.push({ expr: replaceNodes(right, (node) => (node === entry ? rename(swapped) : undefined)), change: `${shown(indexed.subscripts)} has its indices the wrong way round: the entry is ${shown(swapped)} (a transposed layout)` });
    }
    indexed.subscripts.forEach((s, axis) => {
      if (!("letter" in s)) return;
      for (const to of letters) {
        if (to === s.letter) continue;
        const changed = indexed.subscripts.map((t, k) => (k === axis ? { letter: to } : t));
        variants.push({ expr: replaceNodes(right, (node) => (node === entry ? rename(changed) : undefined)), change: `${shown(indexed.subscripts)} is indexed by the wrong letter: it is ${shown(changed)}` });
      }
    });
  }
  return variants;
}

/** A formula as text with its sums shown as written, Σ_j (…) (the printer knows only the op table's ops). */
export function printIndexed(expr: Expr): string {
  const shown = replaceNodes(expr, (node) => (node.kind === "call" && node.op === INDEX_SUM ? variable(`Σ_${(node.args[0] as { name: string }).name} (${printIndexed(node.args[1])})`) : undefined));
  return printExpr(shown);
}
