// Child process of cache.test.ts (run with --expose-gc): compiles many distinct expressions
// with a small cache, drops them, collects, and prints what stays behind as JSON.
import { internedNodeCount } from "../../src/ast/expr.js";
import { dagSize } from "../../src/ast/walk.js";
import { compileCacheSize, setCompileCacheCapacity } from "../../src/compile/cache.js";
import { isReverseCompiled, prepareCompiledReverse } from "../../src/compile/reverse.js";
import { parse } from "../../src/parse/parse.js";
import { settle } from "../support/gc-child.js";

const COUNT = 1000;
const CAPACITY = 50;
setCompileCacheCapacity(CAPACITY);
const text = (i: number) => `sin(x * ${i + 0.5}) + y / ${i + 1}`;

await settle();
const base = internedNodeCount();
let largestCacheSize = 0;
let compiledPaths = 0;
let nodesPerExpression = 0;
for (let i = 0; i < COUNT; i++) {
  const f = parse(text(i));
  nodesPerExpression = Math.max(nodesPerExpression, dagSize(f));
  const gradient = prepareCompiledReverse(f, ["x", "y"]);
  if (gradient.path === "compiled" && gradient.at({ x: 1, y: 2 }).value === Math.sin(i + 0.5) + 2 / (i + 1)) compiledPaths++;
  largestCacheSize = Math.max(largestCacheSize, compileCacheSize());
}
await settle();
const afterDrop = internedNodeCount();
// The cache holds its expressions alive, so the latest ones, parsed again, are still compiled.
const latestStillCompiled = Array.from({ length: CAPACITY }, (_, j) => COUNT - 1 - j)
  .filter((i) => isReverseCompiled(parse(text(i)), ["x", "y"])).length;
const firstStillCompiled = isReverseCompiled(parse(text(0)), ["x", "y"]);
console.log(JSON.stringify({
  count: COUNT, capacity: CAPACITY, compiledPaths, largestCacheSize, cacheSize: compileCacheSize(), base, afterDrop, nodesPerExpression,
  latestStillCompiled, firstStillCompiled,
}));
