import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync, chmodSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { openStore, objectPath } from '../../src/store/index.js';
import { CorruptObjectError, UsageError } from '../../src/errors/index.js';
import { cidOfBytes } from '../../src/codec/encode-object.js';
import { envObject, fsckStrict, git, initRepo, removeDir, sameBytes, sourceObject } from './helpers.js';

const T0 = '2026-05-21T09:00:00.000Z';

test('objects round-trip by CID through an env commit, and git fsck --strict is clean', async (t) => {
  const dir = initRepo('objects');
  t.after(() => removeDir(dir));
  const store = await openStore(dir);
  const a = sourceObject('a');
  const b = sourceObject('b');
  const env = envObject('main', [a, b]);
  assert.equal(await store.readObject(a.cid), null);
  await store.writeObjects([a, b, env]);
  // Written but not yet reachable from any rocky ref: not found by default.
  assert.equal(await store.readObject(a.cid), null);
  const commit = await store.commitEnv({
    branch: 'main', expected: null, parents: [], objects: [a, b, env], env: env.cid, manifest: null,
    summary: 'run main', op: 'run', actor: 'alice@example.com', code: null, time: T0,
  });
  assert.ok(sameBytes(await store.readObject(a.cid), a.bytes));
  assert.ok(sameBytes(await store.readObject(env.cid, [commit]), env.bytes));
  assert.ok(sameBytes(await store.readObject(b.cid), b.bytes)); // second read: cached location
  assert.equal(await store.readObject(sourceObject('zzz').cid), null);
  const path = objectPath(a.cid).join('/');
  assert.match(path, /^objects\/[a-z2-7]\/[a-z2-7]\/bafyrei/);
  assert.equal(git(dir, 'cat-file', '-t', `${commit}:${path}`), 'blob');
  // The git blob holds exactly the dag-cbor bytes.
  const raw = execFileSync('git', ['cat-file', 'blob', `${commit}:${path}`], { cwd: dir });
  assert.ok(sameBytes(raw, a.bytes));
  fsckStrict(dir); // throws on any problem
});

test('a malformed CID is a usage error, not a lookup', async (t) => {
  const dir = initRepo('badcid');
  t.after(() => removeDir(dir));
  const store = await openStore(dir);
  await assert.rejects(store.readObject('not-a-cid' as never), UsageError);
  await assert.rejects(store.readObject('bafyrei../../etc' as never), UsageError);
});

test('writeObjects refuses bytes that do not hash to their CID', async (t) => {
  const dir = initRepo('refuse');
  t.after(() => removeDir(dir));
  const store = await openStore(dir);
  const a = sourceObject('a');
  const b = sourceObject('b');
  await assert.rejects(store.writeObjects([{ cid: a.cid, bytes: b.bytes }]), CorruptObjectError);
});

test('a stored object whose bytes were altered is caught on read', async (t) => {
  const dir = initRepo('corrupt');
  t.after(() => removeDir(dir));
  const store = await openStore(dir);
  const a = sourceObject('a');
  const env = envObject('main', [a]);
  const commit = await store.commitEnv({
    branch: 'main', expected: null, parents: [], objects: [a, env], env: env.cid, manifest: null,
    summary: 'run', op: 'run', actor: 'alice@example.com', code: null, time: T0,
  });
  const blob = git(dir, 'rev-parse', `${commit}:${objectPath(a.cid).join('/')}`);
  // Case 1: the loose file is replaced by a valid zlib stream of other bytes (git id mismatch).
  const file = join(dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2));
  const tampered = Buffer.from(a.bytes);
  tampered[tampered.length - 1] ^= 1;
  chmodSync(file, 0o644);
  unlinkSync(file);
  writeFileSync(file, deflateSync(Buffer.concat([Buffer.from(`blob ${tampered.length}\0`), tampered])));
  const fresh = await openStore(dir);
  await assert.rejects(fresh.readObject(a.cid), (e: unknown) => e instanceof CorruptObjectError && e.message.includes(a.cid));
  // Case 2: a well-formed git blob filed under the wrong CID (a tree that lies).
  const b = sourceObject('b');
  assert.notEqual(cidOfBytes(b.bytes), a.cid);
  const dir2 = initRepo('corrupt2');
  t.after(() => removeDir(dir2));
  const tmp = join(dir2, 'b.bin');
  writeFileSync(tmp, b.bytes);
  const oidB = git(dir2, 'hash-object', '-w', tmp);
  const [, first, second] = objectPath(a.cid);
  const l2 = mktree(dir2, `100644 blob ${oidB}\t${a.cid}\n`);
  const l1 = mktree(dir2, `040000 tree ${l2}\t${second}\n`);
  const objs = mktree(dir2, `040000 tree ${l1}\t${first}\n`);
  const root = mktree(dir2, `040000 tree ${objs}\tobjects\n`);
  const lying = git(dir2, 'commit-tree', root, '-m', 'lie');
  git(dir2, 'update-ref', 'refs/rocky/envs/liar', lying);
  const store2 = await openStore(dir2);
  await assert.rejects(store2.readObject(a.cid), CorruptObjectError);
});

function mktree(dir: string, text: string): string {
  return execFileSync('git', ['mktree'], { cwd: dir, input: text, encoding: 'utf8' }).trim();
}
