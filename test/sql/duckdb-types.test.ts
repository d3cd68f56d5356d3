// Checks inferred output types against DuckDB itself: for every fixture model that compiles, the
// model SQL is bound to empty tables with the upstream column types and DESCRIBEd. Names are
// compared too, except for models where the compiler warned that a name is DuckDB's rendering.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileModels, bindInputs } from '../../src/sql/index.js';
import { buildInputs, duck } from './duckdb-helper.js';
import { loadFixtureCases } from './fixture-cases.js';

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

const cases = loadFixtureCases();
let checked = 0;

for (const [i, c] of cases.entries()) {
  test(`DuckDB agrees on types: ${c.file}: ${c.name}`, async () => {
    const { models, sources } = await buildInputs(c);
    const r = compileModels(models, sources);
    const con = await duck();
    const schema = `s${i}`;
    await con.run(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    const tables: Record<string, string> = {};
    for (const s of sources) {
      tables[s.name] = `${schema}.${quote(s.name)}`;
      await con.run(`CREATE OR REPLACE TABLE ${tables[s.name]} (${s.columns.map((col) => `${quote(col.name)} ${col.type}`).join(', ')})`);
    }
    const unnamed = new Set(r.diagnostics.filter((d) => d.code === 'SQL_UNNAMED_COLUMN').map((d) => d.file));
    for (const name of r.order) {
      const draft = r.models.get(name)!;
      const sql = bindInputs(draft.rendered, tables);
      const described = (await con.runAndReadAll(`DESCRIBE ${sql}`)).getRows().map((row) => ({ name: String(row[0]), type: String(row[1]) }));
      assert.deepEqual(draft.columns.map((col) => col.type), described.map((d) => d.type), `${name}: types (ours vs DuckDB)`);
      if (!unnamed.has(`models/${name}.sql`)) assert.deepEqual(draft.columns.map((col) => col.name), described.map((d) => d.name), `${name}: names`);
      // Downstream models read this one: materialize it empty with DuckDB's own types.
      tables[name] = `${schema}.${quote(name)}`;
      await con.run(`CREATE OR REPLACE TABLE ${tables[name]} AS SELECT * FROM (${sql}) LIMIT 0`);
      checked++;
    }
  });
}

test('the type check covered models', () => {
  assert.ok(checked >= 40, `only ${checked} models were checked against DuckDB`);
});
