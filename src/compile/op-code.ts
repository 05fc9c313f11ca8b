// How an op call becomes code. Arithmetic and the Math functions an op evaluates with are
// inlined from a fixed whitelist keyed by op name (never text a user typed); every other op
// is called through a closure table built from the op table's own `eval`, so compiled code
// applies the very same implementations as the interpreters.
import { getOp } from "../ops/table.js";
import type { Algebra, OpSpec } from "../ops/types.js";
import { numberLiteral } from "./literal.js";

/** The signature of OpSpec.eval, as the generated code receives it. */
export type OpEval = (args: readonly number[]) => number;

/** Infix operators whose JavaScript meaning is exactly the op's eval. */
const INLINE_OPERATORS: ReadonlyMap<string, string> = new Map([
  ["add", "+"],
  ["sub", "-"],
  ["mul", "*"],
  ["div", "/"],
]);

/**
 * Ops whose eval is exactly `Math.<member>` of their arguments (checked over many values by
 * test/compile/op-code.test.ts). The member text comes from this table, not from the op.
 */
export const INLINE_MATH: ReadonlyMap<string, string> = new Map([
  ["pow", "Math.pow"],
  ["exp", "Math.exp"],
  ["log", "Math.log"],
  ["log10", "Math.log10"],
  ["log2", "Math.log2"],
  ["sqrt", "Math.sqrt"],
  ["cbrt", "Math.cbrt"],
  ["abs", "Math.abs"],
  ["sign", "Math.sign"],
  ["sin", "Math.sin"],
  ["cos", "Math.cos"],
  ["tan", "Math.tan"],
  ["asin", "Math.asin"],
  ["acos", "Math.acos"],
  ["atan", "Math.atan"],
  ["sinh", "Math.sinh"],
  ["cosh", "Math.cosh"],
  ["tanh", "Math.tanh"],
  ["asinh", "Math.asinh"],
  ["acosh", "Math.acosh"],
  ["atanh", "Math.atanh"],
]);

/** Name of the closure-table parameter in generated code. */
export const OP_TABLE_PARAM = "F";

/**
 * Lowers op calls to code for one compiled program, collecting the closures it needs.
 * Code fragments are always atoms or fully parenthesised, so they compose without care.
 */
export class OpCoder {
  private readonly closureIndex = new Map<string, number>();
  readonly closures: OpEval[] = [];

  call(op: OpSpec, args: readonly string[]): string {
    if (op.arity === 0) return numberLiteral(op.eval([]));
    const infix = INLINE_OPERATORS.get(op.name);
    if (infix !== undefined) return `(${args[0]} ${infix} ${args[1]})`;
    if (op.name === "neg") return `(-${args[0]})`;
    const math = INLINE_MATH.get(op.name);
    if (math !== undefined) return `${math}(${args.join(", ")})`;
    return `${OP_TABLE_PARAM}[${this.closureSlot(op)}]([${args.join(", ")}])`;
  }

  private closureSlot(op: OpSpec): number {
    let slot = this.closureIndex.get(op.name);
    if (slot === undefined) {
      slot = this.closures.push(op.eval) - 1;
      this.closureIndex.set(op.name, slot);
    }
    return slot;
  }
}

const isOne = (code: string) => code === "1";
const isMinusOne = (code: string) => code === "(-1)";

/**
 * Products as code, dropping factors 1 and turning -1 into a negation: both are exact in IEEE
 * arithmetic (x·1 = x and x·(-1) = -x for every double), so results stay bit-identical.
 */
export function productCode(a: string, b: string): string {
  if (isOne(a)) return b;
  if (isOne(b)) return a;
  if (isMinusOne(a)) return `(-${b})`;
  if (isMinusOne(b)) return `(-${a})`;
  return `(${a} * ${b})`;
}

/**
 * An Algebra over code strings: running an op's partial rule on it writes the code that
 * computes the partial with the same operations, in the same order, as numberAlgebra does.
 */
export function codeAlgebra(coder: OpCoder): Algebra<string> {
  return {
    num: numberLiteral,
    add: (a, b) => `(${a} + ${b})`,
    sub: (a, b) => `(${a} - ${b})`,
    mul: (a, b) => `(${a} * ${b})`,
    div: (a, b) => `(${a} / ${b})`,
    neg: (a) => `(-${a})`,
    pow: (a, b) => `Math.pow(${a}, ${b})`,
    call: (op, args) => coder.call(getOp(op), args),
  };
}
