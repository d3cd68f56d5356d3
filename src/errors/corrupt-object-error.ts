// A stored object does not hash to its CID, or does not decode to a known kind and version.
import { RockyError } from './rocky-error.js';

export class CorruptObjectError extends RockyError {
  constructor(cid: string, reason: string) {
    super('E_CORRUPT_OBJECT', `object ${cid} is corrupt: ${reason}`, { cid, reason });
  }
}
