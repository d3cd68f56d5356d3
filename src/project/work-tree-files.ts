// ProjectFiles over a directory of the file system (the work tree). Reads are synchronous on
// purpose: a project is thousands of small files, and readFileSync costs a fraction of the
// promise API's open/fstat/read/close round trips through the thread pool.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProjectFiles } from './types.js';

function missing(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

export function workTreeFiles(root: string): ProjectFiles {
  return {
    async read(path) {
      try {
        return readFileSync(join(root, path), 'utf8');
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
