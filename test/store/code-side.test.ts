import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../src/store/index.js';
import { NotFoundError, UsageError } from '../../src/errors/index.js';
import { git, initRepo, removeDir } from './helpers.js';

function commitFile(dir: string, path: string, text: string, message: string): string {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
  git(dir, 'add', path);
  git(dir, 'commit', '-q', '-m', message);
  return git(dir, 'rev-parse', 'HEAD');
}

test('headState on an unborn branch, then clean / dirty, ignoring untracked .rocky/', async (t) => {
  const dir = initRepo('head');
  t.after(() => removeDir(dir));
  const store = await openStore(dir);
  assert.deepEqual(await store.headState(), { commit: null, branch: 'main', clean: true });
  const c1 = commitFile(dir, 'models/a.sql', 'SELECT 1', 'a');
  mkdirSync(join(dir, '.rocky'));
  writeFileSync(join(dir, '.rocky', 'warehouse.duckdb'), 'x');
  assert.deepEqual(await store.headState(), { commit: c1, branch: 'main', clean: true });
  writeFileSync(join(dir, 'models', 'a.sql'), 'SELECT 2');
  assert.equal((await store.headState()).clean, false);
  git(dir, 'checkout', '-q', '--', 'models/a.sql');
  writeFileSync(join(dir, 'notes.txt'), 'untracked elsewhere');
  assert.equal((await store.headState()).clean, false);
  git(dir, 'checkout', '-q', '--detach');
  assert.equal((await store.headState()).branch, null);
  git(dir, 'checkout', '-q', 'main');
  // A staged rename (two records in git's output) and a branch name with a slash.
  rmSync(join(dir, 'notes.txt'));
  git(dir, 'checkout', '-q', '-b', 'agent/what-if');
  git(dir, 'mv', 'models/a.sql', 'models/renamed.sql');
  assert.deepEqual(await store.headState(), { commit: c1, branch: 'agent/what-if', clean: false });
  git(dir, 'commit', '-q', '-m', 'rename');
  assert.deepEqual(await store.headState(), { commit: git(dir, 'rev-parse', 'HEAD'), branch: 'agent/what-if', clean: true });
});

test('resolveRevision and readCommitFiles at an older revision, without touching the work tree', async (t) => {
  const dir = initRepo('files');
  t.after(() => removeDir(dir));
  const c1 = commitFile(dir, 'models/a.sql', 'SELECT 1', 'one');
  commitFile(dir, 'models/sub/b.sql', 'SELECT 2', 'two');
  const c3 = commitFile(dir, 'models/a.sql', 'SELECT 3', 'three');
  commitFile(dir, 'rocky.yaml', 'name: x\n', 'four');
  const store = await openStore(dir);
  assert.equal(await store.resolveRevision('HEAD~3'), c1);
  assert.equal(await store.resolveRevision('main~1'), c3);
  assert.equal(await store.resolveRevision('no-such-branch'), null);
  assert.equal(await store.resolveRevision('--all'), null);
  const old = await store.readCommitFiles(c1, 'models');
  assert.deepEqual([...old.keys()], ['models/a.sql']);
  assert.equal(Buffer.from(old.get('models/a.sql')!).toString(), 'SELECT 1');
  const now = await store.readCommitFiles('HEAD', '');
  assert.deepEqual([...now.keys()].sort(), ['models/a.sql', 'models/sub/b.sql', 'rocky.yaml']);
  assert.equal(Buffer.from(now.get('models/a.sql')!).toString(), 'SELECT 3');
  assert.deepEqual([...(await store.readCommitFiles(c3, 'models/sub/')).keys()], ['models/sub/b.sql']);
  assert.equal((await store.readCommitFiles(c1, 'nowhere')).size, 0);
  await assert.rejects(store.readCommitFiles('nope', ''), NotFoundError);
});

test('readCommitFiles reads every kind of name and content exactly, and only under its prefix', async (t) => {
  const dir = initRepo('names');
  t.after(() => removeDir(dir));
  const files: Record<string, Buffer> = {
    'proj/rocky.yaml': Buffer.from('name: x\n'),
    'proj/models/with space é €.sql': Buffer.from('SELECT \'größe\''),
    'proj/models/empty.sql': Buffer.alloc(0),
    'proj/models/binary.bin': Buffer.from([0, 10, 255, 13, 10, 0]),
    'proj/models/deep/er/x.sql': Buffer.from('SELECT 1\n'),
    'proj2/not-this.sql': Buffer.from('SELECT 2'),
    'projx': Buffer.from('a file beside'),
  };
  for (const [p, bytes] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), bytes);
  }
  // Many files with the same content (one object, read once per path).
  for (let i = 0; i < 300; i++) writeFileSync(join(dir, 'proj', 'models', `m_${i}.sql`), 'SELECT same');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'names');
  const store = await openStore(join(dir, 'proj', 'models')); // from a subdirectory: paths stay from the root
  const got = await store.readCommitFiles('HEAD', 'proj');
  const want = Object.entries(files).filter(([p]) => p.startsWith('proj/'));
  assert.equal(got.size, want.length + 300);
  for (const [p, bytes] of want) assert.deepEqual(Buffer.from(got.get(p)!), bytes, p);
  assert.equal(Buffer.from(got.get('proj/models/m_299.sql')!).toString(), 'SELECT same');
  assert.deepEqual([...(await store.readCommitFiles('HEAD', 'projx')).keys()], ['projx'], 'a file as the prefix');
});

test('ensureGitBranch, checkBranchName and actor', async (t) => {
  const dir = initRepo('branches');
  t.after(() => removeDir(dir));
  const store = await openStore(dir);
  await assert.rejects(store.ensureGitBranch('feature'), NotFoundError); // HEAD has no commit yet
  const c1 = commitFile(dir, 'a.txt', '1', 'one');
  const c2 = commitFile(dir, 'a.txt', '2', 'two');
  await store.ensureGitBranch('agent/rebalance-2026-05-21');
  assert.equal(git(dir, 'rev-parse', 'refs/heads/agent/rebalance-2026-05-21'), c2);
  await store.ensureGitBranch('old', c1);
  await store.ensureGitBranch('old', c2); // exists: left alone
  assert.equal(git(dir, 'rev-parse', 'refs/heads/old'), c1);
  await assert.rejects(store.ensureGitBranch('bad..name'), UsageError);
  assert.equal(await store.checkBranchName('agent/x-1'), null);
  for (const bad of ['a..b', 'x.lock', 'has space', '-flag', '@{-1}', 'HEAD', 'trailing/']) {
    assert.equal(typeof (await store.checkBranchName(bad)), 'string', bad);
  }
  assert.match((await store.checkBranchName('a..b'))!, /not a valid branch name/);
  assert.equal(await store.actor(), 'tester@example.com');
  process.env.ROCKY_ACTOR = 'agent-7';
  try {
    assert.equal(await store.actor(), 'agent-7');
  } finally {
    delete process.env.ROCKY_ACTOR;
  }
  git(dir, 'config', '--unset', 'user.email');
  const prevHome = process.env.HOME;
  process.env.HOME = dir; // no global identity either
  try {
    assert.equal(await store.actor(), 'unknown');
  } finally {
    process.env.HOME = prevHome;
  }
});
