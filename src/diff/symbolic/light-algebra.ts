// The expression algebra used while deriving: builds nodes through light smart constructors
// (0/1 identities and folding of arithmetic on two literals), so derivatives are not littered
// with `*1` and `+0`. Full simplification is a separate pass (simplify.ts).
import { callNode, num, type Expr } from "../../ast/expr.js";
import { call } from "../../ops/table.js";
import type { Algebra } from "../../ops/types.js";
import type { NodeCounter } from "./budget.js";
import { foldLiterals, isNumber, isZero } from "./numbers.js";


function neg(a: Expr): Expr {
  if (a.kind === "num") return num(a.value === 0 ? 0 : -a.value);
  if (a.kind === "call" && a.op === "neg") return a.args[0];
  return callNode("neg", [a]);
}

// The identities below that drop an operand (0*x → 0, 0/x → 0) hold wherever x is finite,
// i.e. inside the domain; the derivative is only claimed there.
const lightAlgebra: Algebra<Expr> = {
  num,
  add: (a, b) => foldLiterals("add", a, b) ?? (isZero(a) ? b : isZero(b) ? a : callNode("add", [a, b])),
  sub: (a, b) =>
    foldLiterals("sub", a, b) ?? (isZero(b) ? a : isZero(a) ? neg(b) : callNode("sub", [a, b])),
  mul: (a, b) => {
    const folded = foldLiterals("mul", a, b);
    if (folded !== undefined) return folded;
    if (isZero(a) || isZero(b)) return num(0);
    if (isNumber(a, 1)) return b;
    if (isNumber(b, 1)) return a;
    if (isNumber(a, -1)) return neg(b);
    if (isNumber(b, -1)) return neg(a);
    return callNode("mul", [a, b]);
  },
  div: (a, b) => {
    const folded = foldLiterals("div", a, b);
    if (folded !== undefined) return folded;
    if (isZero(a)) return num(0);
    if (isNumber(b, 1)) return a;
    return callNode("div", [a, b]);
  },
  neg,
  pow: (a, b) => {
    const folded = foldLiterals("pow", a, b);
    if (folded !== undefined) return folded;
    if (isNumber(b, 1)) return a;
    if (isNumber(b, 0)) return num(1);
    return callNode("pow", [a, b]);
  },
  call,
  textbook: true,
};

/** The light algebra with every call counted against a budget (the "nodes built" cost). */
export function countingAlgebra(counter: NodeCounter): Algebra<Expr> {
  return {
    num: (c) => (counter.count(), lightAlgebra.num(c)),
    add: (a, b) => (counter.count(), lightAlgebra.add(a, b)),
    sub: (a, b) => (counter.count(), lightAlgebra.sub(a, b)),
    mul: (a, b) => (counter.count(), lightAlgebra.mul(a, b)),
    div: (a, b) => (counter.count(), lightAlgebra.div(a, b)),
    neg: (a) => (counter.count(), lightAlgebra.neg(a)),
    pow: (a, b) => (counter.count(), lightAlgebra.pow(a, b)),
    call: (op, args) => (counter.count(), lightAlgebra.call(op, args)),
    textbook: true,
  };
}
