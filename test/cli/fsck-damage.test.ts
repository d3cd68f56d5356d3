// fsck against damage built by hand in a copy of a real repository: each failure mode is found
// where it is (ref, commit, object), all of them in one pass, exit 1, and the --json output
// matches schemas/fsck.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { deflateSync } from 'node:zlib';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { run } from '../../src/api/index.js';
import { GIT_ENV, financeRepo, git, rocky, tempDir } from '../helpers/temp-project.js';

process.env.ROCKY_ACTOR = 'tester@example.com';

interface Problem { ref: string; commit: string | null; object: string | null; git_object: string | null; path: string | null; problem: string }

const validate = (() => {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  ajv.addSchema(JSON.parse(readFileSync(resolve('schemas/common.json'), 'utf8')));
  return ajv.compile(JSON.parse(readFileSync(resolve('schemas/fsck.json'), 'utf8')));
})();

function fsckJson(dir: string): { status: number | null; problems: Problem[]; doc: Record<string, unknown> } {
  const r = rocky(dir, 'fsck', '--json');
  const doc = JSON.parse(r.stdout) as Record<string, unknown>;
  assert.ok(validate(doc), `fsck --json does not match schemas/fsck.json: ${JSON.stringify(validate.errors)}\n${r.stdout}`);
  assert.ok(!('error' in doc), `fsck failed instead of reporting: ${r.stdout} ${r.stderr}`);
  return { status: r.status, problems: doc.problems as Problem[], doc };
}

/** The real `git fsck --full` exit status: the cross-check of what git itself sees. */
function gitFsck(dir: string): number | null {
  return spawnSync('git', ['fsck', '--full', '--no-dangling', '--no-progress'], { cwd: dir, env: GIT_ENV, encoding: 'utf8' }).status;
}

function looseFile(dir: string, oid: string): string {
  const f = join(dir, '.git', 'objects', oid.slice(0, 2), oid.slice(2));
  assert.ok(existsSync(f), `object ${oid} is a loose file`);
  chmodSync(f, 0o644);
  return f;
}

/** The objects/ blobs of a commit: path, blob id, CID. */
function objectsOf(dir: string, commit: string): { path: string; blob: string; cid: string }[] {
  return git(dir, 'ls-tree', '-r', commit, '--', 'objects/').trim().split('\n').map((line) => {
    const [meta, path] = line.split('\t');
    const blob = meta.split(' ')[2];
    return { path, blob, cid: path.slice(path.lastIndexOf('/') + 1) };
  });
}

/** A tree like `tree` with `path` pointing at `blob`, written through a scratch index. */
function treeWith(dir: string, tree: string, path: string, blob: string): string {
  const env = { ...GIT_ENV, GIT_INDEX_FILE: join(dir, '.git', 'scratch-index') };
  execFileSync('git', ['read-tree', tree], { cwd: dir, env });
  execFileSync('git', ['update-index', '--cacheinfo', `100644,${blob},${path}`], { cwd: dir, env });
  const out = execFileSync('git', ['write-tree'], { cwd: dir, env, encoding: 'utf8' }).trim();
  rmSync(env.GIT_INDEX_FILE, { force: true });
  return out;
}

/** An edited copy of a blob, stored as a valid git blob of its own. */
function editedBlob(dir: string, blob: string): string {
  const bytes = execFileSync('git', ['cat-file', 'blob', blob], { cwd: dir, env: GIT_ENV });
  const edited = Buffer.concat([bytes, Buffer.from([0])]);
  return execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: dir, env: GIT_ENV, input: edited, encoding: 'utf8' }).trim();
}

function commitTree(dir: string, tree: string, parents: string[], message: string): string {
  return git(dir, 'commit-tree', tree, ...parents.flatMap((p) => ['-p', p]), '-m', message).trim();
}

test('fsck: each kind of damage is found with its ref, commit and object, all at once, exit 1', async (t) => {
  const { dir: base, cleanup } = await financeRepo();
  t.after(cleanup);
  assert.equal((await run({ cwd: base, branch: 'main' })).status, 'success');
  const clean = fsckJson(base);
  assert.equal(clean.status, 0);
  assert.deepEqual(clean.problems, []);
  assert.equal(gitFsck(base), 0, 'git fsck agrees the clean repository is sound');
  const copies = tempDir();
  t.after(copies.cleanup);
  let n = 0;
  const copy = (): string => {
    const d = join(copies.dir, String(n++));
    cpSync(base, d, { recursive: true });
    return d;
  };
  const head = git(base, 'rev-parse', 'refs/rocky/envs/main').trim();
  const headTree = git(base, 'rev-parse', `${head}^{tree}`).trim();
  const victim = objectsOf(base, head)[0];

  await t.test('a corrupt blob in an older commit, whose path a later commit rewrote', () => {
    const dir = copy();
    const bad = editedBlob(dir, victim.blob);
    const older = commitTree(dir, treeWith(dir, headTree, victim.path, bad), [head], 'older, damaged');
    const later = commitTree(dir, headTree, [older], 'later, path rewritten to the intact blob');
    git(dir, 'update-ref', 'refs/rocky/envs/main', later, head);
    const r = fsckJson(dir);
    assert.equal(r.status, 1);
    assert.deepEqual(r.problems.map((p) => [p.ref, p.commit, p.object, p.git_object]), [['refs/rocky/envs/main', older, victim.cid, bad]]);
    assert.match(r.problems[0].problem, /content hashes to bafyrei\w+, not to its name/);
    // Sound as git objects: only the CID check finds it.
    assert.equal(gitFsck(dir), 0);
  });

  await t.test('an edited blob under a CID name that is intact under another ref', () => {
    const dir = copy();
    const bad = editedBlob(dir, victim.blob);
    // refs/rocky/envs/zz sorts after main: its CID name was already seen intact there.
    git(dir, 'update-ref', 'refs/rocky/envs/zz', commitTree(dir, treeWith(dir, headTree, victim.path, bad), [], 'edited'));
    const zz = git(dir, 'rev-parse', 'refs/rocky/envs/zz').trim();
    const r = fsckJson(dir);
    assert.equal(r.status, 1);
    assert.deepEqual(r.problems.map((p) => [p.ref, p.commit, p.object, p.path]), [['refs/rocky/envs/zz', zz, victim.cid, victim.path]]);
  });

  await t.test('a rewritten loose object file (bytes that no longer hash to the git id)', () => {
    const dir = copy();
    const f = looseFile(dir, victim.blob);
    const body = execFileSync('git', ['cat-file', 'blob', victim.blob], { cwd: dir, env: GIT_ENV });
    body[body.length - 1] ^= 1;
    writeFileSync(f, deflateSync(Buffer.concat([Buffer.from(`blob ${body.length}\0`), body])));
    const r = fsckJson(dir);
    assert.equal(r.status, 1);
    assert.equal(r.problems.length, 1, JSON.stringify(r.problems));
    assert.equal(r.problems[0].object, victim.cid);
    assert.equal(r.problems[0].git_object, victim.blob);
    assert.ok(r.problems[0].commit && r.problems[0].ref.startsWith('refs/rocky/'));
    assert.match(r.problems[0].problem, /hash to [0-9a-f]{40}, not to its id/);
    assert.notEqual(gitFsck(dir), 0, 'git fsck sees the same damage');
  });

  for (const [what, cut] of [['its header', 12], ['its body', -4]] as const) {
    await t.test(`a truncated compressed (zlib) object: cut in ${what}`, () => {
      const dir = copy();
      const f = looseFile(dir, victim.blob);
      const bytes = readFileSync(f);
      writeFileSync(f, bytes.subarray(0, cut > 0 ? cut : bytes.length + cut));
      const r = fsckJson(dir);
      assert.equal(r.status, 1);
      assert.equal(r.problems.length, 1, JSON.stringify(r.problems));
      assert.deepEqual([r.problems[0].object, r.problems[0].git_object, r.problems[0].path], [victim.cid, victim.blob, victim.path]);
      assert.match(r.problems[0].problem, /cannot be read/);
      assert.notEqual(gitFsck(dir), 0, 'git fsck sees the same damage');
    });
  }

  await t.test('a missing object', () => {
    const dir = copy();
    rmSync(looseFile(dir, victim.blob));
    const r = fsckJson(dir);
    assert.equal(r.status, 1);
    assert.equal(r.problems.length, 1, JSON.stringify(r.problems));
    assert.deepEqual([r.problems[0].object, r.problems[0].git_object], [victim.cid, victim.blob]);
    assert.match(r.problems[0].problem, /missing/);
    assert.notEqual(gitFsck(dir), 0, 'git fsck sees the same damage');
  });

  await t.test('an env ref pointing at garbage, and one at an object that does not exist', () => {
    const dir = copy();
    writeFileSync(join(dir, '.git', 'refs', 'rocky', 'envs', 'junk'), 'garbage\n');
    writeFileSync(join(dir, '.git', 'refs', 'rocky', 'envs', 'ghost'), `${'1'.repeat(40)}\n`);
    const r = fsckJson(dir);
    assert.equal(r.status, 1);
    const byRef = new Map(r.problems.map((p) => [p.ref, p]));
    assert.match(byRef.get('refs/rocky/envs/junk')?.problem ?? '', /broken ref/);
    assert.match(byRef.get('refs/rocky/envs/ghost')?.problem ?? '', /missing/);
    assert.equal(byRef.get('refs/rocky/envs/ghost')?.commit, '1'.repeat(40));
    assert.equal(r.problems.length, 2, JSON.stringify(r.problems));
  });

  await t.test('packed objects (after git gc) are read and checked the same way', () => {
    const dir = copy();
    git(dir, 'gc', '-q', '--prune=now');
    assert.equal(existsSync(join(dir, '.git', 'objects', victim.blob.slice(0, 2), victim.blob.slice(2))), false, 'the blob is packed');
    const r = fsckJson(dir);
    assert.equal(r.status, 0);
    assert.deepEqual(r.problems, []);
    assert.equal(r.doc.objects, clean.doc.objects);
    assert.equal(r.doc.commits, clean.doc.commits);
    assert.equal(gitFsck(dir), 0);
  });

  await t.test('all of them in one repository: every problem in one report; text output names each', () => {
    const dir = copy();
    const objects = objectsOf(dir, head);
    const [a, b, c] = objects.slice(1, 4);
    const bad = editedBlob(dir, a.blob);
    const older = commitTree(dir, treeWith(dir, headTree, a.path, bad), [head], 'older, damaged');
    git(dir, 'update-ref', 'refs/rocky/envs/main', commitTree(dir, headTree, [older], 'later'), head);
    writeFileSync(looseFile(dir, b.blob), readFileSync(looseFile(dir, b.blob)).subarray(0, 12));
    rmSync(looseFile(dir, c.blob));
    writeFileSync(join(dir, '.git', 'refs', 'rocky', 'envs', 'junk'), 'garbage\n');
    const r = fsckJson(dir);
    assert.equal(r.status, 1);
    assert.deepEqual(r.problems.map((p) => p.object ?? p.ref).sort(), [a.cid, b.cid, c.cid, 'refs/rocky/envs/junk'].sort());
    const text = rocky(dir, 'fsck');
    assert.equal(text.status, 1);
    for (const name of [a.cid, b.cid, c.cid, 'refs/rocky/envs/junk', older]) assert.ok(text.stderr.includes(name), `${name} in\n${text.stderr}`);
    assert.doesNotMatch(text.stderr, /internal error|at .*\.js:\d+/i);
  });
});
