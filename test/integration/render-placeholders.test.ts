// Placeholder-like text written by the user, in a comment or a string literal, is theirs: the
// runner binds inputs only where the parse tree has table references. Compile and run end to
// end, then read the built table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { compile, run } from '../../src/api/index.js';
import { openDuckDb } from '../../src/warehouse/index.js';
import { repoWith } from '../helpers/temp-project.js';

process.env.ROCKY_ACTOR = 'tester@example.com';

const SOURCES = 'sources:\n  - name: orders\n    path: data/orders.csv\n    columns:\n      id: { type: BIGINT }\n';

async function compileAndRun(models: Record<string, string>, t: { after: (f: () => void) => void }): Promise<string> {
  const { dir, cleanup } = repoWith({ 'rocky.yaml': 'name: t\n', 'sources.yaml': SOURCES, 'data/orders.csv': 'id\n1\n2\n', ...models });
  t.after(cleanup);
  const c = await compile({ cwd: dir });
  assert.deepEqual(c.diagnostics.filter((d) => d.severity === 'error'), []);
  const r = await run({ cwd: dir, branch: 'main' });
  assert.equal(r.status, 'success', JSON.stringify(r.models));
  return dir;
}

async function query(dir: string, sql: string): Promise<Record<string, unknown>[]> {
  const wh = await openDuckDb(join(dir, '.rocky/warehouse.duckdb'));
  try {
    return await wh.query(sql);
  } finally {
    await wh.close();
  }
}

test("{{ref('x')}} in a comment compiles and runs", async (t) => {
  const dir = await compileAndRun({ 'models/commented.sql': "-- reads {{ref('x')}} (x is not a model)\nselect id /* {{ref('orders')}} */ from orders\n" }, t);
  assert.deepEqual((await query(dir, 'SELECT id::INTEGER AS id FROM main.commented ORDER BY id')).map((x) => Number(x.id)), [1, 2]);
});

test("{{ref('orders')}} inside string literals keeps its value in the built table", async (t) => {
  const dir = await compileAndRun({ 'models/literal.sql': "select id,\n  $${{ref('orders')}}$$ as dollar,\n  '{{ref(''orders'')}}' as quoted\nfrom orders\n" }, t);
  const rows = await query(dir, 'SELECT DISTINCT dollar, quoted FROM main.literal');
  assert.deepEqual(rows.map((x) => [x.dollar, x.quoted]), [["{{ref('orders')}}", "{{ref('orders')}}"]]);
});

test('a build error after placeholder-like comments is located in the model file', async (t) => {
  const line2 = "select id, /* {{ref('orders')}} */ cast(id::VARCHAR || 'x' as integer) as s from orders";
  const { dir, cleanup } = repoWith({
    'rocky.yaml': 'name: t\n', 'sources.yaml': SOURCES, 'data/orders.csv': 'id\n1\n2\n',
    'models/noted.sql': `-- from {{ref('orders')}}\n${line2}\n`,
  });
  t.after(cleanup);
  const r = await run({ cwd: dir, branch: 'main' });
  assert.equal(r.status, 'failed');
  const error = r.models.find((m) => m.name === 'noted')!.error ?? '';
  assert.match(error, new RegExp(`^models/noted\\.sql:2:${line2.indexOf('cast') + 1}: Conversion Error`), error);
});
