// The list of non-deterministic functions agrees with DuckDB's own (duckdb_functions() marks
// them VOLATILE or CONSISTENT_WITHIN_QUERY), and the compiler finds their calls anywhere in a
// model, but not a column that merely has such a name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileModels } from '../../src/sql/index.js';
import { NOT_VOLATILE_FOR_MODELS, VOLATILE_COLUMN_NAMES, VOLATILE_FUNCTIONS } from '../../src/sql/volatile/volatile-functions.js';
import { buildInputs, duck } from './duckdb-helper.js';

test("every function DuckDB marks non-deterministic is listed volatile or deliberately not, and the list holds no function DuckDB calls consistent", async () => {
  const con = await duck();
  const rows = (await con.runAndReadAll("SELECT DISTINCT function_name, stability FROM duckdb_functions() WHERE stability IS NOT NULL")).getRows();
  const unstable = new Set(rows.filter((r) => r[1] !== 'CONSISTENT').map((r) => String(r[0])));
  const consistent = new Set(rows.filter((r) => r[1] === 'CONSISTENT').map((r) => String(r[0])));
  assert.deepEqual([...unstable].filter((f) => !VOLATILE_FUNCTIONS.has(f) && !NOT_VOLATILE_FOR_MODELS.has(f)).sort(), []);
  // DuckDB (ICU) labels these two CONSISTENT, yet they read the clock (the local current time):
  // listed on purpose, and here by name so that any other disagreement fails.
  assert.deepEqual([...VOLATILE_FUNCTIONS].filter((f) => consistent.has(f) && !unstable.has(f)).sort(), ['current_localtime', 'current_localtimestamp']);
  const local = (await con.runAndReadAll('SELECT current_localtimestamp() AS a')).getRows()[0][0];
  await new Promise((r) => setTimeout(r, 5));
  assert.notDeepEqual((await con.runAndReadAll('SELECT current_localtimestamp() AS a')).getRows()[0][0], local, 'it is the clock');
  for (const c of VOLATILE_COLUMN_NAMES) assert.ok(VOLATILE_FUNCTIONS.has(c), c);
});

test('calls are found in CTEs, subqueries, WHERE, window functions and table functions; input columns of that name are not calls', async () => {
  const { models, sources } = await buildInputs({
    sources: { orders: { id: 'INTEGER' }, days: { id: 'INTEGER', current_date: 'DATE' } },
    models: {
      in_cte: 'with x as (select id, uuid() as u from orders) select * from x',
      in_where: 'select id from orders where id > (select random() * 10)',
      in_window: 'select id, sum(id) over (order by gen_random_uuid()) as s from orders',
      in_from: 'select * from range(0, 10, (today() - date \'2024-01-01\')::BIGINT)',
      column: 'select id, current_date from days',
      qualified: 'select d.current_date from days d',
      clock_over_days: 'select id, current_timestamp as at from days',
      plain: 'select id, now_col from (select id, 1 as now_col from orders)',
    },
  });
  const r = compileModels(models, sources);
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
  const volatile = Object.fromEntries([...r.models].map(([n, d]) => [n, d.volatile]));
  assert.deepEqual(volatile, {
    in_cte: ['uuid'], in_where: ['random'], in_window: ['gen_random_uuid'], in_from: ['today'],
    column: [], qualified: [], clock_over_days: ['current_timestamp'], plain: [],
  });
  assert.deepEqual(r.diagnostics.filter((d) => d.code === 'SQL_VOLATILE').map((d) => `${d.file}:${d.line}:${d.column}`).sort(), [
    'models/clock_over_days.sql:1:12', 'models/in_cte.sql:1:23', 'models/in_from.sql:1:29', 'models/in_where.sql:1:42', 'models/in_window.sql:1:35',
  ]);
});

test('the names bound as the clock when written bare are exactly those DuckDB binds so: `now` and `today` bare are unknown columns, as in DuckDB', async () => {
  const con = await duck();
  for (const name of ['current_date', 'current_timestamp', 'current_time', 'localtimestamp', 'localtime', 'now', 'today']) {
    const duckdbBinds = await con.runAndReadAll(`SELECT ${name} AS x FROM (SELECT 1 AS id)`).then(() => true, () => false);
    const { models, sources } = await buildInputs({ sources: { t: { id: 'INTEGER' } }, models: { m: `select ${name} as x from t` } });
    const r = compileModels(models, sources);
    const ours = !r.diagnostics.some((d) => d.code === 'SQL_UNKNOWN_COLUMN');
    assert.equal(ours, duckdbBinds, name);
    assert.equal(VOLATILE_COLUMN_NAMES.has(name), duckdbBinds, name);
  }
});
