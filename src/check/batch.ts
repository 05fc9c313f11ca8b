// Batch homework files (JSON or YAML): a list of problems, read into ProblemSpecs.
//
// Schema (YAML shown; JSON is the same shape):
//   problems:                      # or the list itself at the top level
//     - name: Quiz 1               # optional label for the report
//       expression: exp(x*z) + x*z/log(x) + sin(log(x))/exp(x*z)
//       answer:                    # one expression, a list (in the order of wrt), or a map
//         x: z*exp(x*z) + …        #   variable -> expression
//         z: x*exp(x*z) + …
//     - expression: x^2
//       wrt: x                     # a name, "x,z" or a list; optional with one variable or a map
//       answer: 2x
//     - expression: exp(x*z) + …
//       at: {x: 2, z: 3}           # or "x=2,z=3"
//       value: {x: 1208.37, z: 809.74}   # number, list or map: numeric answers at `at`
//       tolerance: 0.001           # relative, for values (default: the figures each value states)
//     - expression: z = sigmoid(W*x); 0.5*norm2(z - t)^2
//       shape: {x: 3, W: 2x3, t: 2}  # vectors and matrices; the answer in matrix form
//       answer: {W: "((z - t) .* z .* (1 - z)) * x'"}
//     - expression: J = cos(u); u = x^2      # the forward program
//       backward:                  # a backward sheet: a list of lines, or one multi-line text
//         - dJ/du = -sin(u)
//         - dJ/dx = dJ/du * 2x
//       show_answer: true          # reveal one correct form per adjoint (default: not)
import { parseDocument } from "yaml";
import { caretLines } from "../parse/errors.js";
import type { AnswerValue, Labelled, NamedTexts, ProblemSpec, WrittenNumber } from "./problem.js";
import { notAVariable } from "../ops/names.js";
import { canonicalVariableName } from "../parse/parse.js";
import { ACCEPTED_TOLERANCE, toleranceProblem } from "./value.js";
import { shapeOfValue, ValueShapeError, type TypedValue } from "../typed/values.js";

export const BATCH_SCHEMA_HELP = `A batch file (JSON or YAML) is a list of problems, or {"problems": [...]}. Each problem has
    expression   the function F (text)
    wrt          variable(s): "x", "x,z" or ["x", "z"] (optional when F has one variable or answers name theirs)
    answer       hand-derived derivative(s): "2*x", a list in the order of wrt, or {"x": "...", "z": "..."}
    at, value    instead of answer: numeric partial(s) at a point, at {"x": 2, "z": 3} (or "x=2,z=3"),
                 value 1208.37, a list, or {"x": 1208.37, "z": 809.74}
    tolerance    relative tolerance for values; without it each value is judged to the significant
                 figures its digits state (quote a value, "1.20e3", to keep trailing zeros)
    shape        vectors and matrices, "x=3,W=2x3" or {"x": 3, "W": "2x3"} (or declare them in the
                 expression, "x: R^3; W: R^(2x3); …"); answers are then in matrix form
    backward     instead of answer: a backward sheet against the expression as the forward program
                 (definitions "J = cos(u); u = x^2", or an expression named as trace names it):
                 a list of lines ["dJ/du = -sin(u)", "dJ/dx = dJ/du * 2x"] or one multi-line text
    show_answer  true: a backward sheet's report adds one correct form per adjoint (default false)
    name         optional label shown in the report`;

/** The file's structure is wrong (not an expression typo): where and what. */
export class BatchFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BatchFileError";
  }
}

type Json = unknown;
const isRecord = (v: Json): v is Record<string, Json> => typeof v === "object" && v !== null && !Array.isArray(v);

/** " at line:col", the source line and a caret under character `position` of `text`. */
function lineAndCaret(text: string, position: number): string {
  const before = text.slice(0, position).split("\n");
  const line = before.length;
  const column = before[line - 1].length + 1;
  return ` at ${line}:${column}\n${caretLines(text, line, column, text[position] ?? "").join("\n")}`;
}

/** JSON.parse says "at position N"; a reader needs line:col and a caret. */
function withLineAndColumn(message: string, text: string): string {
  const match = / at position (\d+)/.exec(message);
  if (match === null) return message;
  return `${message.replace(/ at position \d+.*$/, "")}${lineAndCaret(text, Number(match[1]))}`;
}

/**
 * Lists and maps nest at most this deep. A batch file needs 6 levels (problems, the list, a
 * problem, a value map, a matrix, its rows); the readers below recurse, so the limit keeps a
 * hostile file from exhausting the stack.
 */
export const MAX_BATCH_NESTING = 64;

/** Whether `document` nests lists and maps deeper than MAX_BATCH_NESTING (iteratively: no recursion). */
function nestsTooDeep(document: Json): boolean {
  const stack: [Json, number][] = [[document, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [Json, number];
    if (typeof value !== "object" || value === null) continue;
    if (depth + 1 > MAX_BATCH_NESTING) return true;
    for (const item of Array.isArray(value) ? value : Object.values(value)) stack.push([item, depth + 1]);
  }
  return false;
}

/** Where bracket nesting ( [ and { outside quotes) first goes past the limit, if it does. */
function tooDeepOffset(text: string): number | undefined {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote !== undefined) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "[" || c === "{") {
      if (++depth > MAX_BATCH_NESTING) return i;
    } else if ((c === "]" || c === "}") && depth > 0) depth--;
  }
  return undefined;
}

function tooDeep(text: string, fileName: string, format: string): BatchFileError {
  const offset = tooDeepOffset(text);
  return new BatchFileError(
    `${fileName}: the ${format} nests lists and maps more than ${MAX_BATCH_NESTING} levels deep` +
      (offset === undefined ? "" : lineAndCaret(text, offset)) +
      `\na batch file needs at most 6 levels (problems, the list, a problem, a value map, a matrix, its rows)`,
  );
}

const isStackOverflow = (error: unknown) => error instanceof RangeError && /call stack/i.test(error.message);

function readDocument(text: string, fileName: string): Json {
  const isJson = fileName.toLowerCase().endsWith(".json");
  const format = isJson ? "JSON" : "YAML";
  let document: Json;
  try {
    document = isJson ? JSON.parse(text) : readYaml(text);
  } catch (error) {
    if (error instanceof BatchFileError) throw error;
    if (isStackOverflow(error)) throw tooDeep(text, fileName, format);
    const detail = error instanceof Error ? withLineAndColumn(error.message, text) : String(error);
    throw new BatchFileError(`${fileName} is not valid ${format}: ${detail}`);
  }
  if (nestsTooDeep(document)) throw tooDeep(text, fileName, format);
  return document;
}

/**
 * YAML to plain data. Errors and warnings (an unknown tag such as !!foo) are both refusals with
 * the library's line:col and caret, so nothing reaches Node's process warnings and no tagged
 * value is read as plain text behind the user's back.
 */
function readYaml(text: string): Json {
  // logLevel "error": the library logs nothing itself; every problem is reported here.
  const document = parseDocument(text, { logLevel: "error" });
  const problem = document.errors[0] ?? document.warnings[0];
  if (problem !== undefined) {
    if (/call stack/i.test(problem.message)) throw new RangeError("Maximum call stack size exceeded");
    throw new YamlProblem(problem.code === "TAG_RESOLVE_FAILED" ? `${problem.message}a batch file holds text, numbers, lists and maps only: remove the tag` : problem.message);
  }
  return document.toJS({ maxAliasCount: 100 }) as Json;
}

/** A YAML error or warning, reported as "… is not valid YAML: <the library's message>". */
class YamlProblem extends Error {}

function asText(v: Json, where: string): string {
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  throw new BatchFileError(`${where} should be text (an expression), got ${JSON.stringify(v)}`);
}

function asNumber(v: Json, where: string): number {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  if (!Number.isFinite(n)) throw new BatchFileError(`${where} should be a number, got ${JSON.stringify(v)}`);
  return n;
}

/**
 * A scalar answer: text as written ("1.20e3" keeps its trailing zero; "pi/4" is read when
 * checked), or a bare number, which YAML and JSON give as a float (its shortest decimal form).
 */
function asWritten(v: Json, where: string): number | WrittenNumber {
  if (typeof v === "string" && v.trim() !== "") return { text: v };
  return asNumber(v, where);
}

/** A scalar answer, or a vector or matrix of numbers (for typed problems). */
function asAnswerValue(v: Json, where: string): AnswerValue {
  return Array.isArray(v) ? asValue(v, where) : asWritten(v, where);
}

/** A number, or a vector or matrix of numbers (for typed problems). */
function asValue(v: Json, where: string): TypedValue {
  if (!Array.isArray(v)) return asNumber(v, where);
  try {
    shapeOfValue(where, v);
  } catch (error) {
    if (error instanceof ValueShapeError) throw new BatchFileError(error.message);
    throw error;
  }
  return v as TypedValue;
}

/** A string, a list, or a map from variable to item. */
function labelled<T>(v: Json, where: string, read: (item: Json, where: string) => T): Labelled<T>[] {
  if (Array.isArray(v)) return v.map((item, i) => ({ item: read(item, `${where}[${i}]`) }));
  if (isRecord(v)) return Object.entries(v).map(([wrt, item]) => ({ wrt, item: read(item, `${where}.${wrt}`) }));
  return [{ item: read(v, where) }];
}

/** Values: like `labelled`, except that a list of numbers for one variable is that vector's value. */
function labelledValues(v: Json, where: string): Labelled<AnswerValue>[] {
  if (isRecord(v)) return Object.entries(v).map(([wrt, item]) => ({ wrt, item: asAnswerValue(item, `${where}.${wrt}`) }));
  return labelled<AnswerValue>(v, where, asWritten);
}

function readWrt(v: Json, where: string): string[] | undefined {
  if (v === undefined) return undefined;
  const names = Array.isArray(v) ? v.map((n, i) => asText(n, `${where}[${i}]`)) : asText(v, where).split(",");
  return names.map((n) => n.trim()).filter((n) => n !== "");
}

/**
 * A map's keys are variable names, written as the expression writes them (α, \alpha, x₁ and y* are
 * alpha, alpha, x_1 and ystar; a key with spaces in it is not): a key such as "x=100,y" is refused,
 * naming the key and why.
 */
function namedEntries(v: Record<string, Json>, where: string): [string, Json][] {
  return Object.entries(v).map(([name, value]) => {
    const problem = notAVariable(/\s/.test(name) ? name : canonicalVariableName(name));
    if (problem !== undefined) throw new BatchFileError(`${where}: the key ${problem}`);
    return [name, value];
  });
}

/** "x=2,z=3" as text, or a map read into name/value pairs (kept apart, never joined into text). */
function readAt(v: Json, where: string): string | NamedTexts | undefined {
  if (v === undefined) return undefined;
  if (isRecord(v)) {
    // A vector or matrix value is written back as a literal: [1,2,3] or [[1,2],[3,4]].
    const text = (value: Json, name: string) => (typeof value === "number" ? String(value) : Array.isArray(value) ? JSON.stringify(asValue(value, `${where}.${name}`)) : asText(value, `${where}.${name}`));
    return namedEntries(v, where).map(([name, value]) => [name, text(value, name)] as const);
  }
  return asText(v, where);
}

const KNOWN_KEYS = new Set(["name", "expression", "wrt", "answer", "answers", "at", "value", "values", "tolerance", "shape", "shapes", "backward", "show_answer"]);

/** A backward sheet: one multi-line text, or a list of lines (joined, so errors name the line of the list). */
function readBackward(v: Json, where: string): string | undefined {
  if (v === undefined) return undefined;
  if (Array.isArray(v)) {
    if (v.length === 0) throw new BatchFileError(`${where} is an empty list; give the sheet's lines, e.g. ["dJ/du = -sin(u)"]`);
    return v.map((line, i) => asText(line, `${where}[${i}]`)).join("\n");
  }
  return asText(v, where);
}

function readFlag(v: Json, where: string): boolean | undefined {
  if (v === undefined || typeof v === "boolean") return v;
  throw new BatchFileError(`${where} should be true or false, got ${JSON.stringify(v)}`);
}

/** "x=3,W=3x4" or {x: 3, W: "3x4"} (pairs, as for `at`). */
function readShapes(v: Json, where: string): string | NamedTexts | undefined {
  if (v === undefined) return undefined;
  // {W: "2x3"}, {W: [2, 3]} or {x: 3}
  const shapeText = (shape: Json, name: string) => (Array.isArray(shape) ? shape.map((n, i) => asText(n, `${where}.${name}[${i}]`)).join("x") : asText(shape, `${where}.${name}`));
  if (isRecord(v)) return namedEntries(v, where).map(([name, shape]) => [name, shapeText(shape, name)] as const);
  return asText(v, where);
}

function readTolerance(v: Json, where: string): number | undefined {
  if (v === undefined) return undefined;
  const tolerance = asNumber(v, where);
  const problem = toleranceProblem(tolerance);
  if (problem !== undefined) throw new BatchFileError(`${where} ${JSON.stringify(v)} ${problem}; expected ${ACCEPTED_TOLERANCE}`);
  return tolerance;
}

function readProblem(v: Json, index: number): ProblemSpec {
  const where = `problem ${index + 1}`;
  if (!isRecord(v)) throw new BatchFileError(`${where} should be a map with at least "expression", got ${JSON.stringify(v)}`);
  const unknown = Object.keys(v).filter((k) => !KNOWN_KEYS.has(k));
  if (unknown.length > 0) throw new BatchFileError(`${where}: unknown key(s) ${unknown.join(", ")} (known: ${[...KNOWN_KEYS].join(", ")})`);
  if (v.expression === undefined) throw new BatchFileError(`${where} has no "expression"`);
  const answer = v.answer ?? v.answers;
  const value = v.value ?? v.values;
  return {
    name: v.name === undefined ? undefined : asText(v.name, `${where}.name`),
    expression: asText(v.expression, `${where}.expression`),
    wrt: readWrt(v.wrt, `${where}.wrt`),
    answers: answer === undefined ? undefined : labelled(answer, `${where}.answer`, asText),
    at: readAt(v.at, `${where}.at`),
    values: value === undefined ? undefined : labelledValues(value, `${where}.value`),
    tolerance: readTolerance(v.tolerance, `${where}.tolerance`),
    shapes: readShapes(v.shape ?? v.shapes, `${where}.shape`),
    backward: readBackward(v.backward, `${where}.backward`),
    showAnswer: readFlag(v.show_answer, `${where}.show_answer`),
  };
}

/** Reads a batch file's text (the extension .json picks JSON, anything else YAML). */
export function readBatch(text: string, fileName: string): ProblemSpec[] {
  const document = readDocument(text, fileName);
  const list = isRecord(document) && "problems" in document ? document.problems : document;
  if (!Array.isArray(list)) throw new BatchFileError(`${fileName} should hold a list of problems (or {"problems": [...]})`);
  if (list.length === 0) throw new BatchFileError(`${fileName} holds no problems`);
  return list.map(readProblem);
}
