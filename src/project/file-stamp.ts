// What a file's metadata says about its content without reading it: size, modification and
// change times, inode. A stamp equal to the one taken when the file was read means the content
// is the one read then, unless the file was written again within the same timestamp tick right
// after that read: stamps taken close to their recording time are "racy" and prove nothing
// (git's index has the same rule). ctime cannot be set back by tools that restore mtime.
import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';

export type FileStamp = readonly [size: number, mtimeMs: number, ctimeMs: number, ino: number];

/** How close to the recording time a file's change may be and still not be trusted (ms). The
 *  file system's clock ticks coarsely and may run apart from the process's. */
export const RACY_MS = 2000;

export function stampOf(st: Stats): FileStamp {
  return [st.size, st.mtimeMs, st.ctimeMs, st.ino];
}

/** True when a stamp (its modification and change times) taken by a recording that started at
 *  `recordedAt` (ms since the epoch) can vouch for the content read then. */
export function trustworthy(mtimeMs: number, ctimeMs: number, recordedAt: number): boolean {
  return mtimeMs < recordedAt - RACY_MS && ctimeMs < recordedAt - RACY_MS;
}

/** What a file's text is compared by when its stamp cannot vouch for it and the text itself is
 *  not kept (sources.yaml, sidecars). */
export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('base64');
}
