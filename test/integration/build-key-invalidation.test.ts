// The build key is the only thing that decides reuse, so it must change whenever what a build
// read changes: a source's content, or an upstream model's build. Otherwise a downstream table
// built from old data is reused and served as current.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../../src/api/index.js';
import { openDuckDb } from '../../src/warehouse/index.js';
import { git, repoWith } from '../helpers/temp-project.js';

process.env.ROCKY_ACTOR = 'tester@example.com';

const SOURCES = `sources:
  - name: raw
    path: data/raw.csv
    columns:
      id: { type: BIGINT }
      v: { type: BIGINT }
`;

async function totalOnMain(dir: string): Promise<number> {
  const wh = await openDuckDb(join(dir, '.rocky/warehouse.duckdb'));
  try {
    return Number((await wh.query('SELECT total::BIGINT AS t FROM main.b'))[0].t);
  } finally {
    await wh.close();
  }
}

test('a source edit or an upstream change rebuilds everything downstream, never reuses it stale', async (t) => {
  const { dir, cleanup } = repoWith({
    'rocky.yaml': 'name: t\n',
    'sources.yaml': SOURCES,
    'data/raw.csv': 'id,v\n1,10\n2,20\n',
    'models/a.sql': 'SELECT id, v * 2 AS v2 FROM raw\n',
    'models/b.sql': 'SELECT sum(v2) AS total FROM a\n',
    'models/c.sql': 'SELECT 1 AS one\n',
  });
  t.after(cleanup);
  const status = (r: Awaited<ReturnType<typeof run>>) => Object.fromEntries(r.models.map((m) => [m.name, m.status]));

  const first = await run({ cwd: dir, branch: 'main' });
  assert.equal(first.status, 'success');
  assert.deepEqual(status(first), { a: 'built', b: 'built', c: 'built' });
  assert.equal(await totalOnMain(dir), 60);

  // The source's content changes (same path, same schema, same SQL everywhere).
  writeFileSync(join(dir, 'data/raw.csv'), 'id,v\n1,10\n2,25\n');
  git(dir, 'commit', '-qam', 'new data');
  const second = await run({ cwd: dir, branch: 'main' });
  assert.equal(second.status, 'success');
  assert.deepEqual(status(second), { a: 'built', b: 'built', c: 'reused' }, 'a reads raw, b reads a: both rebuilt; c reads neither');
  assert.equal(await totalOnMain(dir), 70, 'main.b reflects the new source content');

  // An upstream model changes: b's SQL is the same, but what it reads was built differently.
  writeFileSync(join(dir, 'models/a.sql'), 'SELECT id, v * 3 AS v2 FROM raw\n');
  git(dir, 'commit', '-qam', 'triple');
  const third = await run({ cwd: dir, branch: 'main' });
  assert.deepEqual(status(third), { a: 'built', b: 'built', c: 'reused' });
  assert.equal(await totalOnMain(dir), 105, 'main.b reflects the new upstream build');

  // Back to the first state exactly: the keys are those of the first run, so its tables are reused.
  writeFileSync(join(dir, 'data/raw.csv'), 'id,v\n1,10\n2,20\n');
  writeFileSync(join(dir, 'models/a.sql'), 'SELECT id, v * 2 AS v2 FROM raw\n');
  git(dir, 'commit', '-qam', 'back');
  const fourth = await run({ cwd: dir, branch: 'main' });
  assert.deepEqual(status(fourth), { a: 'reused', b: 'reused', c: 'reused' });
  assert.deepEqual(fourth.models.map((m) => m.output_hash), first.models.map((m) => m.output_hash));
  assert.equal(await totalOnMain(dir), 60);
});

test('a warehouse-table source whose rows change rebuilds what reads it; unchanged, it is reused', async (t) => {
  const { dir, cleanup } = repoWith({
    'rocky.yaml': 'name: t\n',
    'sources.yaml': 'sources:\n  - name: tr\n    table: ext.tr\n    columns:\n      id: { type: BIGINT }\n',
    'models/n.sql': 'SELECT count(*) AS k FROM tr\n',
    'models/m.sql': 'SELECT k * 10 AS k10 FROM n\n',
  });
  t.after(cleanup);
  const sql = async (...statements: string[]): Promise<Record<string, unknown>[]> => {
    const wh = await openDuckDb(join(dir, '.rocky/warehouse.duckdb'));
    try {
      let rows: Record<string, unknown>[] = [];
      for (const s of statements) rows = await wh.query(s);
      return rows;
    } finally {
      await wh.close();
    }
  };
  await sql('CREATE SCHEMA ext', 'CREATE TABLE ext.tr (id BIGINT)', 'INSERT INTO ext.tr VALUES (1)');
  const status = (r: Awaited<ReturnType<typeof run>>) => Object.fromEntries(r.models.map((m) => [m.name, m.status]));
  assert.deepEqual(status(await run({ cwd: dir, branch: 'main' })), { n: 'built', m: 'built' });
  assert.deepEqual(status(await run({ cwd: dir, branch: 'main' })), { n: 'reused', m: 'reused' });
  await sql('INSERT INTO ext.tr VALUES (2), (3)');
  assert.deepEqual(status(await run({ cwd: dir, branch: 'main' })), { n: 'built', m: 'built' });
  assert.equal(Number((await sql('SELECT k10 FROM main.m'))[0].k10), 30);
});
