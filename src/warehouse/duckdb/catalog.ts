// Catalog look-ups and DDL on schemas and tables, in the current database only (attached
// databases are not ours). Names compare case-insensitively, as DuckDB's catalog does.
import type { Column } from '../../objects/types.js';
import type { TableRef } from '../warehouse.js';
import type { DuckSession } from './duck-session.js';
import { qualified, quoteIdent, quoteLiteral } from './sql-text.js';

/** Probes one catalog entry instead of filtering duckdb_tables(): that function enumerates the
 *  whole catalog, ~50 ms per call at 3,000 tables, which made a run quadratic in its models.
 *  DESCRIBE (the real parser, so any quoting works) says whether the name exists at all;
 *  pragma_storage_info then tells a table from a view. It parses its argument itself and cannot
 *  read identifiers with embedded quotes: only those fall back to the catalog scan. */
export async function tableExistsIn(session: DuckSession, table: TableRef): Promise<boolean> {
  try {
    await session.all(`DESCRIBE ${qualified(table)}`);
  } catch (e) {
    if (/Catalog Error/i.test((e as Error).message)) return false;
    throw e;
  }
  try {
    await session.all(`SELECT count(*) AS n FROM pragma_storage_info(${quoteLiteral(qualified(table))})`);
    return true;
  } catch (e) {
    if (/is not an? table/i.test((e as Error).message)) return false;
    const rows = await session.all(
      `SELECT 1 FROM duckdb_tables() WHERE database_name = current_database() AND lower(schema_name) = lower($1) AND lower(table_name) = lower($2)`,
      [table.schema, table.name],
    );
    return rows.length > 0;
  }
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

/** Columns of a table or view, in order. DESCRIBE reads one catalog entry; duckdb_columns()
 *  would enumerate every column of every table first. */
export async function columnsOf(session: DuckSession, table: TableRef): Promise<Column[]> {
  const rows = await session.all(`DESCRIBE ${qualified(table)}`);
  return rows.map((r) => ({ name: String(r.column_name), type: String(r.column_type), classification: [] }));
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
