// The shape every CLI command has.
import type { OptionSpec } from "./args.js";
import type { Io } from "./io.js";

export interface Command {
  readonly name: string;
  readonly summary: string;
  /** Usage lines and option descriptions shown by --help. */
  readonly help: string;
  readonly options: OptionSpec;
  run(argv: readonly string[], io: Io): Promise<number> | number;
}
