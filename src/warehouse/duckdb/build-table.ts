// buildTable: CREATE TABLE <target> AS <select> and its output hash, in one transaction.
// Why no temp name + rename: DuckDB's DDL is transactional and uncommitted work is discarded on
// crash, so the table under the final name is either complete and committed or absent.
import { performance } from 'node:perf_hooks';
import { WarehouseError } from '../../errors/index.js';
import type { BuildResult, TableRef } from '../warehouse.js';
import { hashTableIn } from './content-hash.js';
import type { DuckSession } from './duck-session.js';
import { qualified, trimSelect } from './sql-text.js';

/** Fails (no change made) when `target` exists already: physical tables are immutable. */
export async function buildTableIn(session: DuckSession, target: TableRef, select: string): Promise<BuildResult> {
  const started = performance.now();
  try {
    const h = await session.transaction(async () => {
      // The newline keeps a trailing `-- comment` in the model from swallowing anything.
      await session.exec(`CREATE TABLE ${qualified(target)} AS\n${trimSelect(select)}\n`);
      return hashTableIn(session, target);
    });
    return { rows: h.rows, outputHash: h.outputHash, ms: Math.round(performance.now() - started) };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const data = e instanceof WarehouseError ? e.data : {};
    throw new WarehouseError(message, { ...data, table: `${target.schema}.${target.name}` });
  }
}
