// What a command may do to the outside world, so the CLI runs in-process in tests.
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Exit codes: 0 success, 1 a negative verdict (e.g. a wrong answer), 2 bad input. */
export const EXIT = { ok: 0, negative: 1, badInput: 2, internal: 3 } as const;

/** Bad command-line input: reported as a plain message with exit code 2. */
export class UsageError extends Error {
  constructor(message: string, readonly hint?: string) {
    super(message);
    this.name = "UsageError";
  }
}

export function processIo(): Io {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  };
}
