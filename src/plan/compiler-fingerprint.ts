// What the compile cache is bound to on our side: a hash of the source code that decides what a
// compile produces (the compiler, the project loader, the objects and their encoding). Any change
// to it, an upgrade or a local edit, makes every cached result stale. Reading these ~100 small
// files costs a few milliseconds, far less than trusting a stale cache could.
//
// Every way of running this code must compute the same value, or the caches they share in
// .rocky/cache/ invalidate each other (a library compile, then `git rocky compile`, would each
// start cold). So it is always the hash of the TypeScript sources, src/**/*.ts:
// - from src/ (tests, tsx) they are read where they are, so an edit counts at once;
// - the build (scripts/build-bundle.mjs) hashes the same files with `sourceFingerprints` and
//   writes the result to dist/compiler-fingerprint.json for tsc's output (the library), and into
//   the single-file executable (dist/git-rocky.cjs) as a constant. The file also holds the hash of
//   the .js output it was written for, so that output recompiled since (tsc alone) is not taken
//   for the one the file describes.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Fingerprints {
  /** The parser side: what turns a text into a tree (the parse cache is bound to it). */
  readonly parser: string;
  /** Everything that decides a compile's result, the parser side included. */
  readonly compiler: string;
}

/** Name of the file the build writes beside tsc's output (dist/). */
export const FINGERPRINT_FILE = 'compiler-fingerprint.json';

/** That file: the sources' fingerprints, and those of the .js files tsc made from them. */
export interface BuiltFingerprints extends Fingerprints {
  readonly output: Fingerprints;
}

const DIRS = ['sql', 'plan', 'project', 'objects', 'codec'];
/** How texts are handed to DuckDB's parser (its options shape the trees). */
const PARSER = 'warehouse/duckdb/parse-sql';

// Defined by the bundler (scripts/build-bundle.mjs); undeclared everywhere else, hence the typeof.
declare const ROCKY_PARSER_FINGERPRINT: string | undefined;
declare const ROCKY_COMPILER_FINGERPRINT: string | undefined;

function hashOf(srcRoot: string, paths: readonly string[]): string {
  const hash = createHash('sha256');
  for (const p of paths) hash.update(`${p}\0`).update(readFileSync(join(srcRoot, p))).update('\0');
  return hash.digest('base64');
}

function codeFiles(srcRoot: string, dir: string, ext: string): string[] {
  return (readdirSync(join(srcRoot, dir), { recursive: true }) as string[])
    .map((f) => f.split('\\').join('/'))
    .filter((f) => f.endsWith(ext) && !f.endsWith('.d.ts'))
    .sort()
    .map((f) => `${dir}/${f}`);
}

/** The packages the compiler's code runs on (pinned exact in package.json, beside src/ and dist/):
 *  a new version of one, with our sources unchanged, may still change what a compile produces. */
function dependenciesHash(srcRoot: string): string {
  const pkg = join(srcRoot, '..', 'package.json');
  const deps = existsSync(pkg) ? (JSON.parse(readFileSync(pkg, 'utf8')) as { dependencies?: unknown }).dependencies ?? null : null;
  return createHash('sha256').update(JSON.stringify(deps)).digest('base64');
}

/** The fingerprints of the TypeScript sources under `srcRoot` (the repository's src/), or of
 *  the files ending in `ext` there. */
export function sourceFingerprints(srcRoot: string, ext = '.ts'): Fingerprints {
  const parserDir = PARSER.slice(0, PARSER.lastIndexOf('/'));
  const parser = hashOf(srcRoot, codeFiles(srcRoot, parserDir, ext).filter((f) => f.startsWith(`${PARSER}.`)));
  const compiler = `${hashOf(srcRoot, DIRS.flatMap((d) => codeFiles(srcRoot, d, ext)))} ${dependenciesHash(srcRoot)} ${parser}`;
  return { parser, compiler };
}

let current: Fingerprints | undefined;

function fingerprints(): Fingerprints {
  if (current) return current;
  if (typeof ROCKY_COMPILER_FINGERPRINT === 'string' && typeof ROCKY_PARSER_FINGERPRINT === 'string') {
    return (current = { parser: ROCKY_PARSER_FINGERPRINT, compiler: ROCKY_COMPILER_FINGERPRINT });
  }
  // This file's folder's parent: src/ (its .ts sources are here) or dist/ (tsc's output, where
  // the build left the sources' fingerprints, with those of the .js files it saw then).
  const root = fileURLToPath(new URL('..', import.meta.url));
  if (import.meta.url.endsWith('.ts')) return (current = sourceFingerprints(root));
  const own = sourceFingerprints(root, '.js');
  const built = join(root, FINGERPRINT_FILE);
  const file = existsSync(built) ? (JSON.parse(readFileSync(built, 'utf8')) as BuiltFingerprints) : null;
  // The file speaks for this output only if it was written for it: tsc run alone since (a watch)
  // leaves it stale, and then the .js files themselves are the fingerprint (never a stale one).
  if (file && file.output?.compiler === own.compiler && file.output.parser === own.parser) return (current = { parser: file.parser, compiler: file.compiler });
  return (current = own);
}

/** The parser side: what turns a text into a tree (the parse cache is bound to it). */
export function parserFingerprint(): string {
  return fingerprints().parser;
}

/** Everything that decides a compile's result, the parser side included. */
export function compilerFingerprint(): string {
  return fingerprints().compiler;
}
