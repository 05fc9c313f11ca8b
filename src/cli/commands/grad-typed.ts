// `grad` on a typed expression: lowered to scalars, differentiated by every method, and each
// gradient folded back into its variable's shape (∂J/∂W is a matrix like W).
import { typedGradient, type TypedGradient } from "../../diff/typed.js";
import type { GradientOptions, MethodName } from "../../diff/types.js";
import { formatTypedBlock, formatTypedInline } from "../../typed/format-value.js";
import { printTyped } from "../../typed/print.js";
import type { TypedProgram } from "../../typed/program.js";
import { describeShape, formatShape, isScalar, type Shape } from "../../typed/shape.js";
import { typedVariablesOf } from "../../typed/texpr.js";
import { formatValue, toJson } from "../format.js";
import { EXIT, UsageError, type Io } from "../io.js";
import type { TypedInput } from "../typed-input.js";
import { deviationFromExact, methodTable, skippedJson, skippedNotes } from "./grad.js";
import { canonicalProgram, programReading, readAsJson, readAsText } from "../read-as.js";

/** How gradients are laid out, stated wherever a matrix gradient is printed. */
export const GRADIENT_LAYOUT = "gradients have the shape of their variable (denominator layout): (∂f/∂W)_ij = ∂f/∂W_ij";

/** The program as one line: its statements, then the result. */
export function programText(program: TypedProgram): string {
  return program.source.replace(/\s+/g, " ").trim();
}

/** A UsageError naming the result's shape when it is not a scalar (a gradient needs one). */
export function requireScalar(program: TypedProgram, command: string): void {
  if (!isScalar(program.result.shape)) {
    throw new UsageError(
      `${command}: the expression is ${describeShape(program.result.shape)}; a gradient needs a scalar`,
      "reduce it to a scalar, e.g. sum(…), dot(…, …) or norm2(…)^2",
    );
  }
}

/** --wrt names typed variables (W, x); default every variable of the expression. */
export function typedWrt(program: TypedProgram, wrt: readonly string[] | undefined, command: string): Map<string, Shape> {
  const inExpression = typedVariablesOf(program.result);
  // In declaration order (x, alpha1, …), not the order the expression happens to reach them.
  if (wrt === undefined) return new Map([...program.shapes].filter(([name]) => inExpression.has(name)));
  const chosen = new Map<string, Shape>();
  for (const name of wrt) {
    const shape = program.shapes.get(name);
    if (shape === undefined) {
      throw new UsageError(`${command}: --wrt ${name}: ${name} is not a variable of the expression`, `variables: ${[...program.shapes.keys()].join(", ") || "(none)"}`);
    }
    chosen.set(name, shape);
  }
  return chosen;
}

/** "at x = [1, 2, 3]" on one line, or a block with one variable per line when any is a matrix. */
export function atLines(input: TypedInput): string {
  const entries = [...input.values].filter(([name]) => input.program.shapes.has(name));
  if (entries.every(([, v]) => typeof v === "number" || !Array.isArray(v[0]))) {
    return `at ${entries.map(([k, v]) => `${k} = ${formatTypedInline(v)}`).join(", ")}\n`;
  }
  return `at:\n${entries.map(([k, v]) => `  ${k} = ${formatTypedBlock(v, 12, " ".repeat(k.length + 5))}\n`).join("")}`;
}

export function runTypedGrad(
  input: TypedInput, wrt: ReadonlyMap<string, Shape>, methods: readonly MethodName[], options: GradientOptions, json: boolean, io: Io,
  skipped: ReadonlyMap<MethodName, string> = new Map(),
): number {
  requireScalar(input.program, "grad");
  if (wrt.size === 0) throw new UsageError("grad: the expression has no variables to differentiate by", 'e.g. diffscope grad "x: R^3; sum(x .^ 2)" --seed 1');
  const typed = new Map(methods.map((method) => [method, typedGradient(input.program, input.values, { ...options, method, wrt: [...wrt.keys()] })]));
  const results = new Map([...typed].map(([m, t]) => [m, t.scalar]));
  const value = [...results.values()][0].value;
  const deviations = new Map([...results].map(([m, r]) => [m, deviationFromExact(m, r, results)]));
  const shaped = (m: MethodName) => (typed.get(m) as TypedGradient).gradient;

  if (json) {
    io.stdout(`${toJson({
      expression: printTyped(input.program.result),
      program: input.program.source,
      ...readAsJson(programReading(input.program), canonicalProgram(input.program)),
      shapes: Object.fromEntries([...input.program.shapes].map(([k, s]) => [k, formatShape(s)])),
      at: Object.fromEntries(input.values),
      wrt: [...wrt.keys()],
      value,
      layout: GRADIENT_LAYOUT,
      methods: Object.fromEntries([...results].map(([m, r]) => [m, {
        gradient: Object.fromEntries(shaped(m)),
        deviationFromExact: deviations.get(m),
        cost: r.cost,
        ...(r.notes && r.notes.length > 0 ? { notes: r.notes } : {}),
      }])),
      ...skippedJson(skipped),
    })}\n`);
    return EXIT.ok;
  }
  const referenceName = results.has("reverse") ? "reverse" : methods[0];
  let out = readAsText(programReading(input.program), canonicalProgram(input.program));
  out += `f = ${programText(input.program)}\n`;
  out += atLines(input);
  out += `f = ${formatValue(value)}\n\n`;
  out += `gradient (${referenceName}; ${GRADIENT_LAYOUT}):\n`;
  for (const [name, g] of shaped(referenceName)) {
    const label = `∂f/∂${name} = `;
    out += `${label}${formatTypedBlock(g, 12, " ".repeat(label.length))}\n`;
  }
  out += `\n${methodTable(results, deviations)}`;
  // a note several methods share is said once, naming them all
  const byNote = new Map<string, MethodName[]>();
  for (const [m, r] of results) for (const note of r.notes ?? []) byNote.set(note, [...(byNote.get(note) ?? []), m]);
  for (const [note, ms] of byNote) out += `note (${ms.join(", ")}): ${note}\n`;
  io.stdout(out + skippedNotes(skipped));
  return EXIT.ok;
}
