// Which names may be variables: the one rule the command line, batch files and the checker share.
import { CONSTANT_NAMES, functionsNamed } from "./table.js";

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Why `name` cannot be a variable, or undefined when it can. */
export function notAVariable(name: string): string | undefined {
  if (!NAME.test(name)) return `${JSON.stringify(name)} is not a variable name (letters, digits and _, not starting with a digit)`;
  if (CONSTANT_NAMES.includes(name)) return `${name} is a constant, not a variable`;
  if (functionsNamed(name) !== undefined) return `${name} is a function, not a variable`;
  return undefined;
}
