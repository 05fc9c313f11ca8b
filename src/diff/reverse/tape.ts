// A Wengert tape: the expression's distinct nodes in topological order, each entry holding its
// op, the tape indices of its inputs, and (after a forward sweep) its value and local partials.
// The backward sweep is the lecture's algorithm: dy/dy = 1, then in reverse order each entry
// adds adjoint × local partial to each input's adjoint. Written over an Algebra<T>, so the same
// tape runs on numbers and on dual numbers (forward-over-reverse Hessians).
// In both sweeps 0 is a strong zero: 0 · ∞ and 0 · NaN are 0, so an infinite partial on a path
// that a zero cuts (sqrt'(0) = ∞ in sqrt(0·x)) cannot turn a derivative into NaN. Every other
// product is plain IEEE arithmetic.
import type { Expr } from "../../ast/expr.js";
import { topologicalOrder } from "../../ast/walk.js";
import { pointValue, requireValues, type Point } from "../../eval/evaluate.js";
import { getOp } from "../../ops/table.js";
import type { Algebra, OpSpec } from "../../ops/types.js";

export interface TapeEntry {
  readonly node: Expr;
  /** The op for a call; undefined for a variable or a numeric literal. */
  readonly op: OpSpec | undefined;
  /** Tape indices of the inputs. */
  readonly inputs: readonly number[];
  /** Whether the entry depends on a differentiated variable (only those need partials). */
  readonly active: boolean;
}

/** Values and local partials of one forward sweep. partials[i][k] = ∂entry_i/∂input_k. */
export interface ForwardSweep<T> {
  readonly values: T[];
  readonly partials: (T | undefined)[][];
  /** Op applications performed: values plus local partials. */
  readonly operations: number;
}

/**
 * Whether the increment adjoint × partial is skipped as 0 · ∞ or 0 · NaN (the strong zero):
 * one factor exactly zero and the other not finite. Judged for the algebras the tape runs on:
 * numbers; dual numbers, zero when value and tangent are both 0 (a dual with value 0 but a
 * nonzero tangent still carries a second derivative) and finite when both parts are; numbers
 * carrying provenance (the trace), by their value.
 */
function vanishingIncrement(adjoint: unknown, partial: unknown): boolean {
  return (isExactZero(adjoint) && !isFiniteNumber(partial)) || (isExactZero(partial) && !isFiniteNumber(adjoint));
}

/** A number with parts: a dual number (value, tangent) or a traced number (value). */
interface NumberLike {
  readonly value?: unknown;
  readonly tangent?: unknown;
}

function isExactZero(x: unknown): boolean {
  if (typeof x === "number") return x === 0;
  const { value, tangent = 0 } = x as NumberLike;
  return value === 0 && tangent === 0;
}

function isFiniteNumber(x: unknown): boolean {
  if (typeof x === "number") return Number.isFinite(x);
  const { value, tangent = 0 } = x as NumberLike;
  return Number.isFinite(value) && Number.isFinite(tangent);
}

export class Tape {
  private constructor(
    readonly entries: readonly TapeEntry[],
    /** Tape index of each output root. */
    readonly outputs: readonly number[],
    /** Tape index of each differentiated variable (-1 if it does not occur). */
    readonly wrtIndex: ReadonlyMap<string, number>,
    readonly roots: readonly Expr[],
    /** Names of the variables on the tape, listed once so a sweep needs no walk of the graph. */
    readonly variables: readonly string[],
  ) {}

  /** Lays out the tape for `roots`; recording needs no point, so it can be replayed anywhere. */
  static record(roots: Expr | readonly Expr[], wrt: readonly string[]): Tape {
    const rootList: readonly Expr[] = Array.isArray(roots) ? roots : [roots as Expr];
    const order = topologicalOrder(rootList);
    const indexOf = new Map<number, number>();
    const wanted = new Set(wrt);
    const entries: TapeEntry[] = [];
    for (const node of order) {
      const inputs = node.kind === "call" ? node.args.map((a) => indexOf.get(a.id) as number) : [];
      const active =
        node.kind === "var" ? wanted.has(node.name) : inputs.some((i) => entries[i].active);
      indexOf.set(node.id, entries.length);
      entries.push({ node, op: node.kind === "call" ? getOp(node.op) : undefined, inputs, active });
    }
    const wrtIndex = new Map<string, number>();
    for (const name of wrt) wrtIndex.set(name, -1);
    entries.forEach((e, i) => {
      if (e.node.kind === "var" && wanted.has(e.node.name)) wrtIndex.set(e.node.name, i);
    });
    const variables = entries.flatMap((e) => (e.node.kind === "var" ? [e.node.name] : []));
    return new Tape(entries, rootList.map((r) => indexOf.get(r.id) as number), wrtIndex, rootList, variables);
  }

  get length(): number {
    return this.entries.length;
  }

  /**
   * Forward sweep: every entry's value and, for active inputs, its local partials (skipped
   * with `withPartials = false` when only values are wanted, e.g. dual-number forward mode).
   */
  forward<T>(A: Algebra<T>, valueOfVariable: (name: string) => T, withPartials = true): ForwardSweep<T> {
    const values: T[] = new Array(this.entries.length);
    const partials: (T | undefined)[][] = new Array(this.entries.length);
    let operations = 0;
    for (let i = 0; i < this.entries.length; i++) {
      const { node, op, inputs, active } = this.entries[i];
      if (node.kind === "num") {
        values[i] = A.num(node.value);
        partials[i] = [];
        continue;
      }
      if (node.kind === "var") {
        values[i] = valueOfVariable(node.name);
        partials[i] = [];
        continue;
      }
      const spec = op as OpSpec;
      const args = inputs.map((k) => values[k]);
      const out = A.call(spec.name, args);
      values[i] = out;
      operations++;
      const local: (T | undefined)[] = new Array(inputs.length);
      if (active && withPartials) {
        for (let k = 0; k < inputs.length; k++) {
          if (!this.entries[inputs[k]].active) continue;
          local[k] = spec.partials[k](A, args, out);
          operations++;
        }
      }
      partials[i] = local;
    }
    return { values, partials, operations };
  }

  /** Forward sweep on plain numbers at a point. */
  forwardAt(point: Point, A: Algebra<number>): ForwardSweep<number> {
    requireValues(this.variables, point);
    return this.forward(A, (name) => pointValue(point, name) as number);
  }

  /**
   * Tangent sweep (forward mode on the linearized tape): with the local partials of one
   * numeric forward sweep, each entry's tangent is Σ_k ∂entry/∂input_k · tangent(input_k).
   * Jacobian by forward mode = one forward sweep + one tangent sweep per input, the mirror
   * image of reverse mode's one forward sweep + one backward sweep per output.
   */
  tangents(sweep: ForwardSweep<number>, seed: (name: string) => number): { tangents: Float64Array; operations: number } {
    const tangents = new Float64Array(this.entries.length);
    let operations = 0;
    for (let i = 0; i < this.entries.length; i++) {
      const { node, inputs, active } = this.entries[i];
      if (!active) continue;
      if (node.kind === "var") {
        tangents[i] = seed(node.name);
        continue;
      }
      const local = sweep.partials[i];
      let tangent = 0;
      for (let k = 0; k < inputs.length; k++) {
        const partial = local[k];
        const input = tangents[inputs[k]];
        // Skip exact zeros (either factor), so an infinite other factor cannot make 0 · ∞ = NaN.
        // The sum starts at +0, so skipping a finite ±0 product changes no bit.
        if (partial === undefined || input === 0 || partial === 0) continue;
        tangent += partial * input;
        operations += 2;
      }
      tangents[i] = tangent;
    }
    return { tangents, operations };
  }

  /**
   * Backward sweep from output `outputIndex` seeded with `seed` (dy/dy = 1 for a gradient):
   * returns the adjoint of every entry. Entries that do not reach the output keep adjoint 0.
   * An increment that is 0 · ∞ or 0 · NaN (vanishingIncrement) is skipped: the adjoint it
   * would feed keeps its value (0 if nothing reached it yet), so which adjoints are reached
   * still depends on the graph only, as the compiled code (src/compile/tape.ts) needs. A
   * skipped increment still counts its two operations: the count, too, depends on the graph.
   */
  backward<T>(A: Algebra<T>, sweep: ForwardSweep<T>, outputIndex: number, seed: T): { adjoints: T[]; operations: number } {
    const zero = A.num(0);
    const adjoints: T[] = new Array(this.entries.length).fill(zero);
    const touched = new Uint8Array(this.entries.length);
    const start = this.outputs[outputIndex];
    adjoints[start] = seed;
    touched[start] = 1;
    let operations = 0;
    for (let i = start; i >= 0; i--) {
      if (!touched[i] || !this.entries[i].active) continue;
      const adjoint = adjoints[i];
      const { inputs } = this.entries[i];
      const local = sweep.partials[i];
      for (let k = 0; k < inputs.length; k++) {
        const partial = local[k];
        if (partial === undefined) continue;
        const j = inputs[k];
        operations += 2;
        if (vanishingIncrement(adjoint, partial)) {
          touched[j] = 1;
          continue;
        }
        // dy/dv_j += dy/du_i * du_i/dv_j  (the lecture's increment)
        const increment = A.mul(adjoint, partial);
        adjoints[j] = touched[j] ? A.add(adjoints[j], increment) : increment;
        touched[j] = 1;
      }
    }
    return { adjoints, operations };
  }
}
