// File sources as users write them: a few columns declared (to type or classify them) and the
// rest read from the file; and file paths that must stay inside the repository.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile, run } from '../../src/api/index.js';
import { openDuckDb } from '../../src/warehouse/index.js';
import { repoWith, tempDir } from '../helpers/temp-project.js';

process.env.ROCKY_ACTOR = 'tester@example.com';

const CSV = 'id,ssn,amount\n1,111-22-3333,10.5\n2,444-55-6666,20.25\n';

test('a source with one column declared keeps the other columns of its file, typed and classified as declared', async (t) => {
  const { dir, cleanup } = repoWith({
    'rocky.yaml': 'name: partial\n',
    'data/people.csv': CSV,
    'sources.yaml': 'sources:\n  - name: people\n    path: data/people.csv\n    columns:\n      ssn: { type: VARCHAR, classification: [pii] }\n      amount: { type: "DECIMAL(10,2)" }\n',
    'models/totals.sql': 'SELECT id, ssn, amount FROM people\n',
  });
  t.after(cleanup);
  const c = await compile({ cwd: dir });
  assert.deepEqual(c.diagnostics.filter((d) => d.severity === 'error'), []);
  const m = c.models.find((x) => x.name === 'totals')!;
  const cols = Object.fromEntries(m.columns.map((col) => [col.name, col.type]));
  assert.deepEqual(cols, { id: 'BIGINT', ssn: 'VARCHAR', amount: 'DECIMAL(10,2)' });
  const r = await run({ cwd: dir, branch: 'main' });
  assert.equal(r.status, 'success');
  const wh = await openDuckDb(join(dir, '.rocky/warehouse.duckdb'));
  try {
    const rows = await wh.query('SELECT typeof(amount) AS t, sum(amount)::VARCHAR AS s, count(*)::INTEGER AS n FROM main.totals GROUP BY 1');
    assert.deepEqual(rows.map((x) => [x.t, x.s, Number(x.n)]), [['DECIMAL(10,2)', '30.75', 2]]);
  } finally {
    await wh.close();
  }
});

test('a declared column the file lacks is an error naming it, at the source in sources.yaml', async (t) => {
  const { dir, cleanup } = repoWith({
    'rocky.yaml': 'name: p\n',
    'data/people.csv': CSV,
    'sources.yaml': 'sources:\n  - name: people\n    path: data/people.csv\n    columns:\n      social: { type: VARCHAR }\n',
    'models/m.sql': 'SELECT id FROM people\n',
  });
  t.after(cleanup);
  const c = await compile({ cwd: dir });
  const d = c.diagnostics.find((x) => x.code === 'R011');
  assert.ok(d, JSON.stringify(c.diagnostics));
  assert.match(d.message, /'social'/);
  assert.equal(d.file, 'sources.yaml');
  assert.equal(d.line, 2);
});

test('a source with every column declared and no data file still compiles', async (t) => {
  const { dir, cleanup } = repoWith({
    'rocky.yaml': 'name: p\n',
    'sources.yaml': 'sources:\n  - name: people\n    path: data/absent.csv\n    columns:\n      id: { type: BIGINT }\n',
    'models/m.sql': 'SELECT id FROM people\n',
  });
  t.after(cleanup);
  const c = await compile({ cwd: dir });
  assert.deepEqual(c.diagnostics.filter((d) => d.severity === 'error'), []);
});

test('a source path out of the repository, directly or through a link, is a compile error unless under data_roots', async (t) => {
  const outside = tempDir('rocky-outside-');
  t.after(outside.cleanup);
  writeFileSync(join(outside.dir, 'secret.csv'), 'line\nroot:x:0:0\n');
  const { dir, cleanup } = repoWith({
    'rocky.yaml': 'name: p\n',
    'sources.yaml': 'sources:\n  - name: up\n    path: ../../../../../../../../etc/passwd\n  - name: linked\n    path: data/link.csv\n',
    'models/m.sql': 'SELECT * FROM up\n',
    'models/n.sql': 'SELECT * FROM linked\n',
  });
  t.after(cleanup);
  mkdirSync(join(dir, 'data'), { recursive: true });
  symlinkSync(join(outside.dir, 'secret.csv'), join(dir, 'data', 'link.csv'));
  const c = await compile({ cwd: dir });
  const escapes = c.diagnostics.filter((d) => d.code === 'R012').map((d) => `${d.file}:${d.line} ${d.message}`);
  assert.deepEqual(escapes, [
    "sources.yaml:2 source 'up': ../../../../../../../../etc/passwd points outside the repository",
    "sources.yaml:4 source 'linked': data/link.csv is a link that points outside the repository",
  ]);
  assert.equal(c.plan, null);
  await assert.rejects(run({ cwd: dir, branch: 'main' }));

  // A directory listed under data_roots may be read.
  writeFileSync(join(dir, 'rocky.yaml'), `data_roots: [${JSON.stringify(outside.dir)}]\n`);
  writeFileSync(join(dir, 'sources.yaml'), 'sources:\n  - name: linked\n    path: data/link.csv\n');
  writeFileSync(join(dir, 'models/m.sql'), 'SELECT * FROM linked\n');
  const ok = await compile({ cwd: dir });
  assert.deepEqual(ok.diagnostics.filter((d) => d.severity === 'error'), []);
});
