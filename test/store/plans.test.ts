import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from '../../src/store/index.js';
import { NotFoundError } from '../../src/errors/index.js';
import { fsckStrict, git, initRepo, removeDir, sameBytes, sourceObject } from './helpers.js';

/** A new repository with two empty commits (code commits to record plans for). */
function twoCommits(name: string, t: { after: (fn: () => void) => void }): { dir: string; c1: string; c2: string } {
  const dir = initRepo(name);
  t.after(() => removeDir(dir));
  git(dir, 'commit', '-q', '--allow-empty', '-m', 'first');
  const c1 = git(dir, 'rev-parse', 'HEAD');
  git(dir, 'commit', '-q', '--allow-empty', '-m', 'second');
  return { dir, c1, c2: git(dir, 'rev-parse', 'HEAD') };
}

test('recordPlan / planFor map code commits to plan CIDs under refs/rocky/plans', async (t) => {
  const { dir, c1, c2 } = twoCommits('plans', t);
  process.env.ROCKY_ACTOR = 'planner@example.com';
  t.after(() => { delete process.env.ROCKY_ACTOR; });
  const store = await openStore(dir);
  assert.equal(await store.planFor(c1), null);
  const model = sourceObject('m');
  const plan1 = sourceObject('plan-1-stand-in');
  await store.recordPlan(c1, plan1.cid, [model, plan1]);
  const head1 = git(dir, 'rev-parse', 'refs/rocky/plans');
  // Recording the same plan again changes nothing.
  await store.recordPlan(c1, plan1.cid, [model, plan1]);
  assert.equal(git(dir, 'rev-parse', 'refs/rocky/plans'), head1);
  const plan2 = sourceObject('plan-2-stand-in');
  await store.recordPlan(c2, plan2.cid, [plan2]);
  assert.equal(await store.planFor(c1), plan1.cid);
  assert.equal(await store.planFor(c2), plan2.cid);
  assert.equal(await store.planFor('HEAD'), plan2.cid);
  assert.equal(await store.planFor('f'.repeat(40)), null);
  // The plans' objects are readable through the default rocky heads.
  assert.ok(sameBytes(await store.readObject(model.cid), model.bytes));
  assert.equal(git(dir, 'cat-file', 'blob', `refs/rocky/plans:commits/${c2.slice(0, 2)}/${c2.slice(2)}`), plan2.cid);
  assert.match(git(dir, 'log', '-1', '--format=%an <%ae>%n%B', 'refs/rocky/plans'), /^planner <planner@example.com>\nRecord plan for [0-9a-f]{12}\n\nRocky-Op: record-plan\n/);
  await assert.rejects(store.recordPlan(c1, sourceObject('never-given').cid, []), NotFoundError);
  fsckStrict(dir);
});

test('a plan sharing objects with a recorded one is recorded; bytes that do not match their CID are refused', async (t) => {
  const { dir, c1, c2 } = twoCommits('plans-shared', t);
  const store = await openStore(dir);
  const shared = Array.from({ length: 40 }, (_, i) => sourceObject(`shared-${i}`));
  const plan1 = sourceObject('plan-1');
  await store.recordPlan(c1, plan1.cid, [...shared, plan1]);
  const blobsBefore = git(dir, 'count-objects', '-v');
  // Bytes that differ from what is stored under a CID, or a new object whose bytes do not hash
  // to its CID, are refused; the ref does not move.
  const tamperedShared = { cid: shared[0].cid, bytes: Buffer.concat([Buffer.from(shared[0].bytes), Buffer.from([0])]) };
  const fresh = sourceObject('fresh');
  const plan2 = sourceObject('plan-2');
  const head1 = git(dir, 'rev-parse', 'refs/rocky/plans');
  await assert.rejects(store.recordPlan(c2, plan2.cid, [...shared, { cid: fresh.cid, bytes: Buffer.from('not it') }, plan2]), /refusing to store bytes/);
  await assert.rejects(store.recordPlan(c2, plan2.cid, [tamperedShared, ...shared.slice(1), fresh, plan2]), /refusing to store bytes/);
  assert.equal(git(dir, 'rev-parse', 'refs/rocky/plans'), head1);
  await store.recordPlan(c2, plan2.cid, [...shared, fresh, plan2]);
  assert.equal(await store.planFor(c2), plan2.cid);
  assert.ok(sameBytes(await store.readObject(shared[0].cid), shared[0].bytes));
  assert.ok(sameBytes(await store.readObject(fresh.cid), fresh.bytes));
  assert.notEqual(git(dir, 'count-objects', '-v'), blobsBefore);
  fsckStrict(dir);
});
