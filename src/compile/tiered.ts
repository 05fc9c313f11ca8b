// Compiled where it pays off. Compiling costs far more than one interpreted gradient, so a
// prepared gradient starts on the interpreter and switches to generated code once the time it
// has spent interpreting reaches the predicted compile time (the ski-rental rule: never worse
// than twice the better choice made in hindsight). Already-compiled code (the cache) is used
// at once. `path` says which one the last `at` ran.
import type { Expr } from "../ast/expr.js";
import { dagSize } from "../ast/walk.js";
import type { Point } from "../eval/evaluate.js";
import { getDifferentiator } from "../diff/registry.js";
import {
  type Differentiator, type GradientOptions, type GradientResult, type MethodName, type PreparedGradient,
} from "../diff/types.js";
import { isReverseCompiled, prepareCompiledReverse } from "./reverse.js";
import { isSymbolicCompiled, prepareCompiledSymbolic } from "./symbolic.js";

export interface TieredPreparedGradient extends PreparedGradient {
  readonly path: "compiled" | "interpreted";
  /** Interpreted time after which it compiles (milliseconds, predicted from the graph size). */
  readonly compileAfterMs: number;
}

/** Observed compile cost per graph node, refined by every compile (starts from a measurement on a 2-core machine). */
let compileMsPerNode = 0.01;

function recordCompile(ms: number, nodes: number): void {
  if (nodes > 100) compileMsPerNode = 0.5 * compileMsPerNode + 0.5 * (ms / nodes);
}

type CompilableMethod = "reverse" | "symbolic";

function compiledPrepare(method: CompilableMethod, f: Expr, wrt: readonly string[], options?: GradientOptions): PreparedGradient {
  return method === "reverse" ? prepareCompiledReverse(f, wrt) : prepareCompiledSymbolic(f, wrt, { mode: options?.symbolicMode });
}

function isCompiled(method: CompilableMethod, f: Expr, wrt: readonly string[], options?: GradientOptions): boolean {
  return method === "reverse" ? isReverseCompiled(f, wrt) : isSymbolicCompiled(f, wrt, options?.symbolicMode);
}

export function prepareTiered(method: CompilableMethod, f: Expr, wrt: readonly string[], options?: GradientOptions): TieredPreparedGradient {
  let compiled: PreparedGradient | undefined = isCompiled(method, f, wrt, options)
    ? compiledPrepare(method, f, wrt, options)
    : undefined;
  // Set up the interpreter only when the compiled code is not there yet.
  const interpreted = compiled === undefined ? getDifferentiator(method).prepare(f, wrt, options) : undefined;
  const nodes = dagSize(f);
  const compileAfterMs = nodes * compileMsPerNode;
  let interpretedMs = 0;
  let lastPath: "compiled" | "interpreted" = compiled?.path ?? "interpreted";
  return {
    setupCost: (compiled ?? (interpreted as PreparedGradient)).setupCost,
    compileAfterMs,
    get path() {
      return lastPath;
    },
    at(point: Point): GradientResult {
      if (compiled === undefined && interpretedMs >= compileAfterMs) {
        const started = performance.now();
        compiled = compiledPrepare(method, f, wrt, options);
        recordCompile(performance.now() - started, nodes);
      }
      if (compiled !== undefined) {
        lastPath = compiled.path ?? "interpreted";
        return compiled.at(point);
      }
      const started = performance.now();
      const result = (interpreted as PreparedGradient).at(point);
      interpretedMs += performance.now() - started;
      lastPath = "interpreted";
      return result;
    },
  };
}

function tiered(method: CompilableMethod): Differentiator {
  const base = getDifferentiator(method);
  return {
    method,
    description: `${base.description} (compiled to JavaScript once repeated use pays for it)`,
    prepare: (f, wrt, options) => prepareTiered(method, f, wrt, options),
    // A single gradient never pays for compiling, unless the code is already cached.
    gradient: (f, at, wrt, options) => prepareTiered(method, f, wrt, options).at(at),
  };
}

const TIERED: Readonly<Partial<Record<MethodName, Differentiator>>> = {
  reverse: tiered("reverse"),
  symbolic: tiered("symbolic"),
};

/**
 * The differentiator to use for `method`: symbolic and reverse mode compile their code once
 * repeated evaluation pays for it (PreparedGradient.path tells which ran); finite differences
 * and forward mode are the registry's.
 */
export function preferredDifferentiator(method: MethodName): Differentiator {
  return TIERED[method] ?? getDifferentiator(method);
}
