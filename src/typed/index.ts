// Typed expressions: vectors and matrices as the lecture writes them, lowered to scalars.
export { parseTyped } from "./parse.js";
export { bindingNames, type TypedBinding, type TypedProgram } from "./program.js";
export {
  SCALAR, vectorShape, rowShape, matrixShape, rowsOf, colsOf, sizeOf, sameShape, transposeShape,
  formatShape, describeShape, parseShapeSpec, type Shape,
} from "./shape.js";
export {
  tvar, tnum, tliteral, tmap, tmatmul, ttimes, ttranspose, tsum, tdot, tnorm2, tfill,
  childrenOf, typedTopologicalOrder, typedVariablesOf, ShapeError, type TExpr, type SourceSpan,
} from "./texpr.js";
export { lower, lowerAll, lowerScalar, elementName, elementNames, type Lowered } from "./lower.js";
export { flattenPoint, reshape, shapeOfValue, drawValues, ValueShapeError, type TypedValue } from "./values.js";
export { printTyped, type PrintNames } from "./print.js";
export { formatTypedInline, formatTypedBlock } from "./format-value.js";
export { typedAdjoints, matrixGradient, printMatrixGradient, LAYOUT_NOTE } from "./derivative.js";
export { MatrixFormError } from "./vjp.js";
export { simplifyTyped } from "./simplify-typed.js";
export { typedTrace, type TypedTrace, type TypedTraceRow } from "./trace.js";
export { renderTypedTrace } from "./render-trace.js";
export { nameSharedSubexpressions, nameRepeatedQuantities, definitionTexts, whereLines, definitionsHeader, freshName } from "./shared-names.js";
export { printTypedLatex, printMatrixGradientLatex, latexName, LAYOUT_NOTE_LATEX, type PrintGradientLatexOptions } from "./latex.js";
export { gradientPrintout, type GradientPrintout, type PrintGradientOptions } from "./derivative.js";
