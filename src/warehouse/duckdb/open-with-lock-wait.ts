// Opens a DuckDB database file, waiting with backoff while another process holds its lock.
// DuckDB lets one process open a file read-write; inside this process the same file is shared
// through DuckDB's instance cache, because two independent instances on one file corrupt it.
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { duckdb } from './duckdb-api.js';
import { WarehouseError } from '../../errors/index.js';
import { WarehouseLockedError } from './warehouse-locked-error.js';
import { WarehouseDamagedError, isDamagedFileMessage } from './warehouse-damaged-error.js';

export interface LockWaitOptions {
  readonly lockTimeoutMs?: number;
  readonly onWait?: (msg: string) => void;
}

export const DEFAULT_LOCK_TIMEOUT_MS = 120_000;

export function isInMemoryPath(path: string): boolean {
  return path === '' || path.startsWith(':memory:');
}

function isLockConflict(message: string): boolean {
  return /could not set lock on file|conflicting lock is held/i.test(message);
}

/** DuckDB locks the whole file for one process: whoever holds it, not only git rocky, blocks. */
export function lockWaitMessage(path: string): string {
  return `waiting for the warehouse lock on ${path}: another process has the file open. Any process holding it blocks `
    + 'git rocky: another git rocky command, or a DuckDB client (the duckdb shell, a notebook, a BI tool) that opened it; '
    + 'close it there to continue';
}

export async function openWithLockWait(path: string, opts: LockWaitOptions = {}): Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> {
  const timeout = opts.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  const started = Date.now();
  let delay = 50;
  let warned = false;
  for (;;) {
    let instance: DuckDBInstance;
    try {
      // Unnamed in-memory databases are private to each Warehouse; files are shared per process.
      instance = isInMemoryPath(path) ? await duckdb.DuckDBInstance.create(path) : await duckdb.DuckDBInstance.fromCache(path);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (isDamagedFileMessage(message)) throw new WarehouseDamagedError(path, message);
      if (!isLockConflict(message)) throw new WarehouseError(`cannot open the warehouse ${path}: ${message}`, { path });
      const waited = Date.now() - started;
      if (waited >= timeout) throw new WarehouseLockedError(path, waited, message);
      if (!warned) {
        warned = true;
        opts.onWait?.(lockWaitMessage(path));
      }
      await new Promise((r) => setTimeout(r, Math.min(delay, Math.max(0, timeout - waited))));
      delay = Math.min(delay * 2, 1000);
      continue;
    }
    try {
      return { instance, connection: await instance.connect() };
    } catch (e) {
      instance.closeSync();
      throw new WarehouseError(`cannot connect to the warehouse ${path}: ${e instanceof Error ? e.message : String(e)}`, { path });
    }
  }
}
