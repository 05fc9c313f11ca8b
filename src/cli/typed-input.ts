// Typed input on the command line: --shape x=3,W=3x4, --at with vector and matrix literals
// (x=[1,2,3], W=[1,2;3,4] or W=[[1,2],[3,4]]), --at-file point.json and --seed. A command
// takes the typed path when any of these is given or when its text is typed (a header, a
// transpose, .*, a literal, sum/dot/norm2); plain scalar input keeps the scalar path exactly.
import type { Expr } from "../ast/expr.js";
import { evaluate } from "../eval/evaluate.js";
import { canonicalVariableName, ParseError, readExpression, type Reading } from "../parse/parse.js";
import { lower } from "../typed/lower.js";
import type { TypedProgram } from "../typed/program.js";
import { parseTyped } from "../typed/parse.js";
import { parseShapeSpec, SHAPE_SPEC_HELP, type Shape } from "../typed/shape.js";
import { typedVariablesOf } from "../typed/texpr.js";
import { shapesWithValues } from "../typed/implied.js";
import { drawValues, flattenPoint, fromEntries, shapeOfValue, ValueShapeError, type TypedValue } from "../typed/values.js";
import type { NamedTexts } from "../check/problem.js";
import { InputParseError, namedParts, notAVariable, parseExpressionArg, stringOption, type OptionSpec, type ParsedArgs } from "./args.js";
import { readCappedFile, UsageError } from "./io.js";
import { splitOutsideBrackets } from "../util/split.js";

/** The options every typed-capable command adds. */
export const TYPED_OPTIONS: OptionSpec = {
  shape: { type: "string" },
  "at-file": { type: "string" },
  seed: { type: "string" },
};

export const TYPED_HELP = `  --shape x=3,W=3x4     declare vectors (a length) and matrices (rows x columns); or declare them
                        in the text: "x: R^3; W: R^(3x4); sum(sigmoid(W' * x))"
  --at W=[1,2;3,4]      vector and matrix values inline: x=[1,2,3], W=[1,2;3,4] or W=[[1,2],[3,4]]
  --at-file FILE.json   values as JSON: {"x": [1, 2, 3], "W": [[1, 2], [3, 4]]} (rows as inner arrays)
  --seed N              draw the values not given from a seed (uniform in [-1, 1])`;

export interface TypedInput {
  readonly program: TypedProgram;
  /** Each variable's value (given or drawn). */
  readonly values: ReadonlyMap<string, TypedValue>;
  /** The same values element by element, named as lowering names them (x_1, W_1_2). */
  readonly point: Map<string, number>;
}

/** Reads a typed program; a ParseError becomes an InputParseError naming what was being read. */
export function readProgram(text: string, shapes: ReadonlyMap<string, Shape>, what: string, context?: TypedProgram): TypedProgram {
  try {
    return parseTyped(text, shapes, context);
  } catch (error) {
    if (error instanceof ParseError) throw new InputParseError(what, error, text);
    throw error;
  }
}

/**
 * The expression as scalar, when the command takes the scalar path; undefined when it takes the
 * typed path: a typed option was given, or the text reads only as typed (the typed reader
 * accepts a superset and reports the same errors for plain scalar mistakes). The text is
 * parsed once, here.
 */
export function scalarExpression(text: string | undefined, values: ParsedArgs["values"], command: string): Expr | undefined {
  return scalarReading(text, values, command)?.expr;
}

/** As scalarExpression, with how the text was read (for "read as"). */
export function scalarReading(text: string | undefined, values: ParsedArgs["values"], command: string): Reading | undefined {
  if (text === undefined) return { expr: parseExpressionArg(text, command), notes: [], usedNotation: false }; // says what is missing
  if (values.shape !== undefined || values["at-file"] !== undefined || values.seed !== undefined) return undefined;
  if (typeof values.at === "string" && /[[\]]/.test(values.at)) return undefined;
  try {
    return readExpression(text);
  } catch (error) {
    if (error instanceof ParseError) return undefined;
    throw error;
  }
}

/** `--shape x=3,W=3x4`. */
export function parseShapes(given: string | NamedTexts | undefined, command: string): Map<string, Shape> {
  const shapes = new Map<string, Shape>();
  if (given === undefined) return shapes;
  const example = "e.g. --shape x=3,W=3x4";
  for (const [written, shapeText] of typeof given === "string" ? namedParts(given, given.split(","), command, "--shape", example) : given) {
    const name = canonicalVariableName(written);
    const problem = notAVariable(name);
    if (problem !== undefined) throw new UsageError(`${command}: --shape: ${problem}`, example);
    const shape = parseShapeSpec(shapeText);
    if (shape === undefined) throw new UsageError(`${command}: --shape ${name}=${shapeText}: not a shape`, SHAPE_SPEC_HELP);
    if (shapes.has(name)) throw new UsageError(`${command}: --shape gives ${name} twice`, example);
    shapes.set(name, shape);
  }
  return shapes;
}

/** `--at x=[1,2,3],W=[1,2;3,4],s=pi/4`: values as constant typed expressions (or JSON arrays). */
export function parseTypedAt(at: string | NamedTexts | undefined, command: string): Map<string, TypedValue> {
  const values = new Map<string, TypedValue>();
  if (at === undefined) return values;
  const example = "e.g. --at x=[1,2,3],W=[1,2;3,4],s=0.5";
  const pairs = typeof at === "string" ? namedParts(at, splitOutsideBrackets(at, ",").map(({ start, end }) => at.slice(start, end)), command, "--at", example) : at;
  for (const [written, valueText] of pairs) {
    const name = canonicalVariableName(written);
    const problem = notAVariable(name);
    if (problem !== undefined) throw new UsageError(`${command}: --at: ${problem}`, example);
    if (values.has(name)) throw new UsageError(`${command}: --at gives ${name} twice`, example);
    values.set(name, constantTypedValue(valueText, name, command));
  }
  return values;
}

function constantTypedValue(text: string, name: string, command: string): TypedValue {
  if (text === "") throw new UsageError(`${command}: --at ${name}= has no value`, `e.g. --at ${name}=[1,2,3]`);
  if (text.startsWith("[[")) {
    try {
      const json: unknown = JSON.parse(text);
      return checkedValue(name, json, `--at ${name}`);
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
    }
  }
  const program = readProgram(text, new Map(), `value of ${name} in --at`);
  if (program.bindings.length > 0 || typedVariablesOf(program.result).size > 0) {
    throw new UsageError(`${command}: --at ${name}=${text}: a value must be numbers or constant expressions (like pi/4), not variables`);
  }
  const { shape, elements } = lower(program.result);
  const numbers = elements.map((e) => evaluate(e, new Map()));
  const bad = numbers.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new UsageError(`${command}: --at ${name}=${text}: element ${bad + 1} is ${numbers[bad]}, not a finite number`);
  return fromEntries(shape, numbers);
}

function checkedValue(name: string, value: unknown, where: string): TypedValue {
  try {
    shapeOfValue(name, value);
  } catch (error) {
    // shapeOfValue's message starts with the name, which `where` already ends with
    if (error instanceof ValueShapeError) throw new UsageError(`${where}: ${error.message.replace(new RegExp(`^${name}: `), "")}`);
    throw error;
  }
  const flat = typeof value === "number" ? [value] : (value as unknown[]).flat();
  if (flat.some((v) => !Number.isFinite(v))) throw new UsageError(`${where}: values must be finite numbers`);
  return value as TypedValue;
}

/** `--at-file point.json`: {"x": [1, 2, 3], "W": [[1, 2], [3, 4]], "s": 0.5}. */
export function readPointFile(file: string, command: string): Map<string, TypedValue> {
  let text: string;
  try {
    text = readCappedFile(file, `${command}: --at-file ${file}`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${command}: cannot read --at-file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${command}: --at-file ${file} is not JSON: ${(error as Error).message}`, 'expected {"x": [1, 2, 3], "W": [[1, 2], [3, 4]]}');
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new UsageError(`${command}: --at-file ${file} must hold a JSON object of name: value`, 'e.g. {"x": [1, 2, 3], "W": [[1, 2], [3, 4]]}');
  }
  const values = new Map<string, TypedValue>();
  for (const [name, value] of Object.entries(data)) {
    const problem = notAVariable(name);
    if (problem !== undefined) throw new UsageError(`${command}: --at-file ${file}: ${problem}`);
    values.set(name, checkedValue(name, value, `${command}: --at-file ${file}: ${name}`));
  }
  return values;
}

/** Reads the expression and its point: shapes declared or implied by the values, values given or drawn. */
export function readTypedInput(text: string | undefined, values: ParsedArgs["values"], command: string, what = "expression"): TypedInput {
  if (text === undefined || text.trim() === "") throw new UsageError(`${command}: ${text === undefined ? "missing" : "empty"} ${what}`, `e.g. diffscope ${command} "x: R^3; sum(sigmoid(x))" --seed 1`);
  const given = new Map<string, TypedValue>();
  const fileName = stringOption(values, "at-file");
  if (fileName !== undefined) for (const [k, v] of readPointFile(fileName, command)) given.set(k, v);
  for (const [k, v] of parseTypedAt(stringOption(values, "at"), command)) {
    if (given.has(k)) throw new UsageError(`${command}: ${k} is given both in --at-file and in --at`);
    given.set(k, v);
  }
  // Shapes: --shape, then what each given value implies (a declaration in the text must agree).
  const shapes = shapesWithValues(text, parseShapes(stringOption(values, "shape"), command), given);
  const program = readProgram(text, shapes, what);
  const all = new Map(given);
  const seedText = stringOption(values, "seed");
  const missing = [...program.shapes.keys()].filter((name) => !all.has(name));
  if (seedText !== undefined) {
    // mulberry32 keeps 32 bits: a larger seed would silently repeat a smaller one's values.
    if (!/^\s*-?\d+\s*$/.test(seedText) || Math.abs(Number(seedText)) >= 2 ** 32) {
      throw new UsageError(`${command}: --seed must be a whole number of magnitude below 2^32, got "${seedText}"`);
    }
    const drawn = drawValues(new Map(missing.map((name) => [name, program.shapes.get(name) as Shape])), Number(seedText));
    for (const [k, v] of drawn) all.set(k, v);
  } else if (missing.length > 0) {
    throw new UsageError(`${command}: no value for ${missing.join(", ")}`, "give them with --at or --at-file, or draw them with --seed N");
  }
  let point: Map<string, number>;
  try {
    point = flattenPoint(program.shapes, all);
  } catch (error) {
    if (error instanceof ValueShapeError) throw new UsageError(`${command}: ${error.message}`);
    throw error;
  }
  return { program, values: all, point };
}
