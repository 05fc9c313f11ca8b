// The typed algebra over typed expressions: what the op tables' derivative rules build when the
// matrix-form symbolic derivative runs the typed sweeps (src/typed/sweeps.ts). Element-wise ops
// take their local partials from the scalar table over an algebra that builds typed nodes, so
// sigmoid' = out .* (1 - out) comes from the table's rule.
import { algebraOfCalls } from "../ops/table.js";
import type { Algebra } from "../ops/types.js";
import type { TypedAlgebra } from "./ops/types.js";
import { describeShape, isScalar, sameShape, transposeShape, type Shape } from "./shape.js";
import { tfill, tliteral, tmatmul, tnum, ttranspose, type TExpr } from "./texpr.js";
import { plainBuilders, type TypedBuilders } from "./simplify-typed.js";

/** The scalar table's derivative rules, building element-wise typed nodes (simplified as they go). */
export const typedAlgebra = (build: TypedBuilders = plainBuilders): Algebra<TExpr> => algebraOfCalls(tnum, build.map, true);

/** A literal holding variables: its elements' adjoints are not expressible in matrix form. */
export class MatrixFormError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MatrixFormError";
  }
}

/** [1], the vector of one element: multiplying by it (or its transpose) changes only the kind. */
const ONE_ELEMENT = tliteral([[tnum(1)]]);

/**
 * `node` (same elements, row-major) as `target`: a vector of n and a row of n differ by a
 * transpose; an m×1 matrix and a vector of m, or a 1×n matrix and a row of n, by a product
 * with [1]; a one-element value and a scalar by sum / fill. VJP rules written for the general
 * matrix case produce these kinds at the edges (e.g. C̄ * B' is m×1 when A was a vector).
 */
export function conformShape(node: TExpr, target: Shape, build: TypedBuilders = plainBuilders): TExpr {
  const shape = node.shape;
  if (sameShape(shape, target)) return node;
  if (isScalar(target)) return build.sum(node);
  if (isScalar(shape)) return tfill(node, target);
  if ((shape.kind === "vector" || shape.kind === "row") && sameShape(transposeShape(shape), target)) return build.transpose(node);
  if (target.kind === "matrix" && shape.kind === "vector" && target.cols === 1 && target.rows === shape.length) return tmatmul(node, ttranspose(ONE_ELEMENT));
  if (target.kind === "vector" && shape.kind === "matrix" && shape.cols === 1 && shape.rows === target.length) return tmatmul(node, ONE_ELEMENT);
  if (target.kind === "matrix" && shape.kind === "row" && target.rows === 1 && target.cols === shape.length) return tmatmul(ONE_ELEMENT, node);
  if (target.kind === "row" && shape.kind === "matrix" && shape.rows === 1 && shape.cols === target.length) return tmatmul(ttranspose(ONE_ELEMENT), node);
  throw new Error(`internal: an adjoint of ${describeShape(shape)} cannot stand for ${describeShape(target)}`);
}

/** Typed expressions as a typed algebra, built with `build`'s smart constructors (the matrix-form derivative). */
export function expressionAlgebra(build: TypedBuilders = plainBuilders): TypedAlgebra<TExpr> {
  return {
    textbook: true,
    shapeOf: (x) => x.shape,
    num: tnum,
    map: build.map,
    call: build.call,
    times: build.matmul,
    conform: (x, shape) => conformShape(x, shape, build),
    literal: (elements, shape) => {
      const width = shape.kind === "matrix" ? shape.cols : elements.length;
      return tliteral(Array.from({ length: elements.length / width }, (_, r) => elements.slice(r * width, (r + 1) * width)));
    },
    entry: () => {
      throw new MatrixFormError("matrix-form derivatives do not support a literal [ … ] with variables in it; declare it as a variable, or differentiate the scalar lowering instead");
    },
  };
}
