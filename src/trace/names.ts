// Names for the intermediate quantities of a trace. Where the expression has the shape of the
// lecture's simple example — J = f(u), u = u1 ∘ u2, u1 and u2 both functions of one shared t —
// those names are used (t, u1, u2, u, J); otherwise the output is y and the rest v1, v2, …
// in topological order. Numbers and sub-expressions without variables are not named: they
// are printed inline (the 3 in u2 = 3*t).
import type { Expr } from "../ast/expr.js";
import type { TapeEntry } from "../diff/reverse/tape.js";

/** Tape index → name, for every entry that is a call depending on a variable. */
export type EntryNames = ReadonlyMap<number, string>;

/** Whether each tape entry depends on some variable (named quantities are exactly these calls). */
export function variableDependence(entries: readonly TapeEntry[]): boolean[] {
  const depends: boolean[] = [];
  entries.forEach((e, i) => {
    depends[i] = e.node.kind === "var" || e.inputs.some((k) => depends[k]);
  });
  return depends;
}

/** Inputs of entry i that are named intermediate quantities (calls depending on a variable). */
function namedInputs(entries: readonly TapeEntry[], depends: readonly boolean[], i: number): number[] {
  return entries[i].inputs.filter((k) => depends[k] && entries[k].node.kind === "call");
}

/** The lecture's J = cos(u), u = u1 + u2, u1 = sin(t), u2 = 3*t, t = x^2, by shape. */
function lectureNames(entries: readonly TapeEntry[], depends: readonly boolean[], output: number): Map<number, string> | undefined {
  const onlyNamedInput = (i: number): number | undefined => {
    const named = namedInputs(entries, depends, i);
    const variableInputs = entries[i].inputs.filter((k) => depends[k]);
    return named.length === 1 && variableInputs.length === 1 ? named[0] : undefined;
  };
  const u = onlyNamedInput(output);
  if (u === undefined) return undefined;
  const [u1, u2] = entries[u].inputs;
  if (entries[u].inputs.length !== 2 || u1 === u2) return undefined;
  if (!namedInputs(entries, depends, u).includes(u1) || !namedInputs(entries, depends, u).includes(u2)) return undefined;
  const t = onlyNamedInput(u1);
  if (t === undefined || onlyNamedInput(u2) !== t) return undefined;
  // Everything named must be one of these five, or the lecture's names would mislead.
  const named = entries.filter((e, i) => depends[i] && e.node.kind === "call").length;
  if (named !== 5) return undefined;
  return new Map([[output, "J"], [u, "u"], [u1, "u1"], [u2, "u2"], [t, "t"]]);
}

export function nameEntries(entries: readonly TapeEntry[], output: number, variables: readonly string[]): EntryNames {
  const depends = variableDependence(entries);
  const taken = new Set(variables);
  const lecture = lectureNames(entries, depends, output);
  if (lecture !== undefined && [...lecture.values()].every((n) => !taken.has(n))) return lecture;
  const names = new Map<number, string>();
  const outputName = ["y", "J", "f", "out"].find((n) => !taken.has(n)) ?? "out_";
  taken.add(outputName);
  let counter = 0;
  const fresh = (): string => {
    let name: string;
    do name = `v${++counter}`;
    while (taken.has(name));
    return name;
  };
  entries.forEach((e, i) => {
    if (!depends[i] || e.node.kind !== "call") return;
    names.set(i, i === output ? outputName : fresh());
  });
  return names;
}

/** The name of an entry as it appears in formulas: its name, a variable, or the constant itself. */
export function placeholderOf(entries: readonly TapeEntry[], names: EntryNames, index: number, asVariable: (name: string) => Expr): Expr {
  const name = names.get(index);
  return name === undefined ? entries[index].node : asVariable(name);
}
