// Tensors as a typed algebra: what the typed sweeps compute with at tensor level. Typed ops run
// their table kernels, element-wise ops the scalar table entry by entry, so the VJP and JVP
// rules written once over TypedAlgebra run here on Float64Arrays.
import { getTypedOp } from "./ops/table.js";
import type { TypedAlgebra } from "./ops/types.js";
import { isScalar, sameShape, SCALAR, type Shape } from "./shape.js";
import { dense, fillTensor, freshArray, mapEntries, relabel, scalarTensor, sumEntries, type Allocate, type Tensor } from "./tensor.js";

/** The result shape of an element-wise op: the non-scalar arguments' (they agree), else scalar. */
function mapShape(args: readonly Tensor[]): Shape {
  for (const a of args) if (!isScalar(a.shape)) return a.shape;
  return SCALAR;
}

/** The tensor algebra whose kernels take their output arrays from `alloc`. */
export function tensorAlgebraWith(alloc: Allocate): TypedAlgebra<Tensor> {
  const call = (op: string, args: readonly Tensor[], given?: Shape): Tensor => {
    const spec = getTypedOp(op);
    return spec.kernel(args, spec.shape(args.map((a) => a.shape), undefined, given), alloc);
  };
  const map = (op: string, args: readonly Tensor[]): Tensor => mapEntries(op, args, mapShape(args), alloc);
  return {
    shapeOf: (x) => x.shape,
    num: scalarTensor,
    map,
    call,
    times: (left, right) => (isScalar(left.shape) || isScalar(right.shape) ? map("mul", [left, right]) : call("matmul", [left, right])),
    conform(x, shape) {
      if (sameShape(x.shape, shape)) return x;
      if (isScalar(shape)) return scalarTensor(sumEntries(x));
      if (isScalar(x.shape)) return fillTensor(x.data[0], shape, alloc);
      return relabel(x, shape, alloc);
    },
    literal: (elements, shape) => ({ shape, data: Float64Array.from(elements, (e) => e.data[0]) }),
    entry: (x, k) => scalarTensor(dense(x, alloc).data[k]),
  };
}

/** Tensors with a fresh array per kernel. */
export const tensorAlgebra: TypedAlgebra<Tensor> = tensorAlgebraWith(freshArray);
