// The row-hash scheme behind outputHash and contentHash: sha256 over the scheme name, the schema,
// the row count and sum(hash(row)::HUGEINT). The sum is order-independent and, unlike bit_xor,
// duplicate-safe; hash() ignores names and INT-vs-BIGINT, hence the schema in the digest.
import { createHash } from 'node:crypto';
import type { Column } from '../../objects/types.js';
import type { TableRef } from '../warehouse.js';
import { toCount, type DuckSession } from './duck-session.js';
import { qualified } from './sql-text.js';

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

/** One query: the schema from the catalog, the count and the sum. `hash(*COLUMNS(*))` hashes the
 *  whole row positionally (the same value as hash of the row struct), NULLs and column order
 *  included. Names compare case-insensitively, like DuckDB's catalog. Call it inside the session's lock. */
export async function hashTableIn(session: DuckSession, table: TableRef): Promise<TableHash> {
  const rows = await session.all(
    `SELECT (SELECT list({'name': column_name, 'type': data_type} ORDER BY column_index)
               FROM duckdb_columns()
              WHERE database_name = current_database() AND lower(schema_name) = lower($1) AND lower(table_name) = lower($2)) AS cols,
            count(*) AS n,
            coalesce(sum(hash(*COLUMNS(*))::HUGEINT), 0::HUGEINT) AS h
       FROM ${qualified(table)}`,
    [table.schema, table.name],
  );
  const row = rows[0];
  const cols = (row.cols ?? []) as { name: string; type: string }[];
  const columns: Column[] = cols.map((c) => ({ name: String(c.name), type: String(c.type), classification: [] }));
  const n = toCount(row.n);
  const sum = String(row.h);
  return { rows: n, outputHash: digestTableHash(columns, n, sum), columns };
}
