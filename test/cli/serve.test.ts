// diffscope serve: one line with the URL, index.html served, no way out of web/dist, a clear refusal without it.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "./run.js";
import { fileFor } from "../../src/cli/commands/serve.js";

const dir = mkdtempSync(join(tmpdir(), "serve-"));
writeFileSync(join(dir, "index.html"), "<!doctype html><title>t</title>");
const children: ChildProcess[] = [];
afterAll(() => children.forEach((c) => c.kill()));

function start(): Promise<string> {
  const child = spawn(process.execPath, ["--import", "tsx", "bin/diffscope-dev.ts", "serve", "--port", "0", "--dir", dir], { stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  return new Promise((ok, fail) => {
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("\n")) ok(out);
    });
    child.on("exit", (code) => fail(new Error(`serve exited ${code}`)));
  });
}

function get(url: string, path: string): Promise<{ status: number; type: string | undefined; body: string }> {
  return new Promise((ok, fail) => {
    const u = new URL(url);
    request({ host: u.hostname, port: u.port, path, method: "GET" }, (res) => {
      let body = "";
      res.on("data", (d: Buffer) => (body += d.toString()));
      res.on("end", () => ok({ status: res.statusCode ?? 0, type: res.headers["content-type"], body }));
    }).on("error", fail).end();
  });
}

describe("serve", () => {
  it("prints one line with its URL and serves index.html, refusing paths out of the folder", async () => {
    const out = await start();
    expect(out).toMatch(/^diffscope: serving web\/dist at http:\/\/127\.0\.0\.1:\d+\/\n$/);
    const url = out.trim().split(" at ")[1];
    const index = await get(url, "/");
    expect(index.status).toBe(200);
    expect(index.type).toBe("text/html; charset=utf-8");
    expect(index.body).toContain("<title>t</title>");
    expect((await get(url, "/../../etc/passwd")).body).not.toContain("root:");
    expect((await get(url, "/%2e%2e/%2e%2e/etc/passwd")).status).not.toBe(200);
  }, 30_000);

  it("keeps every URL path inside its root", () => {
    expect(fileFor(dir, "/..%2f..%2fetc/passwd")?.startsWith(dir)).toBe(true);
    expect(fileFor(dir, "/a/../../../x")?.startsWith(dir)).toBe(true);
    expect(fileFor(dir, "/%00")).toBeUndefined();
  });

  it("says to build the page when the folder has none", async () => {
    const run = await cli("serve", "--port", "0", "--dir", join(dir, "missing"));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("run npm run build:web first");
  });
});
