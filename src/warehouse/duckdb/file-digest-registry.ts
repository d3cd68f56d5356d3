// <schema>._rocky_file_digests: which snapshot table a source file with a given sha256 produced,
// so an unchanged file is not even read. A cache only: losing it costs one re-read.
import type { Column } from '../../objects/types.js';
import { toCount, type DuckSession } from './duck-session.js';
import { quoteIdent } from './sql-text.js';

export const FILE_DIGEST_TABLE = '_rocky_file_digests';

export interface RegisteredSnapshot {
  readonly tableName: string;
  readonly columns: Column[];
  readonly rows: number;
  readonly contentHash: string;
}

function registry(schema: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(FILE_DIGEST_TABLE)}`;
}

/** `spec` covers everything besides the file bytes that shapes the snapshot: declared columns,
 *  format, hash scheme and engine version (hash() may change between DuckDB versions). */
export async function ensureRegistry(session: DuckSession, schema: string): Promise<void> {
  await session.exec(
    `CREATE TABLE IF NOT EXISTS ${registry(schema)} (source VARCHAR NOT NULL, digest VARCHAR NOT NULL, spec VARCHAR NOT NULL,
       table_name VARCHAR NOT NULL, columns VARCHAR NOT NULL, rows BIGINT NOT NULL, content_hash VARCHAR NOT NULL)`,
  );
}

export async function lookupRegistry(session: DuckSession, schema: string, source: string, digest: string, spec: string): Promise<RegisteredSnapshot | null> {
  const rows = await session.all(
    `SELECT table_name, columns, rows, content_hash FROM ${registry(schema)} WHERE source = $1 AND digest = $2 AND spec = $3`,
    [source, digest, spec],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    tableName: String(r.table_name),
    columns: JSON.parse(String(r.columns)) as Column[],
    rows: toCount(r.rows),
    contentHash: String(r.content_hash),
  };
}

export async function recordRegistry(session: DuckSession, schema: string, source: string, digest: string, spec: string, snap: RegisteredSnapshot): Promise<void> {
  await session.exec(`DELETE FROM ${registry(schema)} WHERE source = $1 AND digest = $2 AND spec = $3`, [source, digest, spec]);
  await session.exec(
    `INSERT INTO ${registry(schema)} VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [source, digest, spec, snap.tableName, JSON.stringify(snap.columns), BigInt(snap.rows), snap.contentHash],
  );
}
