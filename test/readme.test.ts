// README.md's command-line examples, run through the built CLI (`node bin/diffscope.js`) and
// compared with the text shown. The conventions (which blocks are examples, what may differ:
// `…` elisions, numbers with a time unit, timing columns and the ` (compiled)` suffix of compare's
// method column) are stated in test/support/readme-examples.ts.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildCli, type CliOutput, compareOutput, readmeExamples, runBuiltCli, shownStream } from "./support/readme-examples.js";

const root = join(import.meta.dirname, "..");
const readme = readFileSync(join(root, "README.md"), "utf8");
const { examples, listed, problems } = readmeExamples(readme);

/**
 * Output shown in the README that this test does not run, each marked in the README with
 * "not run by the README test", and why. Matched by the block's first line.
 */
const NOT_RUN: Record<string, string> = {
  "npm run build && npm run bench        # 66 s; --quick leaves out the 784-100-10 network; --json for rows":
    "the benchmark takes about a minute (it is not an `npx diffscope` command, but its output follows)",
  "  target reverse gradient ≤ 3× f on nn 784-100-10: compiled 2.13× of compiled f — met; taped 4.22× of interpreted f":
    "the benchmark's own target lines, from the same run: times",
  "case            method                         path         gradient  f         ratio  set-up   deviation":
    "`npm run bench` takes about a minute and every figure but the deviation is a time",
  "method             params   max |Δ|  max rel Δ  check  in est.  setup ms  grad ms   grad/f   operations  f evals  passes    tape  expr nodes DAG/tree":
    "`compare mnist` takes 30–45 s; forward and finite-difference figures are extrapolated from timed subsets",
  "A \\ B  1       4       16      64": "`compare jacobian`'s grid is made of timing ratios only",
};

const runs = new Map<number, CliOutput>();

beforeAll(async () => {
  const cli = buildCli(root);
  // Two at a time: the machine has two cores and most of each run is Node's start-up.
  const queue = [...examples];
  const worker = async () => {
    for (let ex = queue.shift(); ex; ex = queue.shift()) runs.set(ex.line, await runBuiltCli(cli, ex.argv));
  };
  await Promise.all([worker(), worker()]);
}, 240_000);

describe("README.md's examples", () => {
  it("every block that looks like an example follows the conventions", () => {
    expect(problems).toEqual([]);
    expect(examples.length).toBeGreaterThanOrEqual(15);
  });

  it("the output blocks the test does not run are marked in the README and listed here", () => {
    const marked = listed.filter((l) => l.why === "not run by the README test").map((l) => l.command);
    expect(marked.sort()).toEqual(Object.keys(NOT_RUN).sort());
  });

  for (const ex of examples) {
    it(`README.md:${ex.line}: ${ex.command.slice(0, 90)}`, () => {
      const run = runs.get(ex.line)!;
      expect(run.code, run.stderr).not.toBe(3);
      expect(run.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
      const mismatch = compareOutput(ex.expected, shownStream(run));
      expect(mismatch, mismatch ?? "").toBeNull();
    });
  }
});

describe("the comparison's own rules", () => {
  it("a `…` line stands for any number of lines, a trailing `…` for the rest of one line", () => {
    expect(compareOutput(["a", "…", "d"], "a\nb\nc\nd\n")).toBeNull();
    expect(compareOutput(["a", "…", "b"], "a\nb\n")).toBeNull();
    expect(compareOutput(["a b…"], "a bcd")).toBeNull();
    expect(compareOutput(["a", "d"], "a\nb\nd")).not.toBeNull();
    expect(compareOutput(["a b…"], "a c")).not.toBeNull();
  });

  it("numbers with a time unit and timing columns may differ; counters may not", () => {
    const table = (setup: string, ops: string, name = "symbolic (compiled)") =>
      [
        "method               setup ms  grad/f  operations",
        "-------------------  --------  ------  ----------",
        `${name.padEnd(19)}  ${setup.padStart(8)}  ${"3.1".padStart(6)}  ${ops.padStart(10)}`,
        "",
        "takes 0.0079 ms",
      ].join("\n");
    expect(compareOutput(table("6.52", "140").split("\n"), table("110.5", "140", "symbolic").replace("0.0079 ms", "12 µs"))).toBeNull();
    expect(compareOutput(table("6.52", "140").split("\n"), table("6.52", "149"))).not.toBeNull();
    expect(compareOutput(["takes 5 ms"], "takes 5 ops")).not.toBeNull();
  });

  it("shell words: quotes, continuations, variables and comments", () => {
    const { examples: found } = readmeExamples(
      ['```sh', 'Y="x*z"', 'npx diffscope check "$Y" \\', "  --answer=\"-x\" 'a b'   # note", "# out", "```"].join("\n"),
    );
    expect(found).toEqual([
      { line: 3, command: 'npx diffscope check "$Y"  --answer="-x" \'a b\'   # note', argv: ["check", "x*z", "--answer=-x", "a b"], expected: ["out"] },
    ]);
  });
});
