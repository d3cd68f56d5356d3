// Ref reads and compare-and-swap updates through the git executable: `git update-ref` takes
// git's lock file and checks the old value, which isomorphic-git cannot do.
import { ConflictError } from '../errors/conflict-error.js';
import { UsageError } from '../errors/usage-error.js';
import { gitOk, runGit } from './run-git.js';

const ZERO = '0'.repeat(40);

/** The object a ref points at, or null when it does not exist (exact name, no DWIM). */
export async function readRef(cwd: string, ref: string): Promise<string | null> {
  const r = await runGit(cwd, ['show-ref', '--verify', '--hash', ref]);
  return r.code === 0 ? r.stdout.trim() : null;
}

/** Refs under a prefix ending in '/', with the objects they point at. */
export async function listRefs(cwd: string, prefix: string): Promise<{ ref: string; oid: string }[]> {
  const out = await gitOk(cwd, ['for-each-ref', '--format=%(objectname) %(refname)', prefix]);
  return out.split('\n').filter(Boolean).map((line) => {
    const space = line.indexOf(' ');
    return { oid: line.slice(0, space), ref: line.slice(space + 1) };
  });
}

async function failure(cwd: string, ref: string, expected: string | null, stderr: string): Promise<Error> {
  const actual = await readRef(cwd, ref);
  // Moved under us, or another writer holds its lock right now: either way a lost race.
  if (actual !== expected || /\.lock'?: File exists/.test(stderr)) return new ConflictError(ref, expected, actual);
  return new UsageError(`cannot update ${ref}: ${stderr.trim()}`, { ref });
}

/** Moves `ref` to `next` only if it still points at `expected` (null: must not exist). */
export async function casUpdate(cwd: string, ref: string, next: string, expected: string | null, reflogMessage: string): Promise<void> {
  const r = await runGit(cwd, ['update-ref', '-m', reflogMessage, ref, next, expected ?? ZERO]);
  if (r.code !== 0) throw await failure(cwd, ref, expected, r.stderr);
}

/** Deletes `ref` only if it still points at `expected`. */
export async function casDelete(cwd: string, ref: string, expected: string): Promise<void> {
  const r = await runGit(cwd, ['update-ref', '-d', ref, expected]);
  if (r.code !== 0) throw await failure(cwd, ref, expected, r.stderr);
}
