// Where does a wrong answer still agree? Read off the sampled points: first a variable whose
// sign separates agreeing from differing points ("agrees for x > 0, differs for x < 0"); for
// one variable, intervals with their ends found by bisection; else a count.

export interface Comparison {
  readonly point: ReadonlyMap<string, number>;
  readonly answer: number;
  readonly derivative: number;
  readonly agrees: boolean;
}

/** Judges one more point: true agree, false differ, undefined outside a domain. */
export type Judge = (point: Map<string, number>) => boolean | undefined;

function bySign(comparisons: readonly Comparison[], name: string): string | undefined {
  const signOf = (c: Comparison) => Math.sign(c.point.get(name) as number);
  const agreeSigns = new Set(comparisons.filter((c) => c.agrees).map(signOf));
  const differSigns = new Set(comparisons.filter((c) => !c.agrees).map(signOf));
  if (agreeSigns.size !== 1 || differSigns.size !== 1 || agreeSigns.has(0) || differSigns.has(0)) return undefined;
  const [agree] = agreeSigns;
  const [differ] = differSigns;
  if (agree === differ) return undefined;
  return agree > 0 ? `agrees for ${name} > 0, differs for ${name} < 0` : `agrees for ${name} < 0, differs for ${name} > 0`;
}

/** Four significant digits, and 0 for a boundary that is 0 up to bisection noise. */
function roundBoundary(value: number, lo: number, hi: number): number {
  if (Math.abs(value) <= 1e-6 * Math.max(Math.abs(lo), Math.abs(hi))) return 0;
  return Number(value.toPrecision(4));
}

/** The point between `agreeing` and `differing` where agreement changes, by bisection. */
function boundary(name: string, agreeing: number, differing: number, judge: Judge | undefined): number {
  let a = agreeing;
  let d = differing;
  if (judge !== undefined) {
    for (let i = 0; i < 60; i++) {
      const mid = (a + d) / 2;
      if (mid === a || mid === d) break;
      const verdict = judge(new Map([[name, mid]]));
      if (verdict === undefined) break;
      if (verdict) a = mid;
      else d = mid;
    }
  }
  return roundBoundary((a + d) / 2, agreeing, differing);
}

function byIntervals(comparisons: readonly Comparison[], name: string, judge: Judge | undefined): string | undefined {
  const sorted = [...comparisons].sort((p, q) => (p.point.get(name) as number) - (q.point.get(name) as number));
  const at = (i: number) => sorted[i].point.get(name) as number;
  const runs: { agrees: boolean; first: number; last: number }[] = [];
  sorted.forEach((c, i) => {
    const last = runs[runs.length - 1];
    if (last !== undefined && last.agrees === c.agrees) last.last = i;
    else runs.push({ agrees: c.agrees, first: i, last: i });
  });
  const agreeingRuns = runs.filter((r) => r.agrees);
  if (agreeingRuns.length > 2) return undefined;
  const intervals = agreeingRuns.map((run) => {
    const lower = run.first > 0 ? boundary(name, at(run.first), at(run.first - 1), judge) : undefined;
    const upper = run.last < sorted.length - 1 ? boundary(name, at(run.last), at(run.last + 1), judge) : undefined;
    if (lower !== undefined && upper !== undefined) return `${lower} < ${name} < ${upper}`;
    if (lower !== undefined) return `${name} > ${lower}`;
    return `${name} < ${upper}`;
  });
  return `agrees for ${intervals.join(" and for ")} (among the sampled points), differs elsewhere`;
}

export function describeRegion(comparisons: readonly Comparison[], variables: readonly string[], judge?: Judge): string {
  const agreeing = comparisons.filter((c) => c.agrees).length;
  for (const name of variables) {
    const described = bySign(comparisons, name);
    if (described !== undefined) return described;
  }
  if (variables.length === 1) {
    const described = byIntervals(comparisons, variables[0], judge);
    if (described !== undefined) return described;
  }
  return `agrees at ${agreeing} of ${comparisons.length} sampled points only`;
}
