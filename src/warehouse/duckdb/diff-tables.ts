// Row diff between two tables as multisets: EXCEPT ALL both ways over the columns they share
// (by name, in the left table's order), so duplicates and NULLs count like any other row.
import { WarehouseError } from '../../errors/index.js';
import type { DiffCounts, TableRef } from '../warehouse.js';
import { columnsOf } from './catalog.js';
import { toCount, type DuckSession } from './duck-session.js';
import { qualified, quoteIdent } from './sql-text.js';

export async function diffTablesIn(session: DuckSession, left: TableRef, right: TableRef): Promise<DiffCounts> {
  const [lc, rc] = [await columnsOf(session, left), await columnsOf(session, right)];
  if (lc.length === 0) throw new WarehouseError(`table not found: ${left.schema}.${left.name}`, { table: `${left.schema}.${left.name}` });
  if (rc.length === 0) throw new WarehouseError(`table not found: ${right.schema}.${right.name}`, { table: `${right.schema}.${right.name}` });
  const rightNames = new Set(rc.map((c) => c.name.toLowerCase()));
  const common = lc.filter((c) => rightNames.has(c.name.toLowerCase())).map((c) => quoteIdent(c.name));
  if (common.length === 0) throw new WarehouseError(`tables ${left.schema}.${left.name} and ${right.schema}.${right.name} share no column`);
  const cols = common.join(', ');
  const l = `SELECT ${cols} FROM ${qualified(left)}`;
  const r = `SELECT ${cols} FROM ${qualified(right)}`;
  const rows = await session.all(
    `SELECT (SELECT count(*) FROM (${l} EXCEPT ALL ${r})) AS only_left, (SELECT count(*) FROM (${r} EXCEPT ALL ${l})) AS only_right`,
  );
  return { onlyInLeft: toCount(rows[0].only_left), onlyInRight: toCount(rows[0].only_right) };
}
