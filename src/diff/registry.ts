// The four methods by name.
import { finiteDifferenceDifferentiator } from "./finite-difference.js";
import { forwardDifferentiator } from "./forward.js";
import { reverseDifferentiator } from "./reverse/differentiator.js";
import { symbolicDifferentiator } from "./symbolic/index.js";
import { METHOD_NAMES, type Differentiator, type MethodName } from "./types.js";

export const DIFFERENTIATORS: Readonly<Record<MethodName, Differentiator>> = {
  symbolic: symbolicDifferentiator,
  "finite-difference": finiteDifferenceDifferentiator,
  forward: forwardDifferentiator,
  reverse: reverseDifferentiator,
};

export function isMethodName(name: string): name is MethodName {
  return (METHOD_NAMES as readonly string[]).includes(name);
}

export function getDifferentiator(method: MethodName): Differentiator {
  return DIFFERENTIATORS[method];
}

/** The methods that compute derivatives exactly (up to rounding), as opposed to estimating. */
export const EXACT_METHODS: readonly MethodName[] = ["symbolic", "forward", "reverse"];
