// Times compileModels on a generated project (python3 ../shared/bench/gen-project.py N --rocky DIR).
// Parses every model through DuckDB in batches first (not timed as compile), then compiles.
// usage: npx tsx scripts/bench-sql.ts DIR
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { DuckDBInstance, listValue } from '@duckdb/node-api';
import { compileModels, PASSES, type SqlModelInput, type SqlSourceInput } from '../src/sql/index.js';
import { buildCompileState } from '../src/sql/compile-state.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: bench-sql.ts <project dir>');

const srcYaml = parseYaml(readFileSync(join(dir, 'sources.yaml'), 'utf8')) as {
  sources: { name: string; columns?: Record<string, { type?: string; classification?: string | string[] }> }[];
};
const sources: SqlSourceInput[] = srcYaml.sources.map((s, i) => ({
  name: s.name,
  file: 'sources.yaml',
  line: i + 1,
  columns: Object.entries(s.columns ?? {}).map(([name, c]) => ({
    name,
    type: c.type ?? 'VARCHAR',
    classification: c.classification === undefined ? [] : [c.classification].flat(),
  })),
}));

const files = readdirSync(join(dir, 'models')).filter((f) => f.endsWith('.sql')).sort();
const texts = files.map((f) => readFileSync(join(dir, 'models', f), 'utf8'));

const con = await (await DuckDBInstance.create(':memory:')).connect();
const t0 = performance.now();
const trees: string[] = [];
const BATCH = 1000;
for (let i = 0; i < texts.length; i += BATCH) {
  const r = await con.runAndReadAll('SELECT json_serialize_sql(s, skip_null := true, skip_empty := true) FROM unnest($1::VARCHAR[]) t(s)', [listValue(texts.slice(i, i + BATCH))]);
  for (const row of r.getRows()) trees.push(String(row[0]));
}
const t1 = performance.now();

const models: SqlModelInput[] = files.map((f, i) => ({
  name: f.slice(0, -4),
  file: `models/${f}`,
  text: texts[i],
  tree: trees[i],
  materialization: 'table',
  classification: {},
}));

let best = Infinity;
let result = compileModels(models, sources);
for (let run = 0; run < 5; run++) {
  const s = performance.now();
  result = compileModels(models, sources);
  best = Math.min(best, performance.now() - s);
}
const perPass = new Map<string, number>();
for (let run = 0; run < 3; run++) {
  const state = buildCompileState(models, sources);
  for (const pass of PASSES) {
    const s = performance.now();
    pass.run(state);
    const ms = performance.now() - s;
    perPass.set(pass.name, Math.min(perPass.get(pass.name) ?? Infinity, ms));
  }
}
let parseOnly = Infinity;
for (let run = 0; run < 3; run++) {
  const s = performance.now();
  for (const m of models) JSON.parse(m.tree!);
  parseOnly = Math.min(parseOnly, performance.now() - s);
}
const errors = result.diagnostics.filter((d) => d.severity === 'error');
const unknown = [...result.models.values()].reduce((n, m) => n + m.columns.filter((c) => c.type === 'UNKNOWN').length, 0);
console.log(`models: ${models.length}, compiled: ${result.models.size}, errors: ${errors.length}, warnings: ${result.diagnostics.length - errors.length}, UNKNOWN columns: ${unknown}`);
console.log(`DuckDB parse (batched): ${(t1 - t0).toFixed(0)} ms`);
console.log(`compileModels (best of 5, after 1 warm-up): ${best.toFixed(0)} ms`);
console.log(`  of which JSON.parse of the trees alone: ${parseOnly.toFixed(0)} ms`);
for (const [name, ms] of perPass) console.log(`  pass ${name}: ${ms.toFixed(0)} ms`);
if (errors.length > 0) console.log(errors.slice(0, 5));
