// Runs suites by name: the library entry point behind `diffscope compare`.
import { compareCase, type CaseReport, type CompareOptions } from "./compare.js";
import { runJacobianSuite, type JacobianReport } from "./jacobian.js";
import { GRADIENT_SUITES, type NetworkSettings } from "./suites.js";

export const JACOBIAN_SUITE = { name: "jacobian", summary: "f: R^A → R^B on a grid of A and B: forward (A passes) vs reverse (B passes)", inAll: true } as const;

/** Every suite name `compare` accepts, in the order `all` runs them. */
export const SUITE_NAMES: readonly string[] = [...GRADIENT_SUITES.map((s) => s.name), JACOBIAN_SUITE.name];

/** Suites run by `all`: everything but the 784-wide network and the custom one. */
export const ALL_SUITES: readonly string[] = [...GRADIENT_SUITES.filter((s) => s.inAll).map((s) => s.name), JACOBIAN_SUITE.name];

/** Cases with this many parameters (the 784,100,10 network) get the larger budgets below. */
const LARGE_CASE_PARAMETERS = 10_000;
/** One gradient of a large case takes 0.2–3 s, so a few repeats need more time. */
const LARGE_CASE_BUDGETS: Pick<CompareOptions, "timingBudgetMs" | "parameterBudgetMs"> = { timingBudgetMs: 1500, parameterBudgetMs: 6000 };

export interface RunOptions extends CompareOptions {
  readonly settings?: NetworkSettings;
  /** Jacobian suite: the A and B values of the grid (default 1, 4, 16, 64). */
  readonly jacobianSizes?: readonly number[];
}

export interface ComparisonReport {
  readonly cases: readonly CaseReport[];
  readonly jacobian?: JacobianReport;
}

export class UnknownSuiteError extends Error {
  constructor(readonly suite: string) {
    super(`unknown suite "${suite}"; suites: ${[...SUITE_NAMES, "all"].join(", ")}`);
    this.name = "UnknownSuiteError";
  }
}

/** `all` expands to ALL_SUITES; names run in the order given. */
export function runComparison(suites: readonly string[], options: RunOptions = {}): ComparisonReport {
  const names = suites.flatMap((s) => (s === "all" ? ALL_SUITES : [s]));
  for (const name of names) if (!SUITE_NAMES.includes(name)) throw new UnknownSuiteError(name);
  const cases: CaseReport[] = [];
  let jacobian: JacobianReport | undefined;
  for (const name of names) {
    if (name === JACOBIAN_SUITE.name) {
      jacobian = runJacobianSuite({ sizes: options.jacobianSizes, seed: options.settings?.seed, onProgress: options.onProgress });
      continue;
    }
    const suite = GRADIENT_SUITES.find((s) => s.name === name);
    if (suite === undefined) throw new UnknownSuiteError(name);
    for (const c of suite.cases(options.settings ?? {})) {
      const budgets = c.wrt.length >= LARGE_CASE_PARAMETERS ? LARGE_CASE_BUDGETS : {};
      cases.push(compareCase(c, { ...budgets, ...definedOnly(options) }));
    }
  }
  return { cases, ...(jacobian !== undefined ? { jacobian } : {}) };
}

function definedOnly(options: RunOptions): CompareOptions {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as CompareOptions;
}
