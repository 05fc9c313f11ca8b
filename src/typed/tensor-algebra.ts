// Tensors as a typed algebra: what the typed sweeps compute with at tensor level. Typed ops run
// their table kernels, element-wise ops the scalar table entry by entry, so the VJP and JVP
// rules written once over TypedAlgebra run here on Float64Arrays.
import { getTypedOp } from "./ops/table.js";
import type { TypedAlgebra } from "./ops/types.js";
import { isScalar, sameShape, SCALAR, type Shape } from "./shape.js";
import { dense, fillTensor, mapEntries, relabel, scalarTensor, sumEntries, type Tensor } from "./tensor.js";

/** The result shape of an element-wise op: the non-scalar arguments' (they agree), else scalar. */
function mapShape(args: readonly Tensor[]): Shape {
  for (const a of args) if (!isScalar(a.shape)) return a.shape;
  return SCALAR;
}

function call(op: string, args: readonly Tensor[], given?: Shape): Tensor {
  const spec = getTypedOp(op);
  return spec.kernel(args, spec.shape(args.map((a) => a.shape), undefined, given));
}

export const tensorAlgebra: TypedAlgebra<Tensor> = {
  shapeOf: (x) => x.shape,
  num: scalarTensor,
  map: (op, args) => mapEntries(op, args, mapShape(args)),
  call,
  times: (left, right) => (isScalar(left.shape) || isScalar(right.shape) ? mapEntries("mul", [left, right], mapShape([left, right])) : call("matmul", [left, right])),
  conform(x, shape) {
    if (sameShape(x.shape, shape)) return x;
    if (isScalar(shape)) return scalarTensor(sumEntries(x));
    if (isScalar(x.shape)) return fillTensor(x.data[0], shape);
    return relabel(x, shape);
  },
  literal: (elements, shape) => ({ shape, data: Float64Array.from(elements, (e) => e.data[0]) }),
  entry: (x, k) => scalarTensor(dense(x).data[k]),
};
