// Reverse mode compiled: the tape's forward and adjoint sweeps as generated straight-line
// code (see tape.ts), bit-identical to the interpreted tape and several times faster once
// warm. Falls back to the interpreted tape, and says so, when a graph is too big to compile.
import type { Expr } from "../ast/expr.js";
import type { Point } from "../eval/evaluate.js";
import { attachDiagnostics } from "../diff/diagnostics.js";
import { prepareReverse } from "../diff/reverse/differentiator.js";
import { Tape } from "../diff/reverse/tape.js";
import {
  emptyGradient, zeroCost, type Differentiator, type GradientResult, type PreparedGradient,
} from "../diff/types.js";
import { cached, isCached } from "./cache.js";
import type { EvaluationPath } from "./expr.js";
import type { InputLayout } from "../graph/graph.js";
import { readInputs } from "../graph/inputs.js";
import type { LinkOptions, ProgramRunner } from "./program.js";
import { linkTapeProgram } from "./tape.js";

export interface CompiledGradientKernel {
  readonly layout: InputLayout;
  /** Differentiated variables in result order. */
  readonly gradientNames: readonly string[];
  /** Fills results: [0] = f, [1 + k] = ∂f/∂gradientNames[k]. Inputs in layout order. */
  readonly run: ProgramRunner;
  readonly chunks: number;
  readonly source: string;
  readonly operations: number;
}

export interface CompiledPreparedGradient extends PreparedGradient {
  readonly path: EvaluationPath;
  readonly fallbackReason?: string;
  readonly tape: Tape;
  /** The array-level kernel (absent when interpreted), for callers that keep inputs in arrays. */
  readonly kernel?: CompiledGradientKernel;
}

/** Compiles the tape of f for wrt; undefined with a reason when it stays interpreted. */
export function compileGradientKernel(
  tape: Tape, f: Expr, options: LinkOptions = {},
): { kernel: CompiledGradientKernel } | { reason: string } {
  const { program, linked } = linkTapeProgram(tape, options);
  if (linked.path === "interpreted") return { reason: linked.reason };
  return {
    kernel: {
      layout: tape.graph,
      gradientNames: program.gradientNames,
      run: linked.run,
      chunks: linked.chunks,
      get source() {
        return linked.source;
      },
      operations: program.operations,
    },
  };
}

function prepareUncached(f: Expr, wrt: readonly string[], options: LinkOptions): CompiledPreparedGradient {
  const tape = Tape.record(f, wrt);
  const compiled = compileGradientKernel(tape, f, options);
  if ("reason" in compiled) {
    const interpreted = prepareReverse(f, wrt);
    return { setupCost: interpreted.setupCost, at: interpreted.at, tape, path: "interpreted", fallbackReason: compiled.reason };
  }
  const { kernel } = compiled;
  const results = new Float64Array(kernel.gradientNames.length + 1);
  const cost = { ...zeroCost(), operations: kernel.operations, functionEvaluations: 1, passes: 2, tapeEntries: tape.length };
  return {
    setupCost: { ...zeroCost(), tapeEntries: tape.length },
    tape,
    path: "compiled",
    kernel,
    at(point: Point): GradientResult {
      kernel.run(readInputs(kernel.layout, point), results);
      const gradient = emptyGradient();
      kernel.gradientNames.forEach((name, k) => (gradient[name] = results[k + 1]));
      return attachDiagnostics({ method: "reverse" as const, value: results[0], gradient, cost: { ...cost } }, f, point);
    },
  };
}

const cacheKind = (options: LinkOptions) => `reverse|${options.statementsPerChunk ?? ""}|${options.maxStatements ?? ""}`;

/** Reverse mode on compiled code for f and wrt, compiled once per (f, wrt) and cached. */
export function prepareCompiledReverse(f: Expr, wrt: readonly string[], options: LinkOptions = {}): CompiledPreparedGradient {
  return cached(f, cacheKind(options), wrt, () => prepareUncached(f, wrt, options));
}

/** Whether prepareCompiledReverse(f, wrt) would return already-compiled code. */
export function isReverseCompiled(f: Expr, wrt: readonly string[]): boolean {
  return isCached(f, cacheKind({}), wrt);
}

export const compiledReverseDifferentiator: Differentiator = {
  method: "reverse",
  description: "reverse mode, compiled: the tape's forward and adjoint sweeps as generated straight-line JavaScript",
  prepare: (f, wrt) => prepareCompiledReverse(f, wrt),
  gradient: (f, at, wrt) => prepareCompiledReverse(f, wrt).at(at),
};
