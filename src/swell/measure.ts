// The measurement loop: for each family and n, every representation's size and every method's
// time and gradient, each cell under the time budget. How the budget is enforced:
//  - tree-mode derivation (the one that swells exponentially) stops itself at the budget
//    (the symbolic module's node counter reads the clock);
//  - mathjs runs in a worker thread that is terminated at the budget (mathjs-peer.ts);
//  - the other in-process cells grow at most polynomially, and are skipped when the growth
//    of their last two runs predicts they would exceed the budget ("predicted").
// A column that ran out stops for the rest of the family, so the run never hangs.
import type { Expr } from "../ast/expr.js";
import { dagSize, treeSize } from "../ast/walk.js";
import { evaluateAll } from "../eval/evaluate.js";
import { numberAlgebra } from "../ops/table.js";
import { printExpr } from "../print/text.js";
import { finiteDifferenceDifferentiator } from "../diff/finite-difference.js";
import { forwardDifferentiator } from "../diff/forward.js";
import { prepareReverse } from "../diff/reverse/differentiator.js";
import {
  DerivationBudgetExceeded, deriveGradientWithCost, simplifyAll, type DerivativeExprs,
} from "../diff/symbolic/index.js";
import type { Gradient } from "../diff/types.js";
import { ColumnBudgets, type OverBudget } from "./budget.js";
import { NodeCounter } from "../diff/symbolic/budget.js";
import { FAMILIES, PARSE_TREE_LIMIT, type FamilyName, type SwellFamily } from "./families.js";
import { MathjsPeer, type MathjsOutcome } from "./mathjs-peer.js";
import { maxRelativeDifference } from "./agreement.js";
import { emptyRow, SWELL_COLUMNS, type ShownGradient, type SwellColumn, type SwellRow, type Writable } from "./row.js";
import { timeOnce } from "../util/timing.js";
import { timeRepeated } from "./timing.js";

export interface SwellOptions {
  readonly families: readonly FamilyName[];
  /** The members to measure, ascending. */
  readonly ns: readonly number[];
  readonly budgetMs: number;
  /** The cells to measure (default all); sizes of f are always measured. */
  readonly columns?: readonly SwellColumn[];
  /** Progress lines (for stderr). */
  readonly onProgress?: (message: string) => void;
}

export interface SwellFamilyReport {
  readonly name: FamilyName;
  readonly title: string;
  readonly lesson: string;
  readonly point: string;
  /** Why the family stopped before the last n, if it did. */
  readonly stoppedEarly?: string;
}

export interface SwellReport {
  readonly budgetMs: number;
  readonly families: readonly SwellFamilyReport[];
  readonly rows: readonly SwellRow[];
}

/** The printed derivative is kept for rows whose simplified tree is at most this big. */
const SHORT_TEXT_NODES = 40;
/** mathjs gets the text only while the tree is at most this big (its text is as long). */
const MATHJS_TREE_LIMIT = 2_000_000;

type Budgets = ColumnBudgets<SwellColumn | "function">;

/** n = 1, 2, …, min(maxN, 30), then steps of about ×1.5 ending at maxN. */
export function defaultNs(maxN: number): number[] {
  const ns: number[] = [];
  for (let n = 1; n <= Math.min(maxN, 30); n++) ns.push(n);
  let n = 30;
  while (n < maxN) {
    const next = Number((n * 1.5).toPrecision(2));
    n = Math.min(next, maxN);
    ns.push(n);
  }
  return ns;
}

export async function runSwell(options: SwellOptions): Promise<SwellReport> {
  const columns = new Set<SwellColumn>(options.columns ?? SWELL_COLUMNS);
  const peer = columns.has("mathjs") || columns.has("mathjsUnsimplified") ? new MathjsPeer() : undefined;
  const rows: SwellRow[] = [];
  const families: SwellFamilyReport[] = [];
  try {
    for (const name of options.families) {
      const family = FAMILIES[name];
      const budgets: Budgets = new ColumnBudgets(options.budgetMs);
      let stoppedEarly: string | undefined;
      for (const n of options.ns) {
        const built = buildMember(family, n, budgets);
        if (typeof built === "string") {
          stoppedEarly = `member n = ${n} not built: ${built}`;
          options.onProgress?.(`${name}: ${stoppedEarly}; the family stops here`);
          break;
        }
        const row = await measureMember(family, n, built, budgets, columns, peer, options.onProgress);
        rows.push(row);
        options.onProgress?.(`${name} n=${n}: f has ${formatCount(row.functionDagNodes)} distinct nodes${stoppedNote(row)}`);
      }
      families.push({
        name, title: family.title, lesson: family.lesson, point: describePoint(family.point(1)),
        ...(stoppedEarly === undefined ? {} : { stoppedEarly }),
      });
    }
  } finally {
    peer?.close();
  }
  return { budgetMs: options.budgetMs, families, rows };
}

function describePoint(point: Record<string, number>): string {
  return Object.entries(point).map(([k, v]) => `${k} = ${v}`).join(", ");
}

function formatCount(n: number): string {
  return n < 1e6 ? String(n) : n.toExponential(2);
}

function stoppedNote(row: SwellRow): string {
  const fresh = Object.entries(row.overBudget).filter(([, why]) => why !== "stopped").map(([c, why]) => `${c} (${why})`);
  return fresh.length > 0 ? `; over budget: ${fresh.join(", ")}` : "";
}

/**
 * Member n, or why it was not built. A typed member costs at most one parse of a bounded text
 * (PARSE_TREE_LIMIT); a computed one (nth-derivative) is built under the budget.
 */
function buildMember(family: SwellFamily, n: number, budgets: Budgets): { expr: Expr; parsed: boolean } | string {
  if (family.typed) {
    const expr = family.expression(n);
    return { expr, parsed: expr.treeSize <= PARSE_TREE_LIMIT };
  }
  const refused = budgets.refusal("function", n);
  if (refused !== undefined) return `building it is over budget (${refused})`;
  try {
    const { result: expr, ms } = timeOnce(() => family.expression(n, { timeLimitMs: budgets.budgetMs }));
    budgets.record("function", n, ms);
    return { expr, parsed: false };
  } catch (error) {
    if (error instanceof DerivationBudgetExceeded) return `building it is over budget (${error.message})`;
    throw error;
  }
}

interface Gradients {
  symbolicTree?: Gradient;
  symbolicShared?: Gradient;
  symbolicSimplified?: Gradient;
  reverse?: Gradient;
  forward?: Gradient;
  finiteDifference?: Gradient;
}

async function measureMember(
  family: SwellFamily, n: number, member: { expr: Expr; parsed: boolean }, budgets: Budgets,
  columns: ReadonlySet<SwellColumn>, peer: MathjsPeer | undefined, onProgress: SwellOptions["onProgress"],
): Promise<SwellRow> {
  const f = member.expr;
  const wrt = family.variables(n);
  const point = family.point(n);
  const shown = wrt[0];
  const row: Writable<SwellRow> = emptyRow(family.name, n, wrt.length, shown, member.parsed, f);
  const overBudget: Partial<Record<SwellColumn, OverBudget>> = {};
  const failed: Partial<Record<SwellColumn, string>> = {};
  const gradients: Gradients = {};
  const budgetMs = budgets.budgetMs;

  /**
   * Runs a cell unless its column stopped (or, without a hard limit of its own, is predicted
   * to run out); `work` records the figures and returns the time to charge.
   */
  const cell = (column: SwellColumn, work: () => number, hardLimit = false): void => {
    if (!columns.has(column)) return;
    const refused = hardLimit ? (budgets.isStopped(column) ? "stopped" : undefined) : budgets.refusal(column, n);
    if (refused !== undefined) {
      overBudget[column] = refused;
      return;
    }
    try {
      const ms = work();
      const exceeded = budgets.record(column, n, ms);
      if (exceeded !== undefined) overBudget[column] = exceeded;
    } catch (error) {
      budgets.stop(column);
      if (error instanceof DerivationBudgetExceeded) overBudget[column] = "exceeded";
      else failed[column] = error instanceof Error ? error.message : String(error);
    }
  };

  cell("deriveTree", () => {
    // Repeated only while cheap; a re-run finds its nodes interned, which the median discounts.
    const { result, ms } = timeRepeated(() =>
      deriveGradientWithCost(f, wrt, { mode: "tree", simplify: false, budget: { timeLimitMs: budgetMs } }), 20, 21,
    );
    row.derivativeTreeNodes = treeSize(rootsOf(result.derivatives, wrt));
    row.derivativeTreeNodesBuilt = result.nodesBuilt;
    row.deriveTreeMs = ms;
    gradients.symbolicTree = evaluateGradient(rootsOf(result.derivatives, wrt), wrt, point);
    return ms;
  }, true);

  let shared: DerivativeExprs | undefined;
  cell("deriveShared", () => {
    const { result, ms } = timeRepeated(() =>
      deriveGradientWithCost(f, wrt, { mode: "shared", simplify: false, budget: { timeLimitMs: budgetMs } }), 20, 21,
    );
    shared = result.derivatives;
    row.derivativeDagNodes = dagSize(rootsOf(shared, wrt));
    row.sharedDerivativeTreeNodes = treeSize(rootsOf(shared, wrt));
    row.derivativeDagNodesBuilt = result.nodesBuilt;
    row.deriveSharedMs = ms;
    return ms;
  }, true);

  if (shared !== undefined) {
    const raw = rootsOf(shared, wrt);
    cell("simplify", () => {
      const { result, ms } = timeOnce(() => simplifyAll(raw, { counter: new NodeCounter({ timeLimitMs: budgetMs }) }));
      row.simplifiedDagNodes = dagSize(result);
      row.simplifiedTreeNodes = treeSize(result);
      row.simplifyMs = ms;
      row.simplifiedDerivativeText = treeSize(result) <= SHORT_TEXT_NODES ? result.map(printExpr).join(", ") : null;
      // Evaluating it is one pass over a DAG built within the budget; not timed.
      gradients.symbolicSimplified = evaluateGradient(result, wrt, point);
      return ms;
    }, true);
    cell("evaluate", () => {
      const { result: values, ms } = timeRepeated(() => evaluateAll(raw, point));
      gradients.symbolicShared = Object.fromEntries(wrt.map((v, i) => [v, values.get(raw[i].id) as number]));
      row.evaluateDerivativeMs = ms;
      return ms;
    });
  } else {
    for (const column of ["simplify", "evaluate"] as const) {
      if (!columns.has(column)) continue;
      overBudget[column] = "stopped";
      budgets.stop(column);
    }
  }

  cell("tape", () => {
    const record = timeOnce(() => prepareReverse(f, wrt));
    const tape = record.result.tape;
    const sweep = timeRepeated(() => tape.forwardAt(point, numberAlgebra));
    const backward = timeRepeated(() => tape.backward(numberAlgebra, sweep.result, 0, 1));
    gradients.reverse = record.result.at(point).gradient;
    row.tapeEntries = tape.length;
    row.tapeRecordMs = record.ms;
    row.tapeForwardMs = sweep.ms;
    row.tapeBackwardMs = backward.ms;
    return record.ms + sweep.ms + backward.ms;
  });

  cell("forward", () => {
    const { result, ms } = timeRepeated(() => forwardDifferentiator.gradient(f, point, wrt));
    gradients.forward = result.gradient;
    row.forwardPasses = result.cost.passes;
    row.forwardMs = ms;
    return ms;
  });

  cell("finiteDifference", () => {
    const { result, ms } = timeRepeated(() => finiteDifferenceDifferentiator.gradient(f, point, wrt));
    gradients.finiteDifference = result.gradient;
    row.finiteDifferenceErrorEstimate = result.errorEstimate?.[shown] ?? null;
    row.finiteDifferenceEvaluations = result.cost.functionEvaluations;
    row.finiteDifferenceMs = ms;
    return ms;
  });

  const mathjsValues: { mathjs?: number; mathjsUnsimplified?: number } = {};
  for (const column of ["mathjs", "mathjsUnsimplified"] as const) {
    if (peer === undefined || !columns.has(column)) continue;
    if (budgets.isStopped(column) || f.treeSize > MATHJS_TREE_LIMIT) {
      overBudget[column] = budgets.isStopped(column) ? "stopped" : "predicted";
      budgets.stop(column);
      continue;
    }
    const job = { text: family.mathjsText(n, f), wrt: shown, simplify: column === "mathjs", point };
    const outcome: MathjsOutcome = await peer.run(job, budgetMs);
    if (outcome.status === "ok") {
      mathjsValues[column] = outcome.value;
      if (column === "mathjs") {
        row.mathjsDerivativeNodes = outcome.nodes;
        row.mathjsDerivativeMs = outcome.ms;
        row.mathjsDerivativeText = outcome.text ?? null;
      } else {
        row.mathjsUnsimplifiedNodes = outcome.nodes;
        row.mathjsUnsimplifiedMs = outcome.ms;
      }
      const exceeded = budgets.record(column, n, outcome.ms);
      if (exceeded !== undefined) overBudget[column] = exceeded;
    } else {
      budgets.stop(column);
      if (outcome.status === "over-budget") overBudget[column] = "exceeded";
      else {
        failed[column] = outcome.reason;
        onProgress?.(`${family.name} n=${n}: mathjs failed: ${outcome.reason}`);
      }
    }
  }

  row.gradient = shownGradient(gradients, mathjsValues, shown);
  row.exactMethodsMaxRelativeDifference = maxRelativeDifference(
    [gradients.symbolicTree, gradients.symbolicShared, gradients.symbolicSimplified, gradients.forward, gradients.reverse], wrt,
  );
  row.overBudget = overBudget;
  row.failed = failed;
  return row;
}

function rootsOf(derivatives: DerivativeExprs, wrt: readonly string[]): Expr[] {
  return wrt.map((v) => derivatives[v]);
}

function evaluateGradient(roots: readonly Expr[], wrt: readonly string[], point: Record<string, number>): Gradient {
  const values = evaluateAll(roots, point);
  return Object.fromEntries(wrt.map((v, i) => [v, values.get(roots[i].id) as number]));
}

function shownGradient(g: Gradients, mathjs: { mathjs?: number; mathjsUnsimplified?: number }, v: string): ShownGradient {
  return {
    symbolicTree: g.symbolicTree?.[v] ?? null,
    symbolicShared: g.symbolicShared?.[v] ?? null,
    symbolicSimplified: g.symbolicSimplified?.[v] ?? null,
    reverse: g.reverse?.[v] ?? null,
    forward: g.forward?.[v] ?? null,
    finiteDifference: g.finiteDifference?.[v] ?? null,
    mathjs: mathjs.mathjs ?? null,
    mathjsUnsimplified: mathjs.mathjsUnsimplified ?? null,
  };
}
