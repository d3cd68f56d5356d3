// What the compile cache is bound to on our side: a hash of the code that decides what a compile
// produces (the compiler, the project loader, the objects and their encoding). Any change to it,
// an upgrade or a local edit, makes every cached result stale. Reading these ~100 small files
// costs a few milliseconds, far less than trusting a stale cache could.
//
// From the single-file build (dist/git-rocky.cjs) those files are not beside this code, and
// import.meta.url names the bundle: there the bundle itself is hashed. It holds all of the code
// above and more, so the fingerprint changes whenever any of it does (more often than needed,
// never less), and reading it costs about as much as the ~100 files.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inBundle } from '../util/in-bundle.js';

const DIRS = ['sql', 'plan', 'project', 'objects', 'codec'];
/** How texts are handed to DuckDB's parser (its options shape the trees). */
const PARSER = 'warehouse/duckdb/parse-sql';

const memo = new Map<string, string>();

function hashOf(paths: readonly string[]): string {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const hash = createHash('sha256');
  for (const p of paths) hash.update(`${p}\0`).update(readFileSync(join(root, p))).update('\0');
  return hash.digest('base64');
}

function codeFiles(dir: string): string[] {
  const root = fileURLToPath(new URL('..', import.meta.url));
  return (readdirSync(join(root, dir), { recursive: true }) as string[])
    .filter((f) => /\.(js|ts|mjs|json|yaml|sql|csv)$/.test(f) && !f.endsWith('.d.ts') && !f.endsWith('.map'))
    .sort()
    .map((f) => `${dir}/${f}`);
}

function bundleFingerprint(): string {
  let v = memo.get('bundle');
  if (v === undefined) memo.set('bundle', (v = `bundle ${createHash('sha256').update(readFileSync(fileURLToPath(import.meta.url))).digest('base64')}`));
  return v;
}

/** The parser side: what turns a text into a tree (the parse cache is bound to it). */
export function parserFingerprint(): string {
  if (inBundle) return bundleFingerprint();
  let v = memo.get('parser');
  if (v === undefined) memo.set('parser', (v = hashOf(codeFiles(PARSER.slice(0, PARSER.lastIndexOf('/'))).filter((f) => f.startsWith(`${PARSER}.`)))));
  return v;
}

/** Everything that decides a compile's result, the parser side included. */
export function compilerFingerprint(): string {
  if (inBundle) return bundleFingerprint();
  let v = memo.get('compiler');
  if (v === undefined) memo.set('compiler', (v = `${hashOf(DIRS.flatMap(codeFiles))} ${parserFingerprint()}`));
  return v;
}
