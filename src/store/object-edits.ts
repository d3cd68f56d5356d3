// Tree edits placing each rocky object at objects/<fan-out>/<cid>, and the check that refuses
// to store bytes that do not hash to their CID.
import { cidOfBytes, type EncodedObject } from '../codec/encode-object.js';
import { CorruptObjectError } from '../errors/corrupt-object-error.js';
import { gitObjectId } from './loose-object-writer.js';
import { BLOB_MODE } from './git-tree.js';
import { objectPath } from './fan-out-path.js';
import type { TreeEdit } from './update-tree.js';

/** The edits, each CID checked against its bytes unless `verify` is false (the caller then checks
 *  the edits it actually writes with verifyObjectEdits). */
export function objectEdits(objects: readonly EncodedObject[], opts: { verify?: boolean } = {}): TreeEdit[] {
  const edits = objects.map(({ cid, bytes }) => ({ path: objectPath(cid), mode: BLOB_MODE, oid: gitObjectId('blob', bytes), blob: bytes }));
  if (opts.verify !== false) verifyObjectEdits(edits);
  return edits;
}

/** Throws unless every object edit's bytes hash to the CID its path names. */
export function verifyObjectEdits(edits: readonly TreeEdit[]): void {
  for (const e of edits) {
    const cid = e.path[e.path.length - 1];
    if (e.path[0] !== 'objects' || !e.blob) continue; // not an object (a plan pointer, say)
    const actual = cidOfBytes(e.blob);
    if (actual !== cid) throw new CorruptObjectError(cid, `refusing to store bytes that hash to ${actual}`);
  }
}
