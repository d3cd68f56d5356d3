// Flags that take values. yargs passes on '' (or the flag's default) for a flag given without its
// value, and an array for one given twice; the command would quietly run with its default, or
// fail inside. Usage errors instead.
import { UsageError } from '../errors/usage-error.js';

/** A flag with exactly one value (`--branch b`); `choices` are named in the message. */
export function oneValue<T extends string = string>(flag: string, choices?: readonly T[]): (v: T) => T {
  return (v) => {
    if (Array.isArray(v)) throw new UsageError(`--${flag} given more than once`, { flag });
    if (typeof v === 'string' && v.trim() === '') throw new UsageError(`--${flag} needs a value${choices ? `: one of ${choices.join(', ')}` : ''}`, { flag });
    return v;
  };
}

/** A flag that may be repeated (`--select a --select b`), each time with a value. */
export function someValues(flag: string): (v: string[]) => string[] {
  return (v) => {
    if (v.length === 0 || v.some((x) => String(x).trim() === '')) throw new UsageError(`--${flag} needs a value`, { flag });
    return v;
  };
}
