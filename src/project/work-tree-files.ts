// ProjectFiles over a directory of the file system (the work tree). Reads are synchronous on
// purpose: a project is thousands of small files, and readFileSync costs a fraction of the
// promise API's open/fstat/read/close round trips through the thread pool.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { stampOf, type FileStamp } from './file-stamp.js';
import type { StampTable } from './stamp-project-files.js';
import type { ProjectFiles } from './types.js';

function missing(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** The stamp of each file as it was read, taken before its content was read (a write after the
 *  stamp changes the stamp, so a later equal stamp vouches for this content). */
export class WorkTreeStamps {
  readonly stamps = new Map<string, FileStamp>();
  /** Stamped by scan() and not read since. */
  private readonly scanned = new Set<string>();
  /** Stamping starts with scan(): reads before it (and operations that never ask) cost nothing. */
  private on = false;

  /** Takes the stamps of every project file at once (stampProjectFiles), before any is read:
   *  the reads that follow need no stat (reading through a descriptor to stamp it cost ~100 ms
   *  and ~50 MB more over 10,000 files, measured). */
  scan({ paths, stamps }: StampTable): void {
    this.on = true;
    paths.forEach((path, i) => {
      this.stamps.set(path, [stamps[4 * i], stamps[4 * i + 1], stamps[4 * i + 2], stamps[4 * i + 3]]);
      this.scanned.add(path);
    });
  }

  /** Before `path` is read: stamped now, unless scan() did and this is its first read. */
  beforeRead(abs: string, path: string): void {
    if (!this.on || this.scanned.delete(path)) return;
    const st = statSync(abs, { throwIfNoEntry: false });
    if (st) this.stamps.set(path, stampOf(st));
    else this.stamps.delete(path);
  }
}

export function workTreeFiles(root: string, stamps?: WorkTreeStamps): ProjectFiles {
  return {
    async read(path) {
      const abs = join(root, path);
      try {
        stamps?.beforeRead(abs, path);
        return readFileSync(abs, 'utf8');
      } catch (e) {
        if (missing(e)) return null;
        throw e;
      }
    },
    async list(dir) {
      return listFilesBelow(join(root, dir));
    },
  };
}

/** The files below `dir` at any depth, `/`-separated paths relative to it (links are not
 *  followed, as git does not). */
export function listFilesBelow(dir: string): string[] {
  const out: string[] = [];
  const walk = (abs: string, rel: string): void => {
    let entries;
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch (e) {
      if (missing(e)) return;
      throw e;
    }
    for (const e of entries) {
      if (e.isFile()) out.push(rel + e.name);
      else if (e.isDirectory()) walk(join(abs, e.name), `${rel}${e.name}/`);
    }
  };
  walk(dir, '');
  return out;
}
