// ProjectFiles over a directory of the file system (the work tree).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProjectFiles } from './types.js';

export function workTreeFiles(root: string): ProjectFiles {
  return {
    async read(path) {
      try {
        return await readFile(join(root, path), 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw e;
      }
    },
    async list(dir) {
      try {
        const entries = await readdir(join(root, dir), { withFileTypes: true });
        return entries.filter((e) => e.isFile()).map((e) => e.name);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw e;
      }
    },
  };
}
