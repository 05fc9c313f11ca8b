// The lecture's module-by-module forward and backward pass with vector quantities: every
// quantity of a typed program (inputs, let-bound names, other intermediates named t1, t2, …,
// the result J), its shape, its formula in earlier names and its value; then, in reverse,
// dJ/d<name> in matrix form (from the VJP rules, in the same names) and its value, ending with
// each variable's gradient. Values come from lowering to scalars and evaluating.
import { evaluateAll, MissingVariableError } from "../eval/evaluate.js";
import { typedAdjoints, variableAdjoint, LAYOUT_NOTE } from "./derivative.js";
import { lowerAll } from "./lower.js";
import { printTyped } from "./print.js";
import { bindingNames, type TypedProgram } from "./program.js";
import { formatShape, type Shape } from "./shape.js";
import { isCall, typedTopologicalOrder, typedVariablesOf, type TExpr } from "./texpr.js";
import { typedBuilders } from "./simplify-typed.js";
import { flattenPoint, fromEntries, type TypedValue } from "./values.js";
import { freshName } from "./shared-names.js";

export interface TypedTraceRow {
  /** The quantity (a1) or, backward, its adjoint (dJ/da1). */
  readonly name: string;
  readonly role: "input" | "intermediate" | "output";
  /** formatShape: "scalar", "3", "1×3", "3×4". */
  readonly shape: string;
  /** Forward: the formula in earlier names ("input" for a variable); backward: the adjoint in names. */
  readonly formula: string;
  readonly value: TypedValue;
}

export interface TypedTrace {
  readonly output: string;
  readonly value: number;
  readonly wrt: readonly string[];
  readonly layout: string;
  readonly forward: readonly TypedTraceRow[];
  readonly backward: readonly TypedTraceRow[];
  /** Each wrt variable's gradient, with the variable's shape. */
  readonly gradient: Readonly<Record<string, TypedValue>>;
}

/** Quantities that get no row of their own: constants, and transposes of variables (alpha1'). */
function isTrivial(node: TExpr, active: ReadonlySet<TExpr>): boolean {
  if (!active.has(node) || node.kind === "var") return true;
  return isCall(node, "transpose") && isTrivial(node.args[0], active);
}

/** Names for the program's quantities: variables, let-bindings, the output J, then t1, t2, …. */
function nameQuantities(program: TypedProgram, order: readonly TExpr[], active: ReadonlySet<TExpr>): Map<TExpr, string> {
  const names = new Map<TExpr, string>();
  const bound = bindingNames(program);
  const used = new Set<string>([...typedVariablesOf(program.result).keys(), ...bound.values()]);
  for (const node of order) {
    if (node.kind === "var") names.set(node, node.name);
    else if (bound.has(node)) names.set(node, bound.get(node) as string);
  }
  if (!names.has(program.result)) names.set(program.result, freshName("J", used, false));
  for (const node of order) if (!names.has(node) && !isTrivial(node, active)) names.set(node, freshName("t", used));
  return names;
}

/**
 * The forward and backward tables for `program` at `values` (one value per variable, shaped as
 * declared), differentiating by `wrt` (default: every variable of the result).
 */
export function typedTrace(program: TypedProgram, given: ReadonlyMap<string, TypedValue> | Readonly<Record<string, TypedValue>>, wrt?: readonly string[]): TypedTrace {
  const values: ReadonlyMap<string, TypedValue> = given instanceof Map ? given : new Map(Object.entries(given));
  const f = program.result;
  const order = typedTopologicalOrder(f);
  // variables in declaration order (the program's shapes), then any others the result uses
  const used = typedVariablesOf(f);
  const variables = new Map([...program.shapes].filter(([name]) => used.has(name)));
  for (const [name, shape] of used) if (!variables.has(name)) variables.set(name, shape);
  const missing = [...variables.keys()].filter((name) => !values.has(name));
  if (missing.length > 0) throw new MissingVariableError(missing, [...values.keys()]);
  const adjoints = typedAdjoints(f);
  const active = new Set(adjoints.keys());
  const names = nameQuantities(program, order, active);
  const output = names.get(f) as string;
  // A let-bound constant (c = 2 * 3) gets a forward row, since formulas refer to it, but no adjoint.
  const named = order.filter((node) => node.kind !== "var" && names.has(node));
  const quantities = named.filter((node) => active.has(node));
  const wrtNames = wrt ?? [...variables.keys()];
  const forwardWhole = typedBuilders(new Set(order));

  // Backward expressions: each named quantity's adjoint (J first), then each variable's, last declared first.
  const backwardOf: { name: string; node?: TExpr; shape: Shape; expr: TExpr }[] = [
    ...[...quantities].reverse().map((node) => ({ name: names.get(node) as string, node, shape: node.shape, expr: adjoints.get(node) as TExpr })),
    ...[...wrtNames].reverse().map((name) => {
      const shape = variables.get(name) ?? program.shapes.get(name);
      if (shape === undefined) throw new RangeError(`cannot differentiate by ${name}: it is not a variable of the expression`);
      return { name, shape, expr: variableAdjoint(adjoints, order, name, shape, forwardWhole) };
    }),
  ];

  // Numbers: every quantity and adjoint lowered to scalar elements and evaluated once.
  const forwardNodes = [...variables.keys()].map((name) => order.find((n) => n.kind === "var" && n.name === name) as TExpr).concat(named);
  const lowered = lowerAll([f, ...forwardNodes, ...backwardOf.map((b) => b.expr)]);
  const roots = [...lowered.values()].flatMap((l) => l.elements);
  const numbers = evaluateAll(roots, flattenPoint(program.shapes, values));
  const valueOf = (node: TExpr): TypedValue => {
    const l = lowered.get(node);
    if (l === undefined) throw new Error("internal: a traced node was not lowered");
    return fromEntries(node.shape, l.elements.map((e) => numbers.get(e.id) as number));
  };

  const forward: TypedTraceRow[] = forwardNodes.map((node) => {
    const name = names.get(node) as string;
    const role = node.kind === "var" ? "input" : node === f ? "output" : "intermediate";
    return { name, role, shape: formatShape(node.shape), formula: role === "input" ? "input" : printTyped(node, names), value: valueOf(node) };
  });

  // Adjoints print in terms of the quantities' names and of earlier adjoints (dJ/dz1).
  const adjointNames = new Map<TExpr, string>();
  const printNames = new Map(names);
  const backward: TypedTraceRow[] = backwardOf.map(({ name, node, shape, expr }) => {
    const row = `d${output}/d${name}`;
    const earlier = names.get(expr) ?? adjointNames.get(expr);
    const formula = earlier ?? printTyped(expr, printNames);
    if (!adjointNames.has(expr)) adjointNames.set(expr, row);
    if (!printNames.has(expr)) printNames.set(expr, row);
    const role = node === undefined ? "input" : node === f ? "output" : "intermediate";
    return { name: row, role, shape: formatShape(shape), formula, value: valueOf(expr) };
  });

  const gradient: Record<string, TypedValue> = Object.create(null) as Record<string, TypedValue>;
  for (const name of wrtNames) gradient[name] = backward[backwardOf.findIndex((b) => b.node === undefined && b.name === name)].value;
  return { output, value: valueOf(f) as number, wrt: wrtNames, layout: LAYOUT_NOTE, forward, backward, gradient };
}
