// A flag whose value must be a whole number >= 0 (`--limit`, `--depth`): yargs would pass NaN on.
import { UsageError } from '../errors/usage-error.js';

export function wholeNumber(flag: string): (v: unknown) => number | undefined {
  return (v) => {
    if (v === undefined) return undefined;
    if (Array.isArray(v)) throw new UsageError(`--${flag} given more than once`, { flag });
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || (typeof v === 'string' && v.trim() === '')) throw new UsageError(`invalid value '${String(v)}' for --${flag}: a whole number >= 0`, { flag });
    return n;
  };
}
