// mathjs as a peer: what a person reaching for a JavaScript math library would do — take the
// derivative once per variable, compile it, and evaluate the compiled derivatives per point.
import { derivative, parse, type EvalFunction } from "mathjs";
import type { BenchCase } from "./cases.js";
import { consume, timeOnce } from "../util/timing.js";

export interface PeerRun {
  /** Computes the gradient once (all partials, and f, as a gradient call would). */
  readonly gradient: () => void;
  /** Evaluates f once. */
  readonly value: () => void;
  /** The gradient in wrt order, for the agreement check. */
  readonly gradientValues: () => number[];
  readonly setupSeconds?: number;
  readonly note?: string;
}

export function mathjsRun(c: BenchCase): PeerRun | { skipped: string } {
  if (c.mathjsText === undefined) return { skipped: c.mathjsSkipped ?? "not a mathjs case" };
  const text = c.mathjsText;
  // mathjs's default simplification of the logistic map's derivative did not finish in
  // minutes; there the unsimplified derivative is used (and the row says so).
  const simplify = !c.name.startsWith("logistic");
  const setup = timeOnce(() => {
    const f = parse(text);
    const partials = c.wrt.map((v) => derivative(f, v, { simplify }).compile());
    return { f: f.compile(), partials };
  });
  const { f, partials } = setup.result;
  const scope: Record<string, number> = Object.fromEntries(c.wrt.map((v) => [v, c.point.get(v) as number]));
  const evaluateAll = (code: readonly EvalFunction[]) => code.map((p) => p.evaluate(scope) as number);
  return {
    gradient: () => {
      consume(f.evaluate(scope) as number);
      for (const p of partials) consume(p.evaluate(scope) as number);
    },
    value: () => consume(f.evaluate(scope) as number),
    gradientValues: () => evaluateAll(partials),
    setupSeconds: setup.seconds,
    note: simplify ? "derivative() once per variable, then compiled" : "derivative(…, {simplify: false}): default simplification did not finish",
  };
}
