// Replaces a file whole: written beside it under a random name, then renamed over it, so that a
// concurrent reader sees the old content or the new, never a part. Its directory is made if
// missing; a failed write leaves no temporary file behind. Throws what the file system throws
// (the caches that call it treat a failure as "not saved").
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export function replaceFile(file: string, data: string | Uint8Array, encoding: BufferEncoding = 'utf8'): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    if (typeof data === 'string') writeFileSync(tmp, data, encoding);
    else writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
