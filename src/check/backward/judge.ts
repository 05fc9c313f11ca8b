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
import { expandedQuantities, substitute } from "../../trace/program.js";
import { compareFunctions, expressionReference, type CheckOptions } from "../equivalence.js";
import { readAs, type ReadAs } from "../reading.js";
import { formatReportNumber } from "../report.js";
import { diagnose, inProgramTerms, sameFunction, type DiagnosisContext } from "./diagnose.js";
import type { ReadProgram } from "./forward.js";
import { IndexError, indexVariants, subscriptLetters } from "./indices.js";
import { derivativeMeaning, entryLines, readSheet, resolvePlaceholders, type LocalClaim, type SheetLine } from "./sheet.js";

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
  readonly program: ReadProgram;
  readonly lines: readonly JudgedLine[];
  readonly verdict: LineVerdict;
  /** The first wrong line's number in the sheet. */
  readonly firstWrong?: number;
  /** One correct form of each adjoint the sheet sets, in the program's names (for --show-answer). */
  readonly answers: ReadonlyMap<string, string>;
}

/**
 * Where a sheet's lines are compared: up to 10, not the 1000 a single derivative is tried at.
 * A network's units saturate far sooner (σ(βᵀz) at 1000 is 1 to the last bit), and there a right
 * line and the truth differ in what rounding left of y(1 − y)·z(1 − z), not in their algebra.
 */
const SHEET_SCALES: readonly number[] = [0.1, 1, 10];

export function judgeSheet(program: ReadProgram, sheet: string, given: CheckOptions = {}): SheetReport {
  const options: CheckOptions = { scales: SHEET_SCALES, ...given };
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
  for (const line of lines) if (line.readingMistake !== undefined) judged.set(line, { verdict: "incorrect", diagnosis: line.readingMistake });
  for (const line of lines) {
    if (line.unsummed === undefined) continue;
    const rightWhenSummed = judged.get(line)?.verdict === "correct";
    const j = line.unsummed;
    judged.set(line, { verdict: "incorrect", diagnosis: `${j} is on the right but not on the left, and nothing sums it: a missing Σ_${j} (the notes' own slip in dJ/dx_i)${rightWhenSummed ? `; with Σ_${j} the line is right` : ""}` });
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
      claims: judgedClaims(line.claims, context),
    };
  });
  const sheetLines = mergedEntries(lines, judgedLines).map((judgedLine) => {
    const change = judgedLine.verdict === "incorrect" ? indexMistake(lines.filter((l) => l.line === judgedLine.line && l.written === judgedLine.written), program, context) : undefined;
    return change === undefined ? judgedLine : { ...judgedLine, diagnosis: change };
  });
  const firstWrong = sheetLines.find((l) => l.verdict === "incorrect" || l.claims.some((c) => c.verdict === "incorrect"));
  const answers = new Map([...byQuantity.keys()].map((q) => [q, printExpr(inProgramTerms(pass.adjoints.get(q) as Expr, program))]));
  return { program, lines: sheetLines, verdict: firstWrong === undefined ? "correct" : "incorrect", ...(firstWrong !== undefined && { firstWrong: firstWrong.line }), answers };
}

/** Each claim beside a line, judged against the true local partial; a claim in index notation is wrong if any entry is. */
function judgedClaims(claims: readonly LocalClaim[], context: DiagnosisContext): ClaimVerdict[] {
  const verdicts: ClaimVerdict[] = [];
  for (const claim of claims) {
    const truth = context.pass.localPartial(claim.of, claim.wrt) as Expr;
    const earlier = verdicts.findIndex((v) => v.written === claim.written);
    if (earlier >= 0 && verdicts[earlier].verdict === "incorrect") continue;
    const verdict: ClaimVerdict = sameFunction(claim.value, truth, context)
      ? { written: claim.written, verdict: "correct" }
      : { written: claim.written, verdict: "incorrect", diagnosis: `${claim.at !== undefined ? `at ${claim.at}: ` : ""}d${claim.of}/d${claim.wrt} is ${printExpr(inProgramTerms(truth, context.program))}` };
    if (earlier >= 0) verdicts[earlier] = verdict;
    else verdicts.push(verdict);
  }
  return verdicts;
}

/**
 * A line in index notation (or matrix form) was judged entry by entry; as the sheet's line it is
 * wrong if any entry is, with the first wrong entry's diagnosis, saying where and how many.
 */
function mergedEntries(lines: readonly SheetLine[], judged: readonly JudgedLine[]): JudgedLine[] {
  const merged: JudgedLine[] = [];
  let k = 0;
  while (k < lines.length) {
    const entry = lines[k].entry;
    if (entry === undefined) {
      merged.push(judged[k++]);
      continue;
    }
    let end = k + 1;
    while (end < lines.length && lines[end].line === lines[k].line && lines[end].written === lines[k].written && lines[end].entry !== undefined) end++;
    const group = judged.slice(k, end);
    const wrong = group.findIndex((l) => l.verdict === "incorrect");
    const count = group.filter((l) => l.verdict === "incorrect").length;
    const where = lines[k + wrong]?.entry?.at;
    const diagnosis = wrong < 0 || lines[k].unsummed !== undefined ? group[Math.max(wrong, 0)].diagnosis : `${group[wrong].diagnosis as string} (at ${where as string}${group.length > 1 ? `; ${count} of ${group.length} entries are wrong` : ""})`;
    merged.push({ ...group[0], quantity: entry.of, verdict: wrong < 0 ? "correct" : "incorrect", ...(diagnosis !== undefined ? { diagnosis } : {}) });
    k = end;
  }
  return merged;
}

/**
 * A wrong line in index notation that one index change would make right at every entry: a Σ
 * over the wrong index, a transposed matrix entry, a quantity indexed by the wrong letter.
 */
function indexMistake(entries: readonly SheetLine[], program: ReadProgram, context: DiagnosisContext): string | undefined {
  const [first] = entries;
  const shapes = program.shapes;
  const transposed = entries.every((e) => e.transposedValue !== undefined && sameFunction(e.transposedValue, context.pass.adjoints.get(e.quantity) as Expr, context));
  if (transposed && entries.length > 1 && !entries.some((e) => e.accumulate)) return `this is the transposed layout: entry (i, j) here is d${program.output}/d${first.entry?.of ?? first.quantity}_ji (numerator layout); the sheet's layout is denominator layout, entry (i, j) = d${program.output}/d${first.entry?.of ?? first.quantity}_ij`;
  if (first?.indexedRight === undefined || shapes === undefined || entries.some((e) => e.accumulate)) return undefined;
  const wrt = first.entry?.of ?? first.quantity;
  const meaning = derivativeMeaning(program, context.pass);
  const unreadable = (): never => {
    throw new IndexError("not this variant");
  };
  for (const variant of indexVariants(first.indexedRight, shapes, subscriptLetters(wrt, shapes) ?? [])) {
    try {
      const lines = entryLines(wrt, variant.expr, shapes, unreadable);
      const fits = lines.every((line) => line.unsummed === undefined && sameFunction(resolvePlaceholders(line.value, meaning, unreadable), context.pass.adjoints.get(line.quantity) as Expr, context));
      if (fits) return variant.change;
    } catch (error) {
      if (!(error instanceof IndexError)) throw error;
    }
  }
  return undefined;
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
