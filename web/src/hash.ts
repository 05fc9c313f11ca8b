// The page's inputs in location.hash (URLSearchParams), so a link reproduces a session.
export interface Inputs { e: string; at: string; seed: string; answer: string; sheet: string }
const KEYS = ["e", "at", "seed", "answer", "sheet"] as const;

export function toHash(inputs: Inputs): string {
  const params = new URLSearchParams();
  for (const key of KEYS) if (inputs[key] !== "" || key === "e") params.set(key, inputs[key]);
  return `#${params.toString()}`;
}

export function fromHash(hash: string, defaults: Inputs): Inputs {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const inputs = { ...defaults };
  for (const key of KEYS) inputs[key] = params.get(key) ?? defaults[key];
  return inputs;
}
