#!/usr/bin/env node
// Builds dist/ from src/ (tsc -p tsconfig.build.json) and keeps `prepare` out of the tarball.
// Plain JavaScript, so it runs before anything is built and without tsx.
//
//   node scripts/build.mjs            `prepare`: dist/ is not committed, and npm runs a project's
//                                     prepare on `npm ci` / `npm install` in a git checkout (and
//                                     when it installs diffscope from git), so `npm ci && npx
//                                     diffscope demo` works on a fresh clone.
//   node scripts/build.mjs --prepack  `prepack` (npm pack, npm publish): build, delete the files of
//                                     dist/ whose source is gone, and write package.json without
//                                     `prepare` (npm packs package.json as it is on disk after
//                                     prepack, and then does not run prepare). A tarball's dist/
//                                     is built, and npm lists the `prepare` of a tarball or git
//                                     dependency among install scripts awaiting approval.
//   node scripts/build.mjs --postpack `postpack`: put package.json back as it was.
//
// The saved package.json waits in node_modules/.cache/diffscope-pack/; if a pack stopped between
// prepack and postpack, the next run of this script puts it back first.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, rmdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const manifest = join(root, "package.json");
const saved = join(root, "node_modules/.cache/diffscope-pack/package.json");
const mode = process.argv[2] ?? "--prepare";

function restoreManifest() {
  if (!existsSync(saved)) return;
  copyFileSync(saved, manifest);
  rmSync(saved);
}

function build() {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const run = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], { stdio: "inherit" });
  if (run.status !== 0) process.exit(run.status ?? 1);
}

/** Deletes dist/ files (x.js, x.d.ts) whose src/x.ts is gone, then empty folders. */
function pruneDist(dir = join(root, "dist")) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      pruneDist(path);
      if (readdirSync(path).length === 0) rmdirSync(path);
      continue;
    }
    const source = join(root, "src", relative(join(root, "dist"), path)).replace(/(\.d)?\.js$|\.d\.ts$/, ".ts");
    if (!existsSync(source)) rmSync(path);
  }
}

restoreManifest();
if (mode === "--prepare") {
  build();
} else if (mode === "--prepack") {
  build();
  pruneDist();
  const text = readFileSync(manifest, "utf8");
  const pkg = JSON.parse(text);
  delete pkg.scripts.prepare;
  mkdirSync(dirname(saved), { recursive: true });
  writeFileSync(saved, text);
  writeFileSync(manifest, `${JSON.stringify(pkg, null, 2)}\n`);
} else if (mode !== "--postpack") {
  console.error(`scripts/build.mjs: unknown option ${mode}; options: --prepack, --postpack (none: build)`);
  process.exit(2);
}
