// diffscope's command line: dispatch, --help, and the mapping of errors to exit codes.
import { MissingVariableError } from "../eval/evaluate.js";
import { ParseError } from "../parse/parse.js";
import { ExpressionTooLargeError } from "../print/text.js";
import { InputParseError } from "./args.js";
import { MatrixFormError } from "../typed/vjp.js";
import { DerivationBudgetExceeded } from "../diff/symbolic/budget.js";
import { CostLimitError, setProgressListener } from "../util/budget.js";
import type { Command } from "./command.js";
import { COMMANDS } from "./commands/index.js";
import { toJson } from "./format.js";
import { EXIT, UsageError, type Io } from "./io.js";
import { editDistance } from "../util/edit-distance.js";

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    "diffscope — differentiate expressions four ways (symbolic, finite differences, forward, reverse)",
    "",
    "usage: diffscope <command> [options]",
    "",
    "commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Run `diffscope <command> --help` for a command's options.",
    "Exit codes: 0 success, 1 a negative verdict (e.g. a wrong answer), 2 bad input or past a size or time limit, 3 a bug.",
  ].join("\n");
}

export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    const topic = name === "help" ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    if (name === "help" && rest[0] !== undefined && topic === undefined) {
      io.stderr(`error: no command "${rest[0]}" to show help for\ncommands: ${COMMANDS.map((c) => c.name).join(", ")}\n`);
      return EXIT.badInput;
    }
    io.stdout(`${topic ? topic.help : overview()}\n`);
    return EXIT.ok;
  }
  if (name === "--version") {
    io.stdout("diffscope 0.1.0\n");
    return EXIT.ok;
  }
  const command: Command | undefined = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    const close = COMMANDS.filter((c) => editDistance(c.name, name) <= 2).map((c) => c.name);
    const guess = close.length > 0 ? ` (did you mean ${close.join(" or ")}?)` : "";
    const error = new UsageError(`unknown command "${name}"${guess}`, `commands: ${COMMANDS.map((c) => c.name).join(", ")}`);
    return wantsJson(rest) ? reportErrorAsJson(error, io) : reportError(error, io);
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout(`${command.help}\n`);
    return EXIT.ok;
  }
  // Long computations report progress to a terminal's stderr, never with --json.
  const previous = setProgressListener(rest.includes("--json") ? undefined : io.progress);
  try {
    return await command.run(rest, io);
  } catch (error) {
    io.endProgress?.();
    return wantsJson(rest) ? reportErrorAsJson(error, io) : reportError(error, io);
  } finally {
    io.endProgress?.();
    setProgressListener(previous);
  }
}

/** --json among the options (not after "--", where it would be an expression). */
function wantsJson(args: readonly string[]): boolean {
  const end = args.indexOf("--");
  return (end < 0 ? args : args.slice(0, end)).includes("--json");
}

/**
 * With --json an error is JSON too, on stdout where the report would have been:
 * {"error": {"message", "details"?, "line"?, "column"?, "offending"?, "expected"?, "exitCode"}};
 * the message is reportError's, word for word.
 */
function reportErrorAsJson(error: unknown, io: Io): number {
  let text = "";
  const exitCode = reportError(error, { stdout: io.stdout, stderr: (t) => (text += t) });
  const [first, ...rest] = text.replace(/\n$/, "").split("\n");
  const message = first.replace(/^error: /, "");
  const parseError = error instanceof InputParseError ? error.parseError : error instanceof ParseError ? error : undefined;
  // Where text was misread, the place and what would have been accepted, as fields.
  const where = parseError && { line: parseError.line, column: parseError.column, offending: parseError.offending, expected: parseError.expected };
  io.stdout(`${toJson({ error: { message, ...(rest.length > 0 ? { details: rest.join("\n") } : {}), ...where, exitCode } })}\n`);
  return exitCode;
}

/** Bad input gets a message and exit 2; anything else is a bug in diffscope (exit 3). */
function reportError(error: unknown, io: Io): number {
  if (error instanceof InputParseError) {
    io.stderr(`error in the ${error.what}: ${error.parseError.render(error.source)}\n`);
    return EXIT.badInput;
  }
  if (error instanceof ParseError) {
    io.stderr(`error: ${error.message}\n`);
    return EXIT.badInput;
  }
  if (error instanceof UsageError) {
    io.stderr(`error: ${error.message}\n${error.hint ? `${error.hint}\n` : ""}`);
    return EXIT.badInput;
  }
  if (error instanceof MissingVariableError || error instanceof ExpressionTooLargeError || error instanceof MatrixFormError) {
    io.stderr(`error: ${error.message}\n`);
    return EXIT.badInput;
  }
  // Size refusals: a computation past its budget, or refused before it started (with its figure).
  if (error instanceof CostLimitError) {
    io.stderr(`error: ${error.message}\n${error.hint ? `${error.hint}\n` : ""}`);
    return EXIT.badInput;
  }
  if (error instanceof DerivationBudgetExceeded) {
    io.stderr(`error: ${error.message}\ntry --mode shared, or a smaller expression\n`);
    return EXIT.badInput;
  }
  // Printing or differentiating a typed expression thousands of levels deep exhausts the stack.
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    io.stderr("error: the expression is too deeply nested to process (the call stack ran out)\n");
    return EXIT.badInput;
  }
  // A size no limit above caught (each known cause refuses with its figure before this happens).
  if (error instanceof RangeError && /invalid (string|array|typed array) length/i.test(error.message)) {
    io.stderr(`error: the result is too large to hold (${error.message}); try a smaller input\n`);
    return EXIT.badInput;
  }
  const detail = error instanceof Error ? (process.env.DIFFSCOPE_DEBUG ? error.stack : error.message) : String(error);
  io.stderr(`internal error (a bug in diffscope, please report it): ${detail}\n`);
  return EXIT.internal;
}
