// The blank backward sheet of a forward program: the lines a student fills in, in the order the
// lecture writes them (reverse topological, the output's adjoint first), one `dJ/dq = ?` per
// quantity and input, and one `dJ/dq += ?` per path where the chain rule has several into q (as
// the lecture's two `dJ/dt +=` lines). Replacing each ? by its value gives a sheet that
// `check --backward` reads.
import { variablesOf } from "../ast/walk.js";
import { GREEK_CHARACTERS, greekName } from "../parse/notation.js";
import { canonicalVariableName } from "../parse/parse.js";
import { backwardPass, type BackwardPass, type PathContribution } from "./adjoints.js";
import type { ForwardProgram } from "./program.js";

export interface SheetSlot {
  /** q, for the adjoint dJ/dq. */
  readonly quantity: string;
  /** `+=`: one of several paths into dJ/dq (the path), else `=` for the whole adjoint. */
  readonly path?: PathContribution;
  /** The line's left side and operator: "dJ/dt +=". */
  readonly left: string;
}

/**
 * The slots of the backward sheet, as the lecture writes them: visiting each quantity v in reverse
 * topological order, the adjoints of the names v's formula uses (at b = β_1 z_1 + β_2 z_2: dJ/dβ_1,
 * dJ/dz_1, …), each once its last use is visited, or one `+=` per use when it has several.
 */
export function sheetSlots(program: ForwardProgram, pass: BackwardPass = backwardPass(program)): SheetSlot[] {
  const formulas = new Map(program.definitions.map((d) => [d.name, d.formula]));
  const slots: SheetSlot[] = [];
  for (const v of pass.order) {
    const formula = formulas.get(v);
    if (formula === undefined) continue;
    for (const quantity of variablesOf(formula)) {
      // The target y* is data, not a parameter: the lecture never writes its adjoint.
      if (quantity === TARGET) continue;
      const paths = pass.paths.get(quantity) ?? [];
      const adjoint = `d${sheetName(program.output)}/d${sheetName(quantity)}`;
      if (paths.length > 1) slots.push({ quantity, path: paths.find((p) => p.through === v) as PathContribution, left: `${adjoint} +=` });
      else slots.push({ quantity, left: `${adjoint} =` });
    }
  }
  return slots;
}

const TARGET = canonicalVariableName("y*");

/** Each Greek letter's name to its letter, the first spelling of each (alpha → α). */
const GREEK_LETTER = new Map<string, string>();
for (const letter of GREEK_CHARACTERS) if (!GREEK_LETTER.has(greekName(letter) as string)) GREEK_LETTER.set(greekName(letter) as string, letter);

/**
 * A quantity as the sheet writes it: a Greek name with its letter (alpha_11 → α_11), as the lecture
 * writes α_ji. (dJ/dalpha_11 reads as the same name: the letter is for the reader, not the parser.)
 */
function sheetName(name: string): string {
  const m = /^([A-Za-z]+)((?:_\w+|[0-9]+)?)$/.exec(name);
  const letter = m === null ? undefined : GREEK_LETTER.get(m[1]);
  return letter === undefined || m === null ? name : `${letter}${m[2]}`;
}

/** The blank sheet's text: `dJ/du = ?` lines, one per slot. */
export function blankSheet(program: ForwardProgram): string {
  return sheetSlots(program).map((slot) => `${slot.left} ?\n`).join("");
}
