// Where an object lives in a rocky tree: objects/<cid[8]>/<cid[9]>/<cid>. Characters 0-6
// ('bafyrei') encode only the CID prefix and character 7 mixes in 3 digest bits; 8 and 9 are
// pure digest. One character per level (32 x 32 leaves) keeps trees dense: see docs/storage.md.
import type { Cid } from '../objects/ids.js';
import { UsageError } from '../errors/usage-error.js';

export const OBJECTS_DIR = 'objects';

// CIDv1, dag-cbor (0x71), sha2-256 (0x12, 32 bytes), base32 lower: 'b' + 58 characters.
const ROCKY_CID = /^bafyrei[a-z2-7]{52}$/;

export function isRockyCid(text: string): text is Cid {
  return ROCKY_CID.test(text);
}

/** The path components of an object's tree entry, from the root tree. */
export function objectPath(cid: string): [string, string, string, string] {
  if (!isRockyCid(cid)) throw new UsageError(`not a rocky object id (a dag-cbor sha2-256 CIDv1): ${JSON.stringify(cid)}`, { cid });
  return [OBJECTS_DIR, cid.slice(8, 9), cid.slice(9, 10), cid];
}
