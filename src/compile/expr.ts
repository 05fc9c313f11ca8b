// Compiled evaluation of one or more expressions: every distinct node once, in the same
// topological order and with the same op implementations as evaluateAll, so the values are
// bit-identical to the interpreter's.
import type { Expr } from "../ast/expr.js";
import { topologicalOrder } from "../ast/walk.js";
import { evaluateAll, type Point } from "../eval/evaluate.js";
import { getOp } from "../ops/table.js";
import { inputLayout, readInputs, type InputLayout } from "./layout.js";
import { numberLiteral } from "./literal.js";
import { OpCoder } from "./op-code.js";
import { linkProgram, type LinkOptions, type ProgramRunner, type StraightLineProgram } from "./program.js";

export type EvaluationPath = "compiled" | "interpreted";

export interface CompiledExprs {
  readonly roots: readonly Expr[];
  readonly layout: InputLayout;
  readonly path: EvaluationPath;
  /** Why the interpreter runs instead (only when path is "interpreted"). */
  readonly fallbackReason?: string;
  /** Generated functions (0 when interpreted). */
  readonly chunks: number;
  /** Fills results (one per root) from inputs in layout order: the bare generated code (or the interpreter). */
  readonly run: ProgramRunner;
  /** Values of the roots at inputs given in layout order, written into `results` if given. */
  evaluateInputs(inputs: Float64Array, results?: Float64Array): Float64Array;
  /** Values of the roots at a point (names resolved through the layout). */
  evaluate(point: Point): Float64Array;
  /** The generated code (empty when interpreted), for inspection and tests. */
  readonly source: string;
}

/** The straight-line program computing every node of `roots` and storing the roots in r. */
export function exprsProgram(roots: readonly Expr[], layout: InputLayout): StraightLineProgram {
  const coder = new OpCoder();
  const refOf = new Map<number, string>();
  const statements: string[] = [];
  let slots = 0;
  for (const node of topologicalOrder(roots)) {
    if (node.kind === "num") refOf.set(node.id, numberLiteral(node.value));
    else if (node.kind === "var") refOf.set(node.id, `x[${layout.indexOf.get(node.name) as number}]`);
    else {
      const args = node.args.map((a) => refOf.get(a.id) as string);
      const ref = `v[${slots++}]`;
      statements.push(`${ref} = ${coder.call(getOp(node.op), args)};`);
      refOf.set(node.id, ref);
    }
  }
  roots.forEach((root, k) => statements.push(`r[${k}] = ${refOf.get(root.id) as string};`));
  return { statements, valueSlots: slots, adjointSlots: 0, resultSlots: roots.length, closures: coder.closures };
}

export function compileExprs(roots: Expr | readonly Expr[], options: LinkOptions = {}): CompiledExprs {
  const rootList: readonly Expr[] = Array.isArray(roots) ? roots : [roots as Expr];
  const layout = inputLayout(rootList);
  const linked = linkProgram(exprsProgram(rootList, layout), options);
  const run: ProgramRunner =
    linked.path === "compiled"
      ? linked.run
      : (inputs, results) => {
          const point = new Map(layout.names.map((name, i) => [name, inputs[i]]));
          const values = evaluateAll(rootList, point);
          rootList.forEach((root, k) => (results[k] = values.get(root.id) as number));
        };
  const evaluateInputs = (inputs: Float64Array, results = new Float64Array(rootList.length)) => {
    run(inputs, results);
    return results;
  };
  return {
    roots: rootList,
    layout,
    path: linked.path,
    fallbackReason: linked.path === "interpreted" ? linked.reason : undefined,
    chunks: linked.path === "compiled" ? linked.chunks : 0,
    get source() {
      return linked.path === "compiled" ? linked.source : "";
    },
    run,
    evaluateInputs,
    evaluate: (point) => evaluateInputs(readInputs(layout, point)),
  };
}
