// f evaluated along one variable's axis, x + offset, refusing any offset whose way from x
// leaves an op's domain or crosses a kink: the difference quotient would then mix two
// branches (relu(x) at 1e-9, log(x) at 1e-10) and look like a number while being wrong.
import type { OpSpec } from "../../ops/types.js";
import { printBounded } from "../../print/text.js";
import type { Graph } from "../../graph/graph.js";
import { evaluateGraph, gatherArgs, type NodeOverride } from "../../graph/values.js";

export interface Sample {
  readonly f: number;
  /** The step actually taken, (x + offset) − x: exactly representable, sign of offset. */
  readonly step: number;
}

/** Why an offset was refused, in words for a note ("would leave the domain of log(x)"). */
export interface Refusal {
  readonly refused: string;
  /** The step is below the spacing of floats at x: shrinking further cannot help. */
  readonly stepVanished?: boolean;
}

export function isRefusal(r: object): r is Refusal {
  return "refused" in r;
}

interface CheckedNode {
  readonly index: number;
  readonly op: OpSpec;
  readonly baseArgs: readonly number[];
}

/** The op is undefined or not differentiable at these arguments. */
function badAt(op: OpSpec, args: readonly number[]): boolean {
  return (op.domain !== undefined && !op.domain(args)) || op.nonDifferentiableAt?.(args) === true;
}

function withZeroAt(args: readonly number[], k: number): number[] {
  const copy = [...args];
  copy[k] = 0;
  return copy;
}

/**
 * f along one axis as the difference schemes see it (schemes.ts, step-search.ts): the point x,
 * the noise scale of one evaluation, and samples at offsets. AxisSampler samples the scalar
 * graph; tensor-level finite differences sample a typed program (src/diff/tensor-level.ts).
 */
export interface AxisSamples {
  readonly x: number;
  readonly noiseScale: number;
  sample(offset: number, options?: { allowNonFinite?: boolean }): Sample | Refusal;
}

/**
 * Sampling at x + offset, for any way of evaluating f there (`fAt`): the step actually taken,
 * the refusal of a step that vanishes in floating point or of a non-finite f, the count of
 * complete evaluations, and a cache by offset (a shrunken Richardson step re-uses the previous
 * one's points).
 */
export abstract class OffsetSampler implements AxisSamples {
  abstract readonly x: number;
  abstract readonly noiseScale: number;
  /** Complete evaluations of f made through this sampler. */
  evaluations = 0;
  private readonly cache = new Map<number, Sample | Refusal>();

  /** f at `moved` (x + offset), or why it may not be evaluated there. */
  protected abstract fAt(moved: number): number | Refusal;

  sample(offset: number, options?: { allowNonFinite?: boolean }): Sample | Refusal {
    if (options?.allowNonFinite === true) return this.evaluateAt(offset, true);
    const cached = this.cache.get(offset);
    if (cached !== undefined) return cached;
    const result = this.evaluateAt(offset, false);
    this.cache.set(offset, result);
    return result;
  }

  private evaluateAt(offset: number, allowNonFinite: boolean): Sample | Refusal {
    const moved = this.x + offset;
    const step = moved - this.x;
    if (step === 0 || !Number.isFinite(moved)) return { refused: "vanishes in floating point at this x", stepVanished: true };
    const f = this.fAt(moved);
    if (typeof f !== "number") return f;
    this.evaluations++;
    if (!Number.isFinite(f) && !allowNonFinite) return { refused: `f is ${f} there` };
    return { f, step };
  }
}

export class AxisSampler extends OffsetSampler {
  readonly x: number;
  /**
   * The largest magnitude among the values that move with this variable. Each carries a
   * rounding error ≈ eps·|value| that changes from one sample to the next and can pass to f
   * undiminished (f = cot(atan(v)) near 0 keeps atan's absolute error), so eps times this is
   * the noise of one evaluation of f; nodes that do not move add the same error everywhere.
   */
  readonly noiseScale: number;
  /** Op evaluations, including those of evaluations stopped at a boundary. */
  operations = 0;
  private readonly checked = new Map<number, CheckedNode>();
  private readonly values: Float64Array;
  private readonly inputs: Float64Array;

  constructor(
    private readonly graph: Graph,
    inputs: Float64Array,
    private readonly variable: number,
    baseValues: Float64Array,
    depends: Uint8Array,
    private readonly overrides: ReadonlyMap<number, NodeOverride>,
  ) {
    super();
    this.inputs = Float64Array.from(inputs);
    this.x = inputs[variable];
    this.values = new Float64Array(graph.nodes.length);
    let scale = 0;
    depends.forEach((d, i) => { if (d === 1 && Number.isFinite(baseValues[i])) scale = Math.max(scale, Math.abs(baseValues[i])); });
    this.noiseScale = scale;
    // Only ops that have a domain or kinks and whose arguments move with this variable;
    // kinked nodes replaced by their tangent line are smooth and need no check.
    graph.ops.forEach((op, index) => {
      if (op === undefined || depends[index] !== 1 || overrides.has(index)) return;
      if (op.domain === undefined && op.nonDifferentiableAt === undefined) return;
      this.checked.set(index, { index, op, baseArgs: [...gatherArgs(graph, index, baseValues)] });
    });
  }

  /** A sub-expression moved by this variable that is already outside its domain at x. */
  baseProblem(): string | undefined {
    const bad = [...this.checked.values()].find((c) => c.op.domain !== undefined && !c.op.domain(c.baseArgs));
    return bad && `${printBounded(this.graph.nodes[bad.index])} is outside its op's domain at the point`;
  }

  protected fAt(moved: number): number | Refusal {
    this.inputs[this.variable] = moved;
    // Each checked op is looked at before it is applied: f is never evaluated beyond a boundary.
    let refused: string | undefined;
    const guard = (index: number, args: readonly number[]) => {
      const checked = this.checked.get(index);
      refused = checked && this.crossing(checked, args);
      return refused === undefined;
    };
    const { value: f, calls } = evaluateGraph(this.graph, this.inputs, this.values, this.overrides, guard);
    this.inputs[this.variable] = this.x;
    this.operations += calls;
    return refused !== undefined ? { refused } : f;
  }

  /** Why the way from x to the point where `node` has arguments `args` is not smooth, if it is not. */
  private crossing({ index, op, baseArgs }: CheckedNode, args: readonly number[]): string | undefined {
    const name = () => printBounded(this.graph.nodes[index]); // only when refusing
    if (op.domain !== undefined && !op.domain(args)) return `would leave the domain of ${name()}`;
    if (op.nonDifferentiableAt?.(args)) return `would land on the kink of ${name()}`;
    // An argument that changed sign passed through 0 on the way; refuse if 0 is a bad place.
    for (let k = 0; k < args.length; k++) {
      if (Math.sign(args[k]) === Math.sign(baseArgs[k])) continue;
      if (badAt(op, withZeroAt(args, k)) || badAt(op, withZeroAt(baseArgs, k))) {
        return `would cross the ${op.nonDifferentiableAt?.(withZeroAt(args, k)) ? "kink" : "domain boundary"} of ${name()}`;
      }
    }
    return undefined;
  }
}
