import katex from "katex";
import { runCli, type CliResult } from "./run-cli.js";
import { dataValue, numbersOf } from "./format.js";
import { fromHash, toHash, type Inputs } from "./hash.js";

const input = (id: string): HTMLInputElement | HTMLTextAreaElement => document.getElementById(id) as HTMLInputElement;
const panel = (id: string): HTMLElement => document.getElementById(id) as HTMLElement;

function show(section: HTMLElement, args: readonly string[], result: CliResult, extra?: (json: Record<string, unknown>, el: HTMLElement) => void): void {
  section.dataset.cli = JSON.stringify(args);
  const body = section.querySelector(".body") as HTMLElement;
  body.replaceChildren();
  if (!result.ok) {
    const pre = document.createElement("pre");
    pre.className = "error";
    pre.textContent = result.message;
    body.append(pre);
    return;
  }
  const json = result.json as Record<string, unknown>;
  extra?.(json, body);
  const table = document.createElement("table");
  for (const [key, v] of numbersOf(json)) {
    const row = table.insertRow();
    row.insertCell().textContent = key;
    const cell = row.insertCell();
    cell.dataset.key = key;
    cell.dataset.value = dataValue(v);
    cell.textContent = Number.isFinite(v) ? String(Number(v.toPrecision(6))) : dataValue(v);
  }
  body.append(table);
}

const FIELDS = { e: "expression", at: "at", seed: "seed", answer: "answer", sheet: "backward-sheet" } as const;
const current = (): Inputs => ({ e: input(FIELDS.e).value, at: input(FIELDS.at).value, seed: input(FIELDS.seed).value, answer: input(FIELDS.answer).value, sheet: input(FIELDS.sheet).value });

function readHash(): void {
  const inputs = fromHash(location.hash, current());
  for (const key of Object.keys(FIELDS) as (keyof Inputs)[]) input(FIELDS[key]).value = inputs[key];
}

const writeHash = (): void => history.replaceState(null, "", toHash(current()));

async function update(): Promise<void> {
  document.body.dataset.state = "busy";
  writeHash();
  const e = input("expression").value;
  const at = input("at").value;
  const deriveArgs = ["derive", e, "--json"];
  const derived = await runCli(deriveArgs);
  show(panel("panel-reading"), deriveArgs, derived, (json, el) => {
    const readAs = json.readAs as { text: string; notes: string[] } | undefined;
    const p = document.createElement("p");
    p.textContent = readAs ? `read as: ${readAs.text}${readAs.notes.map((n) => `\nreading: ${n}`).join("")}` : `read as: ${String(json.expression)}`;
    el.append(p);
  });
  show(panel("panel-derivative"), deriveArgs, derived, (json, el) => {
    const latex = (json.latex ?? {}) as Record<string, string>;
    for (const [v, tex] of Object.entries(latex)) {
      const div = document.createElement("div");
      div.innerHTML = katex.renderToString(`\\frac{\\partial f}{\\partial ${v}} = ${tex}`, { throwOnError: false, displayMode: true });
      el.append(div);
    }
  });
  const gradArgs = ["grad", e, "--at", at, "--method", "all", "--json"];
  show(panel("panel-methods"), gradArgs, await runCli(gradArgs));
  const traceArgs = ["trace", e, "--at", at, "--json"];
  show(panel("panel-trace"), traceArgs, await runCli(traceArgs));
  const answer = input("answer").value;
  if (answer !== "") {
    const checkArgs = ["check", e, "--answer", answer, "--json"];
    const checked = await runCli(checkArgs);
    if (!checked.ok) {
      show(panel("panel-check"), checkArgs, checked);
      const verdict = document.createElement("div");
      Object.assign(verdict, { id: "check-verdict", textContent: "error" });
      Object.assign(verdict.dataset, { verdict: "error", cli: JSON.stringify(checkArgs) });
      panel("panel-check").querySelector(".body")?.append(verdict);
    } else
    show(panel("panel-check"), checkArgs, checked, (json, el) => {
      const verdict = document.createElement("div");
      verdict.id = "check-verdict";
      verdict.dataset.cli = JSON.stringify(checkArgs);
      verdict.dataset.verdict = json.verdict === "correct" ? "right" : "wrong";
      verdict.textContent = String(json.verdict);
      el.append(verdict);
    });
  }
  document.body.dataset.state = "ready";
}

let timer: ReturnType<typeof setTimeout> | undefined;
const schedule = (): void => { clearTimeout(timer); timer = setTimeout(() => void update(), 300); };
for (const id of ["expression", "at", "answer", "backward-sheet"]) input(id).addEventListener("input", schedule);
document.getElementById("run")?.addEventListener("click", () => void update());
readHash();
void update();
