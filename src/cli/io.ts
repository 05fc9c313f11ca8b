// What a command may do to the outside world, so the CLI runs in-process in tests.
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import type { ProgressListener } from "../util/budget.js";

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Shows a long computation's progress (on a terminal's stderr); absent: not shown. */
  readonly progress?: ProgressListener;
  /** Removes the progress line, if one is shown. */
  endProgress?(): void;
  /** The terminal's width, when stdout is one; tables fit it (else 100 columns), --wide shows all. */
  readonly columns?: number;
}

/** Exit codes: 0 success, 1 a negative verdict (e.g. a wrong answer), 2 bad input or past a size or time limit, 3 a bug. */
export const EXIT = { ok: 0, negative: 1, badInput: 2, internal: 3 } as const;

/** Bad command-line input: reported as a plain message with exit code 2. */
export class UsageError extends Error {
  constructor(message: string, readonly hint?: string) {
    super(message);
    this.name = "UsageError";
  }
}

export function processIo(): Io {
  // A reader that stopped reading (diffscope … | head) is not an error: stop quietly, as Unix tools do.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
  const io: Io = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    columns: process.stdout.isTTY ? process.stdout.columns : undefined,
  };
  // Progress only on a terminal: a redirected stderr (a log, a test) gets messages, not a ticker.
  if (!process.stderr.isTTY) return io;
  let shown = false;
  return {
    ...io,
    progress({ label, done, total, elapsedMs }) {
      shown = true;
      const of = total === undefined ? "" : ` of ${total} (${Math.floor((100 * done) / total)}%)`;
      process.stderr.write(`\r\x1b[K${label}: ${done}${of}, ${(elapsedMs / 1000).toFixed(1)} s`);
    },
    endProgress() {
      if (shown) process.stderr.write("\r\x1b[K");
      shown = false;
    },
  };
}

/** Files a command reads (batch files, --at-file) are refused past this size: 10 MiB. */
export const MAX_INPUT_FILE_BYTES = 10 * 1024 * 1024;

/**
 * The text of `path`, read in chunks and stopped one byte past `limit`, so /dev/zero, an endless
 * pipe or a huge file is refused (UsageError with the size and the limit) without being held in
 * memory. Node's own error (ENOENT, EISDIR, …) is left to the caller to word.
 */
export function readCappedFile(path: string, what: string, limit = MAX_INPUT_FILE_BYTES): string {
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd);
    const chunks: Buffer[] = [];
    let total = 0;
    const chunk = Buffer.alloc(Math.min(limit + 1, 1 << 20));
    for (;;) {
      const read = readSync(fd, chunk, 0, Math.min(chunk.length, limit + 1 - total), null);
      if (read === 0) break;
      chunks.push(Buffer.from(chunk.subarray(0, read)));
      total += read;
      if (total > limit) {
        const figure = size.isFile()
          ? `is ${formatBytes(size.size)}; the limit is ${formatBytes(limit)}`
          : `holds more than the limit of ${formatBytes(limit)}; reading stopped there`;
        throw new UsageError(`${what} ${figure}`, "split it into smaller files");
      }
    }
    return Buffer.concat(chunks, total).toString("utf8");
  } finally {
    closeSync(fd);
  }
}

/** 11000000 bytes → "10.5 MiB (11,000,000 bytes)". */
function formatBytes(bytes: number): string {
  const mib = Number((bytes / (1024 * 1024)).toFixed(1));
  return `${mib} MiB (${bytes.toLocaleString("en-US")} bytes)`;
}
