// The ParseError a reader throws, for tests that check what a person is told.
import { ParseError } from "../../src/parse/errors.js";

/** The ParseError that `read` throws; any other error is rethrown, and no error fails the test. */
export function parseErrorOf(read: () => unknown): ParseError {
  try {
    read();
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error("expected a ParseError, but the input was read");
}
