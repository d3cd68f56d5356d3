// Something the user named (an object, branch, model, run) does not exist.
import { RockyError } from './rocky-error.js';

export class NotFoundError extends RockyError {
  constructor(what: string, name: string, hint?: string) {
    super('E_NOT_FOUND', `${what} not found: ${name}${hint ? ` (${hint})` : ''}`, { what, name, hint });
  }
}
