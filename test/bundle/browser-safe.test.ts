// The library bundles for the browser (issue 15): no Node built-in is reached by a static import
// from src/index.ts, the few that the swell's mathjs worker needs stay dynamic imports (only
// reached when a job runs in Node), and the core bundle stays small, without vega.
import { builtinModules } from "node:module";
import { build, type Metafile } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";

const NODE_BUILTINS = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
const isBuiltin = (path: string): boolean => NODE_BUILTINS.has(path) || path.startsWith("node:");

/** Measured 2026-12-02: 718,871 bytes unminified (src/index.ts, esm, platform browser). */
const CORE_BUNDLE_MAX_BYTES = 780_000;

let metafile: Metafile;

beforeAll(async () => {
  const result = await build({
    entryPoints: ["src/index.ts"],
    bundle: true,
    platform: "browser",
    format: "esm",
    write: false,
    metafile: true,
    logLevel: "silent",
    // Marked external so that a leak shows as an import in the metafile instead of a resolve error.
    external: [...NODE_BUILTINS],
  });
  metafile = result.metafile;
}, 60_000);

/** Every import of a Node built-in in the library's sources, as "importer -> path (kind)". */
function builtinImports(): string[] {
  return Object.entries(metafile.inputs).flatMap(([importer, input]) =>
    input.imports.filter((i) => isBuiltin(i.path)).map((i) => `${importer} -> ${i.path} (${i.kind})`));
}

describe("the library bundled for the browser", () => {
  it("reaches no Node built-in by a static import or require", () => {
    const leaks = builtinImports().filter((line) => !line.endsWith("(dynamic-import)"));
    expect(leaks).toEqual([]);
  });

  it("keeps the swell's mathjs worker modules as dynamic imports in the output", () => {
    expect(builtinImports()).toEqual(expect.arrayContaining([
      "src/swell/mathjs-peer.ts -> node:module (dynamic-import)",
      "src/swell/mathjs-peer.ts -> node:worker_threads (dynamic-import)",
    ]));
    const outputImports = Object.values(metafile.outputs).flatMap((o) => o.imports);
    expect(outputImports.filter((i) => i.kind !== "dynamic-import")).toEqual([]);
  });

  it(`stays under ${CORE_BUNDLE_MAX_BYTES} bytes, without vega`, () => {
    const bytes = Object.values(metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
    expect(bytes).toBeLessThan(CORE_BUNDLE_MAX_BYTES);
    expect(Object.keys(metafile.inputs).filter((path) => /(^|\/)vega/.test(path))).toEqual([]);
  });
});
