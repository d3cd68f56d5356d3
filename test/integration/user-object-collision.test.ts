// A model whose name is held by an object the user keeps in the environment's schema (their own
// table main.raw_visits, a model raw_visits): a clear error naming both, before anything
// changes, and the failed run recorded in the env log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { log, run } from '../../src/api/index.js';
import { openDuckDb } from '../../src/warehouse/index.js';
import { repoWith } from '../helpers/temp-project.js';

process.env.ROCKY_ACTOR = 'tester@example.com';

test("a model named like the user's own table fails the run before anything changes, and the failure is recorded", async (t) => {
  const { dir, cleanup } = repoWith({
    'rocky.yaml': 'name: clash\n',
    'data/visits.csv': 'id,page\n1,home\n2,about\n',
    'sources.yaml': 'sources:\n  - name: visits\n    path: data/visits.csv\n',
    'models/raw_visits.sql': 'SELECT id, page FROM visits\n',
    'models/pages.sql': 'SELECT DISTINCT page FROM visits\n',
    'models/page_list.sql': 'SELECT DISTINCT page FROM visits\n',
  });
  t.after(cleanup);
  const file = join(dir, '.rocky/warehouse.duckdb');
  let wh = await openDuckDb(file);
  await wh.query('CREATE TABLE main.raw_visits AS SELECT 42 AS mine');
  await wh.query("CREATE VIEW main.Pages AS SELECT 'mine' AS page");
  await wh.close();

  const r = await run({ cwd: dir, branch: 'main' });
  assert.equal(r.status, 'failed');
  const bad = r.models.find((m) => m.name === 'raw_visits')!;
  assert.equal(bad.status, 'failed');
  assert.match(bad.error ?? '', /model raw_visits \(models\/raw_visits\.sql\) has the name of the table main\.raw_visits/);
  const view = r.models.find((m) => m.name === 'pages')!;
  assert.equal(view.status, 'failed');
  assert.match(view.error ?? '', /has the name of the view main\.Pages/);
  assert.equal(r.models.find((m) => m.name === 'page_list')!.status, 'skipped', 'nothing else is built');

  wh = await openDuckDb(file);
  try {
    assert.deepEqual((await wh.query('SELECT mine FROM main.raw_visits')).map((x) => Number(x.mine)), [42], 'the user table is intact');
    assert.deepEqual(await wh.listViews('main'), ['Pages'], 'no view was made or replaced');
    assert.deepEqual((await wh.query('SELECT page FROM main.Pages')).map((x) => x.page), ['mine']);
    assert.deepEqual((await wh.listTables('_rocky')).filter((x) => !x.startsWith('src_') && !x.startsWith('_rocky')), [], 'no model was built');
  } finally {
    await wh.close();
  }
  const entries = await log({ cwd: dir, branch: 'main' });
  assert.ok(JSON.stringify(entries).includes('FAILED'), JSON.stringify(entries));
});
