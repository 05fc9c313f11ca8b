// Every CLI command, in the order --help lists them.
import type { Command } from "../command.js";
import { benchCommand } from "./bench.js";
import { checkCommand } from "./check.js";
import { stepsCommand } from "./steps.js";
import { traceCommand } from "./trace.js";
import { compareCommand } from "./compare.js";
import { demoCommand } from "./demo.js";
import { deriveCommand } from "./derive.js";
import { gradCommand } from "./grad.js";
import { evalCommand } from "./eval.js";
import { parseCommand } from "./parse.js";
import { swellCommand } from "./swell.js";
import { serveCommand } from "./serve.js";

export const COMMANDS: readonly Command[] = [demoCommand, evalCommand, parseCommand, gradCommand, deriveCommand, compareCommand, swellCommand, checkCommand, traceCommand, stepsCommand, benchCommand, serveCommand];
