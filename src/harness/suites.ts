// The comparison suites: the lecture's functions and networks as gradient cases.
import type { Expr } from "../ast/expr.js";
import { parse } from "../parse/parse.js";
import { ACTIVATIONS, buildNetwork, crossEntropyNote, describeNetwork, LOSSES, type Activation, type Loss, type NetworkSpec } from "./network.js";
import type { GradientCase } from "./compare.js";
import { networkProgramText } from "./network-typed.js";
import { lowerScalar } from "../typed/lower.js";
import { parseTyped } from "../typed/parse.js";

export const QUIZ1_TEXT = "exp(x*z) + x*z/log(x) + sin(log(x))/exp(x*z)";
export const SIMPLE_TEXT = "cos(sin(x^2) + 3x^2)";

/** Overrides of the network suites' shape, from the command line or a caller. */
export interface NetworkSettings {
  readonly widths?: readonly number[];
  readonly activation?: Activation;
  readonly loss?: Loss;
  readonly biases?: boolean;
  readonly seed?: number;
}

export interface GradientSuite {
  readonly name: string;
  readonly summary: string;
  /** Part of `compare all` (the 784-wide network is not: it takes ~a minute). */
  readonly inAll: boolean;
  cases(settings: NetworkSettings): GradientCase[];
}

function expressionCase(suite: string, text: string, point: Record<string, number>, description: string): GradientCase {
  const f: Expr = parse(text);
  return { suite, name: "", description: `${description}: ${text} at ${Object.entries(point).map(([k, v]) => `${k}=${v}`).join(", ")}`, f, point, wrt: Object.keys(point) };
}

/** A case for a network built from the suite's defaults overridden by the settings. */
function networkCase(suite: string, name: string, defaults: NetworkSpec, settings: NetworkSettings, edit?: (point: Map<string, number>) => string): GradientCase {
  const net = buildNetwork({ ...defaults, ...definedOnly(settings) });
  // f is the network as the lecture writes it (typed text), lowered: the builder's very node.
  const typed = networkProgramText(net.spec);
  const f = lowerScalar(parseTyped(typed).result);
  const point = new Map(net.point);
  const editNote = edit?.(point);
  const notes = [
    ...(net.spec.loss === "cross-entropy" ? [crossEntropyNote(net.spec.widths[net.spec.widths.length - 1])] : []),
    ...(editNote !== undefined ? [editNote] : []),
  ];
  // --widths that reshape a lecture network (nn2 as 2,2,1) make it another network: the title says so.
  const reshaped = suite !== "network" && settings.widths !== undefined && settings.widths.join(",") !== defaults.widths.join(",");
  const label = reshaped ? [name, `reshaped by --widths, not the default ${defaults.widths.join(",")}`].filter((s) => s !== "").join("; ") : name;
  return { suite, name: label, description: describeNetwork(net), typed, f, point, wrt: net.parameters, notes };
}

function definedOnly(settings: NetworkSettings): Partial<NetworkSpec> {
  return Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined)) as Partial<NetworkSpec>;
}

/** Zero the first hidden unit's incoming weights, so its pre-activation is exactly 0: relu's kink. */
function zeroFirstUnit(point: Map<string, number>): string {
  for (const name of point.keys()) if (name.startsWith("a1_1_") || name === "c1_1") point.set(name, 0);
  return "the first hidden unit's weights a1_1_* are set to 0, so its pre-activation is exactly 0 and relu is at its kink: every method uses relu'(0) = 0";
}

export const GRADIENT_SUITES: readonly GradientSuite[] = [
  {
    name: "quiz1",
    summary: "the lecture's Calculus Quiz 1 at x=2, z=3",
    inAll: true,
    cases: () => [expressionCase("quiz1", QUIZ1_TEXT, { x: 2, z: 3 }, "Calculus Quiz 1")],
  },
  {
    name: "simple",
    summary: "J = cos(sin(x²) + 3x²), the lecture's forward/backward example",
    inAll: true,
    cases: () => [expressionCase("simple", SIMPLE_TEXT, { x: 1 }, "the lecture's simple example")],
  },
  {
    name: "logreg",
    summary: "logistic regression (lecture case 1): a = Σ θ_j x_j, y = σ(a), cross-entropy loss",
    inAll: true,
    cases: (s) => [networkCase("logreg", "", { widths: [4, 1], loss: "cross-entropy" }, { seed: s.seed, biases: s.biases })],
  },
  {
    name: "nn1",
    summary: "one hidden layer of sigmoids (lecture case 2), quadratic and cross-entropy losses",
    inAll: true,
    cases: (s) =>
      (s.loss !== undefined ? [s.loss] : LOSSES).map((loss) => networkCase("nn1", loss, { widths: [3, 4, 1] }, { ...s, loss })),
  },
  {
    name: "nn2",
    summary: "the lecture's Quiz 2: y = σ(βᵀ σ(α⁽²⁾ᵀ σ(α⁽¹⁾ᵀ x))) with a loss on top",
    inAll: true,
    cases: (s) => [networkCase("nn2", "", { widths: [3, 4, 3, 1] }, s)],
  },
  {
    name: "activations",
    summary: "the nn2 network with tanh, relu and softplus hidden units, and relu at its kink",
    inAll: true,
    cases: (s) => {
      const activations = s.activation !== undefined ? [s.activation] : ACTIVATIONS.filter((a) => a !== "sigmoid");
      const cases = activations.map((activation) => networkCase("activations", activation, { widths: [3, 4, 3, 1] }, { ...s, activation }));
      if (activations.includes("relu")) {
        cases.push(networkCase("activations", "relu at a kink", { widths: [3, 4, 3, 1] }, { ...s, activation: "relu" }, zeroFirstUnit));
      }
      return cases;
    },
  },
  {
    name: "mnist",
    summary: "a network of realistic size: widths 784,100,10 (79,400 weights), softmax + cross-entropy",
    inAll: false,
    cases: (s) => [networkCase("mnist", "", { widths: [784, 100, 10] }, s)],
  },
  {
    name: "network",
    summary: "a network from --widths/--activation/--loss/--biases/--seed (default 3,4,3,1)",
    inAll: false,
    cases: (s) => [networkCase("network", "", { widths: [3, 4, 3, 1] }, s)],
  },
];
