// Finds the rocky project around a directory: the nearest ancestor holding rocky.yaml.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export function findProjectRoot(cwd: string): string | null {
  let dir = resolve(cwd);
  for (;;) {
    if (existsSync(join(dir, 'rocky.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}
