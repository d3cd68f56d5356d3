// snapshotSource: load a source into an immutable content-addressed table
// `<schema>.src_<name>__<hash prefix>`, reusing an existing table of the same content; with a
// file digest, skip reading a file whose digest already produced a live snapshot.
import { randomBytes } from 'node:crypto';
import type { Column } from '../../objects/types.js';
import type { SnapshotResult } from '../warehouse.js';
import { HASH_SCHEME, hashRelationIn, hashTableIn } from './content-hash.js';
import type { DuckSession } from './duck-session.js';
import { tableExistsIn } from './catalog.js';
import { ensureRegistry, lookupRegistry, recordRegistry } from './file-digest-registry.js';
import { sourceFormat, sourceRelationSql, type SourceOrigin } from './source-relation.js';
import { qualified, quoteIdent, sanitizeNamePart } from './sql-text.js';

export interface SnapshotInput {
  readonly name: string;
  readonly origin: SourceOrigin;
  readonly columns: readonly Column[] | null;
  readonly schema: string;
  readonly fileDigest: string | null;
}

/** Length of the content-hash prefix in snapshot table names (48 bits). */
export const SNAPSHOT_PREFIX_LENGTH = 12;

export function snapshotTableName(name: string, contentHash: string): string {
  return `src_${sanitizeNamePart(name)}__${contentHash.slice(0, SNAPSHOT_PREFIX_LENGTH)}`;
}

/** Physical columns carry no classification; give back the declared tags so callers can build
 *  the snapshot object from the result. */
function withClassification(columns: readonly Column[], declared: readonly Column[] | null): Column[] {
  const tags = new Map((declared ?? []).map((c) => [c.name.toLowerCase(), c.classification]));
  return columns.map((c) => ({ ...c, classification: [...(tags.get(c.name.toLowerCase()) ?? [])].sort() }));
}

export async function snapshotSourceIn(session: DuckSession, input: SnapshotInput, engineVersion: string): Promise<SnapshotResult> {
  const { schema } = input;
  const digest = 'file' in input.origin ? input.fileDigest : null;
  const spec = JSON.stringify({
    scheme: HASH_SCHEME,
    engine: engineVersion,
    format: sourceFormat(input.origin),
    columns: input.columns?.map((c) => [c.name, c.type]) ?? null,
  });
  // A warehouse table is cheap to scan: hash it in place, and when a snapshot of that content
  // exists, reuse it without copying anything (a run over thousands of unchanged table sources
  // would otherwise copy and discard each one).
  if (!('file' in input.origin)) {
    const h = await hashRelationIn(session, sourceRelationSql(input.origin, input.columns));
    const table = { schema, name: snapshotTableName(input.name, h.outputHash) };
    if (await tableExistsIn(session, table)) {
      return { table, columns: withClassification(h.columns, input.columns), rows: h.rows, contentHash: h.outputHash, reused: true };
    }
  }
  // One transaction: the temp table, the rename and the registry row commit together, and on
  // reuse or failure the rollback discards the loaded copy without a separate DROP.
  return session.transaction(async (tx) => {
    await session.exec(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    if (digest !== null) {
      await ensureRegistry(session, schema);
      const hit = await lookupRegistry(session, schema, input.name, digest, spec);
      if (hit && (await tableExistsIn(session, { schema, name: hit.tableName }))) {
        return {
          table: { schema, name: hit.tableName },
          columns: withClassification(hit.columns, input.columns),
          rows: hit.rows,
          contentHash: hit.contentHash,
          reused: true,
        };
      }
    }
    const temp = { schema, name: `_rocky_tmp_${sanitizeNamePart(input.name)}_${randomBytes(6).toString('hex')}` };
    await session.exec(`CREATE TABLE ${qualified(temp)} AS ${sourceRelationSql(input.origin, input.columns)}`);
    const h = await hashTableIn(session, temp);
    const table = { schema, name: snapshotTableName(input.name, h.outputHash) };
    const reused = await tableExistsIn(session, table);
    if (reused) await session.exec(`DROP TABLE ${qualified(temp)}`);
    else await session.exec(`ALTER TABLE ${qualified(temp)} RENAME TO ${quoteIdent(table.name)}`);
    if (digest !== null) {
      await recordRegistry(session, schema, input.name, digest, spec, { tableName: table.name, columns: h.columns, rows: h.rows, contentHash: h.outputHash });
    }
    // Nothing to keep when the content exists and there is no registry row to write.
    if (reused && digest === null) tx.rollback = true;
    return { table, columns: withClassification(h.columns, input.columns), rows: h.rows, contentHash: h.outputHash, reused };
  });
}
