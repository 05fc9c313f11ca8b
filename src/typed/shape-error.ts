// The error a typed node's shape rule raises, and where in the source the operator stood.

/** Where an operator was typed: 0-based offset, 1-based line and column, and its length. */
export interface SourceSpan {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  readonly length: number;
}

/** Operands that do not fit an operator; `at` is the operator's position when parsed from text. */
export class ShapeError extends Error {
  constructor(readonly reason: string, readonly at?: SourceSpan, readonly hint?: string) {
    super(reason + (hint !== undefined ? `; ${hint}` : ""));
    this.name = "ShapeError";
  }
}
