// A compare-and-swap on a ref lost a race: another writer moved it first. Nothing was changed.
import { RockyError } from './rocky-error.js';

export class ConflictError extends RockyError {
  constructor(ref: string, expected: string | null, actual: string | null) {
    super('E_CONFLICT', `${ref} moved while this operation ran (expected ${expected ?? 'no ref'}, found ${actual ?? 'no ref'}); nothing was changed, retry`, { ref, expected, actual });
  }
}
