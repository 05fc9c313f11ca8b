// max(a, b) and min(a, b), with the gradient split evenly at a tie.
//
// Kink convention: at a tie a = b, ∂max/∂a = ∂max/∂b = 1/2 (and the same for min), as JAX's
// jnp.maximum and PyTorch's torch.maximum give; off a tie the argument that wins gets 1 and
// the other 0. The partials are heaviside(a − b, 1/2) (activations.ts), so every method reads
// the convention from one rule and the printed derivative reads back as it is.
// Note: max(0, x) at x = 0 therefore has derivative 1/2, while relu'(0) = 0 (relu keeps the
// convention of PyTorch's and JAX's relu); the two spellings differ at that one point.
// NaN: max(NaN, x) and min(NaN, x) are NaN (as Math.max, mathjs and jnp.maximum), and so are
// their partials. At a tie of equal infinities a − b is NaN, and so are the partials.
import { latexFunction } from "./define.js";
import type { OpSpec, PartialRule } from "./types.js";

/** heaviside(u − v, 1/2): 1 where u > v, 0 where u < v, 1/2 at u = v. */
const wins = (u: 0 | 1, v: 0 | 1): PartialRule => (A, args) => A.call("heavisideTie", [A.sub(args[u], args[v]), A.num(0.5)]);

/** max (larger = true) or min: the two are one entry mirrored. */
function extremum(name: "max" | "min", larger: boolean): OpSpec {
  const jaxAndTorch = larger ? "maximum" : "minimum";
  return {
    name,
    arity: 2,
    family: "extremum",
    description: `the ${larger ? "larger" : "smaller"} of a and b: ${name}(a, b)`,
    print: { kind: "function", name },
    latex: latexFunction(`\\${name}`),
    eval: larger ? ([a, b]) => Math.max(a, b) : ([a, b]) => Math.min(a, b),
    // ∂max/∂a = heaviside(a - b, 1/2), ∂max/∂b = heaviside(b - a, 1/2); min the other way round
    partials: larger ? [wins(0, 1), wins(1, 0)] : [wins(1, 0), wins(0, 1)],
    domain: ([a, b]) => a !== b,
    nonDifferentiableAt: ([a, b]) => a === b,
    kinkConvention:
      `∂${name}/∂a = ∂${name}/∂b = 1/2 at a tie a = b (split evenly, as JAX's jnp.${jaxAndTorch} and PyTorch's torch.${jaxAndTorch})` +
      (larger ? "; so max(0, x)' at 0 is 1/2, where relu'(0) = 0" : ""),
    // The value is the winning argument: an exact zero when that one is (at a tie, both must be).
    exactZero: ([za, zb], [a, b]) => (a === b ? za && zb : (a > b) === larger ? za : zb),
    mathjs: true,
  };
}

export const max: OpSpec = extremum("max", true);
export const min: OpSpec = extremum("min", false);

export const extremumOps: readonly OpSpec[] = [max, min];
