// openDuckDb: the embedded default warehouse. Creates the file's directory, waits for another
// process's lock (see open-with-lock-wait.ts) and returns a Warehouse on one connection.
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { WarehouseError } from '../../errors/index.js';
import { DuckDbWarehouse } from './duckdb-warehouse.js';
import { DuckSession } from './duck-session.js';
import { isInMemoryPath, openWithLockWait, type LockWaitOptions } from './open-with-lock-wait.js';

export type OpenDuckDbOptions = LockWaitOptions;

export async function openDuckDb(path: string, opts: OpenDuckDbOptions = {}): Promise<DuckDbWarehouse> {
  const inMemory = isInMemoryPath(path);
  // Absolute, so the per-process instance cache sees one file under one name.
  const target = inMemory ? path : resolve(path);
  if (!inMemory) {
    try {
      await mkdir(dirname(target), { recursive: true });
    } catch (e) {
      throw new WarehouseError(`cannot create the warehouse directory ${dirname(target)}: ${e instanceof Error ? e.message : String(e)}`, { path: target });
    }
  }
  const { instance, connection } = await openWithLockWait(target, opts);
  const session = new DuckSession(connection, () => instance.closeSync());
  try {
    const rows = await session.all('SELECT version() AS v');
    return new DuckDbWarehouse(session, String(rows[0].v), target);
  } catch (e) {
    await session.close();
    throw e;
  }
}
