// A reverse-mode tape as straight-line code, the way source-transformation tools (Tapenade)
// emit it: a forward sweep computing every value, then an adjoint sweep with one statement
// per adjoint increment. Which adjoints are touched, and in which order, depends only on the
// graph, so it is decided here, once, by the same adjoint sweep the interpreted tape runs
// (src/graph/adjoints.ts) over code: same partial rules, same products, same sums in the same
// order — the first increment of an adjoint is assigned, later ones are added.
//
// The rule for 0 · ∞ (src/ops/exact-zero.ts) is not in the code: the program is plain float64.
// A product the rule skips, or a partial it rescues (a zero-base power), is NaN in plain
// arithmetic, and a NaN increment spreads, through every later product and sum, to the
// adjoint of some differentiated variable. So when no derivative comes out NaN the plain
// result is the tape's, bit for bit, and when one does, linkTapeProgram runs the interpreted
// tape instead: the one implementation of the rule. Testing every increment in code made a
// 784-100-10 network's gradient 2–10× slower (15–90 ms against 7.5 ms); testing every
// derivative for NaN costs ~0.05 µs on a 61-weight network (0.22 → 0.27 µs).
import type { Tape } from "../diff/reverse/tape.js";
import { numberAlgebra } from "../ops/table.js";
import type { OpSpec } from "../ops/types.js";
import { adjointSweep, type AdjointAccumulation } from "../graph/adjoints.js";
import { argsOf } from "../graph/graph.js";
import { plainAdjoints } from "../graph/zero-policy.js";
import { emitValues } from "./expr.js";
import { codeAlgebra, OpCoder, productCode } from "./op-code.js";
import { linkProgram, type LinkOptions, type LinkResult, type ProgramRunner, type StraightLineProgram } from "./program.js";

export interface TapeProgram extends StraightLineProgram {
  /** Variables in result order: r[0] is f, r[1 + k] is ∂f/∂gradientNames[k]. */
  readonly gradientNames: readonly string[];
  /** The interpreted tape's operation count for one gradient (values, partials, increments). */
  readonly operations: number;
}

/** A plain slot reference or a literal: cheap to read again, so an adjoint may alias it. */
const isAtom = (code: string) => /^(?:[vgx]\[\d+\]|\(?-?[0-9.e+]+\)?|NaN|\(?-?Infinity\)?)$/.test(code);

/**
 * Forward and adjoint sweeps for ∂(output 0)/∂(each differentiated variable), in plain float64:
 * the graph's values emitted as code (emitValues), then the graph's adjoint sweep run over code
 * (adjointSweep with an emitting accumulation), so the increments are the interpreted tape's by
 * construction: the same partial rules, products and sums, in the same order.
 */
export function tapeProgram(tape: Tape): TapeProgram {
  const { graph, active } = tape;
  const coder = new OpCoder();
  const A = codeAlgebra(coder);
  const statements: string[] = [];

  // Forward sweep: values of every call node; literals and inputs are referenced in place.
  const { valueRef, valueSlots } = emitValues(graph, coder, statements);
  let operations = 0;
  for (let i = 0; i < graph.nodes.length; i++) {
    if (graph.ops[i] === undefined) continue;
    operations++;
    if (active[i] === 1) for (const k of argsOf(graph, i)) operations += active[k];
  }

  // How many increments each adjoint gets: the same sweep, counting (graph-only, no code).
  const increments = new Uint32Array(graph.nodes.length);
  const count = (j: number) => (increments[j]++, "");
  adjointSweep(graph, active, 0, "", () => "", { zero: "", product: () => "", first: count, add: count }, plainAdjoints<string>());

  // Adjoint sweep. The seed dy/dy = 1 is a literal; an adjoint with a single increment that is
  // a plain reference becomes that reference (copy propagation, no arithmetic changed).
  const gradientNames = [...tape.wrtIndex.keys()];
  const resultIndexOf = new Map<number, number>();
  gradientNames.forEach((name, k) => resultIndexOf.set(tape.wrtIndex.get(name) as number, k + 1));
  let adjointSlots = 0;
  const accumulation: AdjointAccumulation<string> = {
    zero: "0", // never used: plain code cuts nothing
    product: productCode,
    /** The first increment of adjoint j: its code becomes the adjoint (an atom) or fills a slot. */
    first(j, code) {
      if (increments[j] === 1 && isAtom(code)) return code;
      // A differentiated variable accumulates straight into its result slot.
      const resultIndex = resultIndexOf.get(j);
      const ref = resultIndex !== undefined ? `r[${resultIndex}]` : `g[${adjointSlots++}]`;
      statements.push(`${ref} = ${code};`);
      return ref;
    },
    add(_j, ref, code) {
      statements.push(`${ref} += ${code};`);
      return ref;
    },
  };
  const partial = (i: number, k: number) =>
    (graph.ops[i] as OpSpec).partials[k](A, Array.from(argsOf(graph, i), (input) => valueRef[input]), valueRef[i]);
  const { adjoints, increments: made } = adjointSweep(graph, active, 0, "1", partial, accumulation, plainAdjoints<string>());
  operations += 2 * made;

  statements.push(`r[0] = ${valueRef[graph.outputs[0]]};`);
  gradientNames.forEach((name, k) => {
    const index = tape.wrtIndex.get(name) as number;
    const adjoint = (index >= 0 ? adjoints[index] : undefined) ?? "0";
    if (adjoint !== `r[${k + 1}]`) statements.push(`r[${k + 1}] = ${adjoint};`);
  });
  return {
    statements,
    valueSlots,
    adjointSlots,
    resultSlots: gradientNames.length + 1,
    closures: coder.closures,
    gradientNames,
    operations,
  };
}

/**
 * Links the tape as code: the plain program runs, and the interpreted tape runs again only
 * when a derivative comes out NaN (see the header).
 */
export function linkTapeProgram(
  tape: Tape, options: LinkOptions = {},
): { readonly program: TapeProgram; readonly linked: LinkResult } {
  const program = tapeProgram(tape);
  const plain = linkProgram(program, options);
  if (plain.path === "interpreted") return { program, linked: plain };
  const rerun = interpretedRunner(tape, program.gradientNames);
  // Generated, like linkProgram's driver, so each program calls its own code from its own
  // call site (one shared wrapper would call every program's driver from one megamorphic
  // site). Up to a few hundred derivatives the NaN test is unrolled: a loop costs twice as
  // much, half a small network's gradient.
  const derivatives = program.gradientNames.length;
  const isNaNSomewhere = derivatives <= UNROLLED_NAN_TESTS
    ? Array.from({ length: derivatives }, (_, k) => `r[${k + 1}] !== r[${k + 1}]`).join(" || ") || "false"
    : "nanAfterFirst(r)";
  const makeRun = new Function("plain", "rerun", "nanAfterFirst", `"use strict";
return function run(x, r) {
  plain(x, r);
  if (${isNaNSomewhere}) rerun(x, r);
};`) as (plain: ProgramRunner, rerun: ProgramRunner, nanAfterFirst: (r: Float64Array) => boolean) => ProgramRunner;
  const run = makeRun(plain.run, rerun, nanAfterFirst);
  return {
    program,
    linked: { path: "compiled", run, chunks: plain.chunks, get source() { return plain.source; } },
  };
}

/** Derivatives up to which the wrapper tests each result for NaN in one unrolled condition. */
const UNROLLED_NAN_TESTS = 256;

function nanAfterFirst(results: Float64Array): boolean {
  for (let k = 1; k < results.length; k++) if (Number.isNaN(results[k])) return true;
  return false;
}

/** The interpreted tape behind a program's signature (inputs in layout order, results r). */
function interpretedRunner(tape: Tape, gradientNames: readonly string[]): ProgramRunner {
  const { slotOf } = tape.graph;
  return (inputs, results) => {
    const sweep = tape.forward(numberAlgebra, (name) => inputs[slotOf.get(name) as number]);
    const { adjoints } = tape.backward(numberAlgebra, sweep, 0, 1);
    results[0] = sweep.values[tape.outputs[0]];
    gradientNames.forEach((name, k) => {
      const index = tape.wrtIndex.get(name) as number;
      results[k + 1] = index < 0 ? 0 : adjoints[index];
    });
  };
}
