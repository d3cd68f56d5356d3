// `git rocky init [dir] [--example finance]`: scaffolds a project (and a git repository with a
// `main` branch when the directory is not inside one). Never overwrites an existing project.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { UsageError } from '../errors/usage-error.js';
import { buildScaffold } from '../project/scaffold/build-scaffold.js';

const run = promisify(execFile);

export async function init(o: { cwd: string; dir?: string | null; example?: 'empty' | 'finance' }): Promise<{ root: string; files: string[]; git_initialized: boolean }> {
  const root = resolve(o.cwd, o.dir ?? '.');
  if (existsSync(join(root, 'rocky.yaml'))) throw new UsageError(`${join(root, 'rocky.yaml')} exists already: refusing to overwrite a project`);
  const name = basename(root).replace(/[^A-Za-z0-9_]+/g, '_') || 'project';
  const files = buildScaffold({ name, example: o.example ?? 'empty' });
  for (const path of [...files.keys()].sort()) {
    const full = join(root, path);
    if (existsSync(full)) throw new UsageError(`${full} exists already: refusing to overwrite it`);
  }
  await makeRoot(root);
  let gitInitialized = false;
  try {
    await run('git', ['rev-parse', '--git-dir'], { cwd: root });
  } catch {
    await run('git', ['init', '-q', '-b', 'main'], { cwd: root });
    gitInitialized = true;
  }
  for (const [path, text] of files) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return { root, files: [...files.keys()].sort(), git_initialized: gitInitialized };
}

/** Creates the project directory one level at a time from its nearest existing ancestor.
 *  Node's recursive mkdir loops forever where a parent refuses entries with ENOENT (/proc/x), and
 *  a path under a regular file is a user's mistake: both are usage errors, reported at once. */
async function makeRoot(root: string): Promise<void> {
  const missing: string[] = [];
  let at = root;
  for (;;) {
    const s = await stat(at).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return null;
      throw cannotCreate(root, e);
    });
    if (s) {
      if (!s.isDirectory()) throw new UsageError(`cannot create ${root}: ${at} is not a directory`, { path: root });
      break;
    }
    missing.unshift(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const dir of missing) {
    await mkdir(dir).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw cannotCreate(root, e);
    });
  }
}

function cannotCreate(root: string, e: NodeJS.ErrnoException): UsageError {
  const why = e.code === 'EACCES' || e.code === 'EPERM' ? 'permission denied'
    : e.code === 'ENOENT' ? 'the file system there does not allow new directories'
    : e.code === 'EROFS' ? 'read-only file system'
    : e.code === 'ENOTDIR' ? 'a parent of it is a file, not a directory'
    : e.code ?? e.message;
  return new UsageError(`cannot create ${root}: ${why}`, { path: root });
}
