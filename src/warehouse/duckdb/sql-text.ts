// Quoting and naming helpers for the SQL the DuckDB adapter writes: every identifier and string
// literal that reaches DuckDB goes through here, so no caller-supplied name can break out of it.
import { WarehouseError } from '../../errors/index.js';
import type { TableRef } from '../warehouse.js';

/** `"name"` with embedded double quotes doubled. */
export function quoteIdent(name: string): string {
  if (name.length === 0) throw new WarehouseError('empty identifier');
  return `"${name.replaceAll('"', '""')}"`;
}

/** `'text'` with embedded single quotes doubled. */
export function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

export function qualified(table: TableRef): string {
  return `${quoteIdent(table.schema)}.${quoteIdent(table.name)}`;
}

/** `raw.prices` (or `db.raw.prices`, or a bare `prices`) as a quoted, qualified name. Parts that
 *  are already double-quoted keep their dots, so `"my.schema".t` works too. */
export function quoteDottedName(dotted: string): string {
  const parts: string[] = [];
  let current = '';
  let inQuotes = false;
  for (let i = 0; i < dotted.length; i++) {
    const ch = dotted[i];
    if (ch === '"') {
      if (inQuotes && dotted[i + 1] === '"') { current += '"'; i++; continue; }
      inQuotes = !inQuotes;
      continue;
    }
    if (ch === '.' && !inQuotes) { parts.push(current); current = ''; continue; }
    current += ch;
  }
  parts.push(current);
  if (inQuotes || parts.some((p) => p.trim().length === 0)) throw new WarehouseError(`invalid table name: ${dotted}`, { table: dotted });
  return parts.map((p) => quoteIdent(p.trim())).join('.');
}

/** A source name as a safe, lower-case identifier part. Lower case because DuckDB's catalog is
 *  case-insensitive: `Prices` and `prices` must not be two different snapshot names. Collisions
 *  after sanitizing are harmless: the table name also carries the content hash. */
export function sanitizeNamePart(name: string): string {
  const s = name.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  return s.length > 0 ? s : 'source';
}

/** A DuckDB type text from project configuration, spliced into CAST(... AS <type>). Types cannot
 *  be bound as parameters, so reject anything that could end or comment out the statement. */
export function checkTypeText(type: string): string {
  const t = type.trim();
  if (t.length === 0 || /;|--|\/\*/.test(t)) throw new WarehouseError(`invalid column type: ${type}`, { type });
  return t;
}

/** A caller's SELECT, without trailing semicolons and whitespace, ready to embed in a statement. */
export function trimSelect(select: string): string {
  return select.trim().replace(/[;\s]+$/, '');
}
