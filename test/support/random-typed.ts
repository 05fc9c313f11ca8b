// Random well-shaped typed expressions for property tests. Each expression is built for a
// target shape from the shape-checking constructors (so it is well-shaped by construction),
// from the forms the typed parser produces: declared variables, numbers, literals, ones(…),
// element-wise maps (operators and functions, scalars broadcast), `*` (matrix product and
// scaling), transposes, sum, dot and norm2. Variables are named after their shape (u3 is a
// vector of 3, A2x3 a 2×3 matrix), so one name always has one shape.
// `printTypedVariant` writes an expression in the other spellings the parser accepts
// (A^T, transpose(A), 2(x), pow(a, b), [a; b], .* with a scalar side, …).
import fc from "fast-check";
import { ALL_OPS, getOp } from "../../src/ops/table.js";
import { printTyped } from "../../src/typed/print.js";
import { colsOf, isScalar, matrixShape, rowShape, rowsOf, SCALAR, transposeShape, vectorShape, type Shape } from "../../src/typed/shape.js";
import { tdot, tfill, tliteral, tmap, tmatmul, tnorm2, tnum, tsum, ttranspose, tvar, typedVariablesOf, type TExpr } from "../../src/typed/texpr.js";
import { mulberry32 } from "../../src/util/prng.js";

/** An integer in [0, n). */
export type Choose = (n: number) => number;

export function chooserFromSeed(seed: number): Choose {
  const random = mulberry32(seed);
  return (n) => Math.floor(random() * n);
}

export interface RandomTypedOptions {
  /** Sizes a dimension is drawn from (default 1, 2, 3). */
  readonly sizes?: readonly number[];
  /** Deepest nesting of operators (default 4). */
  readonly maxDepth?: number;
  /** One-argument ops applied element-wise (default every one-argument op of the table but neg). */
  readonly unaryOps?: readonly string[];
  /** Two-argument ops applied element-wise (default add, sub, mul, div, pow, logBase, nthRoot). */
  readonly binaryOps?: readonly string[];
  /** Whether pi and e appear (default true). */
  readonly constants?: boolean;
  /** Shape of the whole expression (default: drawn, a scalar half of the time). */
  readonly resultShape?: Shape;
}

const DEFAULT_UNARY = ALL_OPS.filter((op) => op.arity === 1 && op.name !== "neg").map((op) => op.name);
const DEFAULT_BINARY = ["add", "sub", "mul", "div", "pow", "logBase", "nthRoot"];
// Operators appear more often than named functions, as in what people type.
const OPERATOR_WEIGHT: Readonly<Record<string, number>> = { add: 4, sub: 3, mul: 3, div: 2, pow: 2 };

/** Small integers and short decimals, some negative (the number -2, as the parser reads "-2"), never -0. */
const NUMBERS = [0, 1, 2, 3, 0.5, 1.5, 0.25, 2.5, 4, -1, -2, -0.5, -3];

/** The variable of a shape: a, b (scalars); u3, v3 (vectors of 3); A2x3, B2x3 (2×3 matrices). */
export function variableName(shape: Shape, second: boolean): string {
  switch (shape.kind) {
    case "scalar":
      return second ? "b" : "a";
    case "vector":
      return `${second ? "v" : "u"}${shape.length}`;
    case "matrix":
      return `${second ? "B" : "A"}${shape.rows}x${shape.cols}`;
    case "row":
      throw new Error("internal: rows are transposed vectors, not variables");
  }
}

class Generator {
  private readonly sizes: readonly number[];
  private readonly unary: readonly string[];
  private readonly binary: readonly string[];
  private readonly constants: boolean;

  constructor(private readonly choose: Choose, options: RandomTypedOptions) {
    this.sizes = options.sizes ?? [1, 2, 3];
    this.unary = options.unaryOps ?? DEFAULT_UNARY;
    this.binary = options.binaryOps ?? DEFAULT_BINARY;
    this.constants = options.constants ?? true;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.choose(items.length)];
  }

  /** One of the weighted alternatives (weights are whole numbers; a weight of 0 is never chosen). */
  weighted<T>(alternatives: readonly (readonly [number, () => T])[]): T {
    const total = alternatives.reduce((s, [w]) => s + w, 0);
    let k = this.choose(total);
    for (const [w, make] of alternatives) {
      if (k < w) return make();
      k -= w;
    }
    throw new Error("internal: no alternative");
  }

  size(): number {
    return this.pick(this.sizes);
  }

  anyShape(): Shape {
    return this.weighted<Shape>([
      [3, () => SCALAR],
      [3, () => vectorShape(this.size())],
      [1, () => rowShape(this.size())],
      [2, () => matrixShape(this.size(), this.size())],
    ]);
  }

  number(): TExpr {
    return tnum(this.pick(NUMBERS));
  }

  scalarLeaf(): TExpr {
    return this.weighted([
      [4, () => tvar(variableName(SCALAR, this.choose(2) === 1))],
      [3, () => this.number()],
      [this.constants ? 1 : 0, () => tmap(this.pick(["pi", "e"]), [])],
    ]);
  }

  leaf(shape: Shape): TExpr {
    switch (shape.kind) {
      case "scalar":
        return this.scalarLeaf();
      case "row":
        return ttranspose(this.leaf(vectorShape(shape.length)));
      case "vector":
      case "matrix":
        return this.weighted([
          [6, () => tvar(variableName(shape, this.choose(2) === 1), shape)],
          [1, () => tfill(tnum(1), shape)],
          [this.literalFits(shape) ? 1 : 0, () => this.literal(shape, 0)],
        ]);
    }
  }

  /** A literal makes a vector, or a matrix with at least two rows and two columns. */
  literalFits(shape: Shape): boolean {
    return shape.kind === "vector" || (shape.kind === "matrix" && shape.rows >= 2 && shape.cols >= 2);
  }

  /** [e, …] or [e; …] for a vector (both are columns), rows for a matrix. */
  literal(shape: Shape, depth: number): TExpr {
    const entry = () => (depth > 0 && this.choose(3) === 0 ? this.of(SCALAR, depth - 1) : this.scalarLeaf());
    if (shape.kind === "vector") {
      const entries = Array.from({ length: shape.length }, entry);
      return this.choose(2) === 0 ? tliteral([entries]) : tliteral(entries.map((e) => [e]));
    }
    return tliteral(Array.from({ length: rowsOf(shape) }, () => Array.from({ length: colsOf(shape) }, entry)));
  }

  /** A random expression of `shape` with at most `depth` nested operators. */
  of(shape: Shape, depth: number): TExpr {
    if (depth <= 0) return this.leaf(shape);
    const below = depth - 1;
    const scalar = isScalar(shape);
    return this.weighted<TExpr>([
      [3, () => this.leaf(shape)],
      [2, () => tmap(this.pick(this.unary), [this.of(shape, below)])],
      [1, () => this.negated(this.of(shape, below))],
      [6, () => this.elementwise(shape, below)],
      [scalar ? 2 : 4, () => this.product(shape, below)],
      [scalar ? 0 : 2, () => ttranspose(this.of(transposeShape(shape), below))],
      [scalar ? 3 : 0, () => this.reduction(below)],
      [this.literalFits(shape) ? 1 : 0, () => this.literal(shape, below)],
    ]);
  }

  /** -e; a minus on a number is that negative number (the parser reads "-2" as the number -2). */
  negated(e: TExpr): TExpr {
    return e.kind === "num" ? (e.value === 0 ? e : tnum(-e.value)) : tmap("neg", [e]);
  }

  /** A two-argument op; for a vector or matrix one side may be a broadcast scalar. */
  elementwise(shape: Shape, depth: number): TExpr {
    const op = this.weighted(this.binary.map((name) => [OPERATOR_WEIGHT[name] ?? 1, () => name] as const));
    if (isScalar(shape)) return tmap(op, [this.of(SCALAR, depth), this.of(SCALAR, depth)]);
    // / divides by a scalar only when written /; ./ takes any shape. Both are generated.
    const layout = this.choose(4); // 0: scalar left, 1: scalar right, else both shaped
    const left = layout === 0 ? this.of(SCALAR, depth) : this.of(shape, depth);
    const right = layout === 1 ? this.of(SCALAR, depth) : this.of(shape, depth);
    return tmap(op, [left, right]);
  }

  /** `*`: a matrix product whose result has `shape`, or scaling by a scalar. */
  product(shape: Shape, depth: number): TExpr {
    const k = this.size();
    const scaling = (): TExpr => (this.choose(2) === 0 ? tmatmul(this.of(SCALAR, depth), this.of(shape, depth)) : tmatmul(this.of(shape, depth), this.of(SCALAR, depth)));
    switch (shape.kind) {
      case "scalar":
        // a row times a column: x' * y
        return this.weighted([
          [3, () => tmatmul(this.of(rowShape(k), depth), this.of(vectorShape(k), depth))],
          [1, scaling],
        ]);
      case "vector":
        return this.weighted([
          [3, () => tmatmul(this.of(matrixShape(shape.length, k), depth), this.of(vectorShape(k), depth))],
          [1, scaling],
        ]);
      case "row":
        return this.weighted([
          [3, () => tmatmul(this.of(rowShape(k), depth), this.of(matrixShape(k, shape.length), depth))],
          [1, scaling],
        ]);
      case "matrix":
        return this.weighted([
          [3, () => tmatmul(this.of(matrixShape(shape.rows, k), depth), this.of(matrixShape(k, shape.cols), depth))],
          [1, () => tmatmul(this.of(vectorShape(shape.rows), depth), this.of(rowShape(shape.cols), depth))],
          [1, scaling],
        ]);
    }
  }

  /** sum, norm2 or dot of something of any shape. */
  reduction(depth: number): TExpr {
    const shape = this.anyShape();
    return this.weighted([
      [2, () => tsum(this.of(shape, depth))],
      [1, () => tnorm2(this.of(shape, depth))],
      [2, () => tdot(this.of(shape, depth), this.of(this.choose(3) === 0 && (shape.kind === "vector" || shape.kind === "row") ? transposeShape(shape) : shape, depth))],
    ]);
  }
}


/** A random well-shaped typed expression. */
export function randomTyped(choose: Choose, options: RandomTypedOptions = {}): TExpr {
  const generator = new Generator(choose, options);
  const shape = options.resultShape ?? (choose(2) === 0 ? SCALAR : generator.anyShape());
  return generator.of(shape, options.maxDepth ?? 4);
}

/** Random typed expressions, each drawn from a seed (shrinking is by seed only; failures print the text). */
export function typedArbitrary(options: RandomTypedOptions = {}): fc.Arbitrary<TExpr> {
  return fc.noBias(fc.integer({ min: 0, max: 2 ** 31 - 1 })).map((seed) => randomTyped(chooserFromSeed(seed), options));
}

/** The declaration of a shape as typed: R, R^3, R^(2x3). */
export function typeText(shape: Shape): string {
  switch (shape.kind) {
    case "scalar":
      return "R";
    case "vector":
      return `R^${shape.length}`;
    case "matrix":
      return `R^(${shape.rows}x${shape.cols})`;
    case "row":
      throw new Error("internal: rows cannot be declared");
  }
}

/** "u3: R^3; A2x3: R^(2x3); " for every variable of `expr` that is not a scalar. */
export function declarationsOf(expr: TExpr): string {
  return [...typedVariablesOf(expr)]
    .filter(([, shape]) => !isScalar(shape))
    .map(([name, shape]) => `${name}: ${typeText(shape)}; `)
    .join("");
}

/** The expression as a whole program: declarations, then the expression as printTyped writes it. */
export function programText(expr: TExpr): string {
  return declarationsOf(expr) + printTyped(expr);
}

/**
 * The expression in another spelling the parser reads as the same thing: each node either as
 * printTyped writes it (in parentheses) or in an alternative form with its children spelled
 * the same way: A^T, A.^T, transpose(A), (A)' ; (s)(x) for `*` with a scalar or matrix
 * product; .* ./ .^ where one side is a scalar; pow(a, b) and log(a, b); [a; b] for [a, b].
 */
export function printTypedVariant(node: TExpr, choose: Choose): string {
  const sub = (child: TExpr) => printTypedVariant(child, choose);
  if (choose(3) === 0) return `(${printTyped(node)})`;
  switch (node.kind) {
    case "var":
      return node.name;
    case "num":
      return node.value < 0 ? `(${node.value})` : String(node.value);
    case "literal": {
      const entries = node.elements.map(sub);
      if (node.shape.kind === "vector") return `[${entries.join(choose(2) === 0 ? ", " : "; ")}]`;
      const cols = colsOf(node.shape);
      const rows = Array.from({ length: rowsOf(node.shape) }, (_, r) => entries.slice(r * cols, (r + 1) * cols).join(", "));
      return `[${rows.join("; ")}]`;
    }
    case "call":
      return callVariant(node, sub, choose);
    case "map":
      return mapVariant(node, sub, choose);
  }
}

function callVariant(node: Extract<TExpr, { kind: "call" }>, sub: (child: TExpr) => string, choose: Choose): string {
  const [a, b] = node.args;
  switch (node.op) {
    case "fill":
      return `(${printTyped(node)})`;
    case "transpose": {
      const arg = sub(a);
      return [`(${arg})'`, `((${arg})^T)`, `((${arg}).^T)`, `transpose(${arg})`][choose(4)];
    }
    case "matmul":
      // implicit product: two parenthesised operands side by side
      return choose(2) === 0 ? `((${sub(a)}) (${sub(b)}))` : `(${sub(a)} * ${sub(b)})`;
    default:
      return `${node.op}(${node.args.map(sub).join(", ")})`;
  }
}

function mapVariant(node: Extract<TExpr, { kind: "map" }>, sub: (child: TExpr) => string, choose: Choose): string {
  const args = node.args.map(sub);
  const [a, b] = args;
  const aScalar = node.args.length > 0 && isScalar(node.args[0].shape);
  const bScalar = node.args.length > 1 && isScalar(node.args[1].shape);
  switch (node.op) {
    case "add":
      return `(${a} + ${b})`;
    case "sub":
      return `(${a} - ${b})`;
    case "neg":
      return `(-(${a}))`;
    case "mul":
      // `*` and implicit products are element-wise only when one side is a scalar
      if (aScalar || bScalar) return [`(${a} .* ${b})`, `(${a} * ${b})`, `((${a}) (${b}))`][choose(3)];
      return `(${a} .* ${b})`;
    case "div":
      return bScalar && choose(2) === 0 ? `(${a} / ${b})` : `(${a} ./ ${b})`;
    case "pow":
      if (aScalar) return [`(${a} .^ ${b})`, `(${a} ^ ${b})`, `pow(${a}, ${b})`][choose(3)];
      return choose(2) === 0 ? `(${a} .^ ${b})` : `pow(${a}, ${b})`;
    case "logBase":
      return `log(${a}, ${b})`;
    case "sigmoid":
      return choose(2) === 0 ? `logistic(${a})` : `sigmoid(${a})`;
    case "log":
      return choose(2) === 0 ? `ln(${a})` : `log(${a})`;
  }
  if (node.args.length === 0) return printTyped(node); // pi, e
  const spec = getOp(node.op);
  return `${spec.print.kind === "function" ? spec.print.name : node.op}(${args.join(", ")})`;
}
