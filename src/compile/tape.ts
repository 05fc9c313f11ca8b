// A reverse-mode tape as straight-line code, the way source-transformation tools (Tapenade)
// emit it: a forward sweep computing every value, then an adjoint sweep with one statement
// per adjoint increment. Which adjoints are touched, and in which order, depends only on the
// graph, so it is decided here, once; the code then repeats exactly the interpreted tape's
// arithmetic (Tape.forward / Tape.backward): same partial rules, same products, same sums in
// the same order — the first increment of an adjoint is assigned, later ones are added.
import type { Tape } from "../diff/reverse/tape.js";
import type { OpSpec } from "../ops/types.js";
import type { InputLayout } from "./layout.js";
import { numberLiteral } from "./literal.js";
import { codeAlgebra, OpCoder, productCode } from "./op-code.js";
import type { StraightLineProgram } from "./program.js";

export interface TapeProgram extends StraightLineProgram {
  /** Variables in result order: r[0] is f, r[1 + k] is ∂f/∂gradientNames[k]. */
  readonly gradientNames: readonly string[];
  /** The interpreted tape's operation count for one gradient (values, partials, increments). */
  readonly operations: number;
}

/** A plain slot reference or a literal: cheap to read again, so an adjoint may alias it. */
const isAtom = (code: string) => /^(?:[vgx]\[\d+\]|\(?-?[0-9.e+]+\)?|NaN|\(?-?Infinity\)?)$/.test(code);

/** Forward and adjoint sweeps for ∂(output 0)/∂(each differentiated variable). */
export function tapeProgram(tape: Tape, layout: InputLayout): TapeProgram {
  const { entries } = tape;
  const coder = new OpCoder();
  const A = codeAlgebra(coder);
  const statements: string[] = [];
  let operations = 0;

  // Forward sweep: values of every call entry; literals and inputs are referenced in place.
  const valueRef: string[] = new Array(entries.length);
  let valueSlots = 0;
  entries.forEach((entry, i) => {
    const { node } = entry;
    if (node.kind === "num") valueRef[i] = numberLiteral(node.value);
    else if (node.kind === "var") valueRef[i] = `x[${layout.indexOf.get(node.name) as number}]`;
    else {
      valueRef[i] = `v[${valueSlots++}]`;
      statements.push(`${valueRef[i]} = ${coder.call(entry.op as OpSpec, entry.inputs.map((k) => valueRef[k]))};`);
      operations++;
      if (entry.active) operations += entry.inputs.filter((k) => entries[k].active).length;
    }
  });

  // Which increments the backward sweep makes: (from entry i, to input position k).
  const start = tape.outputs[0];
  const increments = new Uint32Array(entries.length);
  const touched = new Uint8Array(entries.length);
  touched[start] = 1;
  const visit = (each: (i: number, k: number, j: number) => void) => {
    for (let i = start; i >= 0; i--) {
      if (!touched[i] || !entries[i].active) continue;
      entries[i].inputs.forEach((j, k) => {
        if (entries[j].active) each(i, k, j);
      });
    }
  };
  visit((_i, _k, j) => {
    increments[j]++;
    touched[j] = 1;
  });

  // Adjoint sweep. The seed dy/dy = 1 is a literal; an adjoint with a single increment that is
  // a plain reference becomes that reference (copy propagation, no arithmetic changed).
  const gradientNames = [...tape.wrtIndex.keys()];
  const resultIndexOf = new Map<number, number>();
  gradientNames.forEach((name, k) => resultIndexOf.set(tape.wrtIndex.get(name) as number, k + 1));
  const adjointRef: string[] = new Array(entries.length);
  adjointRef[start] = "1";
  const assigned = new Uint8Array(entries.length);
  let adjointSlots = 0;
  visit((i, k, j) => {
    const entry = entries[i];
    const args = entry.inputs.map((input) => valueRef[input]);
    const partial = (entry.op as OpSpec).partials[k](A, args, valueRef[i]);
    const increment = productCode(adjointRef[i], partial);
    operations += 2;
    if (assigned[j]) {
      statements.push(`${adjointRef[j]} += ${increment};`);
      return;
    }
    assigned[j] = 1;
    if (increments[j] === 1 && isAtom(increment)) {
      adjointRef[j] = increment;
      return;
    }
    // A differentiated variable accumulates straight into its result slot.
    const resultIndex = resultIndexOf.get(j);
    adjointRef[j] = resultIndex !== undefined ? `r[${resultIndex}]` : `g[${adjointSlots++}]`;
    statements.push(`${adjointRef[j]} = ${increment};`);
  });

  statements.push(`r[0] = ${valueRef[start]};`);
  gradientNames.forEach((name, k) => {
    const index = tape.wrtIndex.get(name) as number;
    const adjoint = index >= 0 && touched[index] ? adjointRef[index] : "0";
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
