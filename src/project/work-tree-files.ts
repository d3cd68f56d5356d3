// ProjectFiles over a directory of the file system (the work tree). Reads are synchronous on
// purpose: a project is thousands of small files, and readFileSync costs a fraction of the
// promise API's open/fstat/read/close round trips through the thread pool.
import { closeSync, fstatSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stampOf, type FileStamp } from './file-stamp.js';
import type { ProjectFiles } from './types.js';

function missing(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** With `stamps`, each file read leaves its stamp there, taken before its content is read (a
 *  write after the stamp changes the stamp, so a later equal stamp vouches for this content). */
export function workTreeFiles(root: string, stamps?: Map<string, FileStamp>): ProjectFiles {
  return {
    async read(path) {
      try {
        if (!stamps) return readFileSync(join(root, path), 'utf8');
        return readStamped(join(root, path), path, stamps);
      } catch (e) {
        if (missing(e)) return null;
        throw e;
      }
    },
    async list(dir) {
      try {
        return readdirSync(join(root, dir), { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
      } catch (e) {
        if (missing(e)) return [];
        throw e;
      }
    },
  };
}

/** Reads a file and records its stamp, taken on the open descriptor before the read. */
function readStamped(abs: string, path: string, stamps: Map<string, FileStamp>): string {
  const fd = openSync(abs, 'r');
  try {
    stamps.set(path, stampOf(fstatSync(fd)));
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}
