// A failed run changes no view of its environment, even when some models of that run were built
// before another failed: readers keep seeing one consistent state, the previous one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, log } from '../../src/api/index.js';
import { openDuckDb } from '../../src/warehouse/index.js';
import { git, repoWith } from '../helpers/temp-project.js';

process.env.ROCKY_ACTOR = 'tester@example.com';

/** Every view of the warehouse (its definition) and what each one reads, row by row. */
async function viewsState(dir: string): Promise<{ defs: string[]; rows: Record<string, string> }> {
  const wh = await openDuckDb(join(dir, '.rocky/warehouse.duckdb'));
  try {
    const views = await wh.query("SELECT schema_name, view_name, sql FROM duckdb_views() WHERE NOT internal ORDER BY schema_name, view_name");
    const rows: Record<string, string> = {};
    for (const v of views) {
      const data = await wh.query(`SELECT * FROM "${String(v.schema_name)}"."${String(v.view_name)}" ORDER BY ALL`);
      rows[`${String(v.schema_name)}.${String(v.view_name)}`] = JSON.stringify(data, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));
    }
    return { defs: views.map((v) => `${String(v.schema_name)}.${String(v.view_name)}: ${String(v.sql)}`), rows };
  } finally {
    await wh.close();
  }
}

test('a failed run leaves every view as before, though other models of the run were built', async (t) => {
  const { dir, cleanup } = repoWith({
    'rocky.yaml': 'name: t\n',
    'sources.yaml': `sources:
  - name: raw
    path: data/raw.csv
    columns:
      id: { type: BIGINT }
      s: { type: VARCHAR }
`,
    'data/raw.csv': 'id,s\n1,10\n2,20\n',
    'models/a.sql': 'SELECT id, s FROM raw\n',
    'models/b.sql': 'SELECT id * 10 AS id10 FROM a\n',
    'models/n.sql': 'SELECT CAST(s AS INTEGER) AS n FROM a\n',
    'models/z.sql': 'SELECT count(*) AS k FROM n\n',
  });
  t.after(cleanup);
  const first = await run({ cwd: dir, branch: 'main' });
  assert.equal(first.status, 'success');
  const before = await viewsState(dir);
  assert.equal(before.defs.filter((d) => d.startsWith('main.')).length, 4, before.defs.join('\n'));

  // a and b change and build fine; the new data makes n fail at run time (a cast of 'x').
  writeFileSync(join(dir, 'data/raw.csv'), 'id,s\n1,10\n2,20\n3,x\n');
  writeFileSync(join(dir, 'models/b.sql'), 'SELECT id * 100 AS id10 FROM a\n');
  git(dir, 'commit', '-qam', 'bad row');
  const failed = await run({ cwd: dir, branch: 'main' });
  assert.equal(failed.status, 'failed');
  const status = Object.fromEntries(failed.models.map((m) => [m.name, m.status]));
  assert.deepEqual(status, { a: 'built', b: 'built', n: 'failed', z: 'skipped' });

  const after = await viewsState(dir);
  assert.deepEqual(after.defs, before.defs, 'no view definition changed');
  assert.deepEqual(after.rows, before.rows, 'every view reads what it read before');
  const entries = (await log({ cwd: dir, branch: 'main' })).entries;
  assert.equal(entries[0].env, entries[1].env, 'the env ref did not move');
});
