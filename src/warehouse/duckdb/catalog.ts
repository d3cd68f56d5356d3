// Catalog look-ups and DDL on schemas and tables, in the current database only (attached
// databases are not ours). Names compare case-insensitively, as DuckDB's catalog does.
import type { Column } from '../../objects/types.js';
import type { TableRef } from '../warehouse.js';
import type { DuckSession } from './duck-session.js';
import { qualified, quoteIdent } from './sql-text.js';

export async function tableExistsIn(session: DuckSession, table: TableRef): Promise<boolean> {
  const rows = await session.all(
    `SELECT 1 FROM duckdb_tables() WHERE database_name = current_database() AND lower(schema_name) = lower($1) AND lower(table_name) = lower($2)`,
    [table.schema, table.name],
  );
  return rows.length > 0;
}

export async function listTablesIn(session: DuckSession, schema: string): Promise<string[]> {
  const rows = await session.all(
    `SELECT table_name AS n FROM duckdb_tables() WHERE database_name = current_database() AND lower(schema_name) = lower($1) ORDER BY table_name`,
    [schema],
  );
  return rows.map((r) => String(r.n));
}

export async function listViewsIn(session: DuckSession, schema: string): Promise<string[]> {
  const rows = await session.all(
    `SELECT view_name AS n FROM duckdb_views() WHERE NOT internal AND database_name = current_database() AND lower(schema_name) = lower($1) ORDER BY view_name`,
    [schema],
  );
  return rows.map((r) => String(r.n));
}

/** Columns of a table or view, in order. */
export async function columnsOf(session: DuckSession, table: TableRef): Promise<Column[]> {
  const rows = await session.all(
    `SELECT column_name AS n, data_type AS t FROM duckdb_columns()
      WHERE database_name = current_database() AND lower(schema_name) = lower($1) AND lower(table_name) = lower($2)
      ORDER BY column_index`,
    [table.schema, table.name],
  );
  return rows.map((r) => ({ name: String(r.n), type: String(r.t), classification: [] }));
}

export async function ensureSchemaIn(session: DuckSession, schema: string): Promise<void> {
  await session.exec(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
}

/** CASCADE: an environment schema holds only views, and dropping it drops them all. */
export async function dropSchemaIn(session: DuckSession, schema: string): Promise<void> {
  await session.exec(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
}

export async function dropTableIn(session: DuckSession, table: TableRef): Promise<void> {
  await session.exec(`DROP TABLE IF EXISTS ${qualified(table)}`);
}
