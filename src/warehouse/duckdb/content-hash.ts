// The row-hash scheme behind outputHash and contentHash: sha256 over the scheme name, the schema,
// the row count and sum(hash(row)::HUGEINT). The sum is order-independent and, unlike bit_xor,
// duplicate-safe; hash() ignores names and INT-vs-BIGINT, hence the schema in the digest.
import { createHash } from 'node:crypto';
import type { Column } from '../../objects/types.js';
import type { TableRef } from '../warehouse.js';
import { toCount, type DuckSession } from './duck-session.js';
import { qualified } from './sql-text.js';
import { columnsOf } from './catalog.js';

/** DuckDB does not promise hash() is stable across versions: compare hashes only between runs
 *  on the same engine version (the manifest records it). */
export const HASH_SCHEME = 'duckdb-hash-sum-v1';

export interface TableHash {
  readonly rows: number;
  readonly outputHash: string;
  readonly columns: Column[];
}

/** The digest input, exposed so other adapters can reproduce the framing. */
export function canonicalHashInput(columns: readonly Pick<Column, 'name' | 'type'>[], rows: number, sum: string): string {
  return JSON.stringify({ scheme: HASH_SCHEME, columns: columns.map((c) => [c.name, c.type]), rows, sum });
}

export function digestTableHash(columns: readonly Pick<Column, 'name' | 'type'>[], rows: number, sum: string): string {
  return createHash('sha256').update(canonicalHashInput(columns, rows, sum)).digest('hex');
}

/** The schema from DESCRIBE (one catalog entry; duckdb_columns() would enumerate the whole
 *  catalog on every call), then the count and the sum in one scan. `hash(*COLUMNS(*))` hashes
 *  the whole row positionally (the same value as hash of the row struct), NULLs and column
 *  order included. Call it inside the session's lock. */
export async function hashTableIn(session: DuckSession, table: TableRef): Promise<TableHash> {
  const columns = await columnsOf(session, table);
  const rows = await session.all(
    `SELECT count(*) AS n, coalesce(sum(hash(*COLUMNS(*))::HUGEINT), 0::HUGEINT) AS h FROM ${qualified(table)}`,
  );
  const n = toCount(rows[0].n);
  const sum = String(rows[0].h);
  return { rows: n, outputHash: digestTableHash(columns, n, sum), columns };
}

/** The same hash over a relation that is not materialized (a SELECT): the same columns, count
 *  and sum that hashTableIn would find after `CREATE TABLE … AS` it. */
export async function hashRelationIn(session: DuckSession, select: string): Promise<TableHash> {
  const described = await session.all(`DESCRIBE ${select}`);
  const columns: Column[] = described.map((r) => ({ name: String(r.column_name), type: String(r.column_type), classification: [] }));
  const rows = await session.all(`SELECT count(*) AS n, coalesce(sum(hash(*COLUMNS(*))::HUGEINT), 0::HUGEINT) AS h FROM (${select})`);
  const n = toCount(rows[0].n);
  const sum = String(rows[0].h);
  return { rows: n, outputHash: digestTableHash(columns, n, sum), columns };
}
