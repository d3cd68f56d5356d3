import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from '../../src/store/index.js';
import { ConflictError, NotFoundError, UsageError } from '../../src/errors/index.js';
import { envObject, fsckStrict, git, initRepo, removeDir, sameBytes, sourceObject } from './helpers.js';

const CODE = 'c'.repeat(40);

test('commitEnv, envHead and envLog carry the trailers; git log reads as an audit trail', async (t) => {
  const dir = initRepo('env');
  t.after(() => removeDir(dir));
  const store = await openStore(dir);
  assert.equal(await store.envHead('main'), null);
  const a = sourceObject('a');
  const env1 = envObject('main', [a]);
  const manifest = sourceObject('manifest-stand-in');
  const c1 = await store.commitEnv({
    branch: 'main', expected: null, parents: [], objects: [a, env1, manifest], env: env1.cid, manifest: manifest.cid,
    summary: 'run main: 1 built', op: 'run', actor: 'alice@example.com', code: CODE, time: '2026-05-21T09:00:00.000+02:00',
  });
  const b = sourceObject('b');
  const env2 = envObject('main', [a, b]);
  const c2 = await store.commitEnv({
    branch: 'main', expected: c1, parents: [c1], objects: [b, env2], env: env2.cid, manifest: null,
    summary: 'rollback main', op: 'rollback', actor: 'bob@example.com', code: null, time: '2026-05-21T10:00:00.000Z',
  });
  const head = await store.envHead('main');
  assert.equal(head?.commit, c2);
  assert.equal(head?.env, env2.cid);
  assert.equal(head?.manifest, null);
  assert.equal(head?.tree, git(dir, 'rev-parse', `${c2}^{tree}`));
  // The tree accumulates: c1's objects are still in c2's tree.
  assert.ok(sameBytes(await store.readObject(manifest.cid, [c2]), manifest.bytes));

  const log = await store.envLog('main');
  assert.deepEqual(log.map((e) => e.commit), [c2, c1]);
  assert.deepEqual(log[1], {
    commit: c1, op: 'run', actor: 'alice@example.com', time: '2026-05-21T09:00:00.000+02:00', code: CODE,
    env: env1.cid, manifest: manifest.cid, summary: 'run main: 1 built', parents: [],
  });
  assert.equal(log[0].code, null);
  assert.deepEqual((await store.envLog('main', 1)).map((e) => e.commit), [c2]);
  assert.deepEqual(await store.readEnvCommit(c1), { commit: c1, env: env1.cid, manifest: manifest.cid, tree: git(dir, 'rev-parse', `${c1}^{tree}`) });

  // What git itself shows.
  assert.equal(git(dir, 'log', '-1', '--format=%an <%ae> %ad', '--date=iso-strict', c1), 'alice <alice@example.com> 2026-05-21T09:00:00+02:00');
  const trailers = git(dir, 'log', '-1', '--format=%(trailers:key=Rocky-Op,key=Rocky-Env,valueonly,separator=%x2C)', c2);
  assert.equal(trailers, `rollback,${env2.cid}`);
  assert.match(git(dir, 'log', '--format=%s', 'refs/rocky/envs/main'), /rollback main\nrun main: 1 built/);
  assert.deepEqual(await store.listEnvs(), [{ branch: 'main', commit: c2 }]);
  fsckStrict(dir);
});

test('a merge is a two-parent commit whose tree carries both histories; branch names may contain /', async (t) => {
  const dir = initRepo('merge');
  t.after(() => removeDir(dir));
  const store = await openStore(dir);
  const a = sourceObject('a');
  const envMain = envObject('main', [a]);
  const m1 = await store.commitEnv({
    branch: 'main', expected: null, parents: [], objects: [a, envMain], env: envMain.cid, manifest: null,
    summary: 'run main', op: 'run', actor: 'alice@example.com', code: null, time: '2026-05-21T09:00:00Z',
  });
  const branch = 'agent/rebalance-2026-05-21';
  const x = sourceObject('x');
  const envAgent = envObject(branch, [a, x]);
  const b1 = await store.commitEnv({
    branch, expected: null, parents: [m1], objects: [x, envAgent], env: envAgent.cid, manifest: null,
    summary: `run ${branch}`, op: 'run', actor: 'agent-7', code: null, time: '2026-05-21T09:30:00Z',
  });
  assert.equal(git(dir, 'rev-parse', `refs/rocky/envs/${branch}`), b1);
  const envMerged = envObject('main', [a, x, sourceObject('merged')]);
  // The merge passes only the new env: x must come from the second parent's tree.
  const m2 = await store.commitEnv({
    branch: 'main', expected: m1, parents: [m1, b1], objects: [envMerged], env: envMerged.cid, manifest: null,
    summary: `merge ${branch} into main`, op: 'merge', actor: 'alice@example.com', code: null, time: '2026-05-21T10:00:00Z',
  });
  assert.equal(git(dir, 'rev-list', '--parents', '-1', m2), `${m2} ${m1} ${b1}`);
  assert.ok(sameBytes(await store.readObject(x.cid, [m2]), x.bytes));
  const log = await store.envLog('main');
  assert.deepEqual(log.map((e) => e.op), ['merge', 'run']);
  assert.deepEqual(log[0].parents, [m1, b1]);
  assert.deepEqual((await store.listEnvs()).map((e) => e.branch).sort(), [branch, 'main']);
  await assert.rejects(store.envHead('bad..name'), UsageError);
  await assert.rejects(store.envHead('-x'), UsageError);
  fsckStrict(dir);
});

test('compare-and-swap: a stale expected value is a ConflictError and changes nothing', async (t) => {
  const dir = initRepo('cas');
  t.after(() => removeDir(dir));
  const store = await openStore(dir);
  const env = envObject('main', []);
  const base = { branch: 'main', objects: [env], env: env.cid, manifest: null, op: 'run', actor: 'a@x', code: null } as const;
  const c1 = await store.commitEnv({ ...base, expected: null, parents: [], summary: 'one', time: '2026-05-21T09:00:00Z' });
  const c2 = await store.commitEnv({ ...base, expected: c1, parents: [c1], summary: 'two', time: '2026-05-21T09:01:00Z' });
  // Creating again (expected null) and moving from the stale c1 both lose.
  await assert.rejects(store.commitEnv({ ...base, expected: null, parents: [], summary: 'again', time: '2026-05-21T09:02:00Z' }), ConflictError);
  await assert.rejects(
    store.commitEnv({ ...base, expected: c1, parents: [c1], summary: 'stale', time: '2026-05-21T09:03:00Z' }),
    (e: unknown) => e instanceof ConflictError && e.data.actual === c2 && e.data.expected === c1,
  );
  assert.equal(git(dir, 'rev-parse', 'refs/rocky/envs/main'), c2);
  await assert.rejects(store.deleteEnv('main', c1), ConflictError);
  assert.equal(git(dir, 'rev-parse', 'refs/rocky/envs/main'), c2);
  await store.deleteEnv('main', c2);
  assert.equal(await store.envHead('main'), null);
  await assert.rejects(store.deleteEnv('main', c2), ConflictError);
  fsckStrict(dir);
});

test('an env commit must carry its env object; a non-env commit is not an env head', async (t) => {
  const dir = initRepo('missing');
  t.after(() => removeDir(dir));
  const store = await openStore(dir);
  const env = envObject('main', []);
  await assert.rejects(store.commitEnv({
    branch: 'main', expected: null, parents: [], objects: [], env: env.cid, manifest: null,
    summary: 'x', op: 'run', actor: 'a@x', code: null, time: '2026-05-21T09:00:00Z',
  }), NotFoundError);
  assert.equal(await store.envHead('main'), null);
  await assert.rejects(store.commitEnv({
    branch: 'main', expected: null, parents: [], objects: [env], env: env.cid, manifest: null,
    summary: 'x', op: 'run', actor: 'a@x', code: null, time: 'yesterday',
  }), UsageError);
  git(dir, 'commit', '-q', '--allow-empty', '-m', 'code');
  await assert.rejects(store.readEnvCommit(git(dir, 'rev-parse', 'HEAD')), NotFoundError);
});

test('fsckWalk visits every object of every rocky ref once, including dropped history', async (t) => {
  const dir = initRepo('reach');
  t.after(() => removeDir(dir));
  const store = await openStore(dir);
  const a = sourceObject('a');
  const env1 = envObject('main', [a]);
  const c1 = await store.commitEnv({
    branch: 'main', expected: null, parents: [], objects: [a, env1], env: env1.cid, manifest: null,
    summary: 'one', op: 'run', actor: 'a@x', code: null, time: '2026-05-21T09:00:00Z',
  });
  const b = sourceObject('b');
  const env2 = envObject('main', [b]);
  // A base tree without c1's objects: they still come back through c1 (history) and the union.
  await store.commitEnv({
    branch: 'main', expected: c1, parents: [c1], baseTree: null, objects: [b, env2], env: env2.cid, manifest: null,
    summary: 'two', op: 'rollback', actor: 'a@x', code: null, time: '2026-05-21T09:01:00Z',
  });
  const x = sourceObject('x');
  const envX = envObject('x/y', [x]);
  await store.commitEnv({
    branch: 'x/y', expected: null, parents: [], objects: [x, envX], env: envX.cid, manifest: null,
    summary: 'x', op: 'run', actor: 'a@x', code: null, time: '2026-05-21T09:02:00Z',
  });
  const seen: { cid: string; ref: string; bytes: Uint8Array }[] = [];
  const walked = await store.fsckWalk((o) => seen.push({ cid: o.name, ref: o.ref, bytes: o.bytes }));
  assert.deepEqual(walked.problems, []);
  assert.equal(walked.refs, 2);
  assert.equal(walked.commits, 3);
  for (const o of seen) assert.ok(sameBytes(o.bytes, (await store.readObject(o.cid as never))!));
  assert.deepEqual(seen.map((s) => s.cid).sort(), [a.cid, env1.cid, b.cid, env2.cid, x.cid, envX.cid].sort());
  assert.equal(seen.find((s) => s.cid === x.cid)?.ref, 'refs/rocky/envs/x/y');
  assert.ok(sameBytes(await store.readObject(a.cid, [(await store.envHead('main'))!.commit]), a.bytes));
});
