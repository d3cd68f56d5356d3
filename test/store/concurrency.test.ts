import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openStore } from '../../src/store/index.js';
import { envObject, fsckStrict, git, initRepo, removeDir } from './helpers.js';

const racer = fileURLToPath(new URL('./fixtures/race-commit-env.ts', import.meta.url));

function race(dir: string, expected: string | null, startAt: number, label: string): Promise<{ won: boolean; commit?: string; code?: string }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', racer, dir, expected ?? 'none', String(startAt), label], { encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${label} crashed: ${stderr}`));
      else resolve(JSON.parse(stdout.trim().split('\n').pop()!));
    });
  });
}

for (const start of ['existing ref', 'new ref'] as const) {
  test(`two processes committing on the same ${start} at once: exactly one wins`, async (t) => {
    const dir = initRepo('race');
    t.after(() => removeDir(dir));
    let expected: string | null = null;
    if (start === 'existing ref') {
      const store = await openStore(dir);
      const env = envObject('main', []);
      expected = await store.commitEnv({
        branch: 'main', expected: null, parents: [], objects: [env], env: env.cid, manifest: null,
        summary: 'seed', op: 'run', actor: 'seed@example.com', code: null, time: '2026-05-21T09:00:00Z',
      });
    }
    // Both start node + tsx (~0.5 s), then meet at the same wall-clock instant.
    const startAt = Date.now() + 2500;
    const results = await Promise.all([race(dir, expected, startAt, 'alpha'), race(dir, expected, startAt, 'beta')]);
    const winners = results.filter((r) => r.won);
    const losers = results.filter((r) => !r.won);
    assert.equal(winners.length, 1, JSON.stringify(results));
    assert.equal(losers[0].code, 'E_CONFLICT', JSON.stringify(results));
    assert.equal(git(dir, 'rev-parse', 'refs/rocky/envs/main'), winners[0].commit);
    const parents = git(dir, 'rev-list', '--parents', '-1', winners[0].commit!).split(' ').slice(1);
    assert.deepEqual(parents, expected === null ? [] : [expected]);
    fsckStrict(dir);
  });
}
