// One homework problem — an expression with hand-derived answers (expressions) or numbers
// (values at a point) for one or more partials — resolved against the expression's variables
// and checked. Shared by the `check` command and batch files; text is parsed by the caller.
import { canonicalVariableName, type Reading, type ReadContext } from "../parse/parse.js";
import { readAs } from "./reading.js";
import type { Expr } from "../ast/expr.js";
import { variablesOf } from "../ast/walk.js";
import { notAVariable } from "../ops/names.js";
import { checkDerivative, type CheckOptions, type DerivativeCheck } from "./equivalence.js";
import { checkValues, type ValueCheck, type WrittenValue } from "./value.js";
import { statedPrecision } from "./figures.js";
import type { TypedProblemReport } from "./typed.js";
import type { BackwardProblemReport } from "./backward/report.js";
import type { TypedValue } from "../typed/values.js";

/** A problem as given (command line or batch file): answers may name their variable or not. */
export interface ProblemSpec {
  readonly name?: string;
  readonly expression: string;
  readonly wrt?: readonly string[];
  /** Hand-derived expressions, each for a named variable or, unnamed, in the order of wrt. */
  readonly answers?: readonly Labelled<string>[];
  /**
   * "x=2,z=3" as typed on the command line, or name/value pairs from a batch file's map (values
   * may be constant expressions such as pi/4). Pairs stay pairs: joined into text and re-split,
   * a key "x=100,y" would become two variables.
   */
  readonly at?: string | NamedTexts;
  /**
   * Numeric answers at `at`, named or in the order of wrt (arrays for vector and matrix
   * variables). A scalar answer is best given as written ({text: "1.21e3"}): its digits state its
   * precision; a bare number is read as its shortest decimal form.
   */
  readonly values?: readonly Labelled<AnswerValue>[];
  /** Relative; overrides the precision the answers' digits state. */
  readonly tolerance?: number;
  /** Shapes of vectors and matrices, "x=3,W=3x4" or pairs (a typed problem; answers in matrix form). */
  readonly shapes?: string | NamedTexts;
  /** A backward sheet (dJ/du = … lines) judged against `expression` as the forward program. */
  readonly backward?: string;
  /** Reveal one correct form of each adjoint a backward sheet sets. */
  readonly showAnswer?: boolean;
}

/** A scalar answer as written: a decimal literal ("1.21e3", whose digits state its precision) or a constant expression ("pi/4"). */
export interface WrittenNumber {
  readonly text: string;
}

export type AnswerValue = TypedValue | WrittenNumber;

export const isWrittenNumber = (value: AnswerValue): value is WrittenNumber => typeof value === "object" && !Array.isArray(value);

/**
 * A scalar answer's value, with its text when written: a decimal literal is read directly, a
 * constant expression by `evaluate` (the caller's reader, so its errors carry a caret).
 */
export function writtenValue(wrt: string, item: number | WrittenNumber, evaluate: ((text: string, wrt: string) => number) | undefined): WrittenValue {
  if (typeof item === "number") return { wrt, value: item };
  const stated = statedPrecision(item.text);
  if (stated === undefined && evaluate === undefined) throw new ProblemError(`the value for ${wrt}, ${item.text.trim()}, is not a number`, "e.g. 1208.37 or 1.21e3");
  return { wrt, value: stated !== undefined ? stated.value : (evaluate as (text: string, wrt: string) => number)(item.text, wrt), text: item.text.trim() };
}

/** name = text pairs as a batch file's map gives them, e.g. [["x", "2"], ["W", "[1,2;3,4]"]]. */
export type NamedTexts = readonly (readonly [name: string, text: string])[];

/** The value texts of `at` or `shapes`, however they were given. */
export const valueTexts = (given: string | NamedTexts | undefined): string[] =>
  given === undefined ? [] : typeof given === "string" ? [given] : given.map(([, text]) => text);

export interface Labelled<T> {
  readonly wrt?: string;
  readonly item: T;
}

/** The problem is malformed (not a parse error): what is missing or inconsistent. */
export class ProblemError extends Error {
  constructor(message: string, readonly hint?: string) {
    super(message);
    this.name = "ProblemError";
  }
}

export type Verdict = "correct" | "incorrect" | "undecided";

export type ProblemReport =
  | { readonly kind: "derivative"; readonly name?: string; readonly expression: Expr; readonly verdict: Verdict; readonly checks: readonly DerivativeCheck[] }
  | { readonly kind: "value"; readonly name?: string; readonly expression: Expr; readonly verdict: Verdict; readonly checks: readonly ValueCheck[] }
  | TypedProblemReport
  | BackwardProblemReport;

/** How the caller turns text into expressions and points (so its errors carry a caret). */
export interface ProblemReader {
  /** Reads `what` (the expression, an answer); `context` has the problem's variables (for y(1-y)). */
  expression(text: string, what: string, context?: ReadContext): Reading;
  point(at: string | NamedTexts): ReadonlyMap<string, number>;
  /** The numeric answer for `wrt` written as a constant expression (pi/4): its value (without it, only decimal literals are read). */
  number?(text: string, wrt: string): number;
}

/**
 * Pairs items with variables: all named (--answer x=…), or all unnamed in the order of wrt
 * (wrt may be omitted when the expression has one variable).
 */
export function pairWithVariables<T>(
  givenItems: readonly Labelled<T>[],
  givenWrt: readonly string[] | undefined,
  expressionVariables: readonly string[],
  what: string,
): { wrt: string; item: T }[] {
  // Names as the expression writes them: a batch file's α, \alpha or x₁ are alpha and x_1.
  const wrt = givenWrt?.map(canonicalVariableName);
  const items = givenItems.map((i) => (i.wrt === undefined ? i : { ...i, wrt: canonicalVariableName(i.wrt) }));
  // A batch file's keys reach here unchecked: "1x" or "e" would be differentiated by as a name.
  for (const name of [...(wrt ?? []), ...items.flatMap((i) => (i.wrt === undefined ? [] : [i.wrt]))]) {
    const problem = notAVariable(name);
    if (problem !== undefined) throw new ProblemError(problem);
  }
  const named = items.filter((i) => i.wrt !== undefined);
  if (named.length > 0 && named.length < items.length) {
    throw new ProblemError(`give every ${what} a variable name or none`, `e.g. --${what} x="…" --${what} z="…"`);
  }
  if (named.length > 0) {
    const seen = new Set<string>();
    for (const i of named) {
      if (seen.has(i.wrt as string)) throw new ProblemError(`two ${what}s for ${i.wrt}`);
      seen.add(i.wrt as string);
    }
    if (wrt !== undefined) {
      const missing = wrt.filter((v) => !seen.has(v));
      const extra = [...seen].filter((v) => !wrt.includes(v));
      if (missing.length > 0 || extra.length > 0) {
        throw new ProblemError(`the named ${what}s (${[...seen].join(", ")}) do not match --wrt ${wrt.join(",")}`);
      }
      return wrt.map((v) => ({ wrt: v, item: (named.find((i) => i.wrt === v) as Labelled<T>).item }));
    }
    return named.map((i) => ({ wrt: i.wrt as string, item: i.item }));
  }
  const variables = wrt ?? (expressionVariables.length === 1 ? expressionVariables : undefined);
  if (variables === undefined) {
    throw new ProblemError(
      `say which variable the ${what} is for: the expression has ${expressionVariables.length === 0 ? "no variables" : `variables ${expressionVariables.join(", ")}`}`,
      `e.g. --wrt ${expressionVariables[0] ?? "x"}, or --${what} ${expressionVariables[0] ?? "x"}="…"`,
    );
  }
  if (variables.length !== items.length) {
    throw new ProblemError(`${items.length} ${what}(s) for ${variables.length} variable(s) (${variables.join(", ")}); give one per variable, in order`);
  }
  return variables.map((v, k) => ({ wrt: v, item: items[k].item }));
}

export function overall(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.includes("incorrect")) return "incorrect";
  if (verdicts.includes("undecided")) return "undecided";
  return "correct";
}

export function runProblem(spec: ProblemSpec, read: ProblemReader, options: CheckOptions = {}): ProblemReport {
  const { expr: expression } = read.expression(spec.expression, "expression");
  const variables = variablesOf(expression);
  const answers = spec.answers ?? [];
  const values = spec.values ?? [];
  if (answers.length > 0 && values.length > 0) {
    throw new ProblemError("give either answers (expressions) or values (numbers at a point), not both");
  }
  if (values.length > 0) {
    if (spec.at === undefined) throw new ProblemError("a numeric answer needs the point it is at", "e.g. --at x=2,z=3 --value 1208.37");
    const point = read.point(spec.at);
    const pairs = pairWithVariables(values, spec.wrt, variables, "value").map(({ wrt, item }) => {
      if (Array.isArray(item)) throw new ProblemError(`the value for ${wrt} is an array, but ${wrt} is a scalar`, "declare vectors and matrices with --shape (or a header x: R^3; …)");
      return writtenValue(wrt, item as number | WrittenNumber, read.number);
    });
    const checks = checkValues(expression, point, pairs, spec.tolerance);
    return { kind: "value", name: spec.name, expression, verdict: overall(checks.map((c) => c.verdict)), checks };
  }
  if (answers.length === 0) {
    throw new ProblemError("nothing to check: give an answer or a value", 'e.g. --wrt x --answer "2*x", or --at x=2 --value 4');
  }
  // Silently ignoring them would let a student believe the answer was checked at that point only.
  if (spec.at !== undefined || spec.tolerance !== undefined) {
    throw new ProblemError(
      `${spec.at !== undefined ? "a point (at)" : "a tolerance"} goes with numeric answers (values); an answer expression is checked as a function, everywhere`,
      "e.g. --answer \"2*x\" alone, or --at x=2 --value 4 [--tolerance 1e-3]",
    );
  }
  const pairs = pairWithVariables(answers, spec.wrt, variables, "answer");
  const single = pairs.length === 1;
  const context = { variables: new Set(variables) };
  const parsed = pairs.map((p) => ({ wrt: p.wrt, written: p.item, reading: read.expression(p.item, single ? "answer" : `answer for ${p.wrt}`, context) }));
  const checks = parsed.map((p) => ({ ...checkDerivative(expression, p.wrt, p.reading.expr, options), readAs: readAs(p.written, p.reading) }));
  return { kind: "derivative", name: spec.name, expression, verdict: overall(checks.map((c) => c.verdict)), checks };
}
