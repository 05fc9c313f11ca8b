// Issue 12: every command accepts the same notations. Each row below is one expression spelled
// in plain ASCII and in LaTeX, pasted Unicode and the lecture's own forms; every command must
// give for every spelling exactly what it gives for the ASCII one (the same numbers, the same
// derivative, the same verdict), and grad, derive and check say how they read the text
// ("read as: …") exactly when it was not plain ASCII read plainly. The error side: an unknown
// LaTeX command, an unbalanced brace and derivative notation are exit 2 with the place, in
// every command, and JSON with --json.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "./run.js";

/** One spelling of a row's expression: its text, and whether "read as" must be shown for it. */
interface Spelling {
  notation: "LaTeX" | "Unicode" | "lecture";
  text: string;
  readAs: boolean;
}

const latex = (text: string): Spelling => ({ notation: "LaTeX", text, readAs: true });
const unicode = (text: string): Spelling => ({ notation: "Unicode", text, readAs: true });
/** The lecture's ASCII spellings: "read as" only where a reading rule fires (y*, sin x, |x|). */
const lecture = (text: string, readAs: boolean): Spelling => ({ notation: "lecture", text, readAs });

interface Row {
  title: string;
  ascii: string;
  spellings: Spelling[];
  /** --at for eval, grad, trace; check's numeric answers use it too. */
  at: string;
  wrt: string;
  /** A correct and a wrong hand derivative by wrt, each in ASCII first, then in other spellings. */
  correct: string[];
  wrong: string[];
}

const SCALAR: Row[] = [
  {
    title: "σ(x)(1 − σ(x))",
    ascii: "sigmoid(x)*(1-sigmoid(x))",
    spellings: [latex("\\sigma(x)\\left(1-\\sigma(x)\\right)"), unicode("σ(x)(1−σ(x))"), lecture("sigma(x) (1 - sigma(x))", true)],
    at: "x=0.5",
    wrt: "x",
    correct: ["sigmoid(x)*(1-sigmoid(x))*(1-2*sigmoid(x))", "\\sigma(x)\\left(1-\\sigma(x)\\right)\\left(1-2\\sigma(x)\\right)", "σ(x)(1−σ(x))(1−2σ(x))", "sigma(x)(1-sigma(x))(1-2 sigma(x))"],
    wrong: ["sigmoid(x)*(1-sigmoid(x))", "\\sigma(x)\\left(1-\\sigma(x)\\right)", "σ(x)(1−σ(x))", "sigma(x)(1-sigma(x))"],
  },
  {
    title: "the lecture's simple example cos(sin(x²) + 3x²)",
    ascii: "cos(sin(x^2) + 3x^2)",
    spellings: [latex("\\cos\\left(\\sin x^2 + 3x^2\\right)"), unicode("cos(sin(x²) + 3x²)"), lecture("cos(sin x^2 + 3x^2)", true)],
    at: "x=1",
    wrt: "x",
    correct: ["-sin(sin(x^2) + 3x^2)*(cos(x^2)*2x + 6x)", "-\\sin\\left(\\sin x^2 + 3x^2\\right)\\left(2x\\cos x^2 + 6x\\right)", "−sin(sin(x²) + 3x²)·(2x·cos(x²) + 6x)", "-sin(sin x^2 + 3x^2) (2x cos(x^2) + 6x)"],
    // The dropped 3x² branch of the backward pass.
    wrong: ["-sin(sin(x^2) + 3x^2) * cos(x^2) * 2x", "-\\sin\\left(\\sin x^2 + 3x^2\\right) \\cdot 2x\\cos x^2", "−sin(sin(x²) + 3x²)·cos(x²)·2x", "-sin(sin x^2 + 3x^2) cos(x^2) 2x"],
  },
  {
    title: "1/(1 + e^(−x))",
    ascii: "1/(1+exp(-x))",
    spellings: [latex("\\frac{1}{1+e^{-x}}"), latex("$\\dfrac{1}{1+\\exp(-x)}$"), latex("\\(\\tfrac{1}{1 + \\exp\\left(-x\\right)}\\)"), unicode("1/(1 + e⁻ˣ)")],
    at: "x=0.5",
    wrt: "x",
    correct: ["exp(-x)/(1+exp(-x))^2", "\\frac{e^{-x}}{\\left(1+e^{-x}\\right)^{2}}", "e⁻ˣ/(1 + e⁻ˣ)²", "\\sigma(x)\\left(1-\\sigma(x)\\right)"],
    wrong: ["-exp(-x)/(1+exp(-x))^2", "-\\frac{e^{-x}}{(1+e^{-x})^2}", "−e⁻ˣ/(1 + e⁻ˣ)²", "e^{-x}\\,\\sigma(x)"],
  },
  {
    title: "the squared error ½(y − y*)²",
    ascii: "1/2*(y - ystar)^2",
    spellings: [latex("\\frac{1}{2}\\left(y - y^{*}\\right)^{2}"), unicode("½(y − y*)²"), lecture("1/2 (y - y*)^2", true)],
    at: "y=0.3,ystar=1",
    wrt: "y",
    correct: ["y - ystar", "y - y^*", "y − y*", "(y - y*)"],
    wrong: ["2*(y - ystar)", "2\\left(y - y^{*}\\right)", "2(y − y*)", "2 (y - y*)"],
  },
  {
    title: "Greek names α²β",
    ascii: "alpha^2*beta",
    spellings: [latex("\\alpha^2 \\cdot \\beta"), unicode("α²·β"), lecture("alpha^2 beta", false)],
    at: "alpha=2,beta=3",
    wrt: "alpha",
    correct: ["2*alpha*beta", "2\\alpha\\beta", "2αβ", "2 alpha beta"],
    wrong: ["2*alpha", "2\\alpha", "2α", "2 alpha"],
  },
];

const TYPED_AT_1 = "x=[1,2,3],W=[0.1,0.2,0.3;-0.1,0.4,0.2]";
const TYPED_AT_2 = "x=[1,2,3],W=[0.1,0.2;0.3,-0.1;0.4,0.2]";

const TYPED: Row[] = [
  {
    title: "½‖σ(Wx)‖² with x ∈ ℝ³, W ∈ ℝ^{2×3}",
    ascii: "x: R^3; W: R^(2x3); 1/2*norm2(sigmoid(W*x))^2",
    spellings: [
      latex("x \\in \\mathbb{R}^3; W \\in \\mathbb{R}^{2 \\times 3}; \\frac{1}{2}\\|\\sigma(W x)\\|^2"),
      unicode("x ∈ ℝ³; W ∈ ℝ^{2×3}; ½‖σ(W x)‖²"),
      lecture("x: R^3; W: R^(2x3); 1/2 norm2(sigma(W x))^2", true),
    ],
    at: TYPED_AT_1,
    wrt: "W",
    correct: [
      "(sigmoid(W*x) .* sigmoid(W*x) .* (1 - sigmoid(W*x))) * x'",
      "\\left(\\sigma(W x) \\odot \\sigma(W x) \\odot (1 - \\sigma(W x))\\right) x^\\top",
      "(σ(W x) ⊙ σ(W x) ⊙ (1 − σ(W x))) xᵀ",
      "(sigma(W x) .* sigma(W x) .* (1 - sigma(W x))) x'",
    ],
    // σ' dropped.
    wrong: ["(sigmoid(W*x) .* sigmoid(W*x)) * x'", "\\left(\\sigma(W x) \\odot \\sigma(W x)\\right) x^\\top", "(σ(W x) ⊙ σ(W x)) xᵀ", "(sigma(W x) .* sigma(W x)) x'"],
  },
  {
    title: "sum(σ(Wᵀx)) with W ∈ ℝ^{3×2}",
    ascii: "x: R^3; W: R^(3x2); sum(sigmoid(W' * x))",
    spellings: [
      latex("x \\in \\mathbb{R}^{3}; W \\in \\mathbb{R}^{3 \\times 2}; \\operatorname{sum}(\\sigma(W^\\top x))"),
      unicode("x ∈ ℝ³; W ∈ ℝ³ˣ²; sum(σ(Wᵀx))"),
      lecture("x: R^3; W: R^(3x2); sum(sigma(W' x))", true),
    ],
    at: TYPED_AT_2,
    wrt: "W",
    correct: ["x * (sigmoid(W'*x) .* (1 - sigmoid(W'*x)))'", "x \\cdot \\left(\\sigma(W^\\top x) \\odot (1 - \\sigma(W^\\top x))\\right)^\\top", "x·(σ(Wᵀx) ⊙ (1 − σ(Wᵀx)))ᵀ", "x * (sigma(W' x) .* (1 - sigma(W' x)))'"],
    // Numerator layout: the transpose of the gradient.
    wrong: ["(sigmoid(W'*x) .* (1 - sigmoid(W'*x))) * x'", "\\left(\\sigma(W^\\top x) \\odot (1 - \\sigma(W^\\top x))\\right) x^\\top", "(σ(Wᵀx) ⊙ (1 − σ(Wᵀx))) xᵀ", "(sigma(W' x) .* (1 - sigma(W' x))) * x'"],
  },
];

const READ_AS = /^read as: /m;

/**
 * Whether an answer is written in notation, so that check says how it read it: LaTeX or Unicode,
 * y* as the target (before a bracket or the end), or a function applied without parentheses.
 */
// The lecture's spellings count: y*, y^*, sin x, and sigma(x) for the sigmoid.
const inNotation = (answer: string): boolean => /[^\x00-\x7f]|\\|[a-z]\*(?![\w(])|\^\*|\b(sin|cos|ln|exp) +[a-z0-9(]|\bsigma\s*\(/.test(answer);

/** Output without the "read as" block grad and derive print first (and typed grad's `f = <as written>`). */
function withoutReadAs(text: string): string {
  return text
    .split("\n")
    .filter((line) => !/^read as: |^ {2}reading: |^f = /.test(line))
    .join("\n");
}

/** JSON output without what echoes the text as written or says how it was read. */
function withoutWritten(json: string): unknown {
  return JSON.parse(json, (key, value) => (key === "readAs" || key === "program" ? undefined : value));
}

const spellingsOf = (row: Row) => row.spellings.map((s) => [`${s.notation}: ${s.text}`, s] as const);

describe.each([...SCALAR, ...TYPED])("$title", (row) => {
  const typed = TYPED.includes(row);

  it("eval: the same value, text and JSON", async () => {
    const reference = await cli("eval", row.ascii, "--at", row.at);
    const referenceJson = await cli("eval", row.ascii, "--at", row.at, "--json");
    expect(reference.code, reference.stderr).toBe(0);
    for (const [label, s] of spellingsOf(row)) {
      const run = await cli("eval", s.text, "--at", row.at);
      expect([run.code, run.stdout, run.stderr], label).toEqual([0, reference.stdout, reference.stderr]);
      expect((await cli("eval", s.text, "--at", row.at, "--json")).stdout, label).toBe(referenceJson.stdout);
    }
  });

  it("grad: the same gradients by every method; read as exactly when not plain ASCII", async () => {
    const reference = await cli("grad", row.ascii, "--at", row.at);
    const referenceJson = await cli("grad", row.ascii, "--at", row.at, "--json");
    expect(reference.code, reference.stderr).toBe(0);
    expect(reference.stdout).not.toMatch(READ_AS);
    expect(JSON.parse(referenceJson.stdout).readAs).toBeUndefined();
    for (const [label, s] of spellingsOf(row)) {
      const run = await cli("grad", s.text, "--at", row.at);
      expect(run.code, label).toBe(0);
      expect(READ_AS.test(run.stdout), label).toBe(s.readAs);
      expect(withoutReadAs(run.stdout), label).toBe(withoutReadAs(reference.stdout));
      const json = await cli("grad", s.text, "--at", row.at, "--json");
      expect(withoutWritten(json.stdout), label).toEqual(withoutWritten(referenceJson.stdout));
      expect(JSON.parse(json.stdout).readAs !== undefined, label).toBe(s.readAs);
    }
  });

  it("derive: the same derivative (text, LaTeX, JSON); read as exactly when not plain ASCII", async () => {
    const reference = await cli("derive", row.ascii, "--wrt", row.wrt);
    const referenceLatex = await cli("derive", row.ascii, "--wrt", row.wrt, "--latex");
    const referenceJson = await cli("derive", row.ascii, "--wrt", row.wrt, "--json");
    expect(reference.code, reference.stderr).toBe(0);
    expect(reference.stdout).not.toMatch(READ_AS);
    for (const [label, s] of spellingsOf(row)) {
      const run = await cli("derive", s.text, "--wrt", row.wrt);
      expect(run.code, label).toBe(0);
      expect(READ_AS.test(run.stdout), label).toBe(s.readAs);
      expect(withoutReadAs(run.stdout), label).toBe(reference.stdout);
      // --latex keeps stdout pasteable: "read as" goes to stderr.
      const latexRun = await cli("derive", s.text, "--wrt", row.wrt, "--latex");
      expect(latexRun.stdout, label).toBe(referenceLatex.stdout);
      expect(READ_AS.test(latexRun.stderr), label).toBe(s.readAs);
      const json = await cli("derive", s.text, "--wrt", row.wrt, "--json");
      expect(withoutWritten(json.stdout), label).toEqual(withoutWritten(referenceJson.stdout));
    }
  });

  it("check: the same verdicts on right and wrong answers written in every notation", async () => {
    const verdictOf = async (expression: string, answer: string) => {
      const run = await cli("check", expression, "--wrt", row.wrt, "--answer", answer, "--json");
      const report = JSON.parse(run.stdout) as { verdict: string; checks: Array<{ readAs?: unknown }> };
      return { code: run.code, verdict: report.verdict, report: withoutWritten(run.stdout), readAs: report.checks[0].readAs != null };
    };
    const right = await verdictOf(row.ascii, row.correct[0]);
    const wrong = await verdictOf(row.ascii, row.wrong[0]);
    expect([right.code, right.verdict, right.readAs]).toEqual([0, "correct", false]);
    expect([wrong.code, wrong.verdict, wrong.readAs]).toEqual([1, "incorrect", false]);
    for (const [label, s] of spellingsOf(row)) {
      // The expression in this spelling with the ASCII answers: the whole report is the same.
      expect((await verdictOf(s.text, row.correct[0])).report, label).toEqual(right.report);
      expect((await verdictOf(s.text, row.wrong[0])).report, label).toEqual(wrong.report);
    }
    for (const [k, answer] of row.correct.entries()) {
      const expression = k === 0 ? row.ascii : row.spellings[(k - 1) % row.spellings.length].text;
      const r = await verdictOf(expression, answer);
      expect([r.code, r.verdict, r.readAs], `${expression} / ${answer}`).toEqual([0, "correct", inNotation(answer)]);
    }
    for (const [k, answer] of row.wrong.entries()) {
      const expression = k === 0 ? row.ascii : row.spellings[(k - 1) % row.spellings.length].text;
      const r = await verdictOf(expression, answer);
      expect([r.code, r.verdict, r.readAs], `${expression} / ${answer}`).toEqual([1, "incorrect", inNotation(answer)]);
    }
    // The text report: a "read as" line exactly under an answer in notation.
    const text = await cli("check", row.spellings[0].text, "--wrt", row.wrt, "--answer", row.correct[1]);
    expect(text.stdout).toMatch(/^ {2}read as {3}\S/m);
    const plain = await cli("check", row.ascii, "--wrt", row.wrt, "--answer", row.correct[0]);
    expect(plain.stdout).not.toMatch(/read as/);
  });

  it("trace: the same forward and backward tables", async () => {
    const reference = await cli("trace", row.ascii, "--at", row.at);
    const referenceJson = await cli("trace", row.ascii, "--at", row.at, "--json");
    expect(reference.code, reference.stderr).toBe(0);
    for (const [label, s] of spellingsOf(row)) {
      const run = await cli("trace", s.text, "--at", row.at);
      expect([run.code, run.stdout], label).toEqual([0, reference.stdout]);
      expect(withoutWritten((await cli("trace", s.text, "--at", row.at, "--json")).stdout), label).toEqual(withoutWritten(referenceJson.stdout));
    }
  });

  // steps derives scalar expressions only.
  if (!typed) it("steps: the same derivation", async () => {
    const reference = await cli("steps", row.ascii, "--wrt", row.wrt);
    const referenceJson = await cli("steps", row.ascii, "--wrt", row.wrt, "--json");
    expect(reference.code, reference.stderr).toBe(0);
    for (const [label, s] of spellingsOf(row)) {
      expect(await cli("steps", s.text, "--wrt", row.wrt), label).toEqual(reference);
      expect(await cli("steps", s.text, "--wrt", row.wrt, "--json"), label).toEqual(referenceJson);
    }
  });

  it("parse: the same canonical text, LaTeX and sizes", async () => {
    const reference = await cli("parse", row.ascii, "--json");
    expect(reference.code, reference.stderr).toBe(0);
    const strip = (json: string) => {
      const value = withoutWritten(json) as Record<string, unknown>;
      delete value.reading;
      return value;
    };
    for (const [label, s] of spellingsOf(row)) {
      const run = await cli("parse", s.text, "--json");
      expect(run.code, label).toBe(0);
      expect(strip(run.stdout), label).toEqual(strip(reference.stdout));
    }
  });
});

describe("check --file: a batch in every notation, JSON and YAML", () => {
  const dir = mkdtempSync(join(tmpdir(), "diffscope-notation-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Every row's expression in every spelling, with its answers in every spelling.
  const problems = [...SCALAR, ...TYPED].flatMap((row) =>
    [row.ascii, ...row.spellings.map((s) => s.text)].flatMap((expression, e) => [
      { name: `${row.title} #${e} right`, expression, wrt: row.wrt, answer: row.correct[e % row.correct.length], verdict: "correct" },
      { name: `${row.title} #${e} wrong`, expression, wrt: row.wrt, answer: row.wrong[e % row.wrong.length], verdict: "incorrect" },
    ]),
  );
  const yamlQuoted = (text: string) => `'${text.replace(/'/g, "''")}'`;

  it.each(["json", "yaml"])("a .%s file: every problem gets the verdict its ASCII spelling gets", async (format) => {
    const file = join(dir, `homework.${format}`);
    const entries = problems.map(({ verdict: _, ...p }) => p);
    writeFileSync(
      file,
      format === "json"
        ? JSON.stringify({ problems: entries }, null, 2)
        : "problems:\n" + entries.map((p) => `  - name: ${yamlQuoted(p.name)}\n    expression: ${yamlQuoted(p.expression)}\n    wrt: ${p.wrt}\n    answer: ${yamlQuoted(p.answer)}\n`).join(""),
    );
    const run = await cli("check", "--file", file, "--json");
    expect(run.code, run.stdout).toBe(1);
    const report = JSON.parse(run.stdout) as { summary: Record<string, number>; problems: Array<{ name: string; verdict: string }> };
    expect(report.problems.map((p) => [p.name, p.verdict])).toEqual(problems.map((p) => [p.name, p.verdict]));
    expect(report.summary).toMatchObject({ problems: problems.length, correct: problems.length / 2, incorrect: problems.length / 2, unreadable: 0 });
    // "read as" exactly for the answers written in notation, in the JSON and in the text report.
    const reports = JSON.parse(run.stdout).problems as Array<{ checks: Array<{ readAs?: unknown }> }>;
    expect(reports.map((p) => p.checks[0].readAs != null)).toEqual(problems.map((p) => inNotation(p.answer)));
    const text = await cli("check", "--file", file);
    expect(text.stdout.match(/^ {2}read as {3}/gm)?.length).toBe(problems.filter((p) => inNotation(p.answer)).length);
  });

  it("names in a batch file's maps as the expression writes them: α, \\beta, y*", async () => {
    const file = join(dir, "greek.yaml");
    writeFileSync(
      file,
      [
        "- expression: α²·β",
        "  answer: {α: 2αβ, '\\beta': α²}",
        "- expression: α²·β",
        "  at: {α: 2, β: 3}",
        "  value: {α: 12, β: 4.0}",
        "- expression: ½(y − y*)²",
        "  at: {y: 0.3, 'y*': 1}",
        "  value: {'y*': 0.7}",
        "",
      ].join("\n"),
    );
    const run = await cli("check", "--file", file, "--json");
    expect(run.code, run.stdout).toBe(0);
    const report = JSON.parse(run.stdout) as { summary: Record<string, number>; problems: Array<{ checks: Array<{ wrt: string }> }> };
    expect(report.summary).toMatchObject({ problems: 3, correct: 3 });
    expect(report.problems.map((p) => p.checks.map((c) => c.wrt))).toEqual([["alpha", "beta"], ["alpha", "beta"], ["ystar"]]);
  });
});

describe("--wrt, --at, --answer and --value name variables as the expression does", () => {
  const f = "\\alpha^2 \\cdot \\beta";

  it("--wrt α and --at α=2 in grad, derive, eval, trace and steps", async () => {
    const reference = withoutWritten((await cli("grad", "alpha^2*beta", "--at", "alpha=2,beta=3", "--wrt", "alpha", "--json")).stdout);
    for (const [wrt, at] of [["α", "α=2,β=3"], ["\\alpha", "\\alpha=2,\\beta=3"], ["alpha", "α=2,beta=3"]]) {
      const run = await cli("grad", f, "--at", at, "--wrt", wrt, "--json");
      expect(withoutWritten(run.stdout), `${wrt} ${at}`).toEqual(reference);
      expect((await cli("eval", f, "--at", at)).stdout).toBe("12\n");
      expect((await cli("derive", f, "--wrt", wrt, "--json")).stdout).toContain('"alpha": "2*beta*alpha"');
      expect((await cli("trace", f, "--at", at, "--wrt", wrt)).stdout).toContain("dy/dalpha = 12");
      expect((await cli("steps", f, "--wrt", wrt)).stdout).toContain("Result: d/dalpha [alpha^2*beta] = 2*beta*alpha");
    }
  });

  it("check: --answer α=…, --answer \\beta=…, --value α=12 and --wrt α", async () => {
    const named = await cli("check", f, "--answer", "α=2αβ", "--answer", "\\beta=α²");
    expect(named.code, named.stdout + named.stderr).toBe(0);
    expect(named.stdout).toContain("d/dalpha [alpha^2*beta]");
    expect(named.stdout).toContain("d/dbeta [alpha^2*beta]");
    const wrongNamed = await cli("check", f, "--answer", "α=2α", "--answer", "β=α²");
    expect(wrongNamed.code).toBe(1);
    const value = await cli("check", f, "--at", "α=2,β=3", "--value", "α=12", "--value", "β=4");
    expect(value.code, value.stdout + value.stderr).toBe(0);
    const wrongValue = await cli("check", f, "--at", "α=2,β=3", "--value", "α=13");
    expect(wrongValue.code).toBe(1);
    const wrt = await cli("check", "α²·β", "--wrt", "α", "--answer", "2αβ");
    expect([wrt.code, wrt.stdout.includes("read as   2*alpha*beta")]).toEqual([0, true]);
  });

  it("an ASCII answer that merely contains = is still an answer in --wrt's order, not a name", async () => {
    const run = await cli("check", "x^2", "--wrt", "x", "--answer", "2*x = 2x");
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/error in the answer/);
  });
});

/** Each command with a text slot: how to run it on `text` (as the expression, or as an answer). */
const SLOTS: Array<{ name: string; argv: (text: string) => string[]; what: "expression" | "answer" }> = [
  { name: "eval", argv: (t) => ["eval", t, "--at", "x=1,z1=1"], what: "expression" },
  { name: "grad", argv: (t) => ["grad", t, "--at", "x=1,z1=1"], what: "expression" },
  { name: "derive", argv: (t) => ["derive", t], what: "expression" },
  { name: "check (expression)", argv: (t) => ["check", t, "--wrt", "x", "--answer", "1"], what: "expression" },
  { name: "check (answer)", argv: (t) => ["check", "x^2 + x*z1", "--wrt", "x", "--answer", t], what: "answer" },
  { name: "trace", argv: (t) => ["trace", t, "--at", "x=1,z1=1"], what: "expression" },
  { name: "steps", argv: (t) => ["steps", t], what: "expression" },
  { name: "parse", argv: (t) => ["parse", t], what: "expression" },
];

/** Bad texts, the spot the caret must sit under, and what the message must say. */
const BAD: Array<{ text: string; spot: string; says: RegExp }> = [
  { text: "x + \\foo(x)", spot: "\\foo", says: /unknown LaTeX command \\foo at 1:5\n/ },
  { text: "2x + \\sinn x", spot: "\\sinn", says: /unknown LaTeX command \\sinn at 1:6\n[^]*did you mean \\sin\b/ },
  { text: "\\frac{1}{x + 1", spot: "{", says: /unbalanced brace: this \{ is never closed at 1:9/ },
  { text: "\\frac{1}{x}} + 1", spot: "}", says: /unbalanced brace: this \} closes no \{ at 1:12/ },
  { text: "dJ/du * z1", spot: "dJ/du", says: /dJ\/du is derivative notation \(dJ\/du\), not a division at 1:1/ },
  { text: "x + \\frac{\\partial J}{\\partial u}", spot: "\\frac{\\partial J}{\\partial u}", says: /is derivative notation \(dJ\/du\), not a division at 1:5/ },
];

/** The caret line under the echoed text: the carets start under `spot` and are as long as it (one for a brace). */
function caretUnder(stderr: string, text: string, spot: string): void {
  const lines = stderr.split("\n");
  const echo = lines.findIndex((l) => l === `  ${text}`);
  expect(echo, stderr).toBeGreaterThanOrEqual(0);
  const carets = lines[echo + 1];
  const column = spot === "{" ? text.lastIndexOf("{") : spot === "}" ? text.lastIndexOf("}") : text.indexOf(spot);
  expect(carets, stderr).toBe(" ".repeat(2 + column) + "^".repeat(spot.length));
}

describe("bad notation: exit 2 with the place, in every command", () => {
  describe.each(SLOTS)("$name", (slot) => {
    it.each(BAD)("$text", async ({ text, spot, says }) => {
      const run = await cli(...slot.argv(text));
      expect(run.code, run.stdout + run.stderr).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(new RegExp(`^error in the ${slot.what}: `));
      expect(run.stderr).toMatch(says);
      caretUnder(run.stderr, text, spot);
      // A backslash prints as one backslash, never escaped.
      expect(run.stderr).not.toContain("\\\\");
      expect(run.stderr).not.toMatch(/\n\s+at .*:\d+/);
      const json = await cli(...slot.argv(text), "--json");
      expect([json.code, json.stderr], json.stdout).toEqual([2, ""]);
      const { error } = JSON.parse(json.stdout) as { error: { message: string; details: string; line: number; column: number; offending: string; exitCode: number } };
      expect(`${error.message}\n${error.details}`).toMatch(says);
      expect(error.line).toBe(1);
      expect(error.exitCode).toBe(2);
    });
  });

  it("an unknown command in a typed program: caret under it in eval, grad, derive, check, trace and parse", async () => {
    const text = "x ∈ ℝ³; W ∈ ℝ^{2×3}; \\sinn(W x)";
    const column = [...text.slice(0, text.indexOf("\\sinn"))].length;
    for (const argv of [
      ["eval", text, "--seed", "1"],
      ["grad", text, "--seed", "1"],
      ["derive", text],
      ["check", text, "--wrt", "W", "--answer", "W"],
      ["trace", text, "--seed", "1"],
      ["parse", text],
    ]) {
      const run = await cli(...argv);
      expect(run.code, `${argv[0]}: ${run.stderr}`).toBe(2);
      expect(run.stderr, argv[0]).toContain(`unknown LaTeX command \\sinn at 1:${column + 1}`);
      expect(run.stderr, argv[0]).toMatch(/did you mean \\sin\b/);
      expect(run.stderr.split("\n"), argv[0]).toContain(" ".repeat(2 + column) + "^^^^^");
    }
  });

  it("a bad answer in a batch file is reported with its caret, the rest is still checked", async () => {
    const dir = mkdtempSync(join(tmpdir(), "diffscope-notation-bad-"));
    try {
      const file = join(dir, "bad.yaml");
      writeFileSync(file, ["- expression: '\\sin x'", "  answer: '\\coss x'", "- expression: '\\sin x'", "  answer: '\\cos x'", ""].join("\n"));
      const run = await cli("check", "--file", file);
      expect(run.code).toBe(2);
      expect(run.stdout).toContain("could not read: error in the answer: unknown LaTeX command \\coss at 1:1");
      expect(run.stdout).toMatch(/did you mean \\cos\b/);
      expect(run.stdout).toContain("  \\coss x\n  ^^^^^");
      expect(run.stdout).toContain("1 of 2 problems correct, 1 unreadable");
      expect(run.stdout).not.toContain("\\\\");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("README's 'LaTeX, Unicode and the lecture's spellings' table says what parse prints", () => {
  const readme = readFileSync(join(import.meta.dirname, "../../README.md"), "utf8");
  const start = readme.indexOf("| notation | example | read as |");
  const lines = readme.slice(start).split("\n").slice(2);
  const rows = lines.slice(0, lines.findIndex((line) => !line.startsWith("|")));
  // Code spans of a cell, with GFM's \| (a pipe inside a table cell) unescaped.
  const spans = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1].replace(/\\\|/g, "|"));
  const pairs = rows.flatMap((row) => {
    const [notation, example, readAs] = row.slice(1, -1).split(/(?<!\\)\|/).map((c) => c.trim());
    if (/typed|derivative/.test(notation)) return [];
    const written = spans(example);
    const read = spans(readAs);
    // "`a*b` each": one reading for every example; otherwise the readings pair with the examples.
    return written.map((text, i) => [notation, text, read.length === 1 ? read[0] : read[i]] as const);
  });

  it("the table has its rows", () => {
    expect(rows.length).toBeGreaterThanOrEqual(20);
    expect(pairs.length).toBeGreaterThanOrEqual(50);
  });

  it.each(pairs)("%s: %s reads as %s", async (_, text, expected) => {
    const run = await cli("parse", text, "--json");
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).text).toBe(expected);
  });
});
