// The warehouse rejected a statement (a model's SQL failed at run time, a table is missing).
import { RockyError } from './rocky-error.js';

export class WarehouseError extends RockyError {
  constructor(message: string, data: Record<string, unknown> = {}) {
    super('E_WAREHOUSE', message, data);
  }
}
