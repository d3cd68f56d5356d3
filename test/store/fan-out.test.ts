import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../src/store/index.js';
import { envObject, fsckStrict, git, initRepo, removeDir, sameBytes, sourceObject } from './helpers.js';

function looseObjects(gitdir: string): Set<string> {
  const out = new Set<string>();
  const root = join(gitdir, 'objects');
  for (const d of readdirSync(root)) {
    if (!/^[0-9a-f]{2}$/.test(d)) continue;
    for (const f of readdirSync(join(root, d))) if (/^[0-9a-f]{38}$/.test(f)) out.add(d + f);
  }
  return out;
}

test('adding one object to a tree of 10,000 writes only the trees on its path', async (t) => {
  const dir = initRepo('fanout');
  t.after(() => removeDir(dir));
  const store = await openStore(dir);
  const many = Array.from({ length: 10_000 }, (_, i) => sourceObject(`m${i}`));
  const env1 = envObject('main', []);
  const c1 = await store.commitEnv({
    branch: 'main', expected: null, parents: [], objects: [...many, env1], env: env1.cid, manifest: null,
    summary: 'big run', op: 'run', actor: 'a@example.com', code: null, time: '2026-05-21T09:00:00Z',
  });
  const before = looseObjects(store.gitdir);
  const one = sourceObject('one_more');
  const env2 = envObject('main', [one]);
  // Passing everything again is allowed: objects already in the base tree cost nothing.
  const c2 = await store.commitEnv({
    branch: 'main', expected: c1, parents: [c1], objects: [...many, one, env2], env: env2.cid, manifest: null,
    summary: 'one more', op: 'run', actor: 'a@example.com', code: null, time: '2026-05-21T09:05:00Z',
  });
  const added = [...looseObjects(store.gitdir)].filter((o) => !before.has(o));
  const types = execFileSync('git', ['cat-file', '--batch-check=%(objecttype)'], { cwd: dir, input: added.join('\n') + '\n', encoding: 'utf8' })
    .trim().split('\n');
  const count = (kind: string) => types.filter((k) => k === kind).length;
  assert.equal(count('commit'), 1);
  assert.equal(count('blob'), 2); // one_more and env2
  // root, objects/, and at most two paths of two fan-out levels (two new objects).
  assert.ok(count('tree') <= 6, `wrote ${count('tree')} trees: ${types.join(',')}`);
  assert.ok(sameBytes(await store.readObject(many[4321].cid, [c2]), many[4321].bytes));
  assert.equal(git(dir, 'ls-tree', '-r', '--name-only', c2).split('\n').length, 10_003);
  fsckStrict(dir);
});
