// Whether the sheet and program readers read sums over an index (Σ_j, \sum_j, sum_j) yet: they
// are being added, and the tests that need them switch on by themselves once they read.
import { readForwardProgram } from "../../src/check/backward/forward.js";
import { judgeSheet } from "../../src/check/backward/judge.js";
import { ParseError } from "../../src/parse/errors.js";

/** Whether a program and a sheet line with Σ are read (any verdict); another error is a bug and is thrown. */
export const SUMS_READ = ((): boolean => {
  try {
    judgeSheet(readForwardProgram("x ∈ ℝ^2; J = \\sum_i x_i x_i"), "dJ/dx_i = \\sum_j x_j");
    return true;
  } catch (error) {
    if (error instanceof ParseError) return false;
    throw error;
  }
})();

/** A program's or sheet's text without its # comment lines. */
export const withoutComments = (text: string): string => text.split("\n").filter((line) => !line.trimStart().startsWith("#")).join("\n");

/** Whether a program or sheet writes a sum over an index (outside its # comments). */
export const usesIndexSums = (text: string): boolean => /\\sum|Σ|∑|\bsum_/.test(withoutComments(text));
