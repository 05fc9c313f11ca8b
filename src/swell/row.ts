// One measured row of the swell benchmark: a family member n, its sizes, times and gradients.
// Flat and JSON-ready: a figure that was not obtained is null, and `overBudget` says why.
import type { Expr } from "../ast/expr.js";
import { dagSize } from "../ast/walk.js";
import type { OverBudget } from "./budget.js";

/** The measured cells, each under the time budget on its own. */
export const SWELL_COLUMNS = [
  "deriveTree", "deriveShared", "simplify", "evaluate", "tape", "forward", "finiteDifference", "mathjs", "mathjsUnsimplified",
] as const;
export type SwellColumn = (typeof SWELL_COLUMNS)[number];

/** ∂f/∂(the family's first variable) at the family's point, from every method. */
export interface ShownGradient {
  /** The symbolic derivative built by the naive tree recursion, evaluated. */
  readonly symbolicTree: number | null;
  /** The shared (DAG) derivative, evaluated. */
  readonly symbolicShared: number | null;
  /** The shared derivative after simplification (what `diffscope grad` returns), evaluated. */
  readonly symbolicSimplified: number | null;
  readonly reverse: number | null;
  readonly forward: number | null;
  readonly finiteDifference: number | null;
  readonly mathjs: number | null;
  readonly mathjsUnsimplified: number | null;
}

export interface SwellRow {
  readonly family: string;
  readonly n: number;
  /** How many variables the gradient has. */
  readonly variables: number;
  /** The variable whose partial `gradient` shows (mathjs differentiates by this one only). */
  readonly shownVariable: string;
  /** Whether member n was read from the text a person would type (else built node by node). */
  readonly parsedFromText: boolean;

  readonly functionTreeNodes: number;
  readonly functionDagNodes: number;

  /** Naive tree-mode symbolic derivative: nodes as a tree, algebra calls made, time. */
  readonly derivativeTreeNodes: number | null;
  readonly derivativeTreeNodesBuilt: number | null;
  readonly deriveTreeMs: number | null;
  /** Shared (DAG) symbolic derivative before simplification. */
  readonly derivativeDagNodes: number | null;
  readonly derivativeDagNodesBuilt: number | null;
  /** The same shared derivative printed as a tree (sharing undone): the swell is in the printing. */
  readonly sharedDerivativeTreeNodes: number | null;
  readonly deriveSharedMs: number | null;
  /** The shared derivative after simplification: distinct nodes and printed-tree nodes. */
  readonly simplifiedDagNodes: number | null;
  readonly simplifiedTreeNodes: number | null;
  readonly simplifyMs: number | null;
  /** The simplified derivative as text, when short (e.g. l₂′ = 4 - 8*x). */
  readonly simplifiedDerivativeText: string | null;
  /** One evaluation of the shared derivative expressions at the point (one pass over their DAG). */
  readonly evaluateDerivativeMs: number | null;

  /** Reverse mode: tape entries, recording, forward sweep (values and partials), backward sweep. */
  readonly tapeEntries: number | null;
  readonly tapeRecordMs: number | null;
  readonly tapeForwardMs: number | null;
  readonly tapeBackwardMs: number | null;

  /** Forward mode (dual numbers, one pass per variable). */
  readonly forwardPasses: number | null;
  readonly forwardMs: number | null;
  /** Finite differences (Richardson-extrapolated central). */
  readonly finiteDifferenceEvaluations: number | null;
  readonly finiteDifferenceMs: number | null;
  /** The method's own error estimate for the shown partial. */
  readonly finiteDifferenceErrorEstimate: number | null;

  /** mathjs `derivative(f, shownVariable)` (simplified, its default) and with {simplify: false}. */
  readonly mathjsDerivativeNodes: number | null;
  readonly mathjsDerivativeMs: number | null;
  readonly mathjsDerivativeText: string | null;
  readonly mathjsUnsimplifiedNodes: number | null;
  readonly mathjsUnsimplifiedMs: number | null;

  readonly gradient: ShownGradient;
  /** Largest relative difference between the exact methods (symbolic tree, shared and simplified, forward, reverse) over all partials. */
  readonly exactMethodsMaxRelativeDifference: number | null;

  /** Cells without a figure because of the time budget, by column. */
  readonly overBudget: Partial<Record<SwellColumn, OverBudget>>;
  /** Cells that failed for another reason (e.g. mathjs could not read the text), by column. */
  readonly failed: Partial<Record<SwellColumn, string>>;
}

export type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** A row with f's sizes and every other figure still null, to be filled in by the cells. */
export function emptyRow(family: string, n: number, variables: number, shown: string, parsed: boolean, f: Expr): Writable<SwellRow> {
  return {
    family, n, variables, shownVariable: shown, parsedFromText: parsed,
    functionTreeNodes: f.treeSize, functionDagNodes: dagSize(f),
    derivativeTreeNodes: null, derivativeTreeNodesBuilt: null, deriveTreeMs: null,
    derivativeDagNodes: null, derivativeDagNodesBuilt: null, sharedDerivativeTreeNodes: null, deriveSharedMs: null,
    simplifiedDagNodes: null, simplifiedTreeNodes: null, simplifyMs: null, simplifiedDerivativeText: null,
    evaluateDerivativeMs: null,
    tapeEntries: null, tapeRecordMs: null, tapeForwardMs: null, tapeBackwardMs: null,
    forwardPasses: null, forwardMs: null, finiteDifferenceEvaluations: null, finiteDifferenceMs: null, finiteDifferenceErrorEstimate: null,
    mathjsDerivativeNodes: null, mathjsDerivativeMs: null, mathjsDerivativeText: null,
    mathjsUnsimplifiedNodes: null, mathjsUnsimplifiedMs: null,
    gradient: {
      symbolicTree: null, symbolicShared: null, symbolicSimplified: null, reverse: null, forward: null, finiteDifference: null, mathjs: null, mathjsUnsimplified: null,
    },
    exactMethodsMaxRelativeDifference: null,
    overBudget: {}, failed: {},
  };
}
