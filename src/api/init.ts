// `git rocky init [dir] [--example finance]`: scaffolds a project (and a git repository with a
// `main` branch when the directory is not inside one). Never overwrites an existing project.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
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
  await mkdir(root, { recursive: true });
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
