import { dagSize, variablesOf } from "../../ast/walk.js";
import { DerivationBudgetExceeded, deriveN, type DerivationBudget } from "../../diff/symbolic/index.js";
import { printLatex } from "../../print/latex.js";
import { printShared, whereBlock, type SharedPrintout } from "../../print/shared.js";
import { ExpressionTooLargeError, printExpr } from "../../print/text.js";
import type { Expr } from "../../ast/expr.js";
import { expectPositionals, parseCommandArgs, stringOption, wrtOption } from "../args.js";
import type { Command } from "../command.js";
import { toJson } from "../format.js";
import { EXIT, UsageError, type Io } from "../io.js";
import type { ParsedArgs } from "../args.js";
import {
  bindingNames, definitionTexts, freshName, gradientPrintout, LAYOUT_NOTE, printMatrixGradientLatex, printTyped, printTypedLatex, whereLines, type TExpr,
} from "../../typed/index.js";
import { parseShapes, readProgram, scalarReading } from "../typed-input.js";
import { canonicalProgram, programReading, readAsJson, readAsText } from "../read-as.js";
import { requireScalar, typedWrt } from "./grad-typed.js";

/**
 * What `derive` may spend on one variable's derivatives (all orders together, simplification
 * included): a 10th derivative of sigmoid(sigmoid(sigmoid(x))) takes ~25 s, so past these it stops.
 */
export const DERIVE_BUDGET: DerivationBudget = { maxNodesBuilt: 2_000_000, timeLimitMs: 10_000 };

function runTypedDerive(text: string, values: ParsedArgs["values"], io: Io): number {
  for (const option of ["raw", "order", "mode"] as const) {
    if (values[option] !== undefined) throw new UsageError(`derive: --${option} is for scalar expressions; a matrix-form gradient is first order and simplified`);
  }
  const program = readProgram(text, parseShapes(stringOption(values, "shape"), "derive"), "expression");
  requireScalar(program, "derive");
  const wrt = [...typedWrt(program, wrtOption(stringOption(values, "wrt"), "derive"), "derive").keys()];
  if (wrt.length === 0) throw new UsageError("derive: the expression has no variables; give --wrt", 'e.g. diffscope derive "x: R^3; sum(x .^ 2)" --wrt x');
  // The output is J, unless the program already uses that name (then J1, J2, …).
  const output = freshName("J", new Set([...program.shapes.keys(), ...program.bindings.map((b) => b.name)]), false);
  if (values.latex === true && values.json !== true) {
    io.stderr(readAsText(programReading(program), canonicalProgram(program)));
    io.stdout(`${printMatrixGradientLatex(program, { wrt, output })}\n`);
    return EXIT.ok;
  }
  // Forward quantities the gradients would repeat (a layer's output) get names u1, u2, … under "where".
  const { gradient, names, definitions } = gradientPrintout(program, { wrt, output });
  const named = (g: TExpr) => names.get(g) ?? printTyped(g, names);
  if (values.json === true) {
    const own = bindingNames(program);
    io.stdout(`${toJson({
      program: program.source,
      ...readAsJson(programReading(program), canonicalProgram(program)),
      output,
      layout: LAYOUT_NOTE,
      definitions: Object.fromEntries(program.bindings.map((b) => [b.name, printTyped(b.expr, own)])),
      where: Object.fromEntries(definitionTexts(definitions, names)),
      derivatives: Object.fromEntries([...gradient].map(([v, g]) => [v, named(g)])),
      latex: Object.fromEntries([...gradient].map(([v, g]) => [v, printTypedLatex(g, names)])),
      expanded: Object.fromEntries([...gradient].map(([v, g]) => [v, printTyped(g)])),
    })}\n`);
    return EXIT.ok;
  }
  io.stdout(readAsText(programReading(program), canonicalProgram(program)));
  const lines = [...gradient].map(([v, g]) => `∂${output}/∂${v} = ${named(g)}`);
  io.stdout(`${[...lines, ...whereLines(definitions, names)].join("\n")}\n(${LAYOUT_NOTE}${program.bindings.length > 0 ? "; written in the program's definitions" : ""})\n`);
  return EXIT.ok;
}

/**
 * The derivatives as text: written out when the tree fits, else in their shared form, repeated
 * sub-expressions named u1, u2, … under "where" (a derivative's DAG is often far smaller than
 * its tree). Too large even so: the printer's refusal, exit 2.
 */
function printedDerivatives(derivatives: readonly Expr[], variables: readonly string[]): SharedPrintout {
  try {
    return { texts: derivatives.map((d) => printExpr(d)), definitions: [] };
  } catch (error) {
    if (!(error instanceof ExpressionTooLargeError)) throw error;
    return printShared(derivatives, variables);
  }
}

export const deriveCommand: Command = {
  name: "derive",
  summary: "the symbolic derivative as text (or LaTeX), simplified",
  help: `usage: diffscope derive EXPR --wrt x [--order N] [--mode tree|shared] [--latex] [--raw] [--json]

  --wrt x[,z]           variable(s) to differentiate by (default: every variable of EXPR)
  --order N             differentiate N times (default 1)
  --mode tree|shared    textbook tree recursion, or reverse accumulation on the shared DAG (default)
  --latex               print LaTeX instead of text
  --raw                 skip the simplifier
  --json                print {"derivatives": {"x": "<text>"}, "where"?: {…}, "latex": {…}, "sizes": {…}}

The text is readable by diffscope and, for functions mathjs knows, by mathjs. All orders
together may build 2e6 nodes in 10 s (simplification included); past that derive stops, exit 2.
A derivative too large to write out as a tree (over 2e6 nodes) is printed in its shared form:
each repeated sub-expression named u1, u2, … under "where" (JSON: "where": {"u1": "…"}).

Vectors and matrices (--shape x=3,W=2x3, or a header "x: R^3; W: R^(2x3); …"): the gradient in
matrix form, by matrix-calculus rules (reverse accumulation on the typed expression), written
in the program's own names where it has definitions (quantities it would repeat are named u1, u2, …
under "where"); denominator layout (∂J/∂W has W's shape). --latex prints LaTeX (⊙ element-wise, ᵀ).
  e.g. diffscope derive "x: R^3; W: R^(2x3); t: R^2; z = sigmoid(W*x); 0.5*norm2(z - t)^2" --wrt W
       ∂J/∂W = (z - t) .* z .* (1 - z) * x'`,
  options: {
    wrt: { type: "string" },
    order: { type: "string" },
    mode: { type: "string" },
    latex: { type: "boolean" },
    raw: { type: "boolean" },
    json: { type: "boolean" },
    shape: { type: "string" },
  },
  run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, this.options, "derive");
    expectPositionals(positionals, 1, "derive");
    const reading = scalarReading(positionals[0], values, "derive");
    const f = reading?.expr;
    if (f === undefined || reading === undefined) return runTypedDerive(positionals[0], values, io);
    const wrt = wrtOption(stringOption(values, "wrt"), "derive") ?? variablesOf(f);
    if (wrt.length === 0) throw new UsageError("derive: the expression has no variables; give --wrt", `e.g. diffscope derive "x^2" --wrt x`);
    // As grad: a variable the expression does not have is refused, not differentiated to 0.
    const own = variablesOf(f);
    for (const v of wrt) {
      if (!own.includes(v)) throw new UsageError(`derive: --wrt ${v}: ${v} is not a variable of the expression`, `variables of the expression: ${own.join(", ") || "(none)"}`);
    }
    const orderText = stringOption(values, "order") ?? "1";
    const order = /^\s*\d+\s*$/.test(orderText) ? Number(orderText) : NaN;
    if (!(order >= 0 && order <= 20)) throw new UsageError(`derive: --order must be a whole number from 0 to 20, got "${orderText}"`);
    const mode = stringOption(values, "mode") ?? "shared";
    if (mode !== "tree" && mode !== "shared") throw new UsageError(`derive: --mode must be tree or shared, got "${mode}"`);

    const derivatives = wrt.map((v) => {
      try {
        return deriveN(f, v, order, { mode, simplify: !values.raw, budget: DERIVE_BUDGET });
      } catch (error) {
        if (!(error instanceof DerivationBudgetExceeded)) throw error;
        throw new UsageError(`derive: ${wrt.length > 1 ? `∂/∂${v}: ` : ""}${error.message}`, mode === "tree" ? "try --mode shared or a lower --order" : "try a lower --order");
      }
    });
    const { texts, definitions } = printedDerivatives(derivatives, variablesOf(f));
    if (values.json) {
      io.stdout(`${toJson({
        expression: printExpr(f),
        ...readAsJson(reading, printExpr(f)),
        order,
        mode,
        derivatives: Object.fromEntries(wrt.map((v, i) => [v, texts[i]])),
        ...(definitions.length > 0 && { where: Object.fromEntries(definitions) }),
        // LaTeX has no shared form: only derivatives that were written out have one.
        ...(definitions.length === 0 && { latex: Object.fromEntries(wrt.map((v, i) => [v, printLatex(derivatives[i])])) }),
        sizes: Object.fromEntries(wrt.map((v, i) => [v, { treeNodes: derivatives[i].treeSize, dagNodes: dagSize(derivatives[i]) }])),
      })}\n`);
      return EXIT.ok;
    }
    const shown = values.latex ? derivatives.map(printLatex) : texts;
    // LaTeX output stays pasteable: how the input was read goes to stderr there.
    (values.latex ? io.stderr : io.stdout)(readAsText(reading, printExpr(f)));
    if (wrt.length === 1) io.stdout(`${shown[0]}\n`);
    else io.stdout(wrt.map((v, i) => `${v}: ${shown[i]}\n`).join(""));
    if (definitions.length > 0) io.stdout(`${whereBlock(definitions).join("\n")}\n`);
    return EXIT.ok;
  },
};
