// The compile's types are the warehouse's types: a project is compiled and run, and each model's
// compiled columns (names and types, in order) are compared with DESCRIBE of the table the run
// built. The run checks this itself (RUN_SCHEMA_DRIFT warnings): none may be reported, and one
// must be when the compiled columns are made wrong on purpose. A build that fails on data names
// the model's file, line and column.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { compile, run } from '../../src/api/index.js';
import { openWorkspace } from '../../src/api/workspace.js';
import { compileWorkspace } from '../../src/api/compile-workspace.js';
import { baseEnvironment, runBranch } from '../../src/run/run-branch.js';
import { openDuckDb } from '../../src/warehouse/index.js';
import { financeRepo, repoWith } from '../helpers/temp-project.js';

process.env.ROCKY_ACTOR = 'tester@example.com';

/** Columns of every model's physical table, by model (a fresh repository has one table each). */
async function builtColumns(dir: string, models: readonly string[]): Promise<Map<string, { name: string; type: string }[]>> {
  const wh = await openDuckDb(join(dir, '.rocky/warehouse.duckdb'));
  try {
    const tables = await wh.listTables('_rocky');
    const out = new Map<string, { name: string; type: string }[]>();
    for (const m of models) {
      const table = tables.find((t) => t.startsWith(`${m}__`));
      assert.ok(table, `no physical table for ${m} in ${tables.join(', ')}`);
      const rows = await wh.query(`DESCRIBE "_rocky"."${table}"`);
      out.set(m, rows.map((r) => ({ name: String(r.column_name), type: String(r.column_type) })));
    }
    return out;
  } finally {
    await wh.close();
  }
}

async function compileRunAndCompare(dir: string): Promise<number> {
  const c = await compile({ cwd: dir });
  assert.deepEqual(c.diagnostics.filter((d) => d.severity === 'error'), []);
  const r = await run({ cwd: dir, branch: 'main' });
  assert.equal(r.status, 'success', JSON.stringify(r.models.filter((m) => m.error)));
  assert.deepEqual(r.warnings, [], 'the run found built tables that differ from the compiled columns');
  const built = await builtColumns(dir, c.models.map((m) => m.name));
  for (const m of c.models) {
    assert.deepEqual(m.columns.map((col) => ({ name: col.name, type: col.type })), built.get(m.name), `${m.name}: compiled vs built`);
  }
  return c.models.length;
}

test('finance example: every compiled column is the built table column', async (t) => {
  const { dir, cleanup } = await financeRepo();
  t.after(cleanup);
  assert.ok(await compileRunAndCompare(dir) >= 5);
});

const SOURCES = `sources:
  - name: orders
    path: data/orders.csv
    columns:
      id: { type: BIGINT }
      amount: { type: 'DECIMAL(10,2)' }
      qty: { type: INTEGER }
      status: { type: VARCHAR }
      placed: { type: DATE }
      doc: { type: JSON }
`;
const CSV = 'id,amount,qty,status,placed,doc\n1,2.50,3,ok,2024-01-01,"{""a"": 1}"\n2,3.25,4,late,2024-01-02,"{""a"": 2}"\n';

test('constructs the compiler used to type wrong or not at all: compiled columns are the built ones', async (t) => {
  const { dir, cleanup } = repoWith({
    'rocky.yaml': 'name: t\n', 'sources.yaml': SOURCES, 'data/orders.csv': CSV,
    'models/stats.sql': `select status,
  median(amount) as med, quantile_cont(amount, 0.5) as q, median(qty) as med_qty,
  greatest(max(amount), 1) as top, least(min(amount), max(qty)) as low, coalesce(max(amount), 1) as c,
  sum(amount) as total, max(amount) % 3 as rem, trunc(max(amount)) as whole
from orders group by status
`,
    'models/json_bits.sql': `select id, json_extract(doc, '$.a') as a, json_extract_string(doc, '$.a') as s,
  doc->>'a' as t, json_keys(doc) as k, json_array_length(json_array(1, 2)) as n
from orders
`,
    'models/unlisted.sql': 'select id, gcd(id, 4) as g, bit_count(any_value(qty)) as bits, median(placed) as mid from orders group by id\n',
    'models/downstream.sql': 'select s.status, s.med * 2 as med2, u.g + 1 as g1, u.bits from stats s cross join unlisted u\n',
  });
  t.after(cleanup);
  assert.equal(await compileRunAndCompare(dir), 4);
});

test('run reports a built table whose columns differ from the compiled ones', async (t) => {
  const { dir, cleanup } = repoWith({
    'rocky.yaml': 'name: t\n', 'sources.yaml': SOURCES, 'data/orders.csv': CSV,
    'models/totals.sql': 'select id, amount * qty as value from orders\n',
  });
  t.after(cleanup);
  const ws = await openWorkspace(dir);
  try {
    const compiled = await compileWorkspace(ws);
    // Make the compiler "wrong" about one column, as a bad inference would.
    const entry = compiled.models.get('totals')!;
    const wrong = { ...entry, columns: entry.columns.map((c) => (c.name === 'value' ? { ...c, type: 'BIGINT' } : c)) };
    const models = new Map(compiled.models);
    models.set('totals', wrong);
    const result = await runBranch({
      store: ws.store, warehouse: await ws.warehouse(), compiled: { ...compiled, models }, config: ws.config, root: ws.root,
      branch: 'main', select: null, actor: 'tester@example.com', codeCommit: null, start: await baseEnvironment(ws.store, 'main'),
    });
    assert.equal(result.manifest.status, 'success');
    assert.deepEqual(result.warnings.map((w) => [w.code, w.model, w.column, w.compiled, w.built]), [['RUN_SCHEMA_DRIFT', 'totals', 'value', 'BIGINT', 'DECIMAL(18,2)']]);
    assert.match(result.warnings[0].message, /totals.*value/);
  } finally {
    await ws.close();
  }
});

test('a build that fails on data names the model file, line and column', async (t) => {
  const { dir, cleanup } = repoWith({
    'rocky.yaml': 'name: t\n', 'sources.yaml': SOURCES, 'data/orders.csv': CSV,
    // Two blank lines on top, and a bound table name after the failing cast on the same line.
    'models/casts.sql': '\n\nselect id,\n       cast(status as integer) as s from orders\n',
    'models/one_line.sql': 'select cast(status as integer) as s from orders\n',
  });
  t.after(cleanup);
  const r = await run({ cwd: dir, branch: 'main' });
  assert.equal(r.status, 'failed');
  const error = (name: string) => r.models.find((m) => m.name === name)!.error ?? '';
  assert.match(error('casts'), /^models\/casts\.sql:4:8: Conversion Error/);
  assert.match(error('casts'), /\nLINE 4: /, 'the excerpt is numbered as the file is');
  assert.match(error('one_line'), /^models\/one_line\.sql:1:8: Conversion Error/);
});

// Every compiler fixture that compiles cleanly, as a real project (each source a header-only CSV
// with its declared types): compiled through the library (with DuckDB's binder), run, and
// compared with the built tables.
import { loadFixtureCases } from '../sql/fixture-cases.js';

function csvField(name: string): string {
  return /[",\n]/.test(name) ? `"${name.replace(/"/g, '""')}"` : name;
}

test('every compiler fixture: compiled columns are the built ones', async () => {
  let checked = 0;
  for (const c of loadFixtureCases()) {
    const files: Record<string, string> = { 'rocky.yaml': 'name: fixture\n' };
    const sources = Object.entries(c.sources ?? {});
    files['sources.yaml'] = `sources:\n${sources.map(([name, cols]) => `  - name: ${JSON.stringify(name)}\n    path: data/${name}.csv\n    columns:\n${
      Object.entries(cols).map(([col, t]) => `      ${JSON.stringify(col)}: { type: ${JSON.stringify(typeof t === 'string' ? t : t.type)} }`).join('\n')}`).join('\n')}\n`;
    if (sources.length === 0) files['sources.yaml'] = 'sources: []\n';
    // One row of empty fields (NULL in every type): a header alone is not read as a header.
    for (const [name, cols] of sources) files[`data/${name}.csv`] = `${Object.keys(cols).map(csvField).join(',')}\n${','.repeat(Object.keys(cols).length - 1)}\n`;
    for (const [name, sql] of Object.entries(c.models)) files[`models/${name}.sql`] = sql;
    const { dir, cleanup } = repoWith(files);
    try {
      const compiled = await compile({ cwd: dir });
      if (compiled.diagnostics.some((d) => d.severity === 'error')) continue; // a fixture of a mistake
      const r = await run({ cwd: dir, branch: 'main' });
      assert.equal(r.status, 'success', `${c.file}: ${c.name}: ${JSON.stringify(r.models.filter((m) => m.error))}`);
      assert.deepEqual(r.warnings, [], `${c.file}: ${c.name}`);
      const built = await builtColumns(dir, compiled.models.map((m) => m.name));
      // Names the compiler warned are approximate (DuckDB's rendering of an expression) aside.
      const unnamed = new Set(compiled.diagnostics.filter((d) => d.code === 'SQL_UNNAMED_COLUMN').map((d) => d.file));
      for (const m of compiled.models) {
        const ours = m.columns.map((col) => ({ name: col.name, type: col.type }));
        const theirs = built.get(m.name)!;
        if (unnamed.has(`models/${m.name}.sql`)) {
          assert.deepEqual(ours.map((x) => x.type), theirs.map((x) => x.type), `${c.file}: ${c.name}: ${m.name}`);
        } else assert.deepEqual(ours, theirs, `${c.file}: ${c.name}: ${m.name}`);
        checked++;
      }
    } finally {
      cleanup();
    }
  }
  assert.ok(checked >= 60, `only ${checked} fixture models were checked`);
});
