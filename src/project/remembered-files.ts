// ProjectFiles that remember what they read, for a long-running process (compile --watch): a
// re-read serves every file from memory except the ones the caller reports as changed.
import type { ProjectFiles } from './types.js';

export interface RememberedFiles extends ProjectFiles {
  /** Forget one file (a path relative to the project root); with `listing`, also the listing of
   *  every directory above it (the file may have appeared or gone). */
  changed(path: string, opts?: { listing?: boolean }): void;
  /** Forget everything (the watcher lost track, say). */
  changedAll(): void;
}

export function rememberedFiles(inner: ProjectFiles): RememberedFiles {
  const texts = new Map<string, Promise<string | null>>();
  const listings = new Map<string, Promise<string[]>>();
  return {
    read(path) {
      let text = texts.get(path);
      if (!text) texts.set(path, (text = inner.read(path)));
      return text;
    },
    list(dir) {
      let names = listings.get(dir);
      if (!names) listings.set(dir, (names = inner.list(dir)));
      return names.then((n) => [...n]);
    },
    changed(path, opts = { listing: true }) {
      texts.delete(path);
      if (opts.listing === false) return;
      // Listings are recursive: every directory above the path lists it.
      for (const dir of [...listings.keys()]) if (dir === '' || path.startsWith(`${dir}/`)) listings.delete(dir);
    },
    changedAll() {
      texts.clear();
      listings.clear();
    },
  };
}
