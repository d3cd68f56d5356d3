// The SELECT that reads a source: a CSV (DuckDB's sniffer), a Parquet file (by extension) or an
// existing table; with declared columns, exactly those columns, in that order, with those types.
import type { Column } from '../../objects/types.js';
import type { DuckSession } from './duck-session.js';
import { checkTypeText, quoteDottedName, quoteIdent, quoteLiteral } from './sql-text.js';

export type SourceOrigin = { readonly file: string } | { readonly table: string };

export type SourceFormat = 'csv' | 'parquet' | 'table';

export function sourceFormat(origin: SourceOrigin): SourceFormat {
  if ('table' in origin) return 'table';
  return /\.parquet$/i.test(origin.file) ? 'parquet' : 'csv';
}

/** `columns` null (or empty): every column as the reader types it. Otherwise CSV columns with a
 *  declared type are parsed as that type (read_csv `types`, so a DECIMAL never goes through
 *  DOUBLE), and every declared column is cast, so Parquet and table sources obey it too. A
 *  declared column with an empty type keeps the detected type. */
export function sourceRelationSql(origin: SourceOrigin, columns: readonly Column[] | null): string {
  const declared = columns && columns.length > 0 ? columns : null;
  const typed = declared ? declared.filter((c) => c.type.trim().length > 0) : [];
  let from: string;
  switch (sourceFormat(origin)) {
    case 'table':
      from = quoteDottedName((origin as { table: string }).table);
      break;
    case 'parquet':
      from = `read_parquet(${quoteLiteral((origin as { file: string }).file)})`;
      break;
    case 'csv': {
      const file = quoteLiteral((origin as { file: string }).file);
      const types = typed.map((c) => `${quoteLiteral(c.name)}: ${quoteLiteral(checkTypeText(c.type))}`).join(', ');
      from = types.length > 0 ? `read_csv(${file}, types = {${types}})` : `read_csv(${file})`;
      break;
    }
  }
  if (!declared) return `SELECT * FROM ${from}`;
  const list = declared.map((c) =>
    c.type.trim().length > 0 ? `CAST(${quoteIdent(c.name)} AS ${checkTypeText(c.type)}) AS ${quoteIdent(c.name)}` : quoteIdent(c.name),
  );
  return `SELECT ${list.join(', ')} FROM ${from}`;
}

/** Column names and DuckDB type texts of a source, as the reader sees it (no declared types). */
export async function describeSource(session: DuckSession, origin: SourceOrigin): Promise<Column[]> {
  const rows = await session.all(`DESCRIBE ${sourceRelationSql(origin, null)}`);
  return rows.map((r) => ({ name: String(r.column_name), type: String(r.column_type), classification: [] }));
}
