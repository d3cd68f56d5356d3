// The stamps of the files a project load reads besides rocky.yaml (sources.yaml and the SQL and
// YAML files of models/, at any depth), taken without reading them: a stat each, ~25-70 ms for 10,000 files
// on this kind of machine, against ~100 ms to read them. The executable has `find` take them at
// start, on another core (take-prescan.ts); this is the scan in place, without it.
import { statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { listFilesBelow } from './work-tree-files.js';

/** Paths relative to the project root and their stamps (project/file-stamp.ts), four numbers
 *  each, at 4 * index. */
export interface StampTable {
  readonly paths: readonly string[];
  readonly stamps: Float64Array;
}

/** A file of models/ the project reads (by its ending: a name or a path below models/). */
export function isProjectModelFile(name: string): boolean {
  return name.endsWith('.sql') || name.endsWith('.yaml') || name.endsWith('.yml');
}

export function stampProjectFiles(root: string): StampTable {
  const paths: string[] = [];
  const found: number[] = [];
  const add = (path: string, st: Stats | undefined): void => {
    if (!st?.isFile()) return;
    paths.push(path);
    found.push(st.size, st.mtimeMs, st.ctimeMs, st.ino);
  };
  add('sources.yaml', statSync(join(root, 'sources.yaml'), { throwIfNoEntry: false }));
  // models/ at any depth (models/staging/stg_orders.sql), listed as the project load lists it.
  for (const rel of listFilesBelow(join(root, 'models'))) {
    if (isProjectModelFile(rel)) add(`models/${rel}`, statSync(join(root, 'models', rel), { throwIfNoEntry: false }));
  }
  return { paths, stamps: Float64Array.from(found) };
}
