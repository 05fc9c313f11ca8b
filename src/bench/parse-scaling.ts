// How reading time grows with the input, for the input shapes that once made it superlinear
// (issue 18): a long number, a typed program of many statements, a power tower, a matrix
// literal, unary signs (up to and past the nesting limit), a flat sum and nested calls. The
// benchmark times each shape at several sizes and fits the growth exponent (the log-log
// slope: 1 is linear, 2 quadratic); the linearity test reads the same shapes and counts work.
import { MAX_NESTING_DEPTH, parse, ParseError } from "../parse/parse.js";
import { parseTyped } from "../typed/parse.js";
import { mulberry32 } from "../util/prng.js";

/** An integer in [0, k). */
export type Choose = (k: number) => number;

export interface ParseShape {
  readonly name: string;
  /** What one unit of size is, and several. */
  readonly unit: string;
  readonly units: string;
  /** An input of `n` units; `choose` varies its pieces. */
  make(n: number, choose: Choose): string;
  /** Reads the input as the CLI would; a refusal (ParseError) is an outcome, not a failure. */
  read(text: string): void;
  /** Sizes the benchmark times. */
  readonly sizes: readonly number[];
}

const pick = <T>(choose: Choose, items: readonly T[]): T => items[choose(items.length)];
const repeat = (n: number, unit: (i: number) => string, separator = ""): string => Array.from({ length: n }, (_, i) => unit(i)).join(separator);

function readScalar(text: string): void {
  refusalIsAnOutcome(() => parse(text));
}

function readTyped(text: string): void {
  refusalIsAnOutcome(() => parseTyped(text));
}

function refusalIsAnOutcome(read: () => unknown): void {
  try {
    read();
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
  }
}

function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

const doubling = (from: number, count: number): number[] => Array.from({ length: count }, (_, i) => from * 2 ** i);

export const PARSE_SHAPES: readonly ParseShape[] = [
  {
    name: "long number",
    unit: "digit",
    units: "digits",
    // Digits, then what the bad-exponent rule (`2e+` with no digit) must look past: the lexer
    // once failed that rule by trying every split of the digits.
    make: (n, choose) => `${repeat(n, () => String(choose(10)))}${pick(choose, ["", ".5", "e-3", "x", " + 1"])}`,
    read: readScalar,
    sizes: doubling(1_000_000, 4),
  },
  {
    name: "typed program",
    unit: "statement",
    units: "statements",
    make: (n, choose) => {
      const statements = ["x: R^3", "W: R^(3x3)"];
      for (let i = 0; i < n; i++) {
        const earlier = i === 0 ? "x" : `a${choose(i)}`;
        statements.push(`a${i} = ${pick(choose, [`${earlier} + x`, `W * ${earlier}`, `2 ${earlier}`, `${earlier} .* x`])}`);
      }
      return `${statements.join(pick(choose, [";\n", "; ", ";\r\n  "]))};\nsum(a${n - 1})`;
    },
    read: readTyped,
    sizes: doubling(1_250, 4),
  },
  {
    name: "power tower",
    unit: "level",
    units: "levels",
    make: (n, choose) => `x${repeat(n, () => pick(choose, ["^x", "^2", "^(y)", "^-x", "**z", "^sin(x)"]))}`,
    read: readScalar,
    // The nesting limit counts each level (a sign and a call one more), so up to half of it.
    sizes: doubling(625, 4),
  },
  {
    name: "matrix literal",
    unit: "entry",
    units: "entries",
    make: (n, choose) => `sum([${repeat(n, () => pick(choose, ["1", "x", "-2", "x^2", "(x+1)"]), ",")}])`,
    read: readTyped,
    sizes: doubling(12_500, 4),
  },
  {
    name: "unary signs",
    unit: "sign",
    units: "signs",
    make: (n, choose) => `${repeat(n, () => pick(choose, ["-", "+", "-"]))}x`,
    read: readScalar,
    // Up to the limit. Near 4,000 signs the parser's states outgrow V8's young generation and
    // each sign costs about 3× more from then on, so over these sizes the exponent reads about
    // 1.8; under node --max-semi-space-size=128 it reads 1.0, and the counted work is 24 Earley
    // states per sign at every size (test/parse/linearity.test.ts).
    sizes: doubling(MAX_NESTING_DEPTH / 8, 4),
  },
  {
    name: "unary signs past the limit (refused)",
    unit: "sign",
    units: "signs",
    make: (n) => `${"-".repeat(n)}x`,
    read: readScalar,
    sizes: doubling(125_000, 4),
  },
  {
    name: "flat sum",
    unit: "term",
    units: "terms",
    make: (n, choose) => repeat(n, () => pick(choose, ["x", "2y", "-x^2", "sin(z)", "x/3", "0x1F"]), pick(choose, [" + ", "-", " - "])),
    read: readScalar,
    sizes: doubling(12_500, 4),
  },
  {
    name: "nested parentheses and calls",
    unit: "level",
    units: "levels",
    make: (n, choose) => {
      const opens = Array.from({ length: n }, () => pick(choose, ["(", "sin(", "(1+", "exp(-"]));
      return `${opens.join("")}x${")".repeat(n)}`;
    },
    read: readScalar,
    sizes: doubling(MAX_NESTING_DEPTH / 16, 4),
  },
];

/** The growth exponent: the least-squares slope of log(y) against log(n). */
export function growthExponent(points: readonly (readonly [number, number])[]): number {
  const logs = points.map(([n, y]) => [Math.log(n), Math.log(Math.max(y, 1e-9))] as const);
  const meanX = logs.reduce((s, [x]) => s + x, 0) / logs.length;
  const meanY = logs.reduce((s, [, y]) => s + y, 0) / logs.length;
  const sxx = logs.reduce((s, [x]) => s + (x - meanX) ** 2, 0);
  const sxy = logs.reduce((s, [x, y]) => s + (x - meanX) * (y - meanY), 0);
  return sxy / sxx;
}

export interface ShapeTiming {
  readonly shape: ParseShape;
  /** CPU seconds (user + system, best of a few runs) for each size. */
  readonly seconds: readonly (readonly [number, number])[];
  readonly exponent: number;
  readonly runs: number;
}

/** A sample lasts at least this long: short reads are repeated and averaged. */
const SAMPLE_SECONDS = 0.2;

/**
 * Times each shape at its sizes: for one fixed input per size, the best of `runs` samples, each
 * the mean of as many reads as fill SAMPLE_SECONDS. Time is CPU time of this process (garbage
 * collection included), so that other processes on a busy machine disturb it less than they
 * would wall-clock time.
 */
export function timeParseShapes(shapes: readonly ParseShape[] = PARSE_SHAPES, runs = 3, progress: (line: string) => void = () => undefined): ShapeTiming[] {
  return shapes.map((shape) => {
    shape.read(shape.make(shape.sizes[0], seededChoose(0))); // warm-up: compile the reader's code first
    const seconds = shape.sizes.map((n) => {
      const text = shape.make(n, seededChoose(n));
      let best = Infinity;
      for (let run = 0; run < runs; run++) {
        const start = cpuSeconds();
        let reads = 0;
        do {
          shape.read(text);
          reads++;
        } while (cpuSeconds() - start < SAMPLE_SECONDS);
        best = Math.min(best, (cpuSeconds() - start) / reads);
      }
      progress(`${shape.name}: ${n} ${shape.units} in ${best.toFixed(4)} s`);
      return [n, best] as const;
    });
    return { shape, seconds, exponent: growthExponent(seconds), runs };
  });
}

/** A deterministic `choose` from a seed. */
export function seededChoose(seed: number): Choose {
  const random = mulberry32(seed);
  return (k) => Math.floor(random() * k);
}

/** The report: one table per shape, its exponent, and whether that is linear. */
export function formatParseScaling(timings: readonly ShapeTiming[]): string {
  const lines: string[] = [];
  for (const { shape, seconds, exponent, runs } of timings) {
    lines.push(`${shape.name} (size in ${shape.units}; CPU seconds, best of ${runs})`);
    for (const [n, s] of seconds) lines.push(`  ${String(n).padStart(9)}  ${s.toFixed(4).padStart(8)} s  ${((s / n) * 1e6).toFixed(2).padStart(8)} µs per ${shape.unit}`);
    // A busy machine blurs the fit; 1.25 separates linear from n log n poorly but from
    // quadratic (2) clearly.
    lines.push(`  growth exponent ${exponent.toFixed(2)}: ${exponent < 1.25 ? "linear" : "NOT linear"}`);
  }
  return lines.join("\n");
}
