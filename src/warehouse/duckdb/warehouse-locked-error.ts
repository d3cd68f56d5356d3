// Another process holds the DuckDB file and did not release it within the lock timeout.
// A WarehouseError (so `instanceof WarehouseError` handlers still catch it) with its own code.
import { WarehouseError } from '../../errors/index.js';

export class WarehouseLockedError extends WarehouseError {
  override readonly code: string = 'E_WAREHOUSE_LOCKED';
  constructor(path: string, waitedMs: number, cause: string) {
    super(`the warehouse ${path} is locked by another process (waited ${Math.round(waitedMs / 1000)} s): ${cause}`, { path, waitedMs });
  }
}
