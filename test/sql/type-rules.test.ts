// Inferred types against DuckDB's own, expression by expression: each inferred type is DuckDB's,
// or the compiler marks the model unsure (so compile asks DuckDB's binder). Never a wrong type
// passed off as sure, and never a model DuckDB rejects passed off as sure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileModels } from '../../src/sql/index.js';
import { buildInputs, duck } from './duckdb-helper.js';

const COLUMNS = {
  a: 'DECIMAL(10,2)', b: 'DECIMAL(18,4)', i: 'INTEGER', bi: 'BIGINT', si: 'SMALLINT', f: 'FLOAT', d: 'DOUBLE',
  v: 'VARCHAR', dt: 'DATE', ts: 'TIMESTAMP', j: 'JSON',
};

/** Expressions whose type the compiler must get right without asking (they were wrong before). */
const SURE = [
  'median(a)', 'median(i)', 'median(f)', 'median(d)', 'quantile_cont(a, 0.5)', 'quantile_disc(a, 0.5)',
  'greatest(a, 1)', 'greatest(a, i)', 'greatest(a, bi)', 'greatest(a, b)', 'greatest(a, d)', 'least(a, si)',
  'coalesce(a, 1)', 'coalesce(a, i, 1)', 'coalesce(si, 1)', 'coalesce(si, 100000)', 'coalesce(a, 10000000000)', 'ifnull(a, 1)',
  'CASE WHEN i > 0 THEN a ELSE 1 END',
  "json_extract(j, '$.a')", "json_extract(v, '$.a')", "json_extract(j, ['$.a', '$.b'])", "json_extract_string(j, '$.a')",
  "json_extract_path_text(j, 'a')", "j->>'a'", "j->'a'", "v->'a'", "j->'$.a'->>'b'", 'json_array_length(j)', 'json_keys(j)', "json_object('k', i)", 'to_json(a)',
  'a + 3', '3 + a', 'a - 300', 'a * 3', 'a % 3', 'a % i', 'b * 2', 'si + 1', 'trunc(a)', 'trunc(i)', 'trunc(d)',
];

/** Expressions DuckDB's binder rejects: the compiler must not vouch for them. */
const REJECTED = ['a + v', 'sum(v)', "dt + 'x'", 'upper(a)', 'avg(v)', 'coalesce(v, 1)', 'median(v) + 1'];

/** Expressions the compiler does not model: it must say so, whatever it guesses. */
const UNSURE = ['median(dt)', 'gcd(i, 4)', 'constructor(i)', 'dt = v', 'i = v'];

async function check(expr: string): Promise<{ ours: string; theirs: string | null; unsure: boolean }> {
  const con = await duck();
  await con.run(`CREATE TABLE IF NOT EXISTS type_rules (${Object.entries(COLUMNS).map(([c, t]) => `${c} ${t}`).join(', ')})`);
  const { models, sources } = await buildInputs({ sources: { type_rules: COLUMNS }, models: { m: `SELECT ${expr} AS x FROM type_rules` } });
  const r = compileModels(models, sources);
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), [], expr);
  let theirs: string | null = null;
  try {
    theirs = String((await con.runAndReadAll(`DESCRIBE SELECT ${expr} AS x FROM type_rules`)).getRows()[0][1]);
  } catch {
    theirs = null;
  }
  return { ours: r.columns.get('m')![0].type, theirs, unsure: r.unsure.includes('m') };
}

for (const expr of SURE) {
  test(`type of ${expr} is DuckDB's, without asking`, async () => {
    const c = await check(expr);
    assert.equal(c.ours, c.theirs, expr);
    assert.equal(c.unsure, false, `${expr} should not need DuckDB's binder`);
  });
}

for (const expr of REJECTED) {
  test(`${expr}: DuckDB rejects it, so the compiler is unsure`, async () => {
    const c = await check(expr);
    assert.equal(c.theirs, null, `${expr}: DuckDB was expected to reject it`);
    assert.equal(c.unsure, true, `${expr} was vouched for as ${c.ours}`);
  });
}

for (const expr of UNSURE) {
  test(`${expr}: the compiler does not model it, so it is unsure`, async () => {
    const c = await check(expr);
    assert.equal(c.unsure, true, `${expr} was vouched for as ${c.ours} (DuckDB: ${c.theirs})`);
  });
}
