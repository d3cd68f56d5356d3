// Finds the git repository around a directory: the common git dir (objects and refs/rocky live
// there, also for linked worktrees, whose `commondir` isomorphic-git ignores) and the work tree.
import { statSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { UsageError } from '../errors/usage-error.js';
import { runGit } from './run-git.js';

export interface RepositoryLocation {
  /** The common git dir: objects, refs/rocky/*, config. */
  readonly gitdir: string;
  /** This work tree's own git dir (differs from `gitdir` in a linked worktree). */
  readonly worktreeGitdir: string;
  /** Top level of the work tree, or null (bare repository, or cwd inside the git dir). */
  readonly workdir: string | null;
}

/** Follows `<gitdir>/commondir` the way git does (a path relative to the worktree's git dir). */
export function resolveCommonDir(worktreeGitdir: string): string {
  let text: string;
  try {
    text = readFileSync(resolve(worktreeGitdir, 'commondir'), 'utf8').trim();
  } catch {
    return worktreeGitdir;
  }
  return isAbsolute(text) ? text : resolve(worktreeGitdir, text);
}

export async function locateRepository(cwd: string): Promise<RepositoryLocation> {
  const dir = resolve(cwd);
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
  } catch {
    throw new UsageError(`not a directory: ${dir}`, { cwd: dir });
  }
  const r = await runGit(dir, ['rev-parse', '--absolute-git-dir', '--is-bare-repository', '--is-inside-work-tree', '--show-object-format']);
  if (r.code !== 0) {
    throw new UsageError(`not inside a git repository: ${dir} (run \`git init\` first, or cd into a repository)`, {
      cwd: dir, git: r.stderr.trim(),
    });
  }
  const [absGitdir, bare, insideWorkTree, objectFormat] = r.stdout.split('\n').map((s) => s.trim());
  if (objectFormat !== 'sha1') {
    // isomorphic-git would silently write SHA-1 objects into it, corrupting the repository.
    throw new UsageError(`the repository at ${absGitdir} uses ${objectFormat} object ids; git rocky supports SHA-1 repositories only`, {
      gitdir: absGitdir, objectFormat,
    });
  }
  let workdir: string | null = null;
  if (bare !== 'true' && insideWorkTree === 'true') {
    const top = await runGit(dir, ['rev-parse', '--show-toplevel']);
    if (top.code === 0 && top.stdout.trim() !== '') workdir = top.stdout.trim();
  }
  return { gitdir: resolveCommonDir(absGitdir), worktreeGitdir: absGitdir, workdir };
}
