// Runs a CLI command in the page, capturing its --json: the page shows exactly what the CLI prints.
import type { Command } from "../../src/cli/command.js";
import { deriveCommand } from "../../src/cli/commands/derive.js";
import { gradCommand } from "../../src/cli/commands/grad.js";
import { checkCommand } from "../../src/cli/commands/check.js";
import { traceCommand } from "../../src/cli/commands/trace.js";
import { InputParseError } from "../../src/cli/args.js";

const COMMANDS: readonly Command[] = [deriveCommand, gradCommand, checkCommand, traceCommand];

export type CliResult = { ok: true; exit: number; json: unknown } | { ok: false; message: string };

export async function runCli(args: readonly string[]): Promise<CliResult> {
  const command = COMMANDS.find((c) => c.name === args[0]);
  if (command === undefined) return { ok: false, message: `no command ${args[0]}` };
  let out = "";
  let err = "";
  try {
    const exit = await command.run(args.slice(1), { stdout: (t) => { out += t; }, stderr: (t) => { err += t; } });
    return { ok: true, exit, json: JSON.parse(out) as unknown };
  } catch (error) {
    // As the CLI's reportError: a parse error with its line:col and caret.
    if (error instanceof InputParseError) return { ok: false, message: `error in the ${error.what}: ${error.parseError.render(error.source)}` };
    const hint = (error as { hint?: string }).hint;
    return { ok: false, message: `error: ${(error as Error).message}${hint ? `\n${hint}` : ""}${err}` };
  }
}
