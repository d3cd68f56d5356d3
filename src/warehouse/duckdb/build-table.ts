// buildTable: CREATE TABLE <target> AS <select>, then its output hash and columns. A failure
// carries the position DuckDB gives, as a line and column of <select> (data.position).
// Why no temp name + rename: one CTAS statement is its own transaction in DuckDB, and
// uncommitted work is discarded on a crash, so the table under the final name is either complete
// and committed or absent. Why no explicit BEGIN around CTAS + hash: it kept DuckDB from writing
// the new table directly (a window model built 2x slower) and bought nothing, since a crash
// after the CTAS only leaves a complete table whose hash the next run recomputes.
import { performance } from 'node:perf_hooks';
import { WarehouseError } from '../../errors/index.js';
import type { BuildResult, TableRef } from '../warehouse.js';
import { hashTableIn } from './content-hash.js';
import type { DuckSession } from './duck-session.js';
import { qualified, trimSelect } from './sql-text.js';
import { errorPosition } from './error-position.js';

/** Fails (no change made) when `target` exists already: physical tables are immutable. */
export async function buildTableIn(session: DuckSession, target: TableRef, select: string): Promise<BuildResult> {
  const started = performance.now();
  const sql = `CREATE TABLE ${qualified(target)} AS\n${trimSelect(select)}\n`;
  try {
    // The newline keeps a trailing `-- comment` in the model from swallowing anything.
    await session.exec(sql);
    const h = await hashTableIn(session, target);
    return { rows: h.rows, outputHash: h.outputHash, ms: Math.round(performance.now() - started), columns: h.columns };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const data = e instanceof WarehouseError ? e.data : {};
    // The position is in the statement as sent: the select starts on line 2 (after
    // `CREATE TABLE … AS`), which is why DuckDB's LINE is one more than the model's.
    const pos = errorPosition(message, sql);
    const position = pos && pos.line >= 2 ? { line: pos.line - 1, column: pos.column } : null;
    throw new WarehouseError(message, { ...data, table: `${target.schema}.${target.name}`, ...(position ? { position } : {}) });
  }
}
