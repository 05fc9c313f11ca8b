// npm run bench:parse — reading time against input size for the shapes of issue 18, with the
// growth exponent of each; exits 1 if any shape grows faster than linearly.
import { formatParseScaling, timeParseShapes } from "../src/bench/parse-scaling.js";

const timings = timeParseShapes(undefined, 3, (line) => process.stderr.write(`${line}\n`));
process.stdout.write(`${formatParseScaling(timings)}\n`);
process.exitCode = timings.every((t) => t.exponent < 1.25) ? 0 : 1;
