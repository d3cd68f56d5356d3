import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../src/store/index.js';
import { UsageError } from '../../src/errors/index.js';
import { envObject, fsckStrict, git, initRepo, removeDir, sameBytes, sourceObject, tempDir } from './helpers.js';

const T = '2026-05-21T09:00:00Z';

test('outside a repository, and in a SHA-256 repository, openStore refuses with a UsageError', async (t) => {
  const plain = tempDir('plain');
  t.after(() => removeDir(plain));
  await assert.rejects(openStore(plain), (e: unknown) => e instanceof UsageError && /not inside a git repository/.test(e.message));
  await assert.rejects(openStore(join(plain, 'missing')), UsageError);
  const sha256 = initRepo('sha256', '--object-format=sha256');
  t.after(() => removeDir(sha256));
  await assert.rejects(openStore(sha256), (e: unknown) => e instanceof UsageError && /sha256/.test(e.message));
});

test('a stray GIT_DIR in the environment does not redirect the store', async (t) => {
  const a = initRepo('straya');
  const b = initRepo('strayb');
  t.after(() => { removeDir(a); removeDir(b); });
  process.env.GIT_DIR = join(b, '.git');
  try {
    const store = await openStore(a);
    assert.equal(store.gitdir, join(realpathSync(a), '.git'));
  } finally {
    delete process.env.GIT_DIR;
  }
});

test('from a subdirectory and from a linked worktree, the store uses the common git dir', async (t) => {
  const dir = initRepo('worktree');
  const wt = join(tempDir('wt'), 'linked');
  t.after(() => { removeDir(dir); removeDir(join(wt, '..')); });
  git(dir, 'commit', '-q', '--allow-empty', '-m', 'root');
  mkdirSync(join(dir, 'models'));
  const fromSub = await openStore(join(dir, 'models'));
  assert.equal(fromSub.workdir, realpathSync(dir));
  git(dir, 'worktree', 'add', '-q', '-b', 'side', wt);
  const linked = await openStore(wt);
  assert.equal(linked.gitdir, join(realpathSync(dir), '.git'));
  assert.equal(linked.workdir, realpathSync(wt));
  assert.equal((await linked.headState()).branch, 'side');
  const a = sourceObject('a');
  const env = envObject('side', [a]);
  const commit = await linked.commitEnv({
    branch: 'side', expected: null, parents: [], objects: [a, env], env: env.cid, manifest: null,
    summary: 'run side', op: 'run', actor: 'a@example.com', code: null, time: T,
  });
  // Written where the main checkout sees it.
  const main = await openStore(dir);
  assert.equal((await main.envHead('side'))?.commit, commit);
  assert.ok(sameBytes(await main.readObject(a.cid), a.bytes));
  assert.equal((await main.headState()).branch, 'main');
  fsckStrict(dir);
});

test('a bare repository supports object and env operations', async (t) => {
  const bare = tempDir('bare');
  t.after(() => removeDir(bare));
  git(bare, 'init', '-q', '--bare', '-b', 'main');
  const store = await openStore(bare);
  assert.equal(store.workdir, null);
  assert.equal(store.gitdir, realpathSync(bare));
  const a = sourceObject('a');
  const env = envObject('main', [a]);
  const c = await store.commitEnv({
    branch: 'main', expected: null, parents: [], objects: [a, env], env: env.cid, manifest: null,
    summary: 'run', op: 'run', actor: 'a@example.com', code: null, time: T,
  });
  assert.ok(sameBytes(await store.readObject(a.cid), a.bytes));
  assert.equal((await store.envLog('main'))[0].commit, c);
  assert.deepEqual(await store.headState(), { commit: null, branch: 'main', clean: true });
  const seen: string[] = [];
  assert.deepEqual((await store.fsckWalk((o) => seen.push(o.name))).problems, []);
  assert.deepEqual(seen.sort(), [a.cid, env.cid].sort());
  fsckStrict(bare);
});
