// A model's output columns as its consumers see them (names, types, classification and its
// paths), hashed: a cached consumer is reused only while this is what it was compiled against.
import { createHash } from 'node:crypto';
import type { Column } from '../objects/types.js';

export function columnsFingerprint(columns: readonly Column[]): string {
  return createHash('sha256').update(JSON.stringify(columns)).digest('base64');
}
