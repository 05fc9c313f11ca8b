// Text of a rule-by-rule derivation: one indented block per differentiated sub-expression.
import { printBounded } from "../print/text.js";
import type { Derivation, DerivationStep } from "./steps.js";

function stepLines(step: DerivationStep, x: string, depth: number, lines: string[]): void {
  const pad = "  ".repeat(depth);
  const head = `${pad}d/d${x} [${printBounded(step.expression)}]`;
  if (step.derivedAbove) {
    lines.push(`${head} = ${printBounded(step.result)}   (derived above)`);
    return;
  }
  if (step.rule === "constant rule" || step.rule === "d/dx x = 1") {
    lines.push(`${head} = ${printBounded(step.result)}   (${step.rule === "constant rule" ? "a constant" : `d/d${x} ${x} = 1`})`);
    return;
  }
  lines.push(head);
  const where = step.substitutions.length > 0 ? `, with ${step.substitutions.map(([p, e]) => `${p} = ${e}`).join(", ")}` : "";
  lines.push(`${pad}  ${step.rule}: ${step.statement}${where}`);
  for (const child of step.children) stepLines(child, x, depth + 1, lines);
  lines.push(`${pad}  = ${printBounded(step.result)}`);
}

export function derivationText(derivation: Derivation): string {
  const lines: string[] = [];
  stepLines(derivation.root, derivation.wrt, 0, lines);
  lines.push("", `Result: d/d${derivation.wrt} [${printBounded(derivation.root.expression)}] = ${printBounded(derivation.result)}`);
  return `${lines.join("\n")}\n`;
}

function stepJson(step: DerivationStep): unknown {
  return {
    expression: printBounded(step.expression),
    rule: step.rule,
    statement: step.statement,
    substitutions: Object.fromEntries(step.substitutions),
    result: printBounded(step.result),
    derivedAbove: step.derivedAbove,
    steps: step.children.map(stepJson),
  };
}

export function derivationJson(derivation: Derivation): unknown {
  return { wrt: derivation.wrt, result: printBounded(derivation.result), derivation: stepJson(derivation.root) };
}
