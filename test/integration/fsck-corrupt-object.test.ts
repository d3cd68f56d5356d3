// `git rocky fsck` re-hashes what it reads: an object whose bytes do not hash to the CID it is
// filed under (a well-formed git blob, so git's own fsck sees nothing) is reported, CID named,
// with exit 1. Spawns the built executable, as a user would run it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { financeRepo, git, GIT_ENV, rocky } from '../helpers/temp-project.js';

test('fsck reports an object whose bytes do not hash to its CID, exit 1, CID named', async (t) => {
  const { dir, cleanup } = await financeRepo();
  t.after(cleanup);
  const ran = rocky(dir, 'run', '--json');
  assert.equal(ran.status, 0, ran.stderr);
  const clean = rocky(dir, 'fsck');
  assert.equal(clean.status, 0, clean.stdout + clean.stderr);

  const ref = git(dir, 'for-each-ref', '--format=%(refname)', 'refs/rocky/').split('\n').find((r) => /main$/.test(r));
  assert.ok(ref, 'an env ref for main');
  // One source-snapshot object of the env commit: its path ends in its CID.
  const paths = git(dir, 'ls-tree', '-r', '--name-only', ref).split('\n').filter((p) => /^objects\/.*\/bafy[a-z2-7]+$/.test(p));
  assert.ok(paths.length > 3, paths.join('\n'));
  const victim = paths[0];
  const cid = victim.slice(victim.lastIndexOf('/') + 1);
  // Another object's bytes: valid dag-cbor of a known kind, so only re-hashing can tell.
  const tampered = execFileSync('git', ['cat-file', 'blob', `${ref}:${paths[1]}`], { cwd: dir });
  const file = join(dir, 'tampered.bin');
  writeFileSync(file, tampered);
  const blob = git(dir, 'hash-object', '-w', file).trim();
  // A new env commit whose tree files the tampered bytes under the old CID (git itself is intact).
  const index = join(dir, '.git', 'tamper-index');
  const env = { ...GIT_ENV, GIT_INDEX_FILE: index };
  execFileSync('git', ['read-tree', ref], { cwd: dir, env });
  execFileSync('git', ['update-index', '--cacheinfo', `100644,${blob},${victim}`], { cwd: dir, env });
  const tree = execFileSync('git', ['write-tree'], { cwd: dir, env, encoding: 'utf8' }).trim();
  const commit = execFileSync('git', ['commit-tree', tree, '-p', ref, '-m', 'tamper'], { cwd: dir, env, encoding: 'utf8' }).trim();
  git(dir, 'update-ref', ref, commit);
  execFileSync('git', ['fsck', '--strict', '--no-dangling'], { cwd: dir }); // git sees nothing wrong

  const bad = rocky(dir, 'fsck');
  assert.equal(bad.status, 1, bad.stdout + bad.stderr);
  assert.ok((bad.stdout + bad.stderr).includes(cid), bad.stdout + bad.stderr);
  const badJson = rocky(dir, 'fsck', '--json');
  assert.equal(badJson.status, 1, badJson.stdout + badJson.stderr);
  assert.ok(badJson.stdout.includes(cid), badJson.stdout);
});
