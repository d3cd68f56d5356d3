// `git rocky show <cid>`: any stored object as plain JSON (links as { "/": cid }).
import { decodeObject, isCid } from '../codec/decode-object.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { UsageError } from '../errors/usage-error.js';
import type { Cid } from '../objects/ids.js';
import type { RockyObject } from '../objects/types.js';
import { openWorkspace } from './workspace.js';

export async function show(o: { cwd: string; cid: string }): Promise<RockyObject> {
  if (!isCid(o.cid)) throw new UsageError(`'${o.cid}' is not a CID (they look like bafyrei...)`);
  const ws = await openWorkspace(o.cwd);
  try {
    const bytes = await ws.store.readObject(o.cid as Cid);
    if (!bytes) throw new NotFoundError('object', o.cid, 'not reachable from any refs/rocky/* ref');
    return decodeObject(bytes, o.cid);
  } finally {
    await ws.close();
  }
}
