// Command-line options of the fuzz scripts: `--name N`, a whole number, or the default.
export function wholeNumberOption(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`--${name} takes a whole number, got ${process.argv[i + 1]}`);
    process.exit(2);
  }
  return value;
}
