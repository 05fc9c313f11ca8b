// Command-line argument helpers: node:util parseArgs with our error type, and --at points.
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { Expr } from "../ast/expr.js";
import { topologicalOrder, variablesOf } from "../ast/walk.js";
import { evaluate } from "../eval/evaluate.js";
import { notAVariable } from "../ops/names.js";
import type { NamedTexts } from "../check/problem.js";
import { canonicalVariableName, parse, ParseError, readExpression, type Reading, type ReadContext } from "../parse/parse.js";
import { UsageError, type Io } from "./io.js";
import { editDistance } from "../util/edit-distance.js";

export type OptionSpec = NonNullable<ParseArgsConfig["options"]>;

export interface ParsedArgs {
  readonly values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  readonly positionals: string[];
}

/**
 * Parses a command's arguments strictly. Before node:util parseArgs sees them, tokens are
 * sorted into options and positionals, so an expression or value that starts with a minus
 * (`grad -x^2 --at x=1`, `--order -1`, `--answer -sin(x)`) is read as what it is rather
 * than as an unknown short option; a string option given twice is an error, not "last wins".
 */
export function parseCommandArgs(argv: readonly string[], options: OptionSpec, command: string): ParsedArgs {
  const see = `see: diffscope ${command} --help`;
  const known = Object.keys(options).map((name) => `--${name}`).join(", ");
  const optionTokens: string[] = [];
  const positionals: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!token.startsWith("--")) {
      // No command has short options (-h is handled before): "-x^2" is an expression.
      positionals.push(token);
      continue;
    }
    const eq = token.indexOf("=");
    const name = token.slice(2, eq < 0 ? undefined : eq);
    const spec = Object.hasOwn(options, name) ? options[name] : undefined;
    if (spec === undefined) {
      const close = Object.keys(options).filter((o) => editDistance(o, name) <= 2);
      const looksLikeOption = /^[A-Za-z][A-Za-z0-9-]*$/.test(name);
      const shown = shortened(token);
      throw new UsageError(
        `${command}: unknown option ${shown}${close.length > 0 ? ` (did you mean ${close.map((o) => `--${o}`).join(" or ")}?)` : ""}`,
        `options of ${command}: ${known || "(none)"}` +
          (looksLikeOption ? "" : `\nan expression that starts with "--" goes last, after "--": diffscope ${command} [options] -- "${shown}"`),
      );
    }
    if (!spec.multiple && seen.has(name)) throw new UsageError(`${command}: --${name} is given twice`, see);
    seen.add(name);
    if (spec.type === "boolean") {
      if (eq >= 0) throw new UsageError(`${command}: --${name} takes no value (got "${token.slice(eq + 1)}")`, see);
      optionTokens.push(token);
    } else if (eq >= 0) {
      optionTokens.push(token);
    } else if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) {
      optionTokens.push(`${token}=${argv[++i]}`);
    } else {
      throw new UsageError(`${command}: --${name} needs a value`, see);
    }
  }
  try {
    const { values } = parseArgs({ args: optionTokens, options, allowPositionals: false, strict: true });
    return { values: values as ParsedArgs["values"], positionals };
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/^TypeError \[\w+\]: /, "") : String(error);
    throw new UsageError(`${command}: ${message}`, see);
  }
}

/** An argument as echoed in a message: long ones (a 100 KB expression) cut short. */
const shortened = (text: string): string => (text.length > 60 ? `${text.slice(0, 57)}…` : text);

/** At most `max` positional arguments (the expression, or none). */
export function expectPositionals(positionals: readonly string[], max: number, command: string, what = "expression"): void {
  if (positionals.length <= max) return;
  throw new UsageError(
    max === 0
      ? `${command}: unexpected argument "${shortened(positionals[0])}"`
      : `${command}: one ${what} expected, got ${positionals.length} arguments (${positionals.map((p) => `"${shortened(p)}"`).join(" ")}); quote an expression that contains spaces`,
    `see: diffscope ${command} --help`,
  );
}

export { notAVariable };


/** `--wrt x,z`: a comma list of variable names, no empty entries, no repeats. */
export function wrtOption(text: string | undefined, command: string): string[] | undefined {
  if (text === undefined) return undefined;
  const names = text.split(",").map((s) => canonicalVariableName(s.trim()));
  if (names.length === 1 && names[0] === "") throw new UsageError(`${command}: --wrt names no variable`, "e.g. --wrt x,z");
  for (const name of names) {
    if (name === "") throw new UsageError(`${command}: --wrt ${text}: an empty entry between commas`, "e.g. --wrt x,z");
    const problem = notAVariable(name);
    if (problem !== undefined) throw new UsageError(`${command}: --wrt: ${problem}`, "e.g. --wrt x,z");
  }
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated !== undefined) throw new UsageError(`${command}: --wrt names ${repeated} twice`);
  return names;
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
  return readExpressionArg(text, command, what).expr;
}

/** Reads an expression argument and says how it was read; errors are labelled with what it was. */
export function readExpressionArg(text: string | undefined, command: string, what = "expression", context?: ReadContext): Reading {
  if (text === undefined || text.trim() === "") {
    throw new UsageError(
      `${command}: ${text === undefined ? "missing" : "empty"} ${what}`,
      what === "expression" ? `e.g. diffscope ${command} "sin(x^2)"` : `see: diffscope ${command} --help`,
    );
  }
  try {
    return readExpression(text, context);
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
/**
 * `--at x=2,z=3` split into name/value pairs; pairs given as such (a batch file's map) are
 * taken as they are, never joined and re-split.
 */
export function parsePoint(at: string | NamedTexts | undefined, command: string): Map<string, number> {
  const point = new Map<string, number>();
  if (at === undefined) return point;
  const example = `e.g. --at x=2,z=3`;
  for (const [written, valueText] of typeof at === "string" ? namedParts(at, at.split(","), command, "--at", example) : at) {
    const name = canonicalVariableName(written);
    const problem = notAVariable(name);
    if (problem !== undefined) throw new UsageError(`${command}: --at: ${problem}`, example);
    if (point.has(name)) throw new UsageError(`${command}: --at gives ${name} twice`, example);
    point.set(name, constantValue(valueText, name, command));
  }
  return point;
}

/** "a=1, b=2" cut at `parts` into trimmed [name, text] pairs, or a UsageError for an entry that is not name=text. */
export function namedParts(text: string, parts: readonly string[], command: string, option: string, example: string): [string, string][] {
  if (text.trim() === "") throw new UsageError(`${command}: ${option} is empty`, example);
  return parts.map((rawPart) => {
    const part = rawPart.trim();
    if (part === "") throw new UsageError(`${command}: ${option} ${text}: an empty entry between commas`, example);
    const eq = part.indexOf("=");
    if (eq <= 0) throw new UsageError(`${command}: ${option} expects name=value pairs, got "${part}"`, example);
    return [part.slice(0, eq).trim(), part.slice(eq + 1).trim()];
  });
}

/** A number or constant expression (pi/4) given for `name` with `option` (--at, --value). */
export function constantValue(text: string, name: string, command: string, option = "--at"): number {
  if (text === "") throw new UsageError(`${command}: ${option} ${name}= has no value`, `e.g. ${option} ${name}=2`);
  let expr;
  try {
    expr = parse(text);
  } catch (error) {
    if (error instanceof ParseError) throw new InputParseError(`value of ${name} in ${option}`, error, text);
    throw error;
  }
  if (topologicalOrder(expr).some((n) => n.kind === "var")) {
    throw new UsageError(`${command}: ${option} ${name}=${text}: a value must be a number or constant expression (like pi/4)`);
  }
  const value = evaluate(expr, new Map());
  if (!Number.isFinite(value)) throw new UsageError(`${command}: ${option} ${name}=${text} is ${value}, not a finite number`);
  return value;
}

/**
 * A note (on stderr, so the result on stdout stays as it is) for --at names the expression does
 * not use: a typo (`--at xx=1`) would otherwise go unseen. Names in `used` (grad's --wrt) count as used.
 */
export function noteUnusedPoint(point: ReadonlyMap<string, number>, expr: Expr, command: string, io: Pick<Io, "stderr">, used: readonly string[] = []): void {
  const own = new Set([...variablesOf(expr), ...used]);
  const unused = [...point.keys()].filter((name) => !own.has(name));
  if (unused.length === 0) return;
  const names = unused.join(", ");
  io.stderr(`${command}: note: --at gives ${names}, which the expression does not use (its variables: ${[...variablesOf(expr)].join(", ") || "none"})\n`);
}
