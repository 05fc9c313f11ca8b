#!/usr/bin/env node
// Runs the compiled CLI: dist/ ships built in the package; in a git checkout, `npm ci` builds it
// (the prepare script, scripts/build.mjs).
import { runCli } from "../dist/cli/main.js";
import { processIo } from "../dist/cli/io.js";

process.exitCode = await runCli(process.argv.slice(2), processIo());
