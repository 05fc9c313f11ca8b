// The lecture's whiteboard tables for one expression at one point, read off the reverse tape:
// the forward pass (every intermediate quantity, its formula in earlier names, its value) and
// the backward pass (every adjoint increment dJ/dv += dJ/du · du/dv, with the local
// derivative's formula and numbers). The numbers come from Tape.forwardAt and Tape.backward
// themselves: the backward sweep runs over an algebra that records each increment it makes.
import { callNode, variable, type Expr } from "../ast/expr.js";
import { variablesOf } from "../ast/walk.js";
import { pointValue, type Point } from "../eval/evaluate.js";
import { exprAlgebra, numberAlgebra } from "../ops/table.js";
import type { Algebra } from "../ops/types.js";
import { printBounded } from "../print/text.js";
import { Tape, type ForwardSweep } from "../diff/reverse/tape.js";
import { simplify } from "../diff/symbolic/index.js";
import { nameEntries, placeholderOf, type EntryNames } from "./names.js";

export interface ForwardRow {
  readonly name: string;
  /** "input" for a variable, "intermediate", or "output". */
  readonly role: "input" | "intermediate" | "output";
  /** The formula in terms of earlier names (for an input, its given value). */
  readonly formula: string;
  /** The same quantity written out in the original variables (past 1000 nodes, "<op expression of N nodes>"). */
  readonly expression: string;
  readonly value: number;
}

export interface BackwardRow {
  /** The adjoint being incremented: dJ/d<target>. */
  readonly target: string;
  /** The quantity whose adjoint flows back: dJ/d<source>. */
  readonly source: string;
  /** Local derivative ∂source/∂target: formula in the trace's names, and its value. */
  readonly localFormula: string;
  readonly local: number;
  /** dJ/d<source> when the increment is made. */
  readonly adjoint: number;
  /** adjoint × local. */
  readonly increment: number;
  /** dJ/d<target> before this increment (undefined: first increment, it starts at 0). */
  readonly before: number | undefined;
  readonly after: number;
}

export interface Trace {
  readonly output: string;
  readonly value: number;
  readonly wrt: readonly string[];
  readonly forward: readonly ForwardRow[];
  readonly backward: readonly BackwardRow[];
  readonly gradient: Readonly<Record<string, number>>;
}

/** A number carrying where it came from, so the backward sweep's arithmetic can be read back. */
interface Tracked {
  readonly value: number;
  readonly partialOf?: { readonly entry: number; readonly input: number };
  readonly event?: number;
}

interface IncrementEvent {
  readonly entry: number;
  readonly input: number;
  readonly adjoint: number;
  readonly local: number;
  readonly increment: number;
  before?: number;
  after: number;
}

/** Multiplication and addition on Tracked numbers, logging each adjoint × partial and each sum. */
function recordingAlgebra(events: IncrementEvent[]): Algebra<Tracked> {
  const unsupported = (): never => {
    throw new Error("internal: the backward sweep only multiplies and adds");
  };
  return {
    num: (c) => ({ value: c }),
    mul: (a, b) => {
      const [adjoint, partial] = b.partialOf !== undefined ? [a, b] : [b, a];
      const value = adjoint.value * partial.value;
      if (partial.partialOf === undefined) return { value };
      events.push({ ...partial.partialOf, adjoint: adjoint.value, local: partial.value, increment: value, after: value });
      return { value, event: events.length - 1 };
    },
    add: (a, b) => {
      const [sum, increment] = b.event !== undefined ? [a, b] : [b, a];
      const value = sum.value + increment.value;
      if (increment.event !== undefined) {
        events[increment.event].before = sum.value;
        events[increment.event].after = value;
      }
      return { value };
    },
    sub: unsupported, div: unsupported, neg: unsupported, pow: unsupported, call: unsupported,
  };
}

function tracked(sweep: ForwardSweep<number>): ForwardSweep<Tracked> {
  return {
    values: sweep.values.map((value) => ({ value })),
    partials: sweep.partials.map((row, entry) => row.map((p, input) => (p === undefined ? undefined : { value: p, partialOf: { entry, input } }))),
    exactZeroValues: sweep.exactZeroValues,
    exactZeroPartials: sweep.exactZeroPartials,
    operations: sweep.operations,
  };
}

/** The local derivative ∂(entry)/∂(its input k), written in the trace's names and simplified. */
function localFormula(tape: Tape, names: EntryNames, entry: number, k: number): string {
  const { op, inputs } = tape.entries[entry];
  if (op === undefined) throw new Error("internal: a leaf has no local derivative");
  const args = inputs.map((i) => placeholderOf(tape.entries, names, i, variable));
  const out = variable(names.get(entry) as string);
  return printBounded(simplify(op.partials[k](exprAlgebra, args, out)));
}

/**
 * Rows print their quantity in the original variables only up to this tree size: every row
 * printing its whole sub-expression would be quadratic in the expression's length (a sum of
 * 20,000 terms has 20,000 nested partial sums).
 */
const MAX_EXPRESSION_TREE = 1000;

function forwardRows(tape: Tape, names: EntryNames, sweep: ForwardSweep<number>, point: Point, output: number): ForwardRow[] {
  const rows: ForwardRow[] = [];
  tape.entries.forEach((entry, i) => {
    const node = entry.node;
    if (node.kind === "var") {
      const value = pointValue(point, node.name) as number;
      rows.push({ name: node.name, role: "input", formula: String(value), expression: node.name, value });
      return;
    }
    const name = names.get(i);
    if (name === undefined || node.kind !== "call") return;
    const formula: Expr = callNode(node.op, entry.inputs.map((k) => placeholderOf(tape.entries, names, k, variable)));
    rows.push({
      name,
      role: i === output ? "output" : "intermediate",
      formula: printBounded(formula),
      expression: node.treeSize <= MAX_EXPRESSION_TREE ? printBounded(node) : `<${node.op} expression of ${node.treeSize} nodes>`,
      value: sweep.values[i],
    });
  });
  return rows;
}

/** Forward and backward tables of f at `point`, differentiating by `wrt` (default: all variables). */
export function traceAt(f: Expr, point: Point, wrt?: readonly string[]): Trace {
  const variables = wrt ?? variablesOf(f);
  const tape = Tape.record(f, variables);
  const output = tape.outputs[0];
  const names = nameEntries(tape.entries, output, variablesOf(f));
  const nameOf = (i: number): string => {
    const node = tape.entries[i].node;
    return names.get(i) ?? (node.kind === "var" ? node.name : printBounded(node));
  };
  const sweep = tape.forwardAt(point, numberAlgebra);
  const events: IncrementEvent[] = [];
  const { adjoints } = tape.backward(recordingAlgebra(events), tracked(sweep), 0, { value: 1 });
  const backward: BackwardRow[] = events.map((e) => ({
    target: nameOf(tape.entries[e.entry].inputs[e.input]),
    source: nameOf(e.entry),
    localFormula: localFormula(tape, names, e.entry, e.input),
    local: e.local,
    adjoint: e.adjoint,
    increment: e.increment,
    before: e.before,
    after: e.after,
  }));
  const gradient = Object.create(null) as Record<string, number>;
  for (const [name, index] of tape.wrtIndex) gradient[name] = index < 0 ? 0 : adjoints[index].value;
  return {
    output: nameOf(output),
    value: sweep.values[output],
    wrt: variables,
    forward: forwardRows(tape, names, sweep, point, output),
    backward,
    gradient,
  };
}
