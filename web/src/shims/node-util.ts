// The browser's stand-in for node:util's parseArgs, enough for the CLI commands the page runs
// in-process (so the page's numbers are the CLI's --json by construction).
interface OptionSpec { type: "string" | "boolean"; short?: string }
interface Config { args?: string[]; options?: Record<string, OptionSpec>; allowPositionals?: boolean; strict?: boolean }
export type ParseArgsConfig = Config;

export function parseArgs(config: Config): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  const options = config.options ?? {};
  const values: Record<string, string | boolean | undefined> = {};
  const positionals: string[] = [];
  const args = config.args ?? [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") { positionals.push(...args.slice(i + 1)); break; }
    if (!arg.startsWith("--") || arg === "-") { positionals.push(arg); continue; }
    const eq = arg.indexOf("=");
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    const spec = options[name];
    if (spec === undefined) throw new TypeError(`Unknown option '--${name}'`);
    if (spec.type === "boolean") { values[name] = true; continue; }
    const value = eq < 0 ? args[++i] : arg.slice(eq + 1);
    if (value === undefined) throw new TypeError(`Option '--${name} <value>' argument missing`);
    values[name] = value;
  }
  return { values, positionals };
}
