// Vector–Jacobian products of the typed nodes in matrix form: given a node's adjoint C̄ (with
// the node's shape), each child's contribution, again with the child's own shape. Element-wise
// ops take their local partials from the op table, evaluated over an algebra that builds typed
// nodes, so sigmoid' = out .* (1 - out) comes from the table's rule.
import { algebraOfCalls, getOp } from "../ops/table.js";
import type { Algebra } from "../ops/types.js";
import { describeShape, isScalar, sameShape, transposeShape, type Shape } from "./shape.js";
import { tfill, tliteral, tmatmul, tnum, ttranspose, type TExpr } from "./texpr.js";
import { plainBuilders, type TypedBuilders } from "./simplify-typed.js";

/** The op table's derivative rules, building element-wise typed nodes (simplified as they go). */
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

export type Contribution = readonly [child: TExpr, adjoint: TExpr];

/**
 * Each differentiated child's share of `adjoint` (the adjoint of `node`, with its shape), built
 * with `build` (whose opaque set should hold the forward nodes).
 */
export function vjp(node: TExpr, adjoint: TExpr, isActive: (node: TExpr) => boolean, build: TypedBuilders = plainBuilders): Contribution[] {
  const out: Contribution[] = [];
  const add = (child: TExpr, contribution: TExpr) => {
    if (isActive(child)) out.push([child, conformShape(contribution, child.shape, build)]);
  };
  const { map: sMap, matmul: sMatmul, transpose: sTranspose, sum: sSum } = build;
  switch (node.kind) {
    case "var":
    case "num":
      break;
    case "literal":
      if (node.elements.some(isActive)) {
        throw new MatrixFormError("matrix-form derivatives do not support a literal [ … ] with variables in it; declare it as a variable, or differentiate the scalar lowering instead");
      }
      break;
    case "map": {
      const spec = getOp(node.op);
      node.args.forEach((arg, i) => {
        if (!isActive(arg)) return;
        // Āᵢ += C̄ .* ∂op/∂argᵢ; a scalar broadcast into the result collects sum(C̄ .* ∂op/∂argᵢ)
        const local = spec.partials[i](typedAlgebra(build), node.args, node);
        const product = sMap("mul", [adjoint, local]);
        add(arg, isScalar(arg.shape) && !isScalar(node.shape) ? sSum(product) : product);
      });
      break;
    }
    case "matmul":
      // C = A * B: Ā += C̄ * B', B̄ += A' * C̄
      add(node.left, sMatmul(adjoint, sTranspose(node.right)));
      add(node.right, sMatmul(sTranspose(node.left), adjoint));
      break;
    case "transpose":
      add(node.arg, sTranspose(adjoint));
      break;
    case "sum":
      add(node.arg, tfill(adjoint, node.arg.shape));
      break;
    case "dot":
      // s = dot(a, b): ā += s̄ * b, b̄ += s̄ * a (transposed where one is a row)
      add(node.left, sMap("mul", [adjoint, node.right]));
      add(node.right, sMap("mul", [adjoint, node.left]));
      break;
    case "norm2":
      // s = ‖a‖: ā += s̄ * a / ‖a‖
      add(node.arg, sMap("div", [sMap("mul", [adjoint, node.arg]), node]));
      break;
    case "fill":
      add(node.arg, sSum(adjoint));
      break;
  }
  return out;
}
