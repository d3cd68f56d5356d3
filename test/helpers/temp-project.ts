// Test helpers: a finance project (or custom files) in a fresh git repository in a temp dir,
// and git/CLI runners with a fixed identity.
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { init } from '../../src/api/init.js';

export const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'test', GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'test', GIT_COMMITTER_EMAIL: 'test@example.com',
  ROCKY_ACTOR: 'tester@example.com',
  // The executable's compiled-code cache (bin/git-rocky.cjs): kept out of the user's home, and
  // shared by the runs of a test run, as a user's runs share it.
  ROCKY_CODE_CACHE: join(tmpdir(), 'rocky-test-code-cache'),
};

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' });
}

export function tempDir(prefix = 'rocky-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A committed finance example in a new repository on branch main. */
export async function financeRepo(): Promise<{ dir: string; cleanup: () => void }> {
  const t = tempDir();
  await init({ cwd: t.dir, example: 'finance' });
  git(t.dir, 'add', '-A');
  git(t.dir, 'commit', '-qm', 'finance');
  return t;
}

/** A repository holding exactly these files (path -> text), committed on main. */
export function repoWith(files: Record<string, string>): { dir: string; cleanup: () => void } {
  const t = tempDir();
  git(t.dir, 'init', '-q', '-b', 'main');
  writeFiles(t.dir, { '.gitignore': '.rocky/\n', ...files });
  git(t.dir, 'add', '-A');
  git(t.dir, 'commit', '-qm', 'project');
  return t;
}

/** A sources.yaml of two typed warehouse tables, `trades` (with a pii column) and `desks`. */
export const TRADES_AND_DESKS = `sources:
  - name: trades
    table: raw.trades
    columns:
      id: { type: BIGINT }
      qty: { type: BIGINT }
      trader: { type: VARCHAR, classification: [pii] }
  - name: desks
    table: raw.desks
    columns:
      id: { type: BIGINT }
      desk: { type: VARCHAR }
`;

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
}

/** The executable as installed (package.json's bin): the launcher of the single-file build. */
export const CLI = resolve('bin/git-rocky.cjs');

/** Runs the built CLI (npm test builds it first). */
export function rocky(cwd: string, ...args: string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [CLI, ...args], { cwd, env: GIT_ENV, encoding: 'utf8' });
}
