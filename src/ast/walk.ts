import type { Expr } from "./expr.js";

/**
 * Distinct nodes of `roots` in topological order (every node after its arguments).
 * Iterative, so 5000-deep expressions do not overflow the call stack.
 */
export function topologicalOrder(roots: Expr | readonly Expr[]): Expr[] {
  const rootList: readonly Expr[] = Array.isArray(roots) ? roots : [roots as Expr];
  const seen = new Set<number>();
  const order: Expr[] = [];
  const stack: { node: Expr; next: number }[] = [];
  for (const root of rootList) {
    if (seen.has(root.id)) continue;
    seen.add(root.id);
    stack.push({ node: root, next: 0 });
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const args = top.node.kind === "call" ? top.node.args : [];
      if (top.next < args.length) {
        const child = args[top.next++];
        if (!seen.has(child.id)) {
          seen.add(child.id);
          stack.push({ node: child, next: 0 });
        }
      } else {
        order.push(top.node);
        stack.pop();
      }
    }
  }
  return order;
}

/** Number of distinct nodes (the size of the shared DAG). */
export function dagSize(roots: Expr | readonly Expr[]): number {
  return topologicalOrder(roots).length;
}

/** Printed-tree size of one or more roots. */
export function treeSize(roots: Expr | readonly Expr[]): number {
  const rootList: readonly Expr[] = Array.isArray(roots) ? roots : [roots as Expr];
  return rootList.reduce((total, r) => total + r.treeSize, 0);
}

/** Variable names used in an expression, in first-seen order. */
export function variablesOf(expr: Expr | readonly Expr[]): string[] {
  const names: string[] = [];
  for (const node of topologicalOrder(expr)) if (node.kind === "var") names.push(node.name);
  return names;
}
