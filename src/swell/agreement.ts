// How closely the methods' gradients agree.
import type { Gradient } from "../diff/types.js";

/** max over partials and pairs of |a − b| / max(|a|, |b|) (0 when both are 0); null if < 2 methods ran. */
export function maxRelativeDifference(gradients: readonly (Gradient | undefined)[], wrt: readonly string[]): number | null {
  const present = gradients.filter((g): g is Gradient => g !== undefined);
  if (present.length < 2) return null;
  let worst = 0;
  for (const v of wrt) {
    for (let i = 0; i < present.length; i++) {
      for (let j = i + 1; j < present.length; j++) {
        const a = present[i][v];
        const b = present[j][v];
        if (a === b) continue;
        const scale = Math.max(Math.abs(a), Math.abs(b));
        worst = Math.max(worst, Number.isFinite(scale) && scale > 0 ? Math.abs(a - b) / scale : Infinity);
      }
    }
  }
  return worst;
}
