// DuckDB matches the names in `* EXCLUDE (...)` and `* REPLACE (... AS x)` case-insensitively,
// as it does every identifier: the compiled columns must be those of the table it builds (and a
// plain column reference is named as the column is spelled, not as the reference is).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { compile, run } from '../../src/api/index.js';
import { openDuckDb } from '../../src/warehouse/index.js';
import { repoWith } from '../helpers/temp-project.js';

process.env.ROCKY_ACTOR = 'tester@example.com';

const MODELS: Record<string, string> = {
  ex_upper: 'SELECT * EXCLUDE (AMOUNT) FROM orders',
  ex_mixed: 'SELECT * EXCLUDE (Amount, "STATUS") FROM orders',
  ex_qualified: 'SELECT o.* EXCLUDE (ID) FROM orders o',
  rep_upper: 'SELECT * REPLACE (AMOUNT * 2 AS AMOUNT) FROM orders',
  rep_cast: 'SELECT * REPLACE (CAST(Id AS VARCHAR) AS ID) FROM orders',
  both: 'SELECT * EXCLUDE (STATUS) REPLACE (amount::DOUBLE AS Amount) FROM orders',
  cte: 'WITH X AS (SELECT ID AS Key, amount FROM orders) SELECT * EXCLUDE (KEY) REPLACE (AMOUNT + 1 AS AMOUNT) FROM x',
  columns_exclude: 'SELECT COLUMNS(* EXCLUDE (AMOUNT)) FROM orders',
  // Not a star, the same rule: an unaliased column is named as the column it reads is spelled.
  plain_refs: 'SELECT AMOUNT, o.Id FROM orders o',
};

test('EXCLUDE and REPLACE match names case-insensitively: compiled columns = DESCRIBE of the built table', async (t) => {
  const files: Record<string, string> = {
    'rocky.yaml': 'name: t\n',
    'sources.yaml': `sources:
  - name: orders
    path: data/orders.csv
    columns:
      id: { type: BIGINT }
      amount: { type: "DECIMAL(10,2)" }
      status: { type: VARCHAR }
`,
    'data/orders.csv': 'id,amount,status\n1,2.50,open\n2,3.00,done\n',
  };
  for (const [name, sql] of Object.entries(MODELS)) files[`models/${name}.sql`] = `${sql}\n`;
  const { dir, cleanup } = repoWith(files);
  t.after(cleanup);

  const c = await compile({ cwd: dir });
  assert.deepEqual(c.diagnostics.filter((d) => d.severity === 'error'), []);
  const r = await run({ cwd: dir, branch: 'main' });
  assert.equal(r.status, 'success', JSON.stringify(r.models));
  const wh = await openDuckDb(join(dir, '.rocky/warehouse.duckdb'));
  try {
    for (const name of Object.keys(MODELS)) {
      const described = (await wh.query(`DESCRIBE main."${name}"`)).map((row) => `${String(row.column_name)} ${String(row.column_type)}`);
      const compiled = c.models.find((m) => m.name === name)!.columns.map((col) => `${col.name} ${col.type}`);
      assert.deepEqual(compiled, described, `${name}: ${MODELS[name]}`);
    }
  } finally {
    await wh.close();
  }
});
