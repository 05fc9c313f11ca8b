// Compiled evaluation and gradients: generated straight-line JavaScript, bit-identical to the
// interpreters, chunked for graphs of any size, cached per expression.
export { numberLiteral } from "./literal.js";
export { INLINE_MATH, type OpEval } from "./op-code.js";
export { buildGraph, readInputs, type Graph, type InputLayout } from "../graph/index.js";
export {
  linkProgram, DEFAULT_MAX_STATEMENTS, DEFAULT_STATEMENTS_PER_CHUNK,
  type LinkOptions, type LinkResult, type ProgramRunner, type StraightLineProgram,
} from "./program.js";
export { compileExprs, exprsProgram, type CompiledExprs, type EvaluationPath } from "./expr.js";
export { tapeProgram, type TapeProgram } from "./tape.js";
export {
  compileGradientKernel, compiledReverseDifferentiator, isReverseCompiled, prepareCompiledReverse,
  type CompiledGradientKernel, type CompiledPreparedGradient,
} from "./reverse.js";
export {
  compiledSymbolicDifferentiator, isSymbolicCompiled, prepareCompiledSymbolic, type CompiledSymbolicGradient,
} from "./symbolic.js";
export { preferredDifferentiator, prepareTiered, type TieredPreparedGradient } from "./tiered.js";
export {
  compileCacheCapacity, compileCacheSize, setCompileCacheCapacity, DEFAULT_COMPILE_CACHE_CAPACITY,
} from "./cache.js";
