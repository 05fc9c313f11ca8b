// mathjs as an oracle for the grammar: its parse tree for a text, translated into our Expr
// with the conventions our parser documents (a sign directly before a number is part of the
// number, parentheses and unary plus make no node, names resolve through the op table).
import { parse as mathjsParse } from "mathjs";
import { callNode, num, variable, type Expr } from "../../src/ast/expr.js";
import { CONSTANT_NAMES, call, functionsNamed } from "../../src/ops/table.js";

/** The fields of mathjs nodes this translation reads. */
interface MathjsNode {
  readonly type: string;
  readonly value?: unknown;
  readonly name?: string;
  readonly fn?: string | { readonly name: string };
  readonly content?: MathjsNode;
  readonly args?: readonly MathjsNode[];
}

/** Thrown when mathjs reads the text but we must reject it (unknown function, arity, …). */
export class OracleRejects extends Error {}

const BINARY: Readonly<Record<string, string>> = {
  add: "add",
  subtract: "sub",
  multiply: "mul",
  divide: "div",
  pow: "pow",
  // `3.*2` is mathjs's element-wise product; on numbers it is the product.
  dotMultiply: "mul",
  dotDivide: "div",
  dotPow: "pow",
};

/**
 * What mathjs makes of `text`, as our Expr; `undefined` when mathjs cannot parse it;
 * throws OracleRejects when mathjs parses it but names something we do not accept.
 */
export function mathjsExpr(text: string): Expr | undefined {
  let tree: MathjsNode;
  try {
    tree = mathjsParse(text) as unknown as MathjsNode;
  } catch {
    return undefined;
  }
  return translate(tree);
}

function translate(node: MathjsNode): Expr {
  switch (node.type) {
    case "ParenthesisNode":
      return translate(node.content as MathjsNode);
    case "ConstantNode":
      if (typeof node.value !== "number") throw new OracleRejects(`constant ${String(node.value)}`);
      return num(node.value);
    case "SymbolNode": {
      const name = node.name as string;
      if (CONSTANT_NAMES.includes(name)) return call(name, []);
      if (functionsNamed(name) !== undefined) throw new OracleRejects(`function ${name} used as a variable`);
      return variable(name);
    }
    case "FunctionNode": {
      const fn = node.fn as { name: string };
      const byArity = functionsNamed(fn.name);
      const op = byArity?.get((node.args ?? []).length);
      if (op === undefined) throw new OracleRejects(`no function ${fn.name} of ${(node.args ?? []).length} arguments`);
      return call(op.name, (node.args ?? []).map(translate));
    }
    case "OperatorNode": {
      const args = node.args ?? [];
      const fn = node.fn as string;
      if (fn === "unaryMinus" || fn === "unaryPlus") {
        const operand = args[0];
        if (operand.type === "ConstantNode" && typeof operand.value === "number") {
          return num(fn === "unaryMinus" ? -operand.value : operand.value);
        }
        const inner = translate(operand);
        return fn === "unaryMinus" ? callNode("neg", [inner]) : inner;
      }
      const op = BINARY[fn];
      if (op === undefined || args.length !== 2) throw new OracleRejects(`operator ${fn}`);
      return callNode(op, [translate(args[0]), translate(args[1])]);
    }
    default:
      throw new OracleRejects(`node ${node.type}`);
  }
}
