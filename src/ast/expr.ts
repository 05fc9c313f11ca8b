// Expression nodes. Every node is hash-consed: building a node structurally equal to an
// existing one returns the existing one, so `a === b` is structural equality and a shared
// sub-expression is stored once (the DAG), however many times it is printed (the tree).

export type Expr = Num | Var | Call;

interface NodeBase {
  /** Unique per distinct structure; also a creation order (children have smaller ids). */
  readonly id: number;
  /** Number of nodes when printed as a tree (shared sub-expressions counted each time). */
  readonly treeSize: number;
}

export interface Num extends NodeBase {
  readonly kind: "num";
  readonly value: number;
}

export interface Var extends NodeBase {
  readonly kind: "var";
  readonly name: string;
}

/** An operator or function application; `x + y` is Call("add", [x, y]), `pi` is Call("pi", []). */
export interface Call extends NodeBase {
  readonly kind: "call";
  readonly op: string;
  readonly args: readonly Expr[];
}

const internTable = new Map<string, Expr>();
let nextId = 0;

function intern<T extends Expr>(key: string, make: (id: number) => T): T {
  const found = internTable.get(key);
  if (found !== undefined) return found as T;
  const node = make(nextId++);
  Object.freeze(node);
  internTable.set(key, node);
  return node;
}

/** A numeric literal. -0 and NaN are distinct, exact values (keyed by Object.is semantics). */
export function num(value: number): Num {
  const key = Object.is(value, -0) ? "n:-0" : `n:${value}`;
  return intern(key, (id) => ({ kind: "num", value, id, treeSize: 1 }));
}

export function variable(name: string): Var {
  return intern(`v:${name}`, (id) => ({ kind: "var", name, id, treeSize: 1 }));
}

/** Builds a call node without checking the op; the op table's `call` helper checks arity. */
export function callNode(op: string, args: readonly Expr[]): Call {
  const key = `c:${op}(${args.map((a) => a.id).join(",")})`;
  return intern(key, (id) => {
    let treeSize = 1;
    for (const a of args) treeSize += a.treeSize;
    return { kind: "call", op, args: Object.freeze([...args]), id, treeSize };
  });
}

/** How many nodes the intern table holds (all expressions ever built in this process). */
export function internedNodeCount(): number {
  return internTable.size;
}
