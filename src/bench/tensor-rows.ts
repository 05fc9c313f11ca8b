// diffscope's tensor-level methods as benchmark rows, for the cases written as typed programs
// (the networks): the program parsed and prepared, then timed beside f at tensor level. Set-up
// is "parse to first gradient": reading the program text, preparing, and the first gradient.
import { prepareTensorGradient, type PreparedTensorGradient, type TensorInputs } from "../diff/tensor-level.js";
import type { MethodName } from "../diff/types.js";
import { networkProgramText } from "../harness/network-typed.js";
import { elementNames } from "../typed/lower.js";
import { parseTyped } from "../typed/parse.js";
import type { Shape } from "../typed/shape.js";
import { consume, timeOnce, timePair } from "../util/timing.js";
import { deviation, row, type BenchRow, type CaseContext } from "./methods.js";

/** Parses the case's program and prepares `method` at tensor level, by every variable but the input and the target. */
function prepare(text: string, method: MethodName): PreparedTensorGradient {
  const program = parseTyped(text);
  return prepareTensorGradient(program, { wrt: [...program.shapes.keys()].filter((name) => name !== "x" && name !== "ystar"), method });
}

/**
 * For each entry of the gradient as computed (wrt variables, row-major), its index in the case's
 * wrt (the reference's order). Without biases the two orders are one (layer by layer, row by
 * row), and no element name need be built.
 */
function entryOrder(x: CaseContext, prepared: PreparedTensorGradient): Int32Array {
  if (x.c.network?.spec.biases === false) return Int32Array.from(x.c.wrt, (_, i) => i);
  const position = new Map(x.c.wrt.map((name, i) => [name, i]));
  return Int32Array.from(prepared.wrt.flatMap((name) => elementNames(name, prepared.shapes.get(name) as Shape).map((e) => position.get(e) as number)));
}

/** A tensor-level row of a network case (undefined for cases not written as typed programs). */
export function tensorRow(x: CaseContext, method: "reverse" | "symbolic"): BenchRow | undefined {
  const { c } = x;
  if (c.network === undefined) return undefined;
  const text = networkProgramText(c.network.spec);
  const inputs: TensorInputs = c.network.tensors;
  const setup = timeOnce(() => {
    const made = prepare(text, method);
    return { prepared: made, first: made.gradient(inputs) };
  });
  const { prepared, first } = setup.result;
  const order = entryOrder(x, prepared);
  const got = new Float64Array(c.wrt.length);
  let k = 0;
  for (const g of first.gradients) for (let i = 0; i < g.length; i++) got[order[k++]] = g[i];
  const t = timePair(
    () => consume(prepared.gradient(inputs).value),
    () => consume(prepared.value(inputs)),
    x.budget,
  );
  return row(c, `${method} (tensor)`, t.gradientSeconds, t.functionSeconds, {
    path: "tensor", setupSeconds: setup.seconds, deviation: deviation(got, x.reference),
    note: "typed program at tensor level: one Float64Array kernel per matrix op, buffers reused across calls; f timed at tensor level; set-up = parse to first gradient",
  });
}
