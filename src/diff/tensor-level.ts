// Gradients of typed programs at tensor level: no lowering to scalars. Each method is a choice
// of typed sweep (src/typed/sweeps.ts) over the tensor algebra:
//   reverse   one values sweep and one adjoint sweep (a tape of tensor nodes);
//   forward   one values sweep, then one tangent sweep per input entry (one direction each);
//   symbolic  the matrix-form derivative (the adjoint sweep over typed expressions), evaluated.
//   finite differences  values sweeps, one entry moved at a time, by the scalar step search.
import { matrixGradient } from "../typed/derivative.js";
import { colsOf, isScalar, sizeOf, describeShape, type Shape } from "../typed/shape.js";
import { BufferPool, dense, scalarTensor, type Allocate, type Tensor } from "../typed/tensor.js";
import { tensorAlgebra, tensorAlgebraWith } from "../typed/tensor-algebra.js";
import type { TypedAlgebra } from "../typed/ops/types.js";
import { typedAdjointSweep, typedGraph, typedTangentSweep, typedValues, type TypedGraph } from "../typed/sweeps.js";
import type { TExpr } from "../typed/texpr.js";
import type { TypedProgram } from "../typed/program.js";
import type { MethodName } from "./types.js";
import { OffsetSampler } from "./finite-difference/sampler.js";
import { axisDerivative } from "./finite-difference/step-search.js";

/** Each variable's entries, row-major (a scalar is one entry). */
export type TensorInputs = ReadonlyMap<string, Float64Array>;

export interface TensorGradientResult {
  readonly value: number;
  /**
   * ∂f/∂v for each wrt variable, row-major in v's shape (denominator layout). The arrays are
   * the prepared gradient's own, reused by its next call (as a compiled kernel's results are).
   */
  readonly gradients: readonly Float64Array[];
  /** Sweeps over the typed graph: reverse 2, forward 1 + one per input entry, symbolic 1. */
  readonly passes: number;
  /** Scalar operations the kernels performed (a matrix product m×k by k×n: 2mkn). */
  readonly operations: number;
  /** Typed nodes of the graph swept: reverse, the tape (active nodes); symbolic, f and its matrix-form derivatives together. */
  readonly nodes: number;
  /** Finite differences: each partial's estimated absolute error, as the gradients are laid out. */
  readonly errorEstimates?: readonly Float64Array[];
}

export interface PreparedTensorGradient {
  readonly method: MethodName;
  readonly wrt: readonly string[];
  readonly shapes: ReadonlyMap<string, Shape>;
  /** f alone, one values sweep. */
  value(inputs: TensorInputs): number;
  gradient(inputs: TensorInputs): TensorGradientResult;
}

export class TensorInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TensorInputError";
  }
}

/** Reads a variable's tensor from the inputs, checking its size. */
function inputReader(inputs: TensorInputs): (node: TExpr & { kind: "var" }) => Tensor {
  return (node) => {
    const data = inputs.get(node.name);
    if (data === undefined) throw new TensorInputError(`no value for ${node.name}`);
    if (data.length !== sizeOf(node.shape)) throw new TensorInputError(`${node.name} is ${describeShape(node.shape)}, but its value has ${data.length} entries`);
    return { shape: node.shape, data };
  };
}

const valueAt = (values: ReadonlyMap<TExpr, Tensor>, root: TExpr): number => (values.get(root) as Tensor).data[0];

/** The sum of the adjoints of every node of a variable (a name may occur as several nodes). */
function gradientOf(graph: TypedGraph, adjoints: ReadonlyMap<TExpr, Tensor>, name: string, shape: Shape, A: TypedAlgebra<Tensor>, alloc: Allocate): Float64Array {
  const parts: Tensor[] = [];
  for (const node of graph.order) {
    const adjoint = node.kind === "var" && node.name === name ? adjoints.get(node) : undefined;
    if (adjoint !== undefined) parts.push(dense(A.conform(adjoint, shape), alloc));
  }
  if (parts.length === 1) return parts[0].data;
  const total = alloc(sizeOf(shape)).fill(0);
  for (const part of parts) for (let i = 0; i < total.length; i++) total[i] += part.data[i];
  return total;
}

/** Scalar operations one kernel performs: 2mkn for a matrix product, else one per entry in and out. */
function operationsOf(args: readonly Tensor[], out: Tensor, op: string): number {
  if (op === "matmul") return 2 * sizeOf(args[0].shape) * colsOf(args[1].shape);
  return sizeOf(out.shape) + args.reduce((n, a) => n + (isScalar(a.shape) ? 0 : sizeOf(a.shape)), 0);
}

/**
 * A tensor algebra whose arrays are reused from one call of a prepared gradient to the next,
 * counting the scalar operations its kernels perform into `counter.operations`.
 */
function pooled(): { pool: BufferPool; A: TypedAlgebra<Tensor>; counter: { operations: number } } {
  const pool = new BufferPool();
  const counter = { operations: 0 };
  const base = tensorAlgebraWith(pool.allocate);
  const counted = (op: string, args: readonly Tensor[], out: Tensor) => {
    counter.operations += operationsOf(args, out, op);
    return out;
  };
  const A: TypedAlgebra<Tensor> = {
    ...base,
    map: (op, args) => counted("map", args, base.map(op, args)),
    call: (op, args, given) => counted(op, args, base.call(op, args, given)),
    times: (left, right) => counted(isScalar(left.shape) || isScalar(right.shape) ? "map" : "matmul", [left, right], base.times(left, right)),
  };
  return { pool, A, counter };
}

function prepareReverse(f: TExpr, wrt: readonly string[], shapes: ReadonlyMap<string, Shape>) {
  const graph = typedGraph(f, new Set(wrt));
  const { pool, A, counter } = pooled();
  const zeroOf = (node: TExpr): Tensor => ({ shape: node.shape, data: pool.allocate(sizeOf(node.shape)).fill(0) });
  return (inputs: TensorInputs): TensorGradientResult => {
    pool.reset();
    counter.operations = 0;
    const values = typedValues(graph, A, inputReader(inputs));
    const adjoints = typedAdjointSweep(graph, A, (node) => values.get(node) as Tensor, scalarTensor(1), { zeroOf });
    const gradients = wrt.map((name) => gradientOf(graph, adjoints, name, shapes.get(name) as Shape, A, pool.allocate));
    return { value: valueAt(values, f), gradients, passes: 2, operations: counter.operations, nodes: graph.active.size };
  };
}

function prepareForward(f: TExpr, wrt: readonly string[], shapes: ReadonlyMap<string, Shape>) {
  const all = typedGraph(f, new Set(wrt));
  const perVariable = wrt.map((name) => typedGraph(f, new Set([name])));
  const forValues = pooled();
  const forTangents = pooled();
  return (inputs: TensorInputs): TensorGradientResult => {
    forValues.pool.reset();
    forValues.counter.operations = 0;
    forTangents.counter.operations = 0;
    const values = typedValues(all, forValues.A, inputReader(inputs));
    const valueOf = (node: TExpr) => values.get(node) as Tensor;
    let passes = 1;
    const gradients = wrt.map((name, v) => {
      const shape = shapes.get(name) as Shape;
      const out = forValues.pool.allocate(sizeOf(shape)).fill(0);
      if (!perVariable[v].active.has(f)) return out; // f does not use it
      const direction = new Float64Array(sizeOf(shape));
      for (let k = 0; k < out.length; k++) {
        direction.fill(0);
        direction[k] = 1;
        forTangents.pool.reset();
        out[k] = typedTangentSweep(perVariable[v], forTangents.A, valueOf, (node) => ({ shape: node.shape, data: direction })).data[0];
        passes++;
      }
      return out;
    });
    return { value: valueAt(values, f), gradients, passes, operations: forValues.counter.operations + forTangents.counter.operations, nodes: all.order.length };
  };
}

function prepareSymbolic(f: TExpr, wrt: readonly string[], shapes: ReadonlyMap<string, Shape>) {
  const derivative = matrixGradient(f, wrt, shapes);
  const roots = [f, ...wrt.map((name) => derivative.get(name) as TExpr)];
  const graph = typedGraph(roots);
  const { pool, A, counter } = pooled();
  return (inputs: TensorInputs): TensorGradientResult => {
    pool.reset();
    counter.operations = 0;
    const values = typedValues(graph, A, inputReader(inputs));
    const gradients = roots.slice(1).map((g, i) => dense(A.conform(values.get(g) as Tensor, shapes.get(wrt[i]) as Shape), pool.allocate).data);
    return { value: valueAt(values, f), gradients, passes: 1, operations: counter.operations, nodes: graph.order.length };
  };
}

/**
 * f along entry k of one variable, at tensor level: the schemes and step search of the scalar
 * finite differences (src/diff/finite-difference/) sample it as they sample the scalar graph.
 * There is no domain or kink guard per op here: a step across log's boundary shows as a
 * non-finite f, which is refused.
 */
class TensorAxis extends OffsetSampler {
  readonly x: number;

  constructor(
    private readonly evaluate: () => number,
    private readonly entries: Float64Array,
    private readonly k: number,
    readonly noiseScale: number,
  ) {
    super();
    this.x = entries[k];
  }

  protected fAt(moved: number): number {
    this.entries[this.k] = moved;
    const f = this.evaluate();
    this.entries[this.k] = this.x;
    return f;
  }
}

/** The largest finite magnitude among the values that move with `graph`'s variables (the noise scale of one evaluation of f). */
function movingScale(graph: TypedGraph, values: ReadonlyMap<TExpr, Tensor>): number {
  let scale = 0;
  for (const node of graph.active) for (const v of (values.get(node) as Tensor).data) if (Number.isFinite(v)) scale = Math.max(scale, Math.abs(v));
  return scale;
}

/** Finite differences at tensor level: each entry of each variable perturbed, by Richardson extrapolation with its error estimate. */
function prepareFiniteDifference(f: TExpr, wrt: readonly string[], shapes: ReadonlyMap<string, Shape>) {
  const valuesOnly = typedGraph(f, new Set());
  const all = typedGraph(f, new Set(wrt));
  const perVariable = wrt.map((name) => typedGraph(f, new Set([name])));
  const { pool, A, counter } = pooled();
  return (given: TensorInputs): TensorGradientResult => {
    counter.operations = 0;
    // private copies: the entries are moved in place while sampling
    const inputs = new Map([...given].map(([name, data]) => [name, Float64Array.from(data)]));
    const evaluate = () => {
      pool.reset();
      return valueAt(typedValues(valuesOnly, A, inputReader(inputs)), f);
    };
    const base = typedValues(all, tensorAlgebra, inputReader(inputs));
    const f0 = valueAt(base, f);
    let evaluations = 1;
    const errors: Float64Array[] = [];
    const gradients = wrt.map((name, v) => {
      const size = sizeOf(shapes.get(name) as Shape);
      const out = new Float64Array(size);
      const error = new Float64Array(size);
      errors.push(error);
      if (!perVariable[v].active.has(f)) return out; // f does not use it
      const scale = movingScale(perVariable[v], base);
      const entries = inputs.get(name) as Float64Array;
      for (let k = 0; k < size; k++) {
        const axis = new TensorAxis(evaluate, entries, k, scale);
        const { estimate } = axisDerivative(axis, f0, "richardson", undefined);
        out[k] = estimate?.value ?? NaN;
        error[k] = estimate?.error ?? NaN;
        evaluations += axis.evaluations;
      }
      return out;
    });
    return { value: f0, gradients, errorEstimates: errors, passes: evaluations, operations: counter.operations, nodes: valuesOnly.order.length };
  };
}

const PREPARERS: Partial<Record<MethodName, typeof prepareReverse>> = {
  reverse: prepareReverse, forward: prepareForward, symbolic: prepareSymbolic, "finite-difference": prepareFiniteDifference,
};

/** Methods a typed grad runs at tensor level; finite differences there are prepareTensorGradient's too, used where the lowering would not fit. */
export const TENSOR_METHODS: readonly MethodName[] = ["reverse", "forward", "symbolic"];

/**
 * Prepares the gradient of a scalar-valued typed program by `method` (default reverse), with
 * respect to `wrt` (default every variable of the result).
 */
export function prepareTensorGradient(program: TypedProgram, options: { readonly wrt?: readonly string[]; readonly method?: MethodName } = {}): PreparedTensorGradient {
  const f = program.result;
  if (!isScalar(f.shape)) throw new RangeError(`a gradient needs a scalar-valued expression; this one is ${describeShape(f.shape)}`);
  const method = options.method ?? "reverse";
  const prepare = PREPARERS[method];
  if (prepare === undefined) throw new RangeError(`${method} does not run at tensor level here`);
  const wrt = options.wrt ?? [...program.shapes.keys()];
  const shapes = program.shapes;
  for (const name of wrt) if (!shapes.has(name)) throw new RangeError(`${name} is not a variable of the program`);
  const valuesOnly = typedGraph(f, new Set());
  const forValue = pooled(); // f alone reuses its arrays too, as the gradient does
  return {
    method,
    wrt,
    shapes,
    value: (inputs) => {
      forValue.pool.reset();
      return valueAt(typedValues(valuesOnly, forValue.A, inputReader(inputs)), f);
    },
    gradient: prepare(f, wrt, shapes),
  };
}
