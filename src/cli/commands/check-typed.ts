// `check` with vectors and matrices: answers in matrix form, checked entry by entry.
import type { ProblemSpec } from "../../check/problem.js";
import type { TypedProblemReader } from "../../check/typed.js";
import { parseShapes, readProgram, wantsTyped } from "../typed-input.js";

/** Reads typed text for a problem; shapes come from --shape or a batch problem's "shape". */
export const typedReader: TypedProblemReader = {
  program: (text, what, shapes, context) => readProgram(text, parseShapes(shapes, "check"), what, context),
};

/** A problem is typed when it declares shapes or its expression only reads as typed. */
export function isTypedProblem(spec: ProblemSpec): boolean {
  return spec.shapes !== undefined || (spec.expression.trim() !== "" && wantsTyped(spec.expression, {}));
}
