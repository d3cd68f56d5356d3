// A flag that takes a value but was given none (`run --select`, `branch create x --from`): yargs
// passes '' or [] on, and the command would quietly run with its default. A usage error instead.
import { UsageError } from '../errors/usage-error.js';

export function needsValue<T extends string | string[]>(flag: string): (v: T) => T {
  return (v) => {
    const values: unknown[] = Array.isArray(v) ? v : [v];
    if (v !== undefined && (values.length === 0 || values.some((x) => typeof x === 'string' && x.trim() === ''))) {
      throw new UsageError(`--${flag} needs a value`, { flag });
    }
    return v;
  };
}
