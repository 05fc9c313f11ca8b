// Gradients of typed programs at tensor level: no lowering to scalars. Each method is a choice
// of typed sweep (src/typed/sweeps.ts) over the tensor algebra:
//   reverse   one values sweep and one adjoint sweep (a tape of tensor nodes);
//   forward   one values sweep, then one tangent sweep per input entry (one direction each);
//   symbolic  the matrix-form derivative (the adjoint sweep over typed expressions), evaluated.
// Finite differences at tensor level perturb entries (src/diff/tensor-finite-difference.ts).
import { matrixGradient } from "../typed/derivative.js";
import { isScalar, sizeOf, describeShape, type Shape } from "../typed/shape.js";
import { scalarTensor, type Tensor } from "../typed/tensor.js";
import { tensorAlgebra } from "../typed/tensor-algebra.js";
import { typedAdjointSweep, typedGraph, typedTangentSweep, typedValues, type TypedGraph } from "../typed/sweeps.js";
import type { TExpr } from "../typed/texpr.js";
import type { TypedProgram } from "../typed/program.js";
import type { MethodName } from "./types.js";

/** Each variable's entries, row-major (a scalar is one entry). */
export type TensorInputs = ReadonlyMap<string, Float64Array>;

export interface TensorGradientResult {
  readonly value: number;
  /** ∂f/∂v for each wrt variable, row-major in v's shape (denominator layout). */
  readonly gradients: readonly Float64Array[];
  /** Sweeps over the typed graph: reverse 2, forward 1 + one per input entry, symbolic 1. */
  readonly passes: number;
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

/** The sum over every node of a variable (a name may occur as several nodes). */
function gradientOf(graph: TypedGraph, adjoints: ReadonlyMap<TExpr, Tensor>, name: string, shape: Shape): Float64Array {
  const total = new Float64Array(sizeOf(shape));
  for (const node of graph.order) {
    if (node.kind !== "var" || node.name !== name) continue;
    const adjoint = adjoints.get(node);
    if (adjoint === undefined) continue;
    const data = tensorAlgebra.conform(adjoint, shape).data;
    for (let i = 0; i < total.length; i++) total[i] += data[i];
  }
  return total;
}

function prepareReverse(f: TExpr, wrt: readonly string[], shapes: ReadonlyMap<string, Shape>) {
  const graph = typedGraph(f, new Set(wrt));
  const zeroOf = (node: TExpr): Tensor => ({ shape: node.shape, data: new Float64Array(sizeOf(node.shape)) });
  return (inputs: TensorInputs): TensorGradientResult => {
    const values = typedValues(graph, tensorAlgebra, inputReader(inputs));
    const adjoints = typedAdjointSweep(graph, tensorAlgebra, (node) => values.get(node) as Tensor, scalarTensor(1), { zeroOf });
    return { value: valueAt(values, f), gradients: wrt.map((name) => gradientOf(graph, adjoints, name, shapes.get(name) as Shape)), passes: 2 };
  };
}

function prepareForward(f: TExpr, wrt: readonly string[], shapes: ReadonlyMap<string, Shape>) {
  const all = typedGraph(f, new Set(wrt));
  const perVariable = wrt.map((name) => typedGraph(f, new Set([name])));
  return (inputs: TensorInputs): TensorGradientResult => {
    const values = typedValues(all, tensorAlgebra, inputReader(inputs));
    const valueOf = (node: TExpr) => values.get(node) as Tensor;
    let passes = 1;
    const gradients = wrt.map((name, v) => {
      const shape = shapes.get(name) as Shape;
      const out = new Float64Array(sizeOf(shape));
      if (!perVariable[v].active.has(f)) return out; // f does not use it
      const direction = new Float64Array(sizeOf(shape));
      for (let k = 0; k < out.length; k++) {
        direction.fill(0);
        direction[k] = 1;
        out[k] = typedTangentSweep(perVariable[v], tensorAlgebra, valueOf, (node) => ({ shape: node.shape, data: direction })).data[0];
        passes++;
      }
      return out;
    });
    return { value: valueAt(values, f), gradients, passes };
  };
}

function prepareSymbolic(f: TExpr, wrt: readonly string[], shapes: ReadonlyMap<string, Shape>) {
  const derivative = matrixGradient(f, wrt, shapes);
  const roots = [f, ...wrt.map((name) => derivative.get(name) as TExpr)];
  const graph = typedGraph(roots);
  return (inputs: TensorInputs): TensorGradientResult => {
    const values = typedValues(graph, tensorAlgebra, inputReader(inputs));
    const gradients = roots.slice(1).map((g, i) => Float64Array.from(tensorAlgebra.conform(values.get(g) as Tensor, shapes.get(wrt[i]) as Shape).data));
    return { value: valueAt(values, f), gradients, passes: 1 };
  };
}

const PREPARERS: Partial<Record<MethodName, typeof prepareReverse>> = { reverse: prepareReverse, forward: prepareForward, symbolic: prepareSymbolic };

/** Methods that run at tensor level (finite differences has its own module). */
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
  return {
    method,
    wrt,
    shapes,
    value: (inputs) => valueAt(typedValues(valuesOnly, tensorAlgebra, inputReader(inputs)), f),
    gradient: prepare(f, wrt, shapes),
  };
}
