// The intern table lets go of nodes nobody holds (issue 18: a long-running process kept every
// expression it ever built). Measured in a child process with --expose-gc, which has its own
// heap and a forced collection: intern-gc.child.ts.
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { runWithGc } from "../support/gc-child.js";

interface InternFacts {
  count: number;
  base: number;
  whileHeld: number;
  afterHandOver: number;
  afterDrop: number;
  keptStillCanonical: boolean;
  rebuiltIdsMonotonic: boolean;
  reinternedAreNew: boolean;
  reinternedStayCanonical: boolean;
}

describe("the intern table in a long-running process", () => {
  let facts: InternFacts;
  beforeAll(async () => {
    facts = (await runWithGc(fileURLToPath(new URL("./intern-gc.child.ts", import.meta.url)))) as InternFacts;
  });

  it("counts every live node: 20,000 expressions of four nodes each, held", () => {
    expect(facts.count).toBe(20_000);
    expect(facts.whileHeld - facts.base).toBe(80_000);
    // Handing the nodes to the weak table at the end of the job loses none that is held.
    expect(facts.afterHandOver).toBe(facts.whileHeld);
  });

  it("lets the dropped ones go: only the 200 kept expressions (800 nodes) remain", () => {
    expect(facts.afterDrop - facts.base).toBe(800);
  });

  it("keeps live nodes canonical across collections (rebuilding gives the same object)", () => {
    expect(facts.keptStillCanonical).toBe(true);
  });

  it("gives a rebuilt dropped expression new ids above all earlier ones, children below parents", () => {
    expect(facts.rebuiltIdsMonotonic).toBe(true);
  });

  it("keeps a key re-interned while the finalizer of its dead node was pending", () => {
    expect(facts.reinternedAreNew).toBe(true);
    expect(facts.reinternedStayCanonical).toBe(true);
  });
});
