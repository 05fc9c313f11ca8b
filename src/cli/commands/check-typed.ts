// `check` with vectors and matrices: answers in matrix form, checked entry by entry.
import type { ProblemSpec } from "../../check/problem.js";
import type { TypedProblemReader } from "../../check/typed.js";
import { ParseError } from "../../parse/parse.js";
import { parseTyped } from "../../typed/parse.js";
import { InputParseError } from "../args.js";
import { parseShapes, wantsTyped } from "../typed-input.js";

/** Reads typed text for a problem; shapes come from --shape or a batch problem's "shape". */
export const typedReader: TypedProblemReader = {
  program(text, what, shapes, context) {
    try {
      return parseTyped(text, parseShapes(shapes, "check"), context);
    } catch (error) {
      if (error instanceof ParseError) throw new InputParseError(what, error, text);
      throw error;
    }
  },
};

/** A problem is typed when it declares shapes or its expression only reads as typed. */
export function isTypedProblem(spec: ProblemSpec): boolean {
  return spec.shapes !== undefined || (spec.expression.trim() !== "" && wantsTyped(spec.expression, {}));
}
