// Snapshots the sources a run reads into immutable content-addressed tables and describes each
// snapshot as a source-snapshot object. A file's sha256 lets the warehouse skip re-reading an
// unchanged file.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { encodeObject, type EncodedObject } from '../codec/encode-object.js';
import { RockyError } from '../errors/rocky-error.js';
import { PHYSICAL_SCHEMA } from '../objects/env-schema.js';
import type { Cid } from '../objects/ids.js';
import type { SourceSnapshotObject } from '../objects/types.js';
import type { SourceEntry } from '../plan/types.js';
import type { Warehouse } from '../warehouse/warehouse.js';

export interface Snapshot {
  readonly cid: Cid;
  readonly object: SourceSnapshotObject;
  readonly encoded: EncodedObject;
  readonly reused: boolean;
}

async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

export async function snapshotSource(warehouse: Warehouse, root: string, source: SourceEntry): Promise<Snapshot> {
  const origin = source.object.origin;
  let whOrigin: { file: string } | { table: string };
  let digest: string | null = null;
  if ('path' in origin) {
    const file = join(root, origin.path);
    if (!existsSync(file)) throw new RockyError('E_SOURCE_MISSING', `source '${source.object.name}' reads ${origin.path}, which does not exist`, { source: source.object.name, path: origin.path });
    whOrigin = { file };
    digest = await sha256File(file);
  } else whOrigin = { table: origin.table };
  // The compiled columns, each declared one cast to its declared type, the others as read (an
  // empty type keeps the detected one): a declared column never hides the rest.
  const declaredTypes = new Map(source.decl.columns.filter((c) => c.type !== null).map((c) => [c.name.toLowerCase(), c.type as string]));
  const columns = declaredTypes.size === 0 ? null : source.object.columns.map((c) => ({ ...c, type: declaredTypes.get(c.name.toLowerCase()) ?? '' }));
  const snap = await warehouse.snapshotSource({
    name: source.object.name, origin: whOrigin, columns,
    schema: PHYSICAL_SCHEMA, fileDigest: digest,
  });
  const classification = new Map(source.object.columns.map((c) => [c.name.toLowerCase(), c.classification]));
  const object: SourceSnapshotObject = {
    kind: 'source-snapshot', version: 1, name: source.object.name,
    columns: snap.columns.map((c) => ({ ...c, classification: classification.get(c.name.toLowerCase()) ?? [] })),
    rows: snap.rows, content_hash: snap.contentHash, hash_scheme: warehouse.hashScheme, table: snap.table.name,
  };
  const encoded = encodeObject(object);
  return { cid: encoded.cid, object, encoded, reused: snap.reused };
}
