// Another process holds the DuckDB file and did not release it within the lock timeout.
// A WarehouseError (so `instanceof WarehouseError` handlers still catch it) with its own code.
import { WarehouseError } from '../../errors/index.js';

export class WarehouseLockedError extends WarehouseError {
  override readonly code: string = 'E_WAREHOUSE_LOCKED';
  constructor(path: string, waitedMs: number, cause: string) {
    super(`the warehouse ${path} is locked by another process (waited ${Math.round(waitedMs / 1000)} s). Any process holding the file `
      + `blocks git rocky: another git rocky command, or a DuckDB client (the duckdb shell, a notebook, a BI tool) that opened it; close it and retry. (${cause})`, { path, waitedMs });
  }
}
