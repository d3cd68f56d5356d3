// Plan recording is an append to one ref (refs/rocky/plans): processes compiling different clean
// commits of one repository at the same moment race for it, and every one must land (a lost
// race is retried on the new head), leaving a history git itself finds sound. Real processes:
// the built executable, one per worktree, all started at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, financeRepo, git, GIT_ENV, tempDir } from '../helpers/temp-project.js';

const N = 8;

function compileIn(cwd: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CLI, 'compile', '--json'], { cwd, env: GIT_ENV });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.on('close', (code) => resolve({ code, out }));
  });
}

test(`${N} processes recording plans of ${N} commits at once all succeed; git fsck --strict is clean`, async (t) => {
  const { dir, cleanup } = await financeRepo();
  t.after(cleanup);
  const trees = tempDir('rocky-race-');
  t.after(trees.cleanup);
  const commits: string[] = [];
  const worktrees: string[] = [];
  for (let i = 0; i < N; i++) {
    const wt = join(trees.dir, `wt${i}`);
    git(dir, 'worktree', 'add', '-q', '-b', `race${i}`, wt, 'main');
    appendFileSync(join(wt, 'models', 'latest_prices.sql'), `-- variant ${i}\n`);
    git(wt, 'commit', '-qam', `variant ${i}`);
    commits.push(git(wt, 'rev-parse', 'HEAD').trim());
    worktrees.push(wt);
  }

  const results = await Promise.all(worktrees.map(compileIn));
  for (const [i, r] of results.entries()) {
    assert.equal(r.code, 0, `worktree ${i}: ${r.out}`);
    const json = JSON.parse(r.out) as { recorded_for?: string | null };
    assert.equal(json.recorded_for, commits[i], r.out);
  }
  // Every commit's plan is in the plans ref, none lost to another's append.
  const listed = git(dir, 'ls-tree', '-r', '--name-only', 'refs/rocky/plans', '--', 'commits').split('\n').filter(Boolean);
  for (const c of commits) assert.ok(listed.includes(`commits/${c.slice(0, 2)}/${c.slice(2)}`), `plan of ${c} recorded`);
  // One linear chain: every record is a commit on top of the previous head.
  const chain = git(dir, 'rev-list', '--count', 'refs/rocky/plans').trim();
  assert.ok(Number(chain) >= N, chain);
  execFileSync('git', ['fsck', '--strict', '--no-dangling'], { cwd: dir, env: GIT_ENV });
});
