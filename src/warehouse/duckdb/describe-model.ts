// DuckDB's binder as the compiler's second opinion: DESCRIBE of a model's own text over empty
// tables named and typed as its inputs, in a schema of its own, so the answer is the type DuckDB
// builds and a binder error points into the model file (the text is sent as written, after
// `DESCRIBE ` on its first line, so positions map back by removing that prefix).
import type { DescribedModel, ModelInputSchema } from '../warehouse.js';
import type { DuckSession } from './duck-session.js';
import { quoteIdent, quoteLiteral } from './sql-text.js';
import { errorHeadline, errorPosition } from './error-position.js';

const PREFIX = 'DESCRIBE ';

export async function describeModelIn(session: DuckSession, schema: string, text: string, inputs: readonly ModelInputSchema[]): Promise<DescribedModel> {
  const s = quoteIdent(schema);
  await session.exec(`CREATE SCHEMA ${s}`);
  try {
    for (const input of inputs) {
      // A type the compiler left UNKNOWN cannot be declared: VARCHAR is DuckDB's own fallback.
      const cols = input.columns.map((c) => `${quoteIdent(c.name)} ${c.type === 'UNKNOWN' ? 'VARCHAR' : c.type}`);
      try {
        await session.exec(`CREATE TABLE ${s}.${quoteIdent(input.name)} (${cols.length > 0 ? cols.join(', ') : '"_" INTEGER'})`);
      } catch (e) {
        // A declared type DuckDB does not know (a typo in sources.yaml): the model cannot be checked.
        const message = `cannot check the model's types: its input ${input.name} has a column type DuckDB rejects (${errorHeadline(e instanceof Error ? e.message : String(e))})`;
        return { error: { message, line: 1, column: 1 } };
      }
    }
    await session.exec(`SET search_path = ${quoteLiteral(schema)}`);
    const sql = PREFIX + text.replace(/;\s*$/, '');
    try {
      const rows = await session.all(sql);
      return { columns: rows.map((r) => ({ name: String(r.column_name), type: String(r.column_type) })) };
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const pos = errorPosition(message, sql);
      const line = pos?.line ?? 1;
      const column = pos ? (pos.line === 1 ? Math.max(1, pos.column - PREFIX.length) : pos.column) : 1;
      return { error: { message: errorHeadline(message), line, column } };
    }
  } finally {
    await session.exec(`RESET search_path`);
    await session.exec(`DROP SCHEMA ${s} CASCADE`);
  }
}
