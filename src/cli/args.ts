// Command-line argument helpers: node:util parseArgs with our error type, and --at points.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { topologicalOrder } from "../ast/walk.js";
import { evaluate } from "../eval/evaluate.js";
import { parse, ParseError } from "../parse/parse.js";
import { UsageError } from "./io.js";

export type OptionSpec = NonNullable<ParseArgsConfig["options"]>;

export interface ParsedArgs {
  readonly values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  readonly positionals: string[];
}

export function parseCommandArgs(argv: readonly string[], options: OptionSpec, command: string): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
    return { values: values as ParsedArgs["values"], positionals };
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/^TypeError \[\w+\]: /, "") : String(error);
    throw new UsageError(`${command}: ${message}`, `see: diffscope ${command} --help`);
  }
}

export function stringOption(values: ParsedArgs["values"], name: string): string | undefined {
  const v = values[name];
  return typeof v === "string" ? v : undefined;
}

export function stringListOption(values: ParsedArgs["values"], name: string): string[] {
  const v = values[name];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === "string");
  return typeof v === "string" ? [v] : [];
}

/** Parses the one expression argument of a command, labelling errors with what it was. */
export function parseExpressionArg(text: string | undefined, command: string, what = "expression"): ReturnType<typeof parse> {
  if (text === undefined || text.trim() === "") {
    throw new UsageError(`${command}: missing the ${what} to work on`, `e.g. diffscope ${command} "sin(x^2)"`);
  }
  try {
    return parse(text);
  } catch (error) {
    if (error instanceof ParseError) throw new InputParseError(what, error, text);
    throw error;
  }
}

/** A parse error in a named input (the expression, the answer, a --at value). */
export class InputParseError extends Error {
  constructor(readonly what: string, readonly parseError: ParseError, readonly source: string) {
    super(`could not read the ${what}: ${parseError.message}`);
    this.name = "InputParseError";
  }
}

/**
 * Parses `--at x=2,z=3` (values may be constant expressions like pi/4 or -1e-3) into a Map,
 * so any variable name, even `__proto__`, is an ordinary key.
 */
export function parsePoint(text: string | undefined, command: string): Map<string, number> {
  const point = new Map<string, number>();
  if (text === undefined) return point;
  const example = `e.g. --at x=2,z=3`;
  for (const rawPart of text.split(",")) {
    const part = rawPart.trim();
    if (part === "") continue;
    const eq = part.indexOf("=");
    if (eq <= 0) throw new UsageError(`${command}: --at expects name=value pairs, got "${part}"`, example);
    const name = part.slice(0, eq).trim();
    const valueText = part.slice(eq + 1).trim();
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      throw new UsageError(`${command}: --at: "${name}" is not a variable name (letters, digits and _)`, example);
    }
    if (point.has(name)) throw new UsageError(`${command}: --at gives ${name} twice`, example);
    point.set(name, constantValue(valueText, name, command));
  }
  return point;
}

function constantValue(text: string, name: string, command: string): number {
  if (text === "") throw new UsageError(`${command}: --at ${name}= has no value`, `e.g. --at ${name}=2`);
  let expr;
  try {
    expr = parse(text);
  } catch (error) {
    if (error instanceof ParseError) throw new InputParseError(`value of ${name} in --at`, error, text);
    throw error;
  }
  if (topologicalOrder(expr).some((n) => n.kind === "var")) {
    throw new UsageError(`${command}: --at ${name}=${text}: a value must be a number or constant expression (like pi/4)`);
  }
  return evaluate(expr, new Map());
}
