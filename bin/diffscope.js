#!/usr/bin/env node
// Runs the compiled CLI (built into dist/ by `npm ci` via the prepare script).
import { runCli } from "../dist/cli/main.js";
import { processIo } from "../dist/cli/io.js";

process.exitCode = await runCli(process.argv.slice(2), processIo());
