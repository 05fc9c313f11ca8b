// The swell plot's optional packages (vega, vega-lite): loaded on demand, and when one is not
// installed, an error that names it and says what to install. (Absent for real, through the
// CLI's exit 2, in scripts/ci/consumer-check.sh, which installs with --omit=optional.)
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PLOT_PACKAGES, PlotPackagesMissingError, swellPlotSpec, swellPlotter, type PackageImporter } from "../../src/swell/plot.js";
import { runSwell } from "../../src/swell/measure.js";
import type { SwellRow } from "../../src/swell/row.js";

let rows: readonly SwellRow[] = [];
beforeAll(async () => {
  rows = (await runSwell({ families: ["logistic"], ns: [1, 2], budgetMs: 10_000, columns: ["deriveTree", "deriveShared", "tape"] })).rows;
});

/** The error Node itself gives for importing a package that is not installed (from an empty folder). */
function nodeMissingPackageError(name: string): Error {
  const script = `import(${JSON.stringify(name)}).catch((e) => console.log(JSON.stringify({ code: e.code, message: e.message })))`;
  const empty = mkdtempSync(join(tmpdir(), "diffscope-no-packages-"));
  try {
    const output = execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: empty, encoding: "utf8" });
    const { code, message } = JSON.parse(output);
    return Object.assign(new Error(message), { code });
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
}

/** An importer for which `absent` are not installed (with Node's own error) and the rest are. */
function importerWithout(...absent: string[]): PackageImporter {
  return async (name) => {
    if (absent.includes(name)) throw nodeMissingPackageError(name);
    return import(name);
  };
}

describe("swellPlotter: vega and vega-lite are optional", () => {
  it("Node's error for a missing package is recognised", () => {
    const error = nodeMissingPackageError("vega-lite") as Error & { code: string };
    expect(error.code).toBe("ERR_MODULE_NOT_FOUND");
    expect(error.message).toContain("Cannot find package 'vega-lite'");
  });

  it("names the one package that is missing and how to install both", async () => {
    const refusal = await swellPlotter(importerWithout("vega-lite")).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(PlotPackagesMissingError);
    const error = refusal as PlotPackagesMissingError;
    expect(error.missing).toEqual(["vega-lite"]);
    expect(error.message).toBe("the SVG plot is drawn by the optional package vega-lite, not installed here (npm install --omit=optional leaves them out)");
    expect(error.hint).toBe("install it: npm install vega vega-lite");
  });

  it("names both when both are missing", async () => {
    const error = await swellPlotter(importerWithout(...PLOT_PACKAGES)).catch((e: unknown) => e) as PlotPackagesMissingError;
    expect(error.missing).toEqual(["vega", "vega-lite"]);
    expect(error.message).toContain("optional packages vega and vega-lite");
  });

  it("a missing package inside vega (a broken install) is not reported as vega missing", async () => {
    const broken = nodeMissingPackageError("vega-scenegraph");
    const load: PackageImporter = async (name) => { if (name === "vega") throw broken; return import(name); };
    await expect(swellPlotter(load)).rejects.toBe(broken);
  });

  it("installed, it draws the plot as SVG", async () => {
    const svg = await (await swellPlotter()).render(rows, "title", "subtitle");
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("title");
  });
});

describe("swellPlotSpec", () => {
  it("is plain JSON (its declared type does not need vega-lite's)", async () => {
    const spec = swellPlotSpec(rows, "title");
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
    expect(spec.$schema).toBe("https://vega.github.io/schema/vega-lite/v6.json");
  });
});
