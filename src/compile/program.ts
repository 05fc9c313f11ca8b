// Straight-line programs and how they become functions. A program is a list of statements
// over four typed arrays — x (inputs), v (values), g (adjoints), r (results) — plus the op
// closure table F. It is split into chunks of a few thousand statements, each its own
// `new Function`, so a graph of any size stays under the engine's limits on function size
// and each chunk stays small enough for the optimising compiler.
import { OP_TABLE_PARAM, type OpEval } from "./op-code.js";

export interface StraightLineProgram {
  readonly statements: readonly string[];
  /** Length of the values array v. */
  readonly valueSlots: number;
  /** Length of the adjoints array g (0 when the program computes no derivatives). */
  readonly adjointSlots: number;
  /** Length of the results array r. */
  readonly resultSlots: number;
  /** The op closures `F[k]` refers to. */
  readonly closures: readonly OpEval[];
}

/** Runs a program: reads inputs, writes results (arrays of the program's sizes). */
export type ProgramRunner = (inputs: Float64Array, results: Float64Array) => void;

export interface LinkOptions {
  /** Statements per generated function (default 2000). */
  readonly statementsPerChunk?: number;
  /** Above this many statements the program is not compiled at all (default 4,000,000). */
  readonly maxStatements?: number;
}

export type LinkResult =
  | { readonly path: "compiled"; readonly run: ProgramRunner; readonly chunks: number; readonly source: string }
  | { readonly path: "interpreted"; readonly reason: string };

export const DEFAULT_STATEMENTS_PER_CHUNK = 2000;
export const DEFAULT_MAX_STATEMENTS = 4_000_000;

const PARAMS = ["x", "v", "g", "r", OP_TABLE_PARAM] as const;

type Chunk = (x: Float64Array, v: Float64Array, g: Float64Array, r: Float64Array, F: readonly OpEval[]) => void;

/**
 * Compiles a program into a runner, or says why it did not (too many statements, or the
 * engine refused the code), so the caller can fall back to its interpreter and report it.
 */
export function linkProgram(program: StraightLineProgram, options: LinkOptions = {}): LinkResult {
  const perChunk = Math.max(1, options.statementsPerChunk ?? DEFAULT_STATEMENTS_PER_CHUNK);
  const maxStatements = options.maxStatements ?? DEFAULT_MAX_STATEMENTS;
  const count = program.statements.length;
  if (count > maxStatements) {
    return { path: "interpreted", reason: `${count} statements exceed the compile limit of ${maxStatements}` };
  }
  const bodies = chunkBodies(program, perChunk);
  let chunks: Chunk[];
  try {
    chunks = bodies.map((body) => new Function(...PARAMS, body) as Chunk);
  } catch (error) {
    return { path: "interpreted", reason: `the engine refused the generated code: ${error instanceof Error ? error.message : String(error)}` };
  }
  // The working arrays live with the runner and are reused: every slot a program reads is
  // written earlier in the same run, so nothing needs clearing between runs.
  const v = new Float64Array(program.valueSlots);
  const g = new Float64Array(program.adjointSlots);
  // The driver is generated too, so each program has call sites of its own (one shared
  // driver would call every program's chunks from one megamorphic site and inline none).
  const calls = chunks.map((_chunk, c) => `c[${c}](x, v, g, r, F);`).join("\n");
  const makeDriver = new Function("c", "v", "g", "F", `"use strict";\nreturn function run(x, r) {\n${calls}\n};`) as (
    c: readonly Chunk[], v: Float64Array, g: Float64Array, F: readonly OpEval[],
  ) => ProgramRunner;
  const run = makeDriver(chunks, v, g, program.closures);
  return {
    path: "compiled",
    run,
    chunks: chunks.length,
    // Joined on demand: the engine keeps each chunk's text already.
    get source() {
      return bodies.join("\n");
    },
  };
}

const SLOT = /\b([vg])\[(\d+)\]/g;
const DEFINITION = /^([vg])\[(\d+)\] = /;

/**
 * Splits statements into chunk bodies and keeps, inside each chunk, the slots it defines in
 * local variables (registers, not array elements); a slot is written back to its array only
 * when a later chunk reads it. Pure renaming: the arithmetic is untouched.
 */
function chunkBodies(program: StraightLineProgram, perChunk: number): string[] {
  const { statements } = program;
  const chunkCount = Math.max(1, Math.ceil(statements.length / perChunk));
  const chunkOf = (s: number) => Math.floor(s / perChunk);
  // The last chunk that mentions each slot, per array.
  const lastChunk = { v: new Int32Array(program.valueSlots).fill(-1), g: new Int32Array(program.adjointSlots).fill(-1) };
  statements.forEach((line, s) => {
    const c = chunkOf(s);
    for (const m of line.matchAll(SLOT)) lastChunk[m[1] as "v" | "g"][Number(m[2])] = c;
  });
  const bodies: string[] = [];
  for (let c = 0; c < chunkCount; c++) {
    const local = { v: new Set<number>(), g: new Set<number>() };
    const out: string[] = [];
    for (const line of statements.slice(c * perChunk, (c + 1) * perChunk)) {
      const definition = DEFINITION.exec(line);
      const rewritten = line.replace(SLOT, (ref, array: "v" | "g", index: string) =>
        local[array].has(Number(index)) ? `${array}${index}` : ref,
      );
      if (definition !== null && !local[definition[1] as "v" | "g"].has(Number(definition[2]))) {
        local[definition[1] as "v" | "g"].add(Number(definition[2]));
        out.push(`let ${definition[1]}${definition[2]}${rewritten.slice(definition[0].length - 3)}`);
      } else out.push(rewritten);
    }
    for (const array of ["v", "g"] as const) {
      for (const index of local[array]) if (lastChunk[array][index] > c) out.push(`${array}[${index}] = ${array}${index};`);
    }
    bodies.push(`"use strict";\n${out.join("\n")}`);
  }
  return bodies;
}
