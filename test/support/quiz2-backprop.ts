// The lecture's Quiz 2 network, forward and backward, module by module on plain arrays (no
// diffscope code): the independent oracle for typed derivatives and the typed trace. Shapes as
// typed in the tests: alpha1 3×4 and alpha2 4×3 (a1 = alpha1' x), quadratic loss ½(y − y*)².
import type { TypedValue } from "../../src/typed/values.js";

const sigma = (a: number) => 1 / (1 + Math.exp(-a));

export function handQuiz2(values: ReadonlyMap<string, TypedValue>) {
  const x = values.get("x") as number[];
  const alpha1 = values.get("alpha1") as number[][];
  const alpha2 = values.get("alpha2") as number[][];
  const beta = values.get("beta") as number[];
  const ystar = values.get("ystar") as number;
  const a1 = [0, 1, 2, 3].map((j) => x.reduce((acc, xi, i) => acc + alpha1[i][j] * xi, 0));
  const z1 = a1.map(sigma);
  const a2 = [0, 1, 2].map((j) => z1.reduce((acc, zi, i) => acc + alpha2[i][j] * zi, 0));
  const z2 = a2.map(sigma);
  const b = z2.reduce((acc, zj, j) => acc + beta[j] * zj, 0);
  const y = sigma(b);
  const J = 0.5 * (y - ystar) ** 2;
  const dJdy = y - ystar;
  const dJdb = dJdy * y * (1 - y);
  const dJdbeta = z2.map((zj) => dJdb * zj);
  const dJdz2 = beta.map((bj) => dJdb * bj);
  const dJda2 = dJdz2.map((g, j) => g * z2[j] * (1 - z2[j]));
  const dJdalpha2 = z1.map((zi) => dJda2.map((g) => zi * g));
  const dJdz1 = z1.map((_z, i) => dJda2.reduce((acc, g, j) => acc + alpha2[i][j] * g, 0));
  const dJda1 = dJdz1.map((g, i) => g * z1[i] * (1 - z1[i]));
  const dJdalpha1 = x.map((xi) => dJda1.map((g) => xi * g));
  return { a1, z1, a2, z2, b, y, J, dJdy, dJdb, dJdbeta, dJdz2, dJda2, dJdalpha2, dJdz1, dJda1, dJdalpha1 };
}
