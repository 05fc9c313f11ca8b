// Reads README.md's command-line examples and checks them against what the built CLI prints.
//
// Which blocks are examples (the README's own conventions):
//  1. a plain ``` block whose first line is `$ npx diffscope …` (continued with a trailing `\`):
//     the command, and every following line is its output;
//  2. a ```sh block holding exactly one `npx diffscope …` command, followed (blank lines aside)
//     by a plain ``` block: that block is the command's output;
//  3. inside a ```sh block, `# `-comment lines right under a `npx diffscope …` command: its output
//     (with `# ` removed). `NAME="…"` lines in the block set shell variables for later commands.
// A block whose preceding paragraph says "not run by the README test" is listed, not run.
// Other `npx diffscope` commands in ```sh blocks show no output and are listed as such.
//
// How output is compared (everything else must match line for line, byte for byte, after trailing
// spaces are removed from each line and blank lines from both ends):
//  - elisions: a line that is only `…` stands for any number of lines (zero included); a line
//    ending in `…` matches any line that starts with the text before the `…`;
//  - times: a number followed by a time unit (`0.0079 ms`, `3.2 µs`, `12 ns`, `4.4 s`, `~3.13 h`)
//    matches any number with a time unit;
//  - timing columns of a table (a header line over a rule of dashes): the columns headed `… ms`,
//    `… µs`, `time` or `grad/f` are not compared, and in a `method` column the suffix
//    ` (compiled)` is not compared (it says the timed runs switched to generated code, which
//    happens once the time spent interpreting reaches the predicted compile time). The rows of
//    such a table are compared cell by cell (cells split at the rule's column boundaries), so a
//    wider or narrower timing cell does not shift the rest.
import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, cpSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface ReadmeExample {
  /** 1-based line of the command in README.md. */
  line: number;
  /** The command as written (continuations joined). */
  command: string;
  /** Arguments after `npx diffscope`, after shell quoting and variable expansion. */
  argv: string[];
  /** The output shown in the README, one entry per line. */
  expected: string[];
}

export interface ListedCommand {
  line: number;
  command: string;
  why: "no output shown" | "not run by the README test";
}

export interface ReadmeExamples {
  examples: ReadmeExample[];
  listed: ListedCommand[];
  /** Blocks that look like examples but break the conventions (the test fails on any). */
  problems: string[];
}

interface Fence {
  /** 1-based line of the opening fence. */
  line: number;
  info: string;
  body: string[];
  /** The paragraph (non-blank lines) just before the fence. */
  before: string;
  /** Blank lines only between this fence's end and the next fence's start. */
  adjacentToNext: boolean;
}

const NOT_RUN = /not run by the README test/i;

function fences(markdown: string): Fence[] {
  const lines = markdown.split("\n");
  const out: Fence[] = [];
  let i = 0;
  while (i < lines.length) {
    const open = /^(`{3,})(.*)$/.exec(lines[i]);
    if (!open) {
      i++;
      continue;
    }
    const start = i;
    const body: string[] = [];
    i++;
    while (i < lines.length && lines[i] !== open[1]) body.push(lines[i++]);
    i++;
    let back = start - 1;
    while (back >= 0 && lines[back].trim() === "") back--;
    const para: string[] = [];
    while (back >= 0 && lines[back].trim() !== "" && !lines[back].startsWith("```")) para.unshift(lines[back--]);
    let next = i;
    while (next < lines.length && lines[next].trim() === "") next++;
    // An output block right under a command block shares the paragraph above the command.
    const previous = out[out.length - 1];
    const inherited = para.length === 0 && previous?.adjacentToNext ? previous.before : "";
    out.push({
      line: start + 1,
      info: open[2].trim(),
      body,
      before: para.length > 0 ? para.join(" ") : inherited,
      adjacentToNext: next < lines.length && lines[next].startsWith("```"),
    });
  }
  return out;
}

/** Splits a POSIX shell command line into words: quotes, backslashes, `$NAME`, `# comments`. */
export function shellWords(text: string, vars: Record<string, string> = {}): string[] {
  const words: string[] = [];
  let word: string | null = null;
  let i = 0;
  const add = (s: string) => (word = (word ?? "") + s);
  const variable = (): string => {
    const m = /^\$(\{(\w+)\}|(\w+))/.exec(text.slice(i));
    if (!m) {
      i++;
      return "$";
    }
    i += m[0].length;
    const name = m[2] ?? m[3];
    if (!(name in vars)) throw new Error(`shell variable $${name} is not set in this block`);
    return vars[name];
  };
  while (i < text.length) {
    const c = text[i];
    if (c === " " || c === "\t" || c === "\n") {
      if (word !== null) words.push(word);
      word = null;
      i++;
    } else if (c === "#" && word === null) {
      break;
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new Error("unterminated '");
      add(text.slice(i + 1, end));
      i = end + 1;
    } else if (c === '"') {
      i++;
      add("");
      while (i < text.length && text[i] !== '"') {
        if (text[i] === "\\" && '"\\$`'.includes(text[i + 1])) {
          add(text[i + 1]);
          i += 2;
        } else if (text[i] === "$") add(variable());
        else add(text[i++]);
      }
      if (i >= text.length) throw new Error('unterminated "');
      i++;
    } else if (c === "\\") {
      add(text[i + 1] ?? "");
      i += 2;
    } else if (c === "$") {
      add(variable());
    } else {
      add(c);
      i++;
    }
  }
  if (word !== null) words.push(word);
  return words;
}

/** Joins lines ending in `\` with the next; returns [first line index, last line index, text]. */
function logicalLines(body: string[]): Array<[number, number, string]> {
  const out: Array<[number, number, string]> = [];
  for (let i = 0; i < body.length; i++) {
    const start = i;
    let text = body[i];
    while (text.endsWith("\\") && i + 1 < body.length) text = text.slice(0, -1) + " " + body[++i].trim();
    out.push([start, i, text]);
  }
  return out;
}

const DIFFSCOPE = /^\s*(?:\$ )?npx diffscope(?:\s|$)/;

export function readmeExamples(markdown: string): ReadmeExamples {
  const examples: ReadmeExample[] = [];
  const listed: ListedCommand[] = [];
  const problems: string[] = [];
  const all = fences(markdown);
  // Shell variables set in one ```sh block hold in the later ones, as in one shell session.
  const vars: Record<string, string> = {};
  const argvOf = (command: string, line: number, vars: Record<string, string> = {}): string[] | null => {
    try {
      const words = shellWords(command, vars);
      return words.slice(2);
    } catch (error) {
      problems.push(`README.md:${line}: cannot read the command ${command}: ${(error as Error).message}`);
      return null;
    }
  };
  for (let f = 0; f < all.length; f++) {
    const fence = all[f];
    const notRun = NOT_RUN.test(fence.before);
    if (fence.info === "" && fence.body[0]?.startsWith("$ npx diffscope")) {
      const [[, continued, command]] = logicalLines(fence.body);
      const cmd = command.slice(2);
      if (notRun) {
        listed.push({ line: fence.line + 1, command: cmd, why: "not run by the README test" });
        continue;
      }
      const argv = argvOf(cmd, fence.line + 1);
      if (argv) examples.push({ line: fence.line + 1, command: cmd, argv, expected: fence.body.slice(continued + 1) });
      continue;
    }
    if (fence.info !== "sh") continue;
    const commands: Array<{ line: number; end: number; command: string; comments: string[] }> = [];
    for (const [index, end, text] of logicalLines(fence.body)) {
      const assignment = /^(\w+)=(.*)$/.exec(text);
      if (assignment) {
        const value = shellWords(assignment[2], vars);
        vars[assignment[1]] = value.join(" ");
        continue;
      }
      if (DIFFSCOPE.test(text)) {
        commands.push({ line: fence.line + 1 + index, end, command: text.trim(), comments: [] });
        continue;
      }
      const last = commands[commands.length - 1];
      const comment = /^# ?(.*)$/.exec(text);
      if (comment && last && last.end + last.comments.length + 1 === index) last.comments.push(comment[1]);
    }
    const outputFence = fence.adjacentToNext && all[f + 1]?.info === "" ? all[f + 1] : undefined;
    if (outputFence && commands.length !== 1) {
      problems.push(`README.md:${fence.line}: a \`\`\`sh block with ${commands.length} diffscope commands is followed by an output block`);
    }
    for (const c of commands) {
      const shown = c.comments.length > 0 ? c.comments : commands.length === 1 && outputFence ? outputFence.body : null;
      if (shown === null) {
        listed.push({ line: c.line, command: c.command, why: "no output shown" });
        continue;
      }
      if (notRun) {
        listed.push({ line: c.line, command: c.command, why: "not run by the README test" });
        continue;
      }
      const argv = argvOf(c.command, c.line, vars);
      if (argv) examples.push({ line: c.line, command: c.command, argv, expected: shown });
    }
    if (outputFence) f++;
  }
  // Output blocks that are marked as not run and have no command of their own (tables from a run).
  for (const fence of all) {
    if (fence.info === "" && NOT_RUN.test(fence.before) && !fence.body[0]?.startsWith("$ npx diffscope")) {
      listed.push({ line: fence.line, command: fence.body[0] ?? "", why: "not run by the README test" });
    }
  }
  return { examples, listed, problems };
}

export interface CliOutput {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Builds the CLI with `npm run build`, into a directory of this test's own
 * (node_modules/.cache/diffscope-readme-test: dist/, bin/diffscope.js, a package.json saying ESM) so that
 * other builds and `npm pack` emptying the shared dist/ cannot change it mid-run. The build is
 * incremental (tsc --incremental), so an unchanged tree rebuilds quickly. Returns the directory.
 */
export function buildCli(root: string): string {
  const dir = join(root, "node_modules/.cache/diffscope-readme-test");
  mkdirSync(join(dir, "bin"), { recursive: true });
  copyFileSync(join(root, "bin/diffscope.js"), join(dir, "bin/diffscope.js"));
  // Only "type": "module" matters here (npm pack rewrites the real package.json for a moment).
  writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
  // Examples that read a file name it under examples/, relative to where they run.
  cpSync(join(root, "examples"), join(dir, "examples"), { recursive: true });
  const args = ["run", "build", "--", "--outDir", join(dir, "dist"), "--incremental", "--tsBuildInfoFile", join(dir, "tsbuildinfo")];
  execFileSync("npm", args, { cwd: root, stdio: "pipe" });
  return dir;
}

/** Runs `node bin/diffscope.js …argv` (the built CLI) in `cwd`, stdout not a terminal. */
export function runBuiltCli(cwd: string, argv: string[], env: Record<string, string> = {}): Promise<CliOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/diffscope.js", ...argv], {
      cwd,
      env: { ...process.env, NO_COLOR: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (t: string) => (stdout += t));
    child.stderr.setEncoding("utf8").on("data", (t: string) => (stderr += t));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The text an example's output is compared with: stdout, or stderr when stdout is empty (errors). */
export function shownStream(run: CliOutput): string {
  return run.stdout.trim() !== "" ? run.stdout : run.stderr;
}

const TIME = /~?\d+(?:\.\d+)?(?:e[+-]?\d+)?\s?(?:ns|µs|ms|s|h)(?![\w/])/g;
const TIMING_HEADER = /(?:^|\s)(?:ms|µs)$|^time$|^grad\/f$/;
const RULE = /^-+(?: {2,}-+)*$/;

interface Row {
  /** The line as compared: itself, or for a timing table its cells with timing cells blanked. */
  key: string;
  raw: string;
}

/** Splits a line into cells at the column spans of a rule line of dashes. */
function cells(line: string, spans: Array<[number, number]>): string[] {
  return spans.map(([from, to], k) => {
    const end = k + 1 < spans.length ? spans[k + 1][0] : Math.max(line.length, to);
    return line.slice(from, end).trim();
  });
}

function normalise(lines: string[]): Row[] {
  const rows: Row[] = lines.map((raw) => ({ key: raw.replace(TIME, "<time>"), raw }));
  for (let i = 1; i < lines.length; i++) {
    if (!RULE.test(lines[i])) continue;
    const spans: Array<[number, number]> = [];
    for (const m of lines[i].matchAll(/-+/g)) spans.push([m.index, m.index + m[0].length]);
    const header = cells(lines[i - 1], spans);
    const timing = header.map((h) => TIMING_HEADER.test(h));
    if (!timing.includes(true)) continue;
    const method = header.indexOf("method");
    for (let r = i - 1; r < lines.length && lines[r].trim() !== ""; r++) {
      if (r === i) continue;
      const c = cells(lines[r], spans).map((cell, k) =>
        r !== i - 1 && timing[k] ? "<time>" : k === method ? cell.replace(/ \(compiled\)$/, "") : cell,
      );
      rows[r] = { key: c.join(" | "), raw: lines[r] };
    }
  }
  return rows;
}

function trimBlank(lines: string[]): string[] {
  const out = lines.map((l) => l.replace(/\s+$/, ""));
  while (out.length && out[0] === "") out.shift();
  while (out.length && out[out.length - 1] === "") out.pop();
  return out;
}

/**
 * Compares the README's text with the CLI's output under the rules above; returns null when they
 * match, else a message naming the first expected line that could not be matched.
 */
export function compareOutput(expectedLines: string[], actualText: string): string | null {
  const expected = trimBlank(expectedLines);
  const actual = trimBlank(actualText.split("\n"));
  const e = normalise(expected);
  const a = normalise(actual);
  const lineMatches = (i: number, j: number): boolean => {
    const want = expected[i];
    if (want.endsWith("…") && want.trim() !== "…") return actual[j].startsWith(want.slice(0, -1));
    return e[i].key === a[j].key;
  };
  // Longest expected prefix matched, for the report.
  let best = { i: 0, j: 0 };
  const memo = new Map<number, boolean>();
  const match = (i: number, j: number): boolean => {
    const id = i * (actual.length + 1) + j;
    const known = memo.get(id);
    if (known !== undefined) return known;
    let ok: boolean;
    if (i > best.i) best = { i, j };
    if (i === expected.length) ok = j === actual.length;
    else if (expected[i].trim() === "…") ok = match(i + 1, j) || (j < actual.length && match(i, j + 1));
    else ok = j < actual.length && lineMatches(i, j) && match(i + 1, j + 1);
    memo.set(id, ok);
    return ok;
  };
  if (match(0, 0)) return null;
  const { i, j } = best;
  const want = i < expected.length ? expected[i] : "(end of the README's text)";
  const got = j < actual.length ? actual[j] : "(end of the output)";
  return [
    `expected line ${i + 1} of the README's text does not match`,
    `  README: ${want}`,
    `  CLI:    ${got}`,
    "full output:",
    ...actual.map((l) => "  | " + l),
  ].join("\n");
}
