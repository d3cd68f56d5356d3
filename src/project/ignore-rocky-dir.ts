// .rocky/ (the local warehouse and caches) must never be committed by accident, whatever made
// it (init, a run, a compile, a clone without a .gitignore line for it): it ignores itself.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Makes `<root>/.rocky` with a `.gitignore` of `*` in it (git then ignores the directory and
 *  that file too). Best effort: a read-only checkout is left as it is. */
export function ignoreRockyDir(root: string): void {
  const dir = join(root, '.rocky');
  const file = join(dir, '.gitignore');
  if (existsSync(file)) return;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, '# Local state of git rocky (warehouse, caches): never committed.\n*\n', { flag: 'wx' });
  } catch {
    // read-only work tree, or another process wrote it first
  }
}
