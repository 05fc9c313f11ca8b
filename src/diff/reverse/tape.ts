// A Wengert tape: the expression's distinct nodes in topological order, each entry holding its
// op, the tape indices of its inputs, and (after a forward sweep) its value and local partials.
// The backward sweep is the lecture's algorithm: dy/dy = 1, then in reverse order each entry
// adds adjoint × local partial to each input's adjoint. Written over an Algebra<T>, so the same
// tape runs on numbers and on dual numbers (forward-over-reverse Hessians).
// In both sweeps an exact zero is a strong zero (src/ops/exact-zero.ts, the one rule): 0 · ∞
// and 0 · NaN are 0 when the zero is exact, so an infinite partial on a path that an exact
// zero cuts (sqrt'(0) = ∞ in sqrt(0·x)) cannot turn a derivative into NaN; a zero that
// rounding made (exp(-800), 1/∞) cuts nothing. Every other product is plain IEEE arithmetic.
import type { Expr } from "../../ast/expr.js";
import { topologicalOrder } from "../../ast/walk.js";
import { pointValue, requireValues, type Point } from "../../eval/evaluate.js";
import { isExactZeroProduct, isExactZeroNode, isStructurallyConstant, localPartial, skipsProduct } from "../../ops/exact-zero.js";
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
  /** Entries whose value is an exact zero (exact-zero.ts). */
  readonly exactZeroValues: Uint8Array;
  /** Per entry, which local partials are exact zeros (undefined: none is). */
  readonly exactZeroPartials: (Uint8Array | undefined)[];
  /** Op applications performed: values plus local partials. */
  readonly operations: number;
}

/** A number with parts: a dual number (value, tangent) or a traced number (value). */
interface NumberLike {
  readonly value?: unknown;
  readonly tangent?: unknown;
}

/** The numeric value of a number or of a number-like's value part (what exactness is about). */
function numericValue(x: unknown): number {
  return typeof x === "number" ? x : ((x as NumberLike).value as number);
}

/** Zero as a factor: a number 0, or a dual whose value and tangent are both 0. */
function isZeroFactor(x: unknown): boolean {
  if (typeof x === "number") return x === 0;
  const { value, tangent = 0 } = x as NumberLike;
  return value === 0 && tangent === 0;
}

/** Finite as a factor: every part finite. */
function isFiniteFactor(x: unknown): boolean {
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
      // u − u and u / u are constants: no path of the chain rule runs through them.
      const active =
        node.kind === "var" ? wanted.has(node.name) : !isStructurallyConstant(node) && inputs.some((i) => entries[i].active);
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
    const exactZeroValues = new Uint8Array(this.entries.length);
    const exactZeroPartials: (Uint8Array | undefined)[] = new Array(this.entries.length);
    let operations = 0;
    for (let i = 0; i < this.entries.length; i++) {
      const { node, op, inputs, active } = this.entries[i];
      if (node.kind === "num") {
        values[i] = A.num(node.value);
        partials[i] = [];
        exactZeroValues[i] = node.value === 0 ? 1 : 0;
        continue;
      }
      if (node.kind === "var") {
        values[i] = valueOfVariable(node.name);
        partials[i] = [];
        exactZeroValues[i] = numericValue(values[i]) === 0 ? 1 : 0; // a point is exact
        continue;
      }
      const spec = op as OpSpec;
      const args = inputs.map((k) => values[k]);
      const out = A.call(spec.name, args);
      values[i] = out;
      operations++;
      const numericArgs = args.map(numericValue);
      const zeroArgs = inputs.map((k) => exactZeroValues[k] === 1);
      const numericOut = numericValue(out);
      const outExactZero = isExactZeroNode(node, spec, numericArgs, zeroArgs, numericOut);
      exactZeroValues[i] = outExactZero ? 1 : 0;
      const local: (T | undefined)[] = new Array(inputs.length);
      if (active && withPartials) {
        for (let k = 0; k < inputs.length; k++) {
          if (!this.entries[inputs[k]].active) continue;
          operations++;
          // On numbers the partial is the rule's (exact-zero.ts). Another algebra (dual numbers,
          // traced numbers) computes its own and asks the numbers only whether a value part that
          // is 0 or not finite is an exact zero (a finite nonzero partial never is).
          let exactZero: boolean;
          if (typeof out === "number") {
            const exact = localPartial(spec, k, numericArgs, zeroArgs, numericOut, outExactZero);
            local[k] = exact.value as T;
            exactZero = exact.exactZero;
          } else {
            const partial = spec.partials[k](A, args, out);
            local[k] = partial;
            const value = numericValue(partial);
            exactZero = (value === 0 || !Number.isFinite(value)) && localPartial(spec, k, numericArgs, zeroArgs, numericOut, outExactZero).exactZero;
          }
          if (exactZero) (exactZeroPartials[i] ??= new Uint8Array(inputs.length))[k] = 1;
        }
      }
      partials[i] = local;
    }
    return { values, partials, exactZeroValues, exactZeroPartials, operations };
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
    const inexact = new Uint8Array(this.entries.length); // a zero tangent that is not exact
    let operations = 0;
    for (let i = 0; i < this.entries.length; i++) {
      const { node, inputs, active } = this.entries[i];
      if (!active) continue;
      if (node.kind === "var") {
        tangents[i] = seed(node.name);
        continue;
      }
      const local = sweep.partials[i];
      const exactPartials = sweep.exactZeroPartials[i];
      let tangent = 0;
      let exact = true;
      for (let k = 0; k < inputs.length; k++) {
        const partial = local[k];
        if (partial === undefined) continue;
        const input = tangents[inputs[k]];
        const partialExact = exactPartials?.[k] === 1;
        const inputExact = inexact[inputs[k]] === 0;
        // The rule (exact-zero.ts): an exact zero factor cuts the term, even against ±∞ or NaN.
        // The sum starts at +0, so skipping a finite ±0 term changes no bit.
        if (isExactZeroProduct(partial === 0, partialExact, input === 0, inputExact)) continue;
        tangent += partial * input;
        exact = false;
        operations += 2;
      }
      tangents[i] = tangent;
      if (!exact) inexact[i] = 1;
    }
    return { tangents, operations };
  }

  /**
   * Backward sweep from output `outputIndex` seeded with `seed` (dy/dy = 1 for a gradient):
   * returns the adjoint of every entry. Entries that do not reach the output keep adjoint 0.
   * An increment that is 0 · ∞ or 0 · NaN with an exact zero (skipsProduct) is skipped: the adjoint it
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
    const inexact = new Uint8Array(this.entries.length); // an adjoint that is not an exact zero
    if (!isZeroFactor(seed)) inexact[start] = 1;
    for (let i = start; i >= 0; i--) {
      if (!touched[i] || !this.entries[i].active) continue;
      const adjoint = adjoints[i];
      const adjointZero = isZeroFactor(adjoint);
      const adjointExact = adjointZero && inexact[i] === 0;
      const adjointFinite = isFiniteFactor(adjoint);
      const { inputs } = this.entries[i];
      const local = sweep.partials[i];
      const exactPartials = sweep.exactZeroPartials[i];
      for (let k = 0; k < inputs.length; k++) {
        const partial = local[k];
        if (partial === undefined) continue;
        const j = inputs[k];
        operations += 2;
        const partialZero = isZeroFactor(partial);
        const partialExact = exactPartials?.[k] === 1;
        if (skipsProduct(adjointZero, adjointExact, adjointFinite, partialZero, partialExact, isFiniteFactor(partial))) {
          touched[j] = 1;
          continue;
        }
        // dy/dv_j += dy/du_i * du_i/dv_j  (the lecture's increment)
        const increment = A.mul(adjoint, partial);
        adjoints[j] = touched[j] ? A.add(adjoints[j], increment) : increment;
        touched[j] = 1;
        if (!isExactZeroProduct(adjointZero, adjointExact, partialZero, partialExact)) inexact[j] = 1;
      }
    }
    return { adjoints, operations };
  }
}
