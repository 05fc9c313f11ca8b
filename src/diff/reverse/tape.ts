// A Wengert tape: the function's graph (src/graph, laid out once) with the activity of the
// differentiated variables. The forward sweep records values and local partials; the backward
// sweep is the lecture's algorithm: dy/dy = 1, then in reverse order each entry adds
// adjoint × local partial to each input's adjoint. Both are the graph's sweeps, over an
// Algebra<T>, so the same tape runs on numbers, dual numbers (forward-over-reverse Hessians)
// and traced numbers. An exact zero is a strong zero (the zero policy, src/graph/zero-policy.ts):
// 0 · ∞ and 0 · NaN are 0 when the zero is exact, so an infinite partial on a path that an
// exact zero cuts (sqrt'(0) = ∞ in sqrt(0·x)) cannot turn a derivative into NaN; a zero that
// rounding made (exp(-800), 1/∞) cuts nothing.
import type { Expr } from "../../ast/expr.js";
import { pointValue, requireValues, type Point } from "../../eval/evaluate.js";
import { activity, argsOf, buildGraph, wrtNodes, type Graph } from "../../graph/graph.js";
import { adjointSweep } from "../../graph/adjoints.js";
import { valuesAndPartials, type ForwardSweep } from "../../graph/values.js";
import { exactZeroAdjoints } from "../../graph/zero-policy.js";
import type { Algebra, OpSpec } from "../../ops/types.js";

export type { ForwardSweep } from "../../graph/values.js";

export interface TapeEntry {
  readonly node: Expr;
  /** The op for a call; undefined for a variable or a numeric literal. */
  readonly op: OpSpec | undefined;
  /** Tape indices of the inputs. */
  readonly inputs: readonly number[];
  /** Whether the entry depends on a differentiated variable (only those need partials). */
  readonly active: boolean;
}

export class Tape {
  private entryList: readonly TapeEntry[] | undefined;
  /** Tape index of each output root. */
  readonly outputs: readonly number[];

  private constructor(
    readonly graph: Graph,
    /** Per entry, 1 if it depends on a differentiated variable. */
    readonly active: Uint8Array,
    /** Tape index of each differentiated variable (-1 if it does not occur). */
    readonly wrtIndex: ReadonlyMap<string, number>,
  ) {
    this.outputs = Array.from(graph.outputs);
  }

  /** Lays out the tape for `roots`; recording needs no point, so it can be replayed anywhere. */
  static record(roots: Expr | readonly Expr[], wrt: readonly string[]): Tape {
    const graph = buildGraph(roots);
    return new Tape(graph, activity(graph, wrt), wrtNodes(graph, wrt));
  }

  /** The entries as objects (for traces and tests; the sweeps read the graph's arrays). */
  get entries(): readonly TapeEntry[] {
    return (this.entryList ??= this.graph.nodes.map((node, i) => ({
      node, op: this.graph.ops[i], inputs: Array.from(argsOf(this.graph, i)), active: this.active[i] === 1,
    })));
  }

  get roots(): readonly Expr[] {
    return this.graph.roots;
  }

  /** Names of the variables on the tape, listed once so a sweep needs no walk of the graph. */
  get variables(): readonly string[] {
    return this.graph.variables;
  }

  get length(): number {
    return this.graph.nodes.length;
  }

  /**
   * Forward sweep: every entry's value and, for active inputs, its local partials (skipped
   * with `withPartials = false` when only values are wanted).
   */
  forward<T>(A: Algebra<T>, valueOfVariable: (name: string) => T, withPartials = true): ForwardSweep<T> {
    const { variables } = this.graph;
    return valuesAndPartials(this.graph, A, (slot) => valueOfVariable(variables[slot]), this.active, withPartials);
  }

  /** Forward sweep on plain numbers at a point. */
  forwardAt(point: Point, A: Algebra<number>): ForwardSweep<number> {
    requireValues(this.graph.variables, point);
    return this.forward(A, (name) => pointValue(point, name) as number);
  }

  /**
   * Backward sweep from output `outputIndex` seeded with `seed` (dy/dy = 1 for a gradient):
   * returns the adjoint of every entry. Entries that do not reach the output keep adjoint 0.
   * An increment the rule cuts (0 · ∞ with an exact zero) still marks its input reached, so
   * which adjoints are reached depends on the graph only, as the compiled code needs, and
   * still counts its two operations: the count, too, depends on the graph.
   */
  backward<T>(A: Algebra<T>, sweep: ForwardSweep<T>, outputIndex: number, seed: T): { adjoints: T[]; operations: number } {
    const zero = A.num(0);
    const { adjoints, increments } = adjointSweep(
      this.graph, this.active, outputIndex, seed,
      (i, k) => sweep.partials[i][k],
      { zero, product: (a, b) => A.mul(a, b), first: (_j, increment) => increment, add: (_j, previous, increment) => A.add(previous, increment) },
      exactZeroAdjoints(sweep, this.length),
    );
    for (let i = 0; i < adjoints.length; i++) adjoints[i] ??= zero;
    return { adjoints: adjoints as T[], operations: 2 * increments };
  }
}
