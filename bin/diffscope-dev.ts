// Runs the CLI straight from the TypeScript sources (no build): npx tsx bin/diffscope-dev.ts …
import { processIo } from "../src/cli/io.js";
import { runCli } from "../src/cli/main.js";

process.exitCode = await runCli(process.argv.slice(2), processIo());
