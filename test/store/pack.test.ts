// Large batches go into one packfile (git index-pack) instead of thousands of loose files: the
// objects must read back by CID, and git itself must find the repository sound.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../src/store/index.js';
import { envObject, fsckStrict, git, initRepo, removeDir, sameBytes, sourceObject } from './helpers.js';

test('a batch of 600 objects lands as one pack; every object reads back; git fsck is clean', async (t) => {
  const dir = initRepo('pack');
  t.after(() => removeDir(dir));
  const store = await openStore(dir);
  const models = Array.from({ length: 600 }, (_, i) => sourceObject(`m${i}`));
  const env = envObject('main', models);
  const commit = await store.commitEnv({
    branch: 'main', expected: null, parents: [], objects: [...models, env], env: env.cid, manifest: null,
    summary: 'big', op: 'run', actor: 'tester@example.com', code: null, time: '2026-05-21T09:00:00.000Z',
  });
  const packs = readdirSync(join(dir, '.git', 'objects', 'pack')).filter((f) => f.endsWith('.pack'));
  assert.equal(packs.length, 1);
  const looseDirs = readdirSync(join(dir, '.git', 'objects')).filter((d) => /^[0-9a-f]{2}$/.test(d));
  assert.ok(looseDirs.length <= 2, `only the commit (and maybe nothing else) is loose: ${looseDirs.length} dirs`);
  const fresh = await openStore(dir);
  for (const m of [models[0], models[299], models[599], env]) assert.ok(sameBytes(await fresh.readObject(m.cid), m.bytes));
  assert.equal(git(dir, 'rev-parse', 'refs/rocky/envs/main'), commit);
  fsckStrict(dir);
});
