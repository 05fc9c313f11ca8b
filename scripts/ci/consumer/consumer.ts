// A strict TypeScript consumer of the packed diffscope: README.md's library examples, typed and
// run. The project has neither @types/node nor the DOM library and checks every declaration file
// (skipLibCheck off), so the package's public declarations must stand on their own.
import {
  parse, grad, valueAndGrad, jvp, vjp, jacfwd, jacrev, hessian, derive, printExpr, DIFFERENTIATORS,
  evaluate, PointValueError, typedGradient, typed, compile, harness,
} from "diffscope";

declare const console: { log(...data: unknown[]): void };

function expect(fact: boolean, what: string): void {
  if (!fact) throw new Error(`consumer check: ${what}`);
}
const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

// README "Library"
const f = parse("exp(x*z) + x*z/log(x) + sin(log(x))/exp(x*z)");
const g = grad(f, { x: 2, z: 3 });
expect(close(g.x, 1208.36656055419) && close(g.z, 809.739809413939), `grad: ${JSON.stringify(g)}`);
const gForward = grad(f, { x: 2, z: 3 }, { method: "forward" });
expect(close(gForward.x, g.x) && close(gForward.z, g.z), "forward grad agrees with reverse");
const dz: string = printExpr(derive(f, "z"));
expect(dz.length > 0, "derive prints the partial");
const h = hessian(f, { x: 2, z: 3 });
const prepared = DIFFERENTIATORS.reverse.prepare(f, ["x", "z"]);
const replay = prepared.at({ x: 1.5, z: 0.5 });
expect(Number.isFinite(replay.value), "prepared gradient replays");
void [valueAndGrad, jvp, vjp, jacfwd, jacrev, h];
let refused = "";
try {
  // @ts-expect-error — a numeric string is not a point value, for the type checker as at run time
  evaluate(parse("x+y"), { x: "3", y: "2" });
} catch (error) {
  if (error instanceof PointValueError) refused = error.message;
}
expect(refused.startsWith("the value of x must be a number"), `PointValueError: ${refused}`);

// README "Vectors and matrices", from the library
const program = typed.parseTyped("x: R^3; W: R^(2x3); t: R^2; z = sigmoid(W*x); 0.5*norm2(z - t)^2");
const values = { x: [1, 2, 3], W: [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]], t: [0, 1] };
const dW = typedGradient(program, values, { method: "forward" }).gradient.get("W");
expect(Array.isArray(dW) && dW.length === 2, "typedGradient: a 2×3 array of rows for W");
const printed: string = typed.printMatrixGradient(program, { wrt: ["W"] });
expect(printed.startsWith("∂J/∂W = "), `printMatrixGradient: ${printed}`);
typed.typedTrace(program, values);

// README "Compiled code from the library"
const { prepareCompiledReverse, preferredDifferentiator } = compile;
const compiled = prepareCompiledReverse(f, ["x", "z"]);
const cg = compiled.at({ x: 2, z: 3 }).gradient;
expect(cg.x === g.x && cg.z === g.z, "compiled reverse is bit-identical to the tape");
preferredDifferentiator("reverse").prepare(f, ["x", "z"]);

// README "Comparing the four methods" and "The network builder": the harness namespace
const report = harness.runComparison(["nn2"], { settings: { seed: 7 } });
expect(report.cases.length > 0, "runComparison runs nn2");
const network = harness.buildNetwork({ widths: [2, 2, 1], activation: "sigmoid", loss: "cross-entropy", biases: false, seed: 1 });
void network;

console.log("consumer check: the README's library examples type-check and run");
