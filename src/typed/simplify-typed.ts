// A bounded, value-preserving simplifier for typed expressions: smart constructors (used while
// building derivatives, so adjoints are not littered with `1 .*` and `+ 0`) and one pass that
// rebuilds an expression through them. Every rule keeps the node's shape exactly; the identities
// that drop an operand (0 .* X → 0, (s * X) / s → X) hold wherever X is finite and s ≠ 0, i.e.
// inside the domain, as in the scalar simplifier (src/diff/symbolic/light-algebra.ts).
import { getOp } from "../ops/table.js";
import { isScalar, sameShape, sizeOf, transposeShape, type Shape } from "./shape.js";
import { childrenOf, isCall, tcall, tdot, tfill, tliteral, tmap, tmatmul, tnum, tsum, ttranspose, type TExpr } from "./texpr.js";

/** The number a constant node stands for: a num, or a fill of a num. */
export function constantValue(node: TExpr): number | undefined {
  if (node.kind === "num") return node.value;
  if (isCall(node, "fill") && node.args[0].kind === "num") return node.args[0].value;
  return undefined;
}

export const isZero = (node: TExpr): boolean => constantValue(node) === 0;
const isConstant = (node: TExpr, c: number): boolean => constantValue(node) === c;

/** The zero of a shape: 0, or 0 * ones(m, n). */
export const zeroOf = (shape: Shape): TExpr => tfill(tnum(0), shape);

/** `node` spread to `shape`: itself when it has that shape, a fill when it is a scalar. */
function broadcast(node: TExpr, shape: Shape): TExpr {
  if (sameShape(node.shape, shape)) return node;
  if (isScalar(node.shape)) return tfill(node, shape);
  throw new Error(`internal: cannot broadcast a ${node.shape.kind} to a ${shape.kind}`);
}

const FOLDABLE = new Set(["add", "sub", "mul", "div", "neg", "pow"]);

/** Arithmetic on constants, folded when the result is a finite number. */
function fold(op: string, args: readonly TExpr[], shape: Shape): TExpr | undefined {
  if (!FOLDABLE.has(op)) return undefined;
  const values = args.map(constantValue);
  if (values.some((v) => v === undefined)) return undefined;
  const value = getOp(op).eval(values as number[]);
  return Number.isFinite(value) ? tfill(tnum(value), shape) : undefined;
}

export interface TypedBuilders {
  /** An element-wise op of the table, with 0/1 identities, constant folding and products left-nested. */
  map(op: string, args: readonly TExpr[]): TExpr;
  /** `*`: scaling when a side is a scalar, else the matrix product; zero absorbs. */
  matmul(left: TExpr, right: TExpr): TExpr;
  /** X' with (X')' → X, (s * Y')' → s * Y, fills reshaped, and (A * B)' → B' * A' when not larger. */
  transpose(node: TExpr): TExpr;
  /** sum(A), with sum(s * ones) → s * size. */
  sum(node: TExpr): TExpr;
  dot(left: TExpr, right: TExpr): TExpr;
  /** Any op of the typed table, through the rules above where it has them; `shape` for fill. */
  call(op: string, args: readonly TExpr[], shape?: Shape): TExpr;
}

/**
 * Smart constructors. Nodes in `opaque` are never taken apart (a derivative keeps the forward
 * pass's nodes whole, so a let-bound c = 2 * 3 stays c rather than being folded into 6 * x).
 */
export function typedBuilders(opaque: ReadonlySet<TExpr> = new Set()): TypedBuilders {
  /** The arguments of `node` when it is the element-wise `op`, else undefined (no type narrowing). */
  const argsOf = (node: TExpr, op: string): readonly TExpr[] | undefined => (node.kind === "map" && node.op === op && !opaque.has(node) ? node.args : undefined);

  /** An element-wise op of the table, with 0/1 identities, constant folding and products left-nested. */
  function sMap(op: string, args: readonly TExpr[]): TExpr {
    const plain = tmap(op, args);
    const shape = plain.shape;
    const folded = fold(op, args, shape);
    if (folded !== undefined) return folded;
    if (args.length === 0) return plain; // pi, e
    const [a, b] = args;
    const [aNeg, bNeg] = [argsOf(a, "neg"), b === undefined ? undefined : argsOf(b, "neg")];
    switch (op) {
      case "add":
        if (isZero(a)) return broadcast(b, shape);
        if (isZero(b)) return broadcast(a, shape);
        if (bNeg) return sMap("sub", [a, bNeg[0]]);
        if (aNeg) return sMap("sub", [b, aNeg[0]]);
        return plain;
      case "sub":
        if (isZero(b)) return broadcast(a, shape);
        if (isZero(a)) return broadcast(sMap("neg", [b]), shape);
        if (bNeg) return sMap("add", [a, bNeg[0]]);
        return plain;
      case "mul": {
        if (isZero(a) || isZero(b)) return zeroOf(shape);
        if (isConstant(a, 1)) return broadcast(b, shape);
        if (isConstant(b, 1)) return broadcast(a, shape);
        if (isConstant(a, -1)) return broadcast(sMap("neg", [b]), shape);
        if (isConstant(b, -1)) return broadcast(sMap("neg", [a]), shape);
        // s * ones .* X → s * X
        if (isCall(a, "fill") && sameShape(b.shape, shape)) return sMap("mul", [a.args[0], b]);
        if (isCall(b, "fill") && sameShape(a.shape, shape)) return sMap("mul", [a, b.args[0]]);
        // signs out front: (-X) .* Y → -(X .* Y); X .* (1 ./ Y) → X ./ Y
        if (aNeg) return sMap("neg", [sMap("mul", [aNeg[0], b])]);
        if (bNeg) return sMap("neg", [sMap("mul", [a, bNeg[0]])]);
        const bDiv = argsOf(b, "div");
        if (bDiv && isConstant(bDiv[0], 1)) return sMap("div", [a, bDiv[1]]);
        // constants to the left, and X .* (Y .* Z) → X .* Y .* Z, so constants meet and fold
        if (b.kind === "num" && a.kind !== "num") return sMap("mul", [b, a]);
        const bMul = argsOf(b, "mul");
        if (bMul) return sMap("mul", [sMap("mul", [a, bMul[0]]), bMul[1]]);
        return plain;
      }
      case "div": {
        if (isZero(a)) return zeroOf(shape);
        if (isConstant(b, 1)) return broadcast(a, shape);
        // (s * X) / s → X
        const aMul = argsOf(a, "mul");
        if (aMul && aMul[0] === b) return broadcast(aMul[1], shape);
        if (aMul && aMul[1] === b) return broadcast(aMul[0], shape);
        return plain;
      }
      case "neg": {
        if (aNeg) return aNeg[0];
        const aSub = argsOf(a, "sub");
        if (aSub) return sMap("sub", [aSub[1], aSub[0]]);
        if (isCall(a, "fill")) return tfill(sMap("neg", [a.args[0]]), shape);
        return plain;
      }
      case "pow":
        if (isConstant(b, 1)) return broadcast(a, shape);
        if (isConstant(b, 0)) return tfill(tnum(1), shape);
        return plain;
      default:
        return plain;
    }
  }

  /** `*`: scaling when a side is a scalar, else the matrix product; zero absorbs. */
  function sMatmul(left: TExpr, right: TExpr): TExpr {
    if (isScalar(left.shape) || isScalar(right.shape)) return sMap("mul", [left, right]);
    const plain = tmatmul(left, right);
    if (isZero(left) || isZero(right)) return zeroOf(plain.shape);
    return plain;
  }

  /** A map whose transpose is the map of its transposed arguments with fewer transposes. */
  function pushesTranspose(node: TExpr): node is Extract<TExpr, { kind: "map" }> {
    return node.kind === "map" && !opaque.has(node) && node.args.every((a) => isScalar(a.shape) || isCall(a, "transpose") || isCall(a, "fill"));
  }

  /** How many nodes sTranspose(node) adds (negative: it removes some). */
  function transposeCost(node: TExpr): number {
    if (isScalar(node.shape)) return 0;
    if (isCall(node, "transpose")) return -1;
    if (isCall(node, "fill")) return 0;
    if (pushesTranspose(node)) return node.args.reduce((sum, a) => sum + transposeCost(a), 0);
    if (isCall(node, "matmul") && !opaque.has(node)) return Math.min(1, transposeCost(node.args[0]) + transposeCost(node.args[1]));
    return 1;
  }

  /** X' with (X')' → X, (s * Y')' → s * Y, fills reshaped, and (A * B)' → B' * A' when not larger. */
  function sTranspose(node: TExpr): TExpr {
    if (isScalar(node.shape)) return node;
    if (isCall(node, "transpose")) return node.args[0];
    if (isCall(node, "fill")) return tfill(node.args[0], transposeShape(node.shape));
    if (pushesTranspose(node)) return sMap(node.op, node.args.map(sTranspose));
    if (isCall(node, "matmul") && !opaque.has(node) && transposeCost(node.args[0]) + transposeCost(node.args[1]) < 1) {
      return sMatmul(sTranspose(node.args[1]), sTranspose(node.args[0]));
    }
    return ttranspose(node);
  }

  /** sum(A), with sum(s * ones) → s * size. */
  function sSum(node: TExpr): TExpr {
    if (isScalar(node.shape)) return node;
    if (isCall(node, "fill")) return sMap("mul", [node.args[0], tnum(sizeOf(node.shape))]);
    return tsum(node);
  }

  function sDot(left: TExpr, right: TExpr): TExpr {
    const plain = tdot(left, right);
    return isZero(left) || isZero(right) ? tnum(0) : plain;
  }

  function sCall(op: string, args: readonly TExpr[], shape?: Shape): TExpr {
    switch (op) {
      case "matmul":
        return sMatmul(args[0], args[1]);
      case "transpose":
        return sTranspose(args[0]);
      case "sum":
        return sSum(args[0]);
      case "dot":
        return sDot(args[0], args[1]);
      case "fill":
        return tfill(args[0], shape as Shape);
      default:
        return tcall(op, args, undefined, shape);
    }
  }

  return { map: sMap, matmul: sMatmul, transpose: sTranspose, sum: sSum, dot: sDot, call: sCall };
}

/** The smart constructors with nothing opaque. */
export const plainBuilders: TypedBuilders = typedBuilders();

/** The node rebuilt from new children through the smart constructors. */
function rebuild(node: TExpr, kids: readonly TExpr[], build: TypedBuilders): TExpr {
  switch (node.kind) {
    case "var":
    case "num":
      return node;
    case "literal": {
      const width = node.shape.kind === "matrix" ? node.shape.cols : kids.length;
      return tliteral(Array.from({ length: kids.length / width }, (_, r) => kids.slice(r * width, (r + 1) * width)));
    }
    case "map":
      return build.map(node.op, kids);
    case "call":
      return build.call(node.op, kids, node.shape);
  }
}

/** Whether two nodes are the same operation on the same (identical) children. */
function sameNode(a: TExpr, b: TExpr): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind || !sameShape(a.shape, b.shape)) return false;
  if ((a.kind === "map" || a.kind === "call") && (b.kind === "map" || b.kind === "call") && a.op !== b.op) return false;
  if (a.kind === "num" && b.kind === "num") return Object.is(a.value, b.value);
  if (a.kind === "var" && b.kind === "var") return a.name === b.name;
  const ka = childrenOf(a);
  const kb = childrenOf(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i]);
}

/** One bottom-up pass; nodes in `keep` (and unchanged nodes) come back as the same objects. */
function simplifyPass(root: TExpr, keep: ReadonlySet<TExpr>, build: TypedBuilders): TExpr {
  const done = new Map<TExpr, TExpr>();
  const stack: { node: TExpr; expanded: boolean }[] = [{ node: root, expanded: false }];
  while (stack.length > 0) {
    const top = stack.pop() as { node: TExpr; expanded: boolean };
    const node = top.node;
    if (done.has(node)) continue;
    if (keep.has(node)) {
      done.set(node, node);
      continue;
    }
    const kids = childrenOf(node);
    if (!top.expanded) {
      stack.push({ node, expanded: true });
      for (const kid of kids) if (!done.has(kid)) stack.push({ node: kid, expanded: false });
      continue;
    }
    const rebuilt = rebuild(node, kids.map((k) => done.get(k) as TExpr), build);
    done.set(node, sameNode(node, rebuilt) ? node : rebuilt);
  }
  return done.get(root) as TExpr;
}

/** Passes until nothing changes (at most `maxPasses`): the rules shrink, so a few suffice. */
export function simplifyTyped(root: TExpr, keep: ReadonlySet<TExpr> = new Set(), maxPasses = 4): TExpr {
  const build = typedBuilders(keep);
  let current = root;
  for (let pass = 0; pass < maxPasses; pass++) {
    const next = simplifyPass(current, keep, build);
    if (next === current) break;
    current = next;
  }
  return current;
}
