// The committed grammar module must be what nearleyc makes of grammar/expr.ne today.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));

describe("src/parse/grammar.generated.ts", () => {
  it("is up to date with grammar/expr.ne (else run `npm run grammar`)", () => {
    const dir = mkdtempSync(join(tmpdir(), "diffscope-grammar-"));
    try {
      const fresh = join(dir, "grammar.generated.ts");
      execFileSync(join(root, "node_modules/.bin/nearleyc"), [join(root, "grammar/expr.ne"), "-o", fresh], { cwd: root, stdio: "pipe" });
      const committed = readFileSync(join(root, "src/parse/grammar.generated.ts"), "utf8");
      expect(committed === readFileSync(fresh, "utf8"), "grammar.generated.ts is stale: run `npm run grammar`").toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
