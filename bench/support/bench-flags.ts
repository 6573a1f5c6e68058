/**
 * The number after `--name` on the command line, or `fallback` when the flag is absent.
 * @throws Error naming the flag when its value is missing or not a number.
 */
export function numberFlag(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const value = Number(process.argv[index + 1]);
  if (process.argv[index + 1] === undefined || !Number.isFinite(value)) {
    throw new Error(`--${name} takes a number, got "${process.argv[index + 1] ?? ''}"`);
  }
  return value;
}
