// The CLI as a user meets it with bad input: every mistake is exit 2 with a message that says
// what, where and what would be accepted; never exit 3 (a bug) and never a stack trace.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/cli/commands/index.js";
import { cli } from "./run.js";

const dir = mkdtempSync(join(tmpdir(), "diffscope-cli-bad-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const STACK_FRAME = /\n\s+at .+:\d+:\d+/;

describe("expressions and option values that start with a minus sign", () => {
  it("an expression may start with '-': eval -x^2 at x=3 is -9", async () => {
    const r = await cli("eval", "-x^2", "--at", "x=3");
    expect(r.code).toBe(0);
    expect(Number(r.stdout)).toBe(-9);
  });

  it("an answer may start with '-' without '=': d/dx cos(x) = -sin(x) is correct", async () => {
    const r = await cli("check", "cos(x)", "--answer", "-sin(x)");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/verdict\s+correct/);
  });

  it.each([
    [["derive", "x^3", "--order", "-1"], /--order must be a whole number from 0 to 20, got "-1"/],
    [["grad", "x^2", "--at", "x=1", "--step", "-1"], /--step must be a positive number, got "-1"/],
    [["compare", "quiz1", "--budget", "-5"], /--budget must be a positive number of milliseconds, got "-5"/],
    [["swell", "--budget", "-1"], /--budget expects a duration/],
  ])("%j is judged by its value, not called an ambiguous option (exit 2)", async (args, message) => {
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/ambiguous/);
  });
});

describe("huge inputs", () => {
  it("5000-deep parentheses parse; 5000 minus signs read after \"--\" (even count: x)", async () => {
    expect((await cli("eval", `${"(".repeat(5000)}x${")".repeat(5000)}`, "--at", "x=2")).stdout).toBe("2\n");
    expect((await cli("eval", "--at", "x=2", "--", `${"-".repeat(5000)}x`)).stdout).toBe("2\n");
  });

  it("an unknown option 5000 characters long is echoed shortened", async () => {
    const r = await cli("eval", "x", `--${"y".repeat(5000)}`);
    expect(r.code).toBe(2);
    expect(r.stderr.length).toBeLessThan(300);
  });
});

describe("options", () => {
  it("an unknown option is named, with the command's options and a did-you-mean", async () => {
    const r = await cli("grad", "x", "--at", "x=1", "--wrtt", "x");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option --wrtt \(did you mean --wrt\?\)/);
    expect(r.stderr).toMatch(/options of grad: --at, --wrt, --method/);
  });

  it.each([
    [["eval", "x", "--at", "x=1", "--at", "x=2"], /--at is given twice/],
    [["eval", "x", "--at", "x=1", "--json=yes"], /--json takes no value/],
    [["eval", "x", "--at"], /--at needs a value/],
    [["eval", "x", "y", "--at", "x=1,y=2"], /one expression expected, got 2 arguments/],
    [["demo", "extra"], /unexpected argument "extra"/],
    [["bench", "extra"], /unexpected argument "extra"/],
    [["derive", "x^3", "--order", ""], /--order must be a whole number/],
    [["derive", "x^3", "--order", "0x2"], /--order must be a whole number/],
    [["derive", "x^3", "--wrt", ""], /--wrt names no variable/],
    [["derive", "x*y", "--wrt", "x,,y"], /--wrt x,,y: an empty entry/],
    [["derive", "x^2", "--wrt", "1x"], /"1x" is not a variable name/],
    [["derive", "x^2", "--wrt", "x,x"], /--wrt names x twice/],
    [["grad", "3", "--at", "x=1"], /no variables to differentiate by/],
    [["grad", "x^2", "--at", "x=1", "--wrt", ""], /--wrt names no variable/],
    [["swell", "--n", "1,,2"], /--n expects whole numbers/],
    [["help", "nonsense"], /no command "nonsense"/],
    [["check", "x^2", "--answer", "2x", "--at", "x=1"], /a point \(at\) goes with numeric answers/],
    [["check", "x^2", "--answer", "2x", "--tolerance", "0.1"], /a tolerance goes with numeric answers/],
  ])("%j is exit 2: %s", async (args, message) => {
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe("");
  });

  it("every command answers --help with its usage (exit 0)", async () => {
    for (const c of COMMANDS) {
      const r = await cli(c.name, "--help");
      expect(r.code).toBe(0);
      expect(r.stdout.startsWith(`usage: diffscope ${c.name}`)).toBe(true);
    }
  });
});

describe("--at", () => {
  it.each([
    ["x=1,,y=2", /an empty entry between commas/],
    ["", /--at is empty/],
    ["pi=3,x=1", /pi is a constant, not a variable/],
    ["x=1/0", /--at x=1\/0 is Infinity, not a finite number/],
    ["x=log(-1)", /is NaN, not a finite number/],
  ])("--at %j is exit 2: %s", async (at, message) => {
    const r = await cli("eval", "x", "--at", at);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe("variables named __proto__ and constructor are ordinary variables", () => {
  it("eval, grad --json, derive --json, check and trace --json", async () => {
    const at = ["--at", "__proto__=3,constructor=2"];
    expect((await cli("eval", "__proto__ + constructor", ...at)).stdout).toBe("5\n");
    const grad = JSON.parse((await cli("grad", "__proto__*constructor", ...at, "--json")).stdout);
    for (const m of ["symbolic", "finite-difference", "forward", "reverse"]) {
      expect(Object.hasOwn(grad.methods[m].gradient, "__proto__")).toBe(true);
      expect(grad.methods[m].gradient.constructor).toBeCloseTo(3, 8);
    }
    const derive = JSON.parse((await cli("derive", "__proto__^2", "--json")).stdout);
    expect(Object.hasOwn(derive.derivatives, "__proto__")).toBe(true);
    expect(derive.derivatives.__proto__).toBe("2*__proto__");
    expect((await cli("check", "constructor^2", "--answer", "2*constructor")).code).toBe(0);
    const trace = JSON.parse((await cli("trace", "__proto__*constructor", ...at, "--json")).stdout);
    expect(trace.gradient).toEqual(JSON.parse('{"__proto__": 2, "constructor": 3}'));
  });
});

describe("grad at a point where every method gives +Infinity", () => {
  it("sqrt(x) at 0: the methods agree (deviation 0, not NaN)", async () => {
    const r = await cli("grad", "sqrt(x)", "--at", "x=0", "--method", "symbolic,forward,reverse", "--json");
    expect(r.code).toBe(0);
    const { methods } = JSON.parse(r.stdout);
    for (const m of ["symbolic", "forward", "reverse"]) {
      expect(methods[m].gradient.x).toBe("Infinity");
      expect(methods[m].deviationFromExact).toEqual({ maxAbsolute: 0, maxRelative: 0 });
    }
  });
});

describe("trace and steps", () => {
  it("trace --wrt a variable the expression does not have is exit 2, not a trace where the output and y share a name", async () => {
    const r = await cli("trace", "x^2", "--at", "x=1", "--wrt", "y");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--wrt y: y is not a variable of the expression/);
  });

  it("trace of a constant is exit 2", async () => {
    const r = await cli("trace", "3", "--at", "x=1");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no variables to differentiate by/);
  });

  it("steps on a 5000-deep nest is exit 2 saying it is too large (was a stack overflow, exit 3)", async () => {
    const deep = `${"sin(".repeat(5000)}x${")".repeat(5000)}`;
    for (const args of [["steps", deep], ["trace", deep, "--at", "x=1", "--steps"]]) {
      const r = await cli(...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/too large to show rule by rule \(5001 distinct sub-expressions/);
      expect(r.stdout).toBe("");
    }
  });

  it("trace of a 4000-term sum finishes with one row per partial sum (was quadratic: out of memory at 20,000)", async () => {
    const started = performance.now();
    const r = await cli("trace", Array(4000).fill("x").join(" + "), "--at", "x=0.5", "--json");
    expect(r.code).toBe(0);
    const trace = JSON.parse(r.stdout);
    expect(trace.forward).toHaveLength(4000); // x and the 3999 partial sums
    expect(trace.gradient.x).toBe(4000);
    expect(trace.forward.at(-1).expression).toBe("<add expression of 7999 nodes>");
    expect(performance.now() - started).toBeLessThan(8000);
  });
});

describe("output files: swell --csv/--svg", () => {
  it("a directory that does not exist is exit 2 before the run, and nothing is written", async () => {
    const r = await cli("swell", "--n", "1", "--csv", "/nonexistent/dir/x.csv");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--csv \/nonexistent\/dir\/x.csv: no such directory/);
    expect(r.stderr).not.toMatch(/logistic n=1/); // refused before running
  });

  it("a path that cannot be created (/proc) is exit 2 before the run (was exit 3 after it), and no file is left", async () => {
    const csv = join(dir, "ok.csv");
    const r = await cli("swell", "--n", "1", "--csv", csv, "--svg", "/proc/diffscope-x.svg");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--svg \/proc\/diffscope-x.svg cannot be written/);
    expect(r.stderr).not.toMatch(/logistic n=1/);
    expect(existsSync(csv)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("--csv and --svg naming one file is exit 2", async () => {
    const same = join(dir, "same.out");
    const r = await cli("swell", "--n", "1", "--csv", same, "--svg", same);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/name the same file/);
  });
});

describe("check --file", () => {
  it("malformed JSON is exit 2 with line:col and a caret under the spot", async () => {
    const file = join(dir, "bad.json");
    writeFileSync(file, '{"problems": [\n  {"expression": "x^2",\n   "answer": 2x}\n]}\n');
    const r = await cli("check", "--file", file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not valid JSON: .* at 3:15\n {2}\s*"answer": 2x}\n {16}\^/);
  });

  it("a file that does not exist is exit 2 naming it", async () => {
    const r = await cli("check", "--file", join(dir, "missing.yaml"));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read .*missing\.yaml/);
  });

  it.each([
    ['{"problems": [{"expression": "x^2", "answer": {"1x": "2x"}}]}', /"1x" is not a variable name/],
    ['{"problems": [{"expression": "x^2", "wrt": "e", "answer": "2x"}]}', /e is a constant, not a variable/],
  ])("a batch problem naming a non-variable is unreadable (exit 2): %s", async (text, message) => {
    const file = join(dir, "names.json");
    writeFileSync(file, text);
    const r = await cli("check", "--file", file);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(message);
    expect(r.stdout).toMatch(/0 of 1 problems correct, 1 unreadable/);
  });
});

describe("no bad input is an internal error", () => {
  const inputs: string[][] = [
    ["eval", ""], ["eval", "sin("], ["eval", "1 +"], ["eval", "foo(x)", "--at", "x=1"], ["eval", "sin(x, y)", "--at", "x=1,y=2"],
    ["eval", "-".repeat(5000) + "x", "--at", "x=1"], ["eval", "x", "--" + "x".repeat(5000)],
    ["parse", "x +* 2"], ["parse", ""], ["derive", "x^", "--wrt", "x"], ["derive", "x", "--mode", "foo"],
    ["grad", "x^2", "--at", "x=1", "--method", "foo"], ["grad", "x^2", "--at", "x=1", "--scheme", "foo"], ["grad", "x^2"],
    ["compare", "--widths", "3,,4"], ["compare", "--budget", "abc"], ["compare", "constructor"],
    ["swell", "--family", "foo"], ["swell", "--max-n", "0"], ["swell", "extra"],
    ["check"], ["check", "x^2", "--answer", ""], ["check", "x^2", "--answer", "2x +"], ["check", "x^2", "--tolerance", "abc", "--answer", "2x"],
    ["check", "x^2", "--value", "2"], ["trace", "x^2"], ["trace", "x^2", "--at", "y=1"], ["steps", ""], ["steps", "x^2", "--wrt", "a b"],
  ];
  it.each(inputs.map((args) => [args.map((a) => (a.length > 40 ? `${a.slice(0, 20)}…(${a.length})` : a)).join(" "), args]))(
    "%s → exit 2, a message, no stack trace",
    async (_label, args) => {
      const r = await cli(...(args as string[]));
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^error/);
      expect(r.stderr).not.toMatch(STACK_FRAME);
      expect(r.stderr).not.toMatch(/internal error/);
    },
  );
});
