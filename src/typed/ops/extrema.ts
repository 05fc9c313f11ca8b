// max(v) and min(v): the largest and smallest entry (a matrix's too), and the masks their
// gradients are made of. max(a, b) of two scalars is the scalar table's (src/ops/extrema.ts):
// the number of arguments decides.
//
// Kink convention: at a tie the whole gradient goes to the first extremal entry, row-major
// (maxmask(v) is 1 there and 0 elsewhere), as numpy's argmax picks and as PyTorch's
// torch.max(v) does. The scalar lowering is max(max(v₁, v₂), v₃)…, whose per-entry derivative
// splits ties evenly (the scalar max's rule), so the two differ at ties only.
// NaN: an entry NaN makes max, min and every mask entry NaN.
import { call } from "../../ops/table.js";
import { num, type Expr } from "../../ast/expr.js";
import { sizeOf } from "../shape.js";
import { dense, scalarTensor } from "../tensor.js";
import { firstExtremum } from "../kernels/reductions.js";
import type { CallNode, TypedOpSpec } from "./types.js";

/** The extremum as the lowering writes it: a left fold of the scalar max (or min). */
export const foldExtremum = (entries: readonly Expr[], larger: boolean): Expr => entries.reduce((acc, x) => call(larger ? "max" : "min", [acc, x]));

const argSize = (node: CallNode): number => sizeOf(node.args[0].shape);

function extremum(larger: boolean): TypedOpSpec {
  const name = larger ? "max" : "min";
  const mask = `${name}mask`;
  return {
    name,
    arity: 1,
    description: `the ${larger ? "largest" : "smallest"} entry; at a tie the gradient goes to the first ${larger ? "largest" : "smallest"} entry, row-major`,
    call: `${name}(v): the ${larger ? "largest" : "smallest"} entry (${name}(a, b) of two scalars is the ${larger ? "larger" : "smaller"})`,
    shape: () => ({ kind: "scalar" }),
    kernel([a]) {
      const k = firstExtremum(a, larger);
      return scalarTensor(k < 0 ? NaN : dense(a).data[k]);
    },
    // s = max(v): v̄ = s̄ * maxmask(v)
    vjp: [(A, [a], _out, adjoint) => A.map("mul", [adjoint, A.call(mask, [a])])],
    // ṡ = ⟨maxmask(v), v̇⟩
    jvp: (A, [a], _out, [t]) => A.call("dot", [A.call(mask, [a]), t as NonNullable<typeof t>]),
    text: ({ args: [a] }, p) => `${name}(${p.whole(a)})`,
    latex: ({ args: [a] }, p) => `\\${name}\\left(${p.whole(a)}\\right)`,
    lower: ([a]) => [foldExtremum(a, larger)],
    loweredNodes: (node) => argSize(node) - 1,
  };
}

/**
 * Entry i of the mask as scalars: Πⱼ<ᵢ [vᵢ beats vⱼ strictly] · Πⱼ>ᵢ [vᵢ beats or ties vⱼ], each
 * factor heaviside(±(vᵢ − vⱼ), 0 or 1).
 */
function lowerMaskEntry(v: readonly Expr[], i: number, larger: boolean): Expr {
  const factors = v.flatMap((vj, j) => (j === i ? [] : [call("heavisideTie", [call("sub", larger ? [v[i], vj] : [vj, v[i]]), num(j < i ? 0 : 1)])]));
  return factors.length === 0 ? num(1) : factors.reduce((acc, f) => call("mul", [acc, f]));
}

function extremumMask(larger: boolean): TypedOpSpec {
  const name = `${larger ? "max" : "min"}mask`;
  return {
    name,
    arity: 1,
    description: `1 at the first ${larger ? "largest" : "smallest"} entry (row-major), 0 elsewhere: the gradient of ${larger ? "max" : "min"}(v)`,
    call: `${name}(v): 1 at the first ${larger ? "largest" : "smallest"} entry of v, 0 elsewhere`,
    shape: ([a]) => a,
    kernel([a], shape, alloc) {
      const data = alloc(sizeOf(shape)).fill(0); // arrays from alloc are not zeroed
      const k = firstExtremum(a, larger);
      if (k < 0) data.fill(NaN);
      else data[k] = 1;
      return { shape, data };
    },
    // piecewise constant: no gradient (the jumps at ties are ignored)
    vjp: [(A, [a]) => A.call("fill", [A.num(0)], A.shapeOf(a))],
    jvp: (A, _args, out) => A.call("fill", [A.num(0)], A.shapeOf(out)),
    text: ({ args: [a] }, p) => `${name}(${p.whole(a)})`,
    latex: ({ args: [a] }, p) => `\\operatorname{${name}}\\left(${p.whole(a)}\\right)`,
    lower: ([a]) => a.map((_, i) => lowerMaskEntry(a, i, larger)),
    // per entry: n − 1 differences, tie values and steps, and n − 2 products (one 1 when n = 1)
    loweredNodes: (node) => (argSize(node) === 1 ? 1 : argSize(node) * (4 * argSize(node) - 5)),
  };
}

export const max = extremum(true);
export const min = extremum(false);
export const maxmask = extremumMask(true);
export const minmask = extremumMask(false);
