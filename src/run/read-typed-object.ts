// Reads an object by CID from the store and checks its kind.
import { decodeObject } from '../codec/decode-object.js';
import { CorruptObjectError } from '../errors/corrupt-object-error.js';
import { NotFoundError } from '../errors/not-found-error.js';
import type { Cid } from '../objects/ids.js';
import type { RockyObject } from '../objects/types.js';
import type { Store } from '../store/store.js';

export async function readTypedObject<K extends RockyObject['kind']>(store: Store, cid: Cid, kind: K, within?: readonly string[]): Promise<Extract<RockyObject, { kind: K }>> {
  const bytes = await store.readObject(cid, within);
  if (!bytes) throw new NotFoundError(kind, cid);
  const obj = decodeObject(bytes, cid);
  if (obj.kind !== kind) throw new CorruptObjectError(cid, `expected a ${kind}, found a ${obj.kind}`);
  return obj as Extract<RockyObject, { kind: K }>;
}
