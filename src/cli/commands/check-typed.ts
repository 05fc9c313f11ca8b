// `check` with vectors and matrices: answers in matrix form, checked entry by entry.
import { valueTexts, type ProblemSpec } from "../../check/problem.js";
import type { TypedProblemReader } from "../../check/typed.js";
import { constantValue } from "../args.js";
import { parseShapes, parseTypedAt, readProgram, scalarExpression } from "../typed-input.js";

/** Reads typed text for a problem; shapes come from --shape or a batch problem's "shape". */
export const typedReader: TypedProblemReader = {
  program: (text, what, shapes, context) => readProgram(text, shapes, what, context),
  shapes: (text) => parseShapes(text, "check"),
  point: (text) => parseTypedAt(text, "check"),
  number: (text, wrt) => constantValue(text, wrt, "check", "--value"),
};

/** A problem is typed when it declares shapes or its expression only reads as typed. */
export function isTypedProblem(spec: ProblemSpec): boolean {
  if (spec.shapes !== undefined || valueTexts(spec.at).some((text) => text.includes("[")) || (spec.values ?? []).some((v) => Array.isArray(v.item))) return true;
  return spec.expression.trim() !== "" && scalarExpression(spec.expression, {}, "check") === undefined;
}
