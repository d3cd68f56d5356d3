// The stamps of the files a project load reads besides rocky.yaml (sources.yaml and the SQL and
// YAML files of models/), taken without reading them: ~25 ms for 10,000 files, against ~100 ms
// to read them.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { stampOf, type FileStamp } from './file-stamp.js';

/** Which entries of models/ a project load reads. */
export function isProjectModelFile(name: string): boolean {
  return name.endsWith('.sql') || name.endsWith('.yaml') || name.endsWith('.yml');
}

export function stampProjectFiles(root: string): Map<string, FileStamp> {
  const stamps = new Map<string, FileStamp>();
  const sources = statSync(join(root, 'sources.yaml'), { throwIfNoEntry: false });
  if (sources?.isFile()) stamps.set('sources.yaml', stampOf(sources));
  let entries: string[];
  try {
    entries = readdirSync(join(root, 'models'));
  } catch {
    return stamps;
  }
  for (const name of entries) {
    if (!isProjectModelFile(name)) continue;
    const st = statSync(join(root, 'models', name), { throwIfNoEntry: false });
    if (st?.isFile()) stamps.set(`models/${name}`, stampOf(st));
  }
  return stamps;
}
