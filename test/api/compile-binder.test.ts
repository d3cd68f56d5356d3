// Compile asks DuckDB's binder about the models whose types it cannot vouch for: a model DuckDB
// would reject is a compile error (SQL_TYPE_ERROR) at its file, line and column, and a model
// with a function the compiler does not know gets DuckDB's types, which flow downstream.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from '../../src/api/index.js';
import { repoWith, rocky } from '../helpers/temp-project.js';

process.env.ROCKY_ACTOR = 'tester@example.com';

const SOURCES = `sources:
  - name: orders
    path: data/orders.csv
    columns:
      id: { type: BIGINT }
      amount: { type: 'DECIMAL(10,2)' }
      status: { type: VARCHAR }
      placed: { type: DATE }
`;
const CSV = 'id,amount,status,placed\n1,2.50,ok,2024-01-01\n2,3.25,late,2024-01-02\n';

test('models DuckDB would reject are compile errors at their file, line and column', async (t) => {
  const { dir, cleanup } = repoWith({
    'rocky.yaml': 'name: t\n', 'sources.yaml': SOURCES, 'data/orders.csv': CSV,
    'models/add_text.sql': 'select o.id,\n  o.amount + o.status as bad\nfrom orders o\n',
    'models/sum_text.sql': 'select sum(status) as s from orders\n',
    'models/date_text.sql': "select id,\n       placed + 'x' as later\nfrom orders\n",
    'models/reads_bad.sql': 'select * from add_text\n',
    'models/fine.sql': 'select id, amount from orders\n',
    'models/no_fn.sql': 'select id,\n  nosuch_fn(id) as q from orders\n',
    // A function of an extension that is not loaded: an error at the call, never a download.
    'models/ext_fn.sql': 'select id, st_point(1, 2) as p from orders\n',
  });
  t.after(cleanup);
  const c = await compile({ cwd: dir });
  const errors = c.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.file}:${d.line}:${d.column}`).sort();
  assert.deepEqual(errors, [
    'SQL_TYPE_ERROR models/add_text.sql:2:12',
    'SQL_TYPE_ERROR models/date_text.sql:2:15',
    'SQL_TYPE_ERROR models/ext_fn.sql:1:12',
    'SQL_TYPE_ERROR models/no_fn.sql:2:3',
    'SQL_TYPE_ERROR models/sum_text.sql:1:8',
  ]);
  assert.match(c.diagnostics.find((d) => d.file === 'models/no_fn.sql')!.message, /nosuch_fn does not exist/);
  const addText = c.diagnostics.find((d) => d.file === 'models/add_text.sql')!;
  assert.match(addText.message, /\+\(DECIMAL\(10,2\), VARCHAR\)/);
  assert.ok(c.diagnostics.some((d) => d.code === 'SQL_UPSTREAM_FAILED' && d.file === 'models/reads_bad.sql'));

  // The CLI: exit 1 with the position, before anything runs.
  const r = rocky(dir, 'compile');
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr + r.stdout, /models\/sum_text\.sql:1:8/);
});

test("a function the compiler does not model gets DuckDB's type, and downstream models see it", async (t) => {
  const { dir, cleanup } = repoWith({
    'rocky.yaml': 'name: t\n', 'sources.yaml': SOURCES, 'data/orders.csv': CSV,
    // gcd is not in the compiler's function table; bit_count neither.
    'models/numbers.sql': 'select id, gcd(id, 4) as g, bit_count(id) as bits, median(amount) as m from orders group by id\n',
    'models/downstream.sql': 'select g + 1 as g1, bits, m * 2 as m2 from numbers\n',
    // DuckDB binds this (it casts the text), and the run fails on the first non-date: a warning.
    'models/join_text.sql': 'select o.id\nfrom orders o\njoin orders p on o.placed = p.status\n',
  });
  t.after(cleanup);
  const c = await compile({ cwd: dir });
  assert.deepEqual(c.diagnostics.filter((d) => d.severity === 'error'), []);
  assert.deepEqual(c.diagnostics.map((d) => `${d.code} ${d.file}:${d.line}:${d.column}`), ['SQL_IMPLICIT_CAST models/join_text.sql:3:27']);
  assert.match(c.diagnostics[0].message, /DATE with VARCHAR/);
  const types = (name: string) => Object.fromEntries(c.models.find((m) => m.name === name)!.columns.map((col) => [col.name, col.type]));
  assert.deepEqual(types('numbers'), { id: 'BIGINT', g: 'BIGINT', bits: 'TINYINT', m: 'DECIMAL(10,2)' });
  assert.deepEqual(types('downstream'), { g1: 'BIGINT', bits: 'TINYINT', m2: 'DECIMAL(18,2)' });
});
