// The request itself is wrong (a bad flag value, an invalid branch name, no project here).
import { RockyError } from './rocky-error.js';

export class UsageError extends RockyError {
  constructor(message: string, data: Record<string, unknown> = {}) {
    super('E_USAGE', message, data);
  }
}
