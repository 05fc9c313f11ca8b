// A wrong line's values at sample points, for testing candidate diagnoses: the truth and the
// answer are evaluated once per point (they are the large expressions, written out in the
// inputs), and every candidate (a path, a factor) comes from the same sweep. A candidate claim
// is a relation between the three values, judged as answers are: equal within a relative
// tolerance plus the first-order rounding bound of each side.
import type { Expr } from "../../ast/expr.js";
import { topologicalOrder } from "../../ast/walk.js";
import { evaluateInOrder } from "../../eval/evaluate.js";
import { accurateForms } from "../../ops/accurate.js";
import { getOp } from "../../ops/table.js";
import { roundingSensitivity } from "../conditioning.js";
// The constants compareFunctions judges with, so a claim is judged as an answer is.
import { ABSOLUTE_FLOOR, DEFAULT_RELATIVE_TOLERANCE, INFORMATIVE, ROUNDING_ALLOWANCE, type CheckOptions } from "../equivalence.js";
import { domainStatus, MODERATE_MAGNITUDE, samplePoints, valuesModerate } from "../sampling.js";

/** A value with its first-order rounding bound (Σ|v|·|∂result/∂v| over the nodes computing it). */
export interface Rounded {
  readonly value: number;
  readonly rounding: number;
}

/** Arithmetic on rounded values: each result node adds its own size to the bound. */
export const rounded = {
  neg: (a: Rounded): Rounded => ({ value: -a.value, rounding: a.rounding }),
  add: (a: Rounded, b: Rounded): Rounded => ({ value: a.value + b.value, rounding: a.rounding + b.rounding + Math.abs(a.value + b.value) }),
  sub: (a: Rounded, b: Rounded): Rounded => ({ value: a.value - b.value, rounding: a.rounding + b.rounding + Math.abs(a.value - b.value) }),
  mul: (a: Rounded, b: Rounded): Rounded => ({ value: a.value * b.value, rounding: Math.abs(b.value) * a.rounding + Math.abs(a.value) * b.rounding + Math.abs(a.value * b.value) }),
  constant: (c: number): Rounded => ({ value: c, rounding: 0 }),
};

/** A candidate claim at one point: its two sides, which must be equal (answer · g against truth, say). */
export type Relation = (answer: Rounded, truth: Rounded, candidate: Rounded) => readonly [Rounded, Rounded];


interface PointValues {
  readonly point: ReadonlyMap<string, number>;
  readonly answer: Rounded;
  readonly truth: Rounded;
  /** Each candidate's value, or undefined where it is outside its domain or not moderate. */
  readonly candidates: readonly (number | undefined)[];
}

export interface SampledLine {
  /** Whether `relation` holds at every point where it can be judged (and at one at least); candidate -1 for none. */
  holds(relation: Relation, candidate?: number): boolean;
  /** answer / truth at the first point, to read a constant multiple off. */
  readonly firstRatio: number | undefined;
}

/**
 * Samples `answer` and `truth` (both in the inputs) and `candidates` over the inputs, at points
 * inside `domain` where both are defined and moderate; the truth and the candidates on their
 * accurate forms, as a reference is (src/ops/accurate.ts).
 */
export function sampleLine(answer: Expr, truth: Expr, candidates: readonly Expr[], domain: Expr, inputs: readonly string[], options: CheckOptions = {}): SampledLine {
  const [accurateTruth, ...accurateCandidates] = accurateForms([truth, ...candidates]);
  const order = topologicalOrder([answer, accurateTruth, ...accurateCandidates]);
  const rows: PointValues[] = [];
  const accept = (point: Map<string, number>): boolean => {
    if (domainStatus(domain, point) !== "inside" || domainStatus(answer, point) !== "inside") return false;
    if (!valuesModerate([domain, accurateTruth, answer], point)) return false;
    const values = evaluateInOrder(order, point);
    const truthValue = values.get(accurateTruth.id) as number;
    if (!Number.isFinite(truthValue)) return false;
    const inside = insideDomains(order, values);
    rows.push({
      point,
      answer: { value: values.get(answer.id) as number, rounding: roundingSensitivity(answer, point) },
      truth: { value: truthValue, rounding: roundingSensitivity(accurateTruth, point) },
      candidates: accurateCandidates.map((c) => (inside.has(c.id) && moderate(values.get(c.id) as number) ? (values.get(c.id) as number) : undefined)),
    });
    return true;
  };
  samplePoints(inputs, accept, { seed: options.seed, scales: options.scales, pointsPerScale: 6 });
  const relTol = options.relativeTolerance ?? DEFAULT_RELATIVE_TOLERANCE;
  /** true, false, or undefined when the point says nothing (rounding larger than the values). */
  const agreeAt = (row: PointValues, relation: Relation, candidate: number): boolean | undefined => {
    const value = candidate < 0 ? 0 : row.candidates[candidate];
    if (value === undefined) return undefined;
    const judge = (candidateRounding: number): boolean | undefined => {
      const [left, right] = relation(row.answer, row.truth, { value, rounding: candidateRounding });
      const size = Math.max(Math.abs(left.value), Math.abs(right.value));
      const roundingPart = ROUNDING_ALLOWANCE * (left.rounding + right.rounding);
      const agrees = Math.abs(left.value - right.value) <= relTol * size + roundingPart + ABSOLUTE_FLOOR;
      return agrees && roundingPart > INFORMATIVE * size ? undefined : agrees;
    };
    // A candidate's own rounding bound is computed only where, without it, the sides differ.
    const first = judge(0);
    return first !== false || candidate < 0 ? first : judge(roundingSensitivity(accurateCandidates[candidate], row.point));
  };
  return {
    holds(relation, candidate = -1) {
      let compared = 0;
      for (const row of rows) {
        const agrees = agreeAt(row, relation, candidate);
        if (agrees === false) return false;
        if (agrees === true) compared++;
      }
      return compared > 0;
    },
    firstRatio: rows.length === 0 ? undefined : rows[0].answer.value / rows[0].truth.value,
  };
}

const moderate = (value: number): boolean => Number.isFinite(value) && (value === 0 || (Math.abs(value) <= MODERATE_MAGNITUDE && Math.abs(value) >= 1 / MODERATE_MAGNITUDE));

/** The nodes of `order` whose every call has its arguments inside its op's domain and finite values (domainStatus "inside", for all at once). */
function insideDomains(order: readonly Expr[], values: ReadonlyMap<number, number>): Set<number> {
  const inside = new Set<number>();
  for (const node of order) {
    if (!Number.isFinite(values.get(node.id) as number)) continue;
    if (node.kind === "call") {
      if (!node.args.every((a) => inside.has(a.id))) continue;
      const domain = getOp(node.op).domain;
      if (domain !== undefined && !domain(node.args.map((a) => values.get(a.id) as number))) continue;
    }
    inside.add(node.id);
  }
  return inside;
}
