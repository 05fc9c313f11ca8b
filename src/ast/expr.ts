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

// The intern table holds its nodes weakly, so a long-running process (a notebook, a server,
// the web page) does not keep every expression it ever built: a node lives as long as someone
// holds it (a parent holds its arguments), and once collected, its key is dropped. Building
// the same structure again then makes a new node with a new id; ids are never reused, so a
// key (which names the arguments by id) can never find a node of a different structure.
//
// A WeakRef per node costs time (building the 784-100-10 network took 1.7x as long, finding
// its nodes again 1.5x: scripts/bench-memory.ts), so nodes made in the current job are held
// strongly in `madeThisJob` and handed to the weak table by a timer once the job is over
// (about 3 µs a node, off the building job's path). That frees nothing later than WeakRefs
// would: V8 keeps a WeakRef's target alive until the end of the job that made or read it
// anyway. The timer is unref'd, so a CLI run that is done exits without handing over nodes it
// will never free.
const internTable = new Map<string, WeakRef<Expr>>();
const dropDeadKey = new FinalizationRegistry<string>((key) => {
  // The key may have been interned again, to a live node, since this one died: keep that.
  if (internTable.get(key)?.deref() === undefined) internTable.delete(key);
});
const madeThisJob = new Map<string, Expr>();
let handOverScheduled = false;
let nextId = 0;

function handOverToWeakTable(): void {
  handOverScheduled = false;
  for (const [key, node] of madeThisJob) {
    internTable.set(key, new WeakRef(node));
    dropDeadKey.register(node, key);
  }
  madeThisJob.clear();
}

function intern<T extends Expr>(key: string, make: (id: number) => T): T {
  const recent = madeThisJob.get(key) ?? internTable.get(key)?.deref();
  if (recent !== undefined) return recent as T;
  const node = make(nextId++);
  Object.freeze(node);
  madeThisJob.set(key, node);
  if (!handOverScheduled) {
    handOverScheduled = true;
    const timer: { unref?: () => void } = setTimeout(handOverToWeakTable, 0);
    timer.unref?.();
  }
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

/**
 * How many nodes are alive: held by someone, or unreachable but not yet collected by the
 * garbage collector (a count of the table, so it takes time in proportion to its size).
 */
export function internedNodeCount(): number {
  let live = madeThisJob.size;
  for (const ref of internTable.values()) if (ref.deref() !== undefined) live++;
  return live;
}
