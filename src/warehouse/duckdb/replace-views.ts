// Repoints an environment: creates/replaces and drops the views of one schema in a single
// transaction, optionally running a caller's step (a git ref compare-and-swap) before COMMIT so
// the views and the ref move together or not at all.
import type { ViewSpec } from '../warehouse.js';
import type { DuckSession } from './duck-session.js';
import { quoteIdent, trimSelect } from './sql-text.js';

/** `beforeCommit` runs inside the transaction and inside the warehouse's lock: it must not call
 *  the same Warehouse (that fails with a re-entrancy error). If it throws, every view change is
 *  rolled back and its error is rethrown. */
export async function replaceViewsIn(
  session: DuckSession,
  schema: string,
  views: readonly ViewSpec[],
  drop: readonly string[],
  beforeCommit?: () => Promise<void>,
): Promise<void> {
  const s = quoteIdent(schema);
  await session.transaction(async () => {
    await session.exec(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    // Batches of generated DDL: thousands of views cost one round trip per batch.
    const statements = [
      ...drop.map((name) => `DROP VIEW IF EXISTS ${s}.${quoteIdent(name)}`),
      ...views.map((v) => `CREATE OR REPLACE VIEW ${s}.${quoteIdent(v.name)} AS\n${trimSelect(v.select)}\n`),
    ];
    for (let i = 0; i < statements.length; i += 500) await session.execScript(statements.slice(i, i + 500));
    if (beforeCommit) await beforeCommit();
  });
}
