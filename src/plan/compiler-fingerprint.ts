// What the compile cache is bound to on our side: a hash of the code that decides what a compile
// produces (the compiler, the project loader, the objects and their encoding). Any change to it,
// an upgrade or a local edit, makes every cached result stale. Reading these ~100 small files
// costs a few milliseconds, far less than trusting a stale cache could.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIRS = ['sql', 'plan', 'project', 'objects', 'codec'];

let memo: string | null = null;

export function compilerFingerprint(): string {
  if (memo !== null) return memo;
  const root = fileURLToPath(new URL('..', import.meta.url));
  const hash = createHash('sha256');
  for (const dir of DIRS) {
    const files = (readdirSync(join(root, dir), { recursive: true }) as string[])
      .filter((f) => /\.(js|ts|mjs|json|yaml|sql|csv)$/.test(f) && !f.endsWith('.d.ts') && !f.endsWith('.map'))
      .sort();
    for (const f of files) hash.update(`${dir}/${f}\0`).update(readFileSync(join(root, dir, f))).update('\0');
  }
  return (memo = hash.digest('base64'));
}
