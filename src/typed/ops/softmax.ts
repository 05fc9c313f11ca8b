// logsumexp(v) and softmax(v) over all entries (a matrix's too), both shifted by m = max(v) so
// that no exp overflows: logsumexp([1000, 1000]) is 1000 + log 2, not ∞. The lowering shifts
// the same way, m being the scalar max's fold (whose tie rule cancels out of both gradients).
// Edges: logsumexp is ±∞ when max(v) is (the lowering gives NaN there, ∞ − ∞); softmax has
// NaN entries when max(v) is infinite, as the shifted formula gives; a NaN entry makes all NaN.
import { call } from "../../ops/table.js";
import { sizeOf } from "../shape.js";
import { logSumExp, softmaxEntries } from "../kernels/reductions.js";
import { scalarTensor } from "../tensor.js";
import { foldExtremum } from "./extrema.js";
import { sumOf } from "./lowering.js";
import type { CallNode, TypedAlgebra, TypedOpSpec } from "./types.js";

const argSize = (node: CallNode): number => sizeOf(node.args[0].shape);

/** exp(v − s): softmax(v) when s = logsumexp(v), with every exponent ≤ 0. */
const shiftedExp = <T>(A: TypedAlgebra<T>, v: T, s: T): T => A.map("exp", [A.map("sub", [v, s])]);

/** logsumexp(v) = log Σ exp(vᵢ). */
export const logsumexp: TypedOpSpec = {
  name: "logsumexp",
  arity: 1,
  description: "log Σ exp(vᵢ) over all entries, computed as m + log Σ exp(vᵢ − m) with m = max(v) (no overflow)",
  call: "logsumexp(v): log Σ exp(vᵢ), without overflow",
  shape: () => ({ kind: "scalar" }),
  kernel: ([a]) => scalarTensor(logSumExp(a)),
  // s = logsumexp(v): v̄ = s̄ * exp(v − s), i.e. s̄ * softmax(v)
  vjp: [(A, [a], out, adjoint) => A.map("mul", [adjoint, shiftedExp(A, a, out)])],
  // ṡ = ⟨softmax(v), v̇⟩
  jvp: (A, [a], out, [t]) => A.call("dot", [shiftedExp(A, a, out), t as NonNullable<typeof t>]),
  text: ({ args: [a] }, p) => `logsumexp(${p.whole(a)})`,
  latex: ({ args: [a] }, p) => `\\operatorname{logsumexp}\\left(${p.whole(a)}\\right)`,
  lower([a]) {
    const m = foldExtremum(a, true);
    return [call("add", [m, call("log", [sumOf(a.map((x) => call("exp", [call("sub", [x, m])])))])])];
  },
  // the max's folds, a difference and an exp per entry, the sums, log and + m
  loweredNodes: (node) => 4 * argSize(node),
};

/** softmax(v)ᵢ = exp(vᵢ) / Σⱼ exp(vⱼ). */
export const softmax: TypedOpSpec = {
  name: "softmax",
  arity: 1,
  description: "exp(vᵢ) / Σⱼ exp(vⱼ) over all entries, shifted by max(v) (no overflow); the result has v's shape and sums to 1",
  call: "softmax(v): exp(vᵢ) / Σⱼ exp(vⱼ), without overflow",
  shape: ([a]) => a,
  kernel: ([a], shape, alloc) => ({ shape, data: softmaxEntries(a, alloc) }),
  // y = softmax(v): v̄ = y .* (ȳ − ⟨ȳ, y⟩)
  vjp: [(A, _args, out, adjoint) => A.map("mul", [out, A.map("sub", [adjoint, A.call("dot", [adjoint, out])])])],
  // ẏ = y .* (v̇ − ⟨y, v̇⟩)
  jvp: (A, _args, out, [t]) => {
    const tangent = t as NonNullable<typeof t>;
    return A.map("mul", [out, A.map("sub", [tangent, A.call("dot", [out, tangent])])]);
  },
  text: ({ args: [a] }, p) => `softmax(${p.whole(a)})`,
  latex: ({ args: [a] }, p) => `\\operatorname{softmax}\\left(${p.whole(a)}\\right)`,
  lower([a]) {
    const m = foldExtremum(a, true);
    const e = a.map((x) => call("exp", [call("sub", [x, m])]));
    const total = sumOf(e);
    return e.map((ei) => call("div", [ei, total]));
  },
  // the max's folds, a difference, an exp and a quotient per entry, and the sum
  loweredNodes: (node) => 5 * argSize(node) - 2,
};
