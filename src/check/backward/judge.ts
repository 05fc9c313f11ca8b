// Judges a backward sheet line by line. Each adjoint dJ/dq is the sum of its lines (= sets, +=
// adds), compared with the true dJ/dq as functions of the inputs. Lines refer to earlier
// adjoints by their true values, so one mistake never condemns the lines after it. A wrong
// adjoint's lines are matched to the chain rule's paths to find which line is wrong, and the
// mistake is named (src/check/backward/diagnose.ts).
import type { Expr } from "../../ast/expr.js";
import { num } from "../../ast/expr.js";
import { exprAlgebra } from "../../ops/table.js";
import { printExpr } from "../../print/text.js";
import { backwardPass } from "../../trace/adjoints.js";
import { expandedQuantities, substitute, type ForwardProgram } from "../../trace/program.js";
import { compareFunctions, expressionReference, type CheckOptions } from "../equivalence.js";
import { readAs, type ReadAs } from "../reading.js";
import { formatReportNumber } from "../report.js";
import { diagnose, inProgramTerms, sameFunction, type DiagnosisContext } from "./diagnose.js";
import { readSheet, type SheetLine } from "./sheet.js";

export type LineVerdict = "correct" | "incorrect";

export interface ClaimVerdict {
  readonly written: string;
  readonly verdict: LineVerdict;
  /** The true local derivative, when the claim is wrong. */
  readonly diagnosis?: string;
}

export interface JudgedLine {
  readonly line: number;
  readonly written: string;
  readonly quantity: string;
  readonly verdict: LineVerdict;
  readonly diagnosis?: string;
  readonly readAs?: ReadAs;
  /** The line as read (ASCII, adjoints as written), when readAs is given. */
  readonly asRead?: string;
  readonly claims: readonly ClaimVerdict[];
}

export interface SheetReport {
  readonly program: ForwardProgram;
  readonly lines: readonly JudgedLine[];
  readonly verdict: LineVerdict;
  /** The first wrong line's number in the sheet. */
  readonly firstWrong?: number;
  /** One correct form of each adjoint the sheet sets, in the program's names (for --show-answer). */
  readonly answers: ReadonlyMap<string, string>;
}

export function judgeSheet(program: ForwardProgram, sheet: string, options: CheckOptions = {}): SheetReport {
  const pass = backwardPass(program);
  const expanded = expandedQuantities(program);
  const context: DiagnosisContext = {
    program,
    pass,
    toInputs: (expr) => substitute(expr, expanded),
    domain: expanded.get(program.output) as Expr,
    options,
  };
  const lines = readSheet(sheet, program, pass);
  const byQuantity = new Map<string, SheetLine[]>();
  for (const line of lines) byQuantity.set(line.quantity, [...(byQuantity.get(line.quantity) ?? []), line]);
  const judged = new Map<SheetLine, { verdict: LineVerdict; diagnosis?: string }>();
  for (const [quantity, own] of byQuantity) {
    const total = own.reduce((sum: Expr, line) => (line.accumulate ? exprAlgebra.add(sum, line.value) : line.value), num(0));
    const truth = pass.adjoints.get(quantity) as Expr;
    if (sameFunction(total, truth, context)) {
      for (const line of own) judged.set(line, { verdict: "correct" });
      continue;
    }
    for (const [line, verdict] of blame(quantity, own, total, context)) judged.set(line, verdict);
  }
  const judgedLines: JudgedLine[] = lines.map((line) => {
    const { verdict, diagnosis } = judged.get(line) as { verdict: LineVerdict; diagnosis?: string };
    const howRead = readAs(line.written, line.reading);
    return {
      line: line.line,
      written: line.written,
      quantity: line.quantity,
      verdict,
      ...(diagnosis !== undefined && { diagnosis }),
      ...(howRead !== undefined && { readAs: howRead, asRead: line.asRead }),
      claims: line.claims.map((claim) => {
        const truth = pass.localPartial(claim.of, claim.wrt) as Expr;
        return sameFunction(claim.value, truth, context)
          ? { written: claim.written, verdict: "correct" as const }
          : { written: claim.written, verdict: "incorrect" as const, diagnosis: `d${claim.of}/d${claim.wrt} is ${printExpr(inProgramTerms(truth, program))}` };
      }),
    };
  });
  const firstWrong = judgedLines.find((l) => l.verdict === "incorrect" || l.claims.some((c) => c.verdict === "incorrect"));
  const answers = new Map([...byQuantity.keys()].map((q) => [q, printExpr(inProgramTerms(pass.adjoints.get(q) as Expr, program))]));
  return { program, lines: judgedLines, verdict: firstWrong === undefined ? "correct" : "incorrect", ...(firstWrong !== undefined && { firstWrong: firstWrong.line }), answers };
}

/**
 * Which of a wrong adjoint's lines are wrong, and why. Several `+=` lines: each that is one of
 * the chain rule's paths is right, and if they all are, the missing paths are named on the last;
 * a line that is no path is wrong, diagnosed against the paths' sum it should have made.
 */
function blame(quantity: string, own: readonly SheetLine[], total: Expr, context: DiagnosisContext): Map<SheetLine, { verdict: LineVerdict; diagnosis?: string }> {
  const { pass, program } = context;
  const result = new Map<SheetLine, { verdict: LineVerdict; diagnosis?: string }>();
  const paths = pass.paths.get(quantity) ?? [];
  if (own.length > 1 && own.every((l) => l.accumulate)) {
    const used = new Set<number>();
    const wrong: SheetLine[] = [];
    for (const line of own) {
      const match = paths.findIndex((p, i) => !used.has(i) && sameFunction(line.value, p.contribution, context));
      if (match >= 0) {
        used.add(match);
        result.set(line, { verdict: "correct" });
      } else wrong.push(line);
    }
    const missing = paths.filter((_p, i) => !used.has(i));
    if (wrong.length === 0) {
      const last = own[own.length - 1];
      const through = missing.map((p) => `the path through ${p.through} (d${program.output}/d${p.through} * d${p.through}/d${quantity})`);
      result.set(last, { verdict: "incorrect", diagnosis: `misses ${through.join(" and ")}` });
      return result;
    }
    if (wrong.length === 1 && missing.length === 1) {
      // The line meant to be that path: diagnose it against that path as if it were the adjoint.
      const path = missing[0];
      const restOfTotal = exprAlgebra.sub(total, wrong[0].value);
      const diagnosis = diagnose(quantity, wrong[0].value, { ...context, pass: withAdjoint(pass, quantity, exprAlgebra.sub(pass.adjoints.get(quantity) as Expr, restOfTotal)) });
      result.set(wrong[0], { verdict: "incorrect", diagnosis: diagnosis ?? `this is not the path through ${path.through}, d${program.output}/d${path.through} * d${path.through}/d${quantity} = ${printExpr(inProgramTerms(path.contribution, program))}` });
      return result;
    }
    for (const line of wrong) result.set(line, { verdict: "incorrect", diagnosis: "this line is none of the chain rule's paths into " + `d${program.output}/d${quantity}` });
    return result;
  }
  // One line (or a line that sets the adjoint): the last line that sets it carries the mistake.
  const diagnosis = diagnose(quantity, total, context) ?? counterexampleText(quantity, total, context);
  const setting = [...own].reverse().find((l) => !l.accumulate) ?? own[own.length - 1];
  for (const line of own) result.set(line, line === setting ? { verdict: "incorrect", diagnosis } : { verdict: "correct" });
  return result;
}

/** The pass with one adjoint replaced (to diagnose one path as if it were the whole adjoint). */
function withAdjoint(pass: ReturnType<typeof backwardPass>, quantity: string, adjoint: Expr): ReturnType<typeof backwardPass> {
  const adjoints = new Map(pass.adjoints);
  adjoints.set(quantity, adjoint);
  return { ...pass, adjoints, localPartial: pass.localPartial };
}

/** Where the line and the truth differ, when no known kind of mistake fits (the answer itself is not revealed). */
function counterexampleText(quantity: string, total: Expr, context: DiagnosisContext): string {
  const truth = context.toInputs(context.pass.adjoints.get(quantity) as Expr);
  const comparison = compareFunctions(context.toInputs(total), expressionReference(truth, context.domain), context.program.inputs, context.options);
  const adjoint = `d${context.program.output}/d${quantity}`;
  const c = comparison.counterexample;
  if (c === undefined) return `not equal to ${adjoint} as a function${comparison.verdictNote !== undefined ? ` (${comparison.verdictNote})` : ""}`;
  const at = Object.entries(c.point).map(([k, v]) => `${k} = ${v}`).join(", ");
  return `at ${at} this gives ${formatReportNumber(c.answer)}, ${adjoint} is ${formatReportNumber(c.derivative)}${comparison.region !== undefined ? `; it holds ${comparison.region}` : ""}`;
}
