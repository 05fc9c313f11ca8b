// The benchmark's functions: the lecture's Quiz 1, the Quiz-2 network at its own size and at
// MNIST sizes (one and two hidden layers), and the logistic map (a deep chain whose printed tree doubles at every step).
import { num, variable, type Expr } from "../ast/expr.js";
import { variablesOf } from "../ast/walk.js";
import { call } from "../ops/table.js";
import { parse } from "../parse/parse.js";
import { buildNetwork, describeNetwork, networkValues, type NetworkValues } from "../harness/network.js";
import { QUIZ1_TEXT } from "../harness/suites.js";

export interface BenchCase {
  /** Short name used in rows, e.g. "quiz1", "nn 784-100-10". */
  readonly name: string;
  readonly description: string;
  readonly f: Expr;
  readonly wrt: readonly string[];
  readonly point: ReadonlyMap<string, number>;
  /** The network's names and values, for the tensor-level rows and the peers that rebuild it (hand-written, TensorFlow.js, PyTorch). */
  readonly network?: NetworkValues;
  /** Text mathjs can read, when the printed tree is small enough to print at all. */
  readonly mathjsText?: string;
  /** Why mathjs is not run, when it is a case mathjs was asked for. */
  readonly mathjsSkipped?: string;
  /** Whether the case is large (fewer timing samples, budgeted methods). */
  readonly large: boolean;
  /** Row makers (labels as in bench/run.ts) not run on this case, each with why. */
  readonly notRun?: ReadonlyMap<string, string>;
}

export function quiz1Case(): BenchCase {
  const f = parse(QUIZ1_TEXT);
  return {
    name: "quiz1",
    description: `the lecture's Quiz 1, ${QUIZ1_TEXT} at x=2, z=3`,
    f,
    wrt: ["x", "z"],
    point: new Map([["x", 2], ["z", 3]]),
    mathjsText: QUIZ1_TEXT,
    large: false,
  };
}

/** Past this many weights the scalar symbolic rows (minutes, gigabytes) are left out. */
const SYMBOLIC_WEIGHT_LIMIT = 100_000;

function tooLargeForScalarRows(weights: number): ReadonlyMap<string, string> {
  const symbolic = `scalar symbolic derivatives of ${weights} weights take minutes and GBs (see nn 784-100-10)`;
  return new Map([
    ["symbolic (interpreted)", symbolic],
    ["symbolic (compiled)", symbolic],
    ["reverse (compiled, at(point))", "would compile the scalar gradient a second time (see nn 784-100-10)"],
  ]);
}

export function networkCase(widths: readonly number[]): BenchCase {
  const network = networkValues({ widths });
  const weights = network.parameters.length;
  let loss: Expr | undefined;
  return {
    name: `nn ${widths.join("-")}`,
    description: `network ${describeNetwork(network)}; gradient with respect to all weights`,
    // the scalar expression is built when a scalar row first asks (705k nodes on 784-256-128-10)
    get f(): Expr {
      return (loss ??= buildNetwork({ widths }).loss);
    },
    wrt: network.parameters,
    point: network.point,
    network,
    large: weights > 1000,
    notRun: weights > SYMBOLIC_WEIGHT_LIMIT ? tooLargeForScalarRows(weights) : undefined,
  };
}

/** l_1 = x, l_{k+1} = 4 l_k (1 − l_k); f = l_n. Each l_k is one shared node used twice. */
export function logisticMap(n: number): Expr {
  let l: Expr = variable("x");
  for (let k = 1; k < n; k++) l = call("mul", [call("mul", [num(4), l]), call("sub", [num(1), l])]);
  return l;
}

/** The logistic map as text: each step repeats the previous one twice (2^(n−1) copies of x). */
function logisticText(n: number): string {
  let text = "x";
  for (let k = 1; k < n; k++) text = `4 * (${text}) * (1 - (${text}))`;
  return text;
}

/** Largest n whose printed tree mathjs is given (2^(n−1) leaves). */
const MATHJS_LOGISTIC_LIMIT = 10;

export function logisticCase(n: number): BenchCase {
  const f = logisticMap(n);
  if (variablesOf(f).join() !== "x") throw new Error("internal: logistic map must be a function of x alone");
  return {
    name: `logistic n=${n}`,
    description: `logistic map l_{k+1} = 4 l_k (1 − l_k), l_1 = x, f = l_${n} at x = 0.3 (shared DAG: ${3 * (n - 1) + 1} nodes)`,
    f,
    wrt: ["x"],
    point: new Map([["x", 0.3]]),
    mathjsText: n <= MATHJS_LOGISTIC_LIMIT ? logisticText(n) : undefined,
    mathjsSkipped:
      n <= MATHJS_LOGISTIC_LIMIT
        ? undefined
        : `mathjs works on trees: l_${n} printed has 2^${n - 1} copies of x (see the n=${MATHJS_LOGISTIC_LIMIT} case)`,
    large: false,
  };
}

export interface CaseSelection {
  /** Leave out the large networks (for a quick run). */
  readonly quick?: boolean;
}

/** A case by name, built only when run (the large networks take seconds to build). */
export interface NamedCase {
  readonly name: string;
  readonly make: () => BenchCase;
  /** Left out of a quick run. */
  readonly large: boolean;
}

const networkEntry = (widths: readonly number[], large: boolean): NamedCase => ({
  name: `nn ${widths.join("-")}`, make: () => networkCase(widths), large,
});

/** Every case, in the order the benchmark runs them. */
export const BENCH_CASES: readonly NamedCase[] = [
  { name: "quiz1", make: quiz1Case, large: false },
  networkEntry([3, 4, 3, 1], false),
  { name: "logistic n=100", make: () => logisticCase(100), large: false },
  { name: `logistic n=${MATHJS_LOGISTIC_LIMIT}`, make: () => logisticCase(MATHJS_LOGISTIC_LIMIT), large: false },
  networkEntry([784, 100, 10], true),
  networkEntry([784, 256, 128, 10], true),
];

export function benchCases(selection: CaseSelection = {}): readonly NamedCase[] {
  return selection.quick ? BENCH_CASES.filter((c) => !c.large) : BENCH_CASES;
}

const normalName = (name: string) => name.trim().toLowerCase().replace(/\s+/g, " ").replace(/^nn /, "");

/** The case called `name` (as in the rows; a network also without its "nn " prefix). */
export function findCase(name: string): NamedCase | undefined {
  return BENCH_CASES.find((c) => normalName(c.name) === normalName(name));
}
