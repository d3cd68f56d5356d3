// An incremental compile (from the last compile's record, only the models whose SQL changed)
// must give exactly what a whole compile of a fresh copy gives: plan CID, models, diagnostics.
// Every edit below is compiled both ways; the ones the record cannot vouch for must fall back
// to a whole compile, visibly (incremental: false), and still agree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile, type CompileResult } from '../../src/api/compile.js';
import { openStore } from '../../src/store/index.js';
import { decodeObject } from '../../src/codec/decode-object.js';
import type { Cid } from '../../src/objects/ids.js';
import { execFileSync, spawn } from 'node:child_process';
import { CLI, GIT_ENV, TRADES_AND_DESKS, git, repoWith, tempDir } from '../helpers/temp-project.js';

const FILES = {
  'rocky.yaml': 'name: inc\n',
  'sources.yaml': TRADES_AND_DESKS,
  'models/a.sql': 'SELECT id, qty, trader FROM trades\n',
  'models/b.sql': 'SELECT id, qty * 2 AS q2, trader FROM a\n',
  'models/c.sql': 'SELECT b.id, q2, trades.trader AS t FROM b JOIN trades USING (id)\n',
  'models/d.sql': 'SELECT count(*) AS n, sum(q2) FROM c\n', // an unnamed column: a warning
  'models/e.sql': 'SELECT id, desk FROM desks\n',
  'models/e.yaml': 'columns:\n  desk: { classification: [internal] }\n',
};

/** The same files compiled whole in a copy without any cache. */
async function cold(dir: string): Promise<CompileResult> {
  const t = tempDir('rocky-inc-cold-');
  try {
    cpSync(dir, t.dir, { recursive: true });
    rmSync(join(t.dir, '.rocky'), { recursive: true, force: true });
    const r = await compile({ cwd: t.dir });
    assert.equal(r.incremental, false);
    return r;
  } finally {
    t.cleanup();
  }
}

/** Compiles in place and checks the result against a cold compile of a copy (and whether it
 *  was incremental, unless `incremental` is null). */
async function check(dir: string, incremental: boolean | null, what: string): Promise<CompileResult> {
  const r = await compile({ cwd: dir });
  if (incremental !== null) assert.equal(r.incremental, incremental, `${what}: incremental`);
  const c = await cold(dir);
  assert.equal(r.plan, c.plan, `${what}: plan`);
  assert.deepEqual(r.models, c.models, `${what}: models`);
  assert.deepEqual(r.diagnostics, c.diagnostics, `${what}: diagnostics`);
  return r;
}

test('compiling only the changed models gives what a whole compile gives, edit after edit', async (t) => {
  const p = repoWith(FILES);
  t.after(p.cleanup);
  const write = (path: string, text: string) => writeFileSync(join(p.dir, path), text);
  let r = await check(p.dir, false, 'first compile');
  assert.deepEqual(r.compile_cache, { reused: 0, compiled: 5 });

  r = await check(p.dir, true, 'nothing changed');
  assert.deepEqual(r.compile_cache, { reused: 5, compiled: 0 });
  assert.ok(r.diagnostics.some((d) => d.code === 'SQL_UNNAMED_COLUMN'), "d's warning is reported again");

  write('models/a.sql', 'SELECT id, qty, trader FROM trades -- same columns\n');
  r = await check(p.dir, true, 'text changed, columns did not');
  assert.deepEqual(r.compile_cache, { reused: 4, compiled: 1 });

  write('models/a.sql', 'SELECT id, CAST(qty AS DOUBLE) AS qty, trader FROM trades\n');
  r = await check(p.dir, true, 'a column type changed');
  assert.deepEqual(r.compile_cache, { reused: 1, compiled: 4 }, 'b, c, d analyzed again; e untouched');
  assert.equal(r.models.find((m) => m.name === 'd')!.columns[1].type, 'DOUBLE');

  write('models/d.sql', 'SELECT count(*) AS n, sum(q2) AS total FROM c\n');
  r = await check(p.dir, true, 'a warning fixed');

  // Two edits at once, with a model between them that is only relinked (b).
  write('models/a.sql', 'SELECT id, CAST(qty AS DOUBLE) AS qty, trader FROM trades -- again\n');
  write('models/c.sql', 'SELECT b.id, q2, trades.trader AS t FROM b JOIN trades USING (id) -- too\n');
  r = await check(p.dir, true, 'two models changed, one between them');
  assert.deepEqual(r.compile_cache, { reused: 3, compiled: 2 });
  assert.ok(!r.diagnostics.some((d) => d.code === 'SQL_UNNAMED_COLUMN'));

  write('models/c.sql', 'SELECT b.id, q2 FROM b\n');
  r = await check(p.dir, true, 'c reads a source no more (its inputs changed)');

  // A model reads another model now: the plan is ordered again, as a whole compile orders it.
  write('models/e.sql', 'SELECT desks.id, desk, d.n FROM desks CROSS JOIN d\n');
  r = await check(p.dir, true, 'a new edge between models');
  assert.ok(r.models.findIndex((m) => m.name === 'e') > r.models.findIndex((m) => m.name === 'd'));
  // ...one that makes a cycle: a whole compile reports it.
  write('models/a.sql', 'SELECT trades.id, qty, trader FROM trades CROSS JOIN e\n');
  r = await check(p.dir, false, 'a new edge closing a cycle');
  assert.ok(r.diagnostics.some((d) => d.code === 'SQL_CYCLE'));
  write('models/a.sql', 'SELECT id, CAST(qty AS DOUBLE) AS qty, trader FROM trades -- again\n');
  write('models/e.sql', 'SELECT id, desk FROM desks\n');
  r = await check(p.dir, null, 'both undone');
  // Two edits: an early model now reads a later one whose columns change in the same edit.
  write('models/b.sql', 'SELECT a.id, qty * 2 AS q2, trader, e.* EXCLUDE (id) FROM a JOIN e USING (id)\n');
  write('models/e.sql', 'SELECT id, desk, 1 AS extra FROM desks\n');
  r = await check(p.dir, false, 'a new edge to a later model whose columns change too (b was compiled first)');
  assert.ok(r.models.find((m) => m.name === 'b')!.columns.some((c) => c.name === 'extra'));
  write('models/b.sql', 'SELECT id, qty * 2 AS q2, trader FROM a\n');
  write('models/e.sql', 'SELECT id, desk FROM desks\n');
  r = await check(p.dir, null, 'undone');

  write('models/b.sql', 'SELECT id, qtty * 2 AS q2, trader FROM a\n');
  r = await check(p.dir, true, 'an error, with consumers to skip');
  assert.ok(r.diagnostics.some((d) => d.code === 'SQL_UNKNOWN_COLUMN' && d.hint?.includes('qty')));
  assert.deepEqual(r.diagnostics.filter((d) => d.code === 'SQL_UPSTREAM_FAILED').map((d) => d.file), ['models/c.sql', 'models/d.sql']);
  assert.equal(r.plan, null);
  assert.deepEqual(r.models.map((m) => m.name).sort(), ['a', 'e']);
  // A model edited in the same change, downstream of the failing one: compiled, but skipped as a
  // whole compile skips it (its new warning is not reported).
  write('models/d.sql', 'SELECT count(*) AS n, sum(q2) FROM c -- unnamed again\n');
  r = await check(p.dir, true, 'an edit downstream of an error');
  assert.ok(!r.diagnostics.some((d) => d.code === 'SQL_UNNAMED_COLUMN'));
  write('models/d.sql', 'SELECT count(*) AS n, sum(q2) AS total FROM c\n');

  write('models/e.sql', 'SELECT id, desk FROM desk\n');
  r = await check(p.dir, true, 'two errors at once; a did-you-mean across the whole project');
  assert.ok(r.diagnostics.some((d) => d.code === 'SQL_UNKNOWN_TABLE' && d.hint === 'did you mean "desks"?'), JSON.stringify(r.diagnostics));
  write('models/e.sql', 'SELEC id, desk FROM desks\n');
  r = await check(p.dir, true, 'a syntax error');
  write('models/e.sql', 'SELECT id, desk FROM desks\n');

  // An error in a model that now also reads its own consumer: the cycle is reported as a whole
  // compile reports it.
  write('models/a.sql', 'SELECT trades.id, qty, nope FROM trades JOIN c USING (id)\n');
  r = await check(p.dir, true, 'an error and a cycle');
  assert.ok(r.diagnostics.some((d) => d.code === 'SQL_CYCLE'), JSON.stringify(r.diagnostics));
  write('models/a.sql', 'SELECT id, CAST(qty AS DOUBLE) AS qty, trader FROM trades -- again\n');

  write('models/b.sql', 'SELECT id, qty * 3 AS q2, trader FROM a\n');
  r = await check(p.dir, true, 'the error fixed (from the record before it)');

  write('models/e.yaml', 'columns:\n  desk: { classification: [pii] }\n');
  r = await check(p.dir, false, 'a sidecar changed');
  assert.deepEqual(r.models.find((m) => m.name === 'e')!.columns.map((c) => c.name), ['id', 'desk']);

  write('sources.yaml', TRADES_AND_DESKS.replace('desk: { type: VARCHAR }', 'desk: { type: VARCHAR }\n      region: { type: VARCHAR }'));
  r = await check(p.dir, false, 'sources.yaml changed');

  write('models/f.sql', 'SELECT id FROM e\n');
  r = await check(p.dir, false, 'a model added');
  rmSync(join(p.dir, 'models', 'f.sql'));
  r = await check(p.dir, false, 'a model removed');

  // Same size, same mtime, other text: the change time still tells.
  const a = join(p.dir, 'models', 'a.sql');
  const before = statSync(a);
  const text = readFileSync(a, 'utf8');
  write('models/a.sql', text.replace('DOUBLE', 'FLOAT8'));
  utimesSync(a, before.atime, before.mtime);
  assert.equal(statSync(a).size, before.size);
  r = await check(p.dir, true, 'same size and mtime');

  // Touched only: read again, found equal, nothing compiled.
  utimesSync(a, new Date(), new Date());
  r = await check(p.dir, true, 'touched');
  assert.deepEqual(r.compile_cache, { reused: 5, compiled: 0 });

  writeFileSync(join(p.dir, 'rocky.yaml'), 'name: inc2\n');
  r = await check(p.dir, false, 'rocky.yaml changed');
});

test('an incremental compile of a clean commit records its plan, objects from the cache', async (t) => {
  const p = repoWith(FILES);
  t.after(p.cleanup);
  await compile({ cwd: p.dir });
  writeFileSync(join(p.dir, 'models', 'b.sql'), 'SELECT id, qty * 4 AS q2, trader FROM a\n');
  git(p.dir, 'commit', '-qam', 'b');
  const r = await check(p.dir, true, 'after a commit');
  const head = git(p.dir, 'rev-parse', 'HEAD').trim();
  assert.equal(r.recorded_for, head);
  const store = await openStore(p.dir);
  assert.equal(await store.planFor(head), r.plan);
  git(p.dir, 'fsck', '--strict', '--no-dangling');
  // Every object of the recorded plan is in git and decodes: the plan, then each model.
  const object = async (cid: string) => decodeObject((await store.readObject(cid as Cid))!, cid as Cid);
  assert.equal((await object(r.plan!)).kind, 'plan');
  for (const m of r.models) assert.equal((await object(m.cid)).kind, 'compiled-model');
});

test("incremental compiles write only the record's journal, from the first one after a whole compile", async (t) => {
  const p = repoWith(FILES);
  t.after(p.cleanup);
  await check(p.dir, false, 'whole');
  const base = join(p.dir, '.rocky', 'cache', 'last-compile-v1.json');
  const journal = join(p.dir, '.rocky', 'cache', 'last-compile-v1.journal');
  const text = readFileSync(base, 'latin1');
  assert.ok(!existsSync(journal));
  writeFileSync(join(p.dir, 'models', 'a.sql'), 'SELECT id, qty, trader FROM trades -- one\n');
  await check(p.dir, true, 'one edit');
  assert.equal(readFileSync(base, 'latin1'), text, 'the base is not written again');
  assert.ok(existsSync(journal));
  writeFileSync(join(p.dir, 'models', 'e.sql'), 'SELECT id, desk FROM desks -- two\n');
  await check(p.dir, true, 'another edit');
  assert.equal(readFileSync(base, 'latin1'), text);
  // ...and the record they make is the one a new process starts from.
  writeFileSync(join(p.dir, 'models', 'b.sql'), 'SELECT id, qty * 2 AS q2, trader FROM a -- three\n');
  const r = await check(p.dir, true, 'a third');
  assert.deepEqual(r.compile_cache, { reused: 4, compiled: 1 });
});

test('a broken or foreign record costs a whole compile, never a wrong one', async (t) => {
  const p = repoWith(FILES);
  t.after(p.cleanup);
  await compile({ cwd: p.dir });
  const record = join(p.dir, '.rocky', 'cache', 'last-compile-v1.json');
  writeFileSync(record, readFileSync(record, 'utf8').slice(0, 100));
  writeFileSync(join(p.dir, 'models', 'a.sql'), 'SELECT id, qty, trader FROM trades -- 1\n');
  await check(p.dir, false, 'torn record');
  const saved = JSON.parse(readFileSync(record, 'utf8'));
  writeFileSync(record, JSON.stringify({ ...saved, engine: 'another engine' }));
  writeFileSync(join(p.dir, 'models', 'a.sql'), 'SELECT id, qty, trader FROM trades -- 2\n');
  await check(p.dir, false, 'foreign engine');
  await check(p.dir, true, 'the record the whole compile left');
  // Valid JSON, damaged inside: stamps that do not fit, then models that are not models.
  const good = JSON.parse(readFileSync(record, 'utf8'));
  writeFileSync(record, JSON.stringify({ ...good, files: { ...good.files, stamps: good.files.stamps.slice(0, 12) } }));
  writeFileSync(join(p.dir, 'models', 'a.sql'), 'SELECT id, qty, trader FROM trades -- 2b\n');
  await check(p.dir, false, 'damaged stamps');
  writeFileSync(record, JSON.stringify({ ...JSON.parse(readFileSync(record, 'utf8')), models: [[1, 2], null] }));
  writeFileSync(join(p.dir, 'models', 'a.sql'), 'SELECT id, qty, trader FROM trades -- 2c\n');
  await check(p.dir, false, 'damaged models');
  // The record and the compile cache disagree (the cache lost a's entry): whole compile.
  rmSync(join(p.dir, '.rocky', 'cache', 'compile-v3.bin'));
  writeFileSync(join(p.dir, 'models', 'a.sql'), 'SELECT id, qty, trader FROM trades -- 3\n');
  await check(p.dir, false, 'cache gone');
});

test('names outside ASCII survive the record', async (t) => {
  const p = repoWith({ ...FILES, 'models/g.sql': 'SELECT id AS "größe €", \'naïve\' AS "note 😀" FROM trades\n' });
  t.after(p.cleanup);
  await check(p.dir, false, 'first compile');
  writeFileSync(join(p.dir, 'models', 'a.sql'), 'SELECT id, qty, trader FROM trades -- édité\n');
  const r = await check(p.dir, true, 'an edit elsewhere');
  assert.deepEqual(r.models.find((m) => m.name === 'g')!.columns.map((c) => c.name), ['größe €', 'note 😀']);
});

test('compiles racing in separate processes leave a record and a cache that still give the cold result', async (t) => {
  const p = repoWith(FILES);
  t.after(p.cleanup);
  await compile({ cwd: p.dir });
  const spawnCompile = () => new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, [CLI, 'compile', '--json'], { cwd: p.dir, env: GIT_ENV });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.once('exit', (code) => resolve({ code, out }));
  });
  for (let round = 0; round < 3; round++) {
    // Each process may see a different text of a.sql: the edits land while they run.
    const racing = [spawnCompile(), spawnCompile(), spawnCompile()];
    writeFileSync(join(p.dir, 'models', 'a.sql'), `SELECT id, qty, trader FROM trades -- round ${round}\n`);
    writeFileSync(join(p.dir, 'models', 'd.sql'), `SELECT count(*) AS n, sum(q2) AS s${round} FROM c\n`);
    for (const r of await Promise.all(racing)) {
      assert.equal(r.code, 0, r.out);
      assert.match(JSON.parse(r.out).plan, /^bafyrei/);
    }
    // Whichever process wrote the record last, the next compile gives the cold result (whole or
    // incremental, as the record and the cache allow), and the one after it is incremental.
    await check(p.dir, null, `after racing round ${round}`);
    await check(p.dir, true, `again after racing round ${round}`);
  }
});

test('models in subfolders: added, edited, moved and duplicated are seen incrementally as a cold compile sees them', async (t) => {
  const p = repoWith(FILES);
  t.after(p.cleanup);
  const write = (path: string, text: string) => {
    mkdirSync(join(p.dir, path, '..'), { recursive: true });
    writeFileSync(join(p.dir, path), text);
  };
  await check(p.dir, false, 'first compile');
  write('models/staging/stg_trades.sql', 'SELECT id, qty FROM trades\n');
  write('models/staging/stg_trades.yaml', 'columns:\n  id: { classification: [internal] }\n');
  let r = await check(p.dir, false, 'a model in a new subfolder');
  const stg = r.models.find((m) => m.name === 'stg_trades');
  assert.ok(stg, JSON.stringify(r.models.map((m) => m.name)));
  assert.deepEqual(stg.columns.find((c) => c.name === 'id')!.classification, ['internal'], 'its sidecar beside it applies');
  write('models/marts/deep/f.sql', 'SELECT id, qty FROM stg_trades\n');
  r = await check(p.dir, false, 'a model two folders down reading it');
  assert.deepEqual(r.models.find((m) => m.name === 'f')!.upstream, ['stg_trades']);
  write('models/staging/stg_trades.sql', 'SELECT id, qty, trader FROM trades\n');
  r = await check(p.dir, true, 'a subfolder model edited');
  assert.deepEqual(r.models.find((m) => m.name === 'stg_trades')!.columns.map((c) => c.name), ['id', 'qty', 'trader']);
  renameSync(join(p.dir, 'models/marts/deep/f.sql'), join(p.dir, 'models/f.sql'));
  r = await check(p.dir, false, 'a model moved out of its folder');
  assert.ok(r.models.some((m) => m.name === 'f'));
  write('models/marts/a.sql', 'SELECT 1 AS x\n');
  r = await check(p.dir, false, 'a second a.sql');
  const dup = r.diagnostics.find((d) => d.code === 'R013');
  assert.ok(dup, JSON.stringify(r.diagnostics));
  assert.match(dup.message, /models\/a\.sql/);
  assert.match(dup.message, /models\/marts\/a\.sql/);
  assert.equal(r.plan, null);
});

test('the executable sees subfolder models on its first and its incremental compile', async (t) => {
  const p = repoWith(FILES);
  t.after(p.cleanup);
  const cli = (): { plan: string; models: { name: string }[] } => JSON.parse(execFileSync(process.execPath, [CLI, 'compile', '--json'], { cwd: p.dir, env: GIT_ENV, encoding: 'utf8' }));
  cli();
  mkdirSync(join(p.dir, 'models/staging'), { recursive: true });
  writeFileSync(join(p.dir, 'models/staging/stg_desks.sql'), 'SELECT id FROM desks\n');
  const got = cli();
  assert.ok(got.models.some((m) => m.name === 'stg_desks'), JSON.stringify(got.models.map((m) => m.name)));
  assert.equal(got.plan, (await cold(p.dir)).plan);
});
