// DuckDB's binder as the compiler's second opinion: DESCRIBE of a model's own text over empty
// tables named and typed as its inputs, in a schema of its own, so the answer is the type DuckDB
// builds and a binder error points into the model file (the text is sent as written, after
// `DESCRIBE ` on its first line, so positions map back by removing that prefix).
import type { BinderAnswer, ModelInputSchema } from '../warehouse.js';
import type { DuckSession } from './duck-session.js';
import { quoteIdent, quoteLiteral } from './sql-text.js';
import { errorHeadline, errorPosition, namedCallPosition } from './error-position.js';

const PREFIX = 'DESCRIBE ';

export async function describeModelIn(session: DuckSession, schema: string, text: string, inputs: readonly ModelInputSchema[]): Promise<BinderAnswer> {
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
    // Binding a model must not fetch anything: a function of an extension that is not loaded is
    // an error here, not a download.
    await session.exec('SET autoinstall_known_extensions = false');
    await session.exec('SET autoload_known_extensions = false');
    const sql = PREFIX + text.replace(/;\s*$/, '');
    try {
      const rows = await session.all(sql);
      return { columns: rows.map((r) => ({ name: String(r.column_name), type: String(r.column_type) })) };
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const pos = errorPosition(message, sql);
      const named = pos ? null : namedCallPosition(message, text);
      const line = pos?.line ?? named?.line ?? 1;
      const column = pos ? (pos.line === 1 ? Math.max(1, pos.column - PREFIX.length) : pos.column) : named?.column ?? 1;
      return { error: { message: errorHeadline(message), line, column } };
    }
  } finally {
    await session.exec('RESET search_path');
    await session.exec('RESET autoinstall_known_extensions');
    await session.exec('RESET autoload_known_extensions');
    await session.exec(`DROP SCHEMA ${s} CASCADE`);
  }
}
