// How much work the reader has done, for tests that parsing stays linear in its input: they
// read inputs of growing size and check that these counts grow in proportion, instead of
// timing anything. Counting costs an addition per step; nothing reads the counts in normal use.

export interface ReaderWork {
  /** Characters scanned: handed to the lexer, or searched for line starts (twice counts twice). */
  characters: number;
  /** Earley states the parser created. */
  states: number;
  /** Items visited by the grammar's postprocessors when they turn lists into arrays or trees. */
  items: number;
}

export const readerWork: ReaderWork = { characters: 0, states: 0, items: 0 };

/** Zeroes the counts (tests call this before the input they measure). */
export function resetReaderWork(): void {
  readerWork.characters = 0;
  readerWork.states = 0;
  readerWork.items = 0;
}
