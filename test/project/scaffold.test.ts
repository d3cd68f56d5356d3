// The project scaffolder: deterministic output, well-formed config, and a finance example whose
// every model actually runs in DuckDB on the generated data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { DuckDBInstance } from '@duckdb/node-api';
import { buildScaffold } from '../../src/project/scaffold/index.js';
import { UsageError } from '../../src/errors/index.js';
import { loadProject } from '../../src/project/index.js';

interface SourceDecl {
  name: string;
  path: string;
  key: string[];
  time_column?: string;
  columns: Record<string, { type: string; classification?: string }>;
}

function file(files: Map<string, string>, path: string): string {
  const text = files.get(path);
  assert.ok(text !== undefined, `missing ${path}`);
  return text;
}

function modelNames(files: Map<string, string>): string[] {
  return [...files.keys()].filter((p) => /^models\/[^/]+\.sql$/.test(p)).map((p) => p.slice('models/'.length, -'.sql'.length));
}

/** Topological order of the models from their bare-name references; fails on a cycle. */
function dependencyOrder(files: Map<string, string>): string[] {
  const names = modelNames(files);
  const deps = new Map(names.map((n) => [n, names.filter((m) => m !== n && new RegExp(`\\b${m}\\b`).test(file(files, `models/${n}.sql`)))]));
  const order: string[] = [];
  const visiting = new Set<string>();
  const visit = (n: string): void => {
    if (order.includes(n)) return;
    assert.ok(!visiting.has(n), `dependency cycle through ${n}`);
    visiting.add(n);
    for (const d of deps.get(n) ?? []) visit(d);
    order.push(n);
  };
  for (const n of names) visit(n);
  return order;
}

test('two calls give identical maps, in the same order', () => {
  for (const example of ['empty', 'finance'] as const) {
    const a = buildScaffold({ name: 'p', example });
    const b = buildScaffold({ name: 'p', example });
    assert.deepEqual([...a.entries()], [...b.entries()]);
  }
});

// Pins the generated CSV bytes: a change to the generators, or an engine whose arithmetic differs,
// shows up here rather than as a CID that differs between two machines. Update deliberately.
test('the generated finance data is pinned', () => {
  const files = buildScaffold({ name: 'finance', example: 'finance' });
  const hash = createHash('sha256');
  for (const [path, text] of files) if (path.startsWith('data/')) hash.update(`${path}\0${text}\0`);
  assert.equal(hash.digest('hex'), 'aa528b3f4b765f673c427a110add00a4c2a0d72a47011cc0636741388dd3b829');
});

test('an unknown example is a usage error', () => {
  assert.throws(() => buildScaffold({ name: 'p', example: 'nope' as 'empty' }), UsageError);
});

test('both examples load with no diagnostics', async () => {
  for (const example of ['empty', 'finance'] as const) {
    const files = buildScaffold({ name: 'demo', example });
    const loaded = await loadProject({
      read: async (path) => files.get(path) ?? null,
      list: async (dir) => [...files.keys()].filter((p) => p.startsWith(`${dir}/`) && !p.slice(dir.length + 1).includes('/')).map((p) => p.slice(dir.length + 1)),
    });
    assert.deepEqual(loaded.diagnostics, [], example);
    assert.equal(loaded.project.config.name, 'demo');
    if (example === 'finance') {
      assert.deepEqual(loaded.project.models.map((m) => m.name).sort(), ['daily_returns', 'exposure_by_sector', 'latest_prices', 'positions_valued', 'risk_flags', 'trader_pnl']);
      assert.deepEqual(loaded.project.sources.find((s) => s.name === 'positions')?.columns.find((c) => c.name === 'trader_ssn')?.classification, ['pii']);
    }
  }
});

test('empty: a valid project with every rocky.yaml key shown as a comment', () => {
  const files = buildScaffold({ name: 'my project: "x"', example: 'empty' });
  assert.deepEqual([...files.keys()], ['.gitignore', 'models/.gitkeep', 'rocky.yaml', 'sources.yaml']);
  const rocky = file(files, 'rocky.yaml');
  assert.deepEqual(parse(rocky), { name: 'my project: "x"' });
  for (const key of ['warehouse', 'environments', 'masking', 'access', 'roles']) assert.match(rocky, new RegExp(`^# ${key}:`, 'm'));
  assert.deepEqual(parse(file(files, 'sources.yaml')), { sources: [] });
  assert.match(file(files, '.gitignore'), /^\.rocky\/$/m);
  assert.equal(parse(buildScaffold({ name: 'true', example: 'empty' }).get('rocky.yaml') ?? '').name, 'true');
});

test('finance: config, sources and sidecars are well formed and the data matches its declaration', () => {
  const files = buildScaffold({ name: 'finance', example: 'finance' });
  const total = [...files.values()].reduce((n, text) => n + Buffer.byteLength(text), 0);
  assert.ok(total < 150_000, `example is ${total} bytes`);
  assert.deepEqual(parse(file(files, 'rocky.yaml')), {
    name: 'finance',
    warehouse: { type: 'duckdb', path: '.rocky/warehouse.duckdb' },
    environments: { main: { masking: true } },
    masking: { pii: 'hash', financial: 'redact' },
  });
  assert.match(file(files, '.gitignore'), /^\.rocky\/$/m);
  assert.ok(file(files, 'README.md').length > 0);

  const sources = (parse(file(files, 'sources.yaml')) as { sources: SourceDecl[] }).sources;
  assert.deepEqual(sources.map((s) => s.name).sort(), ['instruments', 'positions', 'prices', 'risk_limits']);
  for (const s of sources) {
    const [header] = file(files, s.path).split('\n');
    assert.deepEqual(header.split(','), Object.keys(s.columns), `${s.name}: CSV header vs declared columns`);
    for (const [col, decl] of Object.entries(s.columns)) assert.match(decl.type, /^[A-Z]+(\(\d+,\d+\))?$/, `${s.name}.${col}`);
    for (const k of s.key) assert.ok(k in s.columns, `${s.name}: key ${k}`);
  }
  const positions = sources.find((s) => s.name === 'positions');
  assert.equal(positions?.columns.trader_ssn.classification, 'pii');
  assert.equal(positions?.columns.trader_id.classification, 'pii');
  assert.equal(positions?.columns.quantity.classification, 'financial');
  assert.equal(sources.find((s) => s.name === 'prices')?.time_column, 'ts');

  const ssns = file(files, 'data/positions.csv').trim().split('\n').slice(1).map((line) => line.split(',')[2]);
  for (const ssn of ssns) assert.match(ssn, /^900-\d{2}-\d{4}$/);
  assert.equal(new Set(file(files, 'data/instruments.csv').trim().split('\n').slice(1)).size, 12);

  const sidecars = [...files.keys()].filter((p) => /^models\/.+\.yaml$/.test(p));
  assert.ok(sidecars.length >= 1);
  for (const p of sidecars) {
    const sidecar = parse(file(files, p)) as { description: string; materialization: string; key: string[]; columns: Record<string, { description: string }> };
    assert.ok(files.has(p.replace(/\.yaml$/, '.sql')), `${p} has no model`);
    assert.equal(typeof sidecar.description, 'string');
    assert.equal(sidecar.materialization, 'table');
    assert.ok(Array.isArray(sidecar.key) && sidecar.key.length > 0);
    for (const col of Object.values(sidecar.columns)) assert.equal(typeof col.description, 'string');
  }
});

test('finance: every model runs in DuckDB on the generated data', async () => {
  const files = buildScaffold({ name: 'finance', example: 'finance' });
  const dir = await mkdtemp(join(tmpdir(), 'rocky-scaffold-'));
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    for (const [path, text] of files) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), text);
    }
    const sources = (parse(file(files, 'sources.yaml')) as { sources: SourceDecl[] }).sources;
    for (const s of sources) {
      const columns = Object.entries(s.columns).map(([c, d]) => `'${c}': '${d.type}'`).join(', ');
      await conn.run(`CREATE TABLE ${s.name} AS SELECT * FROM read_csv('${join(dir, s.path)}', header = true, columns = {${columns}})`);
      const rows = Number((await conn.runAndReadAll(`SELECT COUNT(*) FROM ${s.name}`)).getRows()[0][0]);
      assert.equal(rows, file(files, s.path).trim().split('\n').length - 1, `${s.name} loaded every row`);
    }
    const order = dependencyOrder(files);
    assert.ok(order.indexOf('latest_prices') < order.indexOf('positions_valued'));
    for (const model of order) {
      await conn.run(`CREATE VIEW ${model} AS ${file(files, `models/${model}.sql`)}`);
      const rows = Number((await conn.runAndReadAll(`SELECT COUNT(*) FROM ${model}`)).getRows()[0][0]);
      assert.ok(rows >= 1, `${model} returned no rows`);
    }
    for (const p of [...files.keys()].filter((k) => /^models\/.+\.yaml$/.test(k))) {
      const model = p.slice('models/'.length, -'.yaml'.length);
      const sidecar = parse(file(files, p)) as { key: string[]; columns: Record<string, unknown> };
      const described = await conn.runAndReadAll(`SELECT * FROM ${model} LIMIT 0`);
      const names = described.columnNames();
      for (const c of [...sidecar.key, ...Object.keys(sidecar.columns)]) assert.ok(names.includes(c), `${model}.yaml names ${c}, not an output column`);
      const keyList = sidecar.key.join(', ');
      const dupes = Number((await conn.runAndReadAll(`SELECT COUNT(*) FROM (SELECT ${keyList} FROM ${model} GROUP BY ALL HAVING COUNT(*) > 1)`)).getRows()[0][0]);
      assert.equal(dupes, 0, `${model}: key ${keyList} is not unique`);
    }
    const flags = (await conn.runAndReadAll(`SELECT flag, COUNT(*) FROM risk_flags GROUP BY flag ORDER BY flag`)).getRows();
    assert.deepEqual(flags.map((r) => String(r[0])), ['breach', 'ok']);
    // The README's branch exercise: a stricter policy must visibly change the flags.
    const strict = file(files, 'models/risk_flags.sql').replace('e.exposure > r.max_exposure', 'e.exposure > 0.8 * r.max_exposure');
    assert.notEqual(strict, file(files, 'models/risk_flags.sql'));
    await conn.run(`CREATE VIEW risk_flags_strict AS ${strict}`);
    const newlyBreached = (await conn.runAndReadAll(
      `SELECT s.sector FROM risk_flags_strict s JOIN risk_flags m USING (sector) WHERE s.flag <> m.flag ORDER BY s.sector`,
    )).getRows().map((r) => String(r[0]));
    assert.deepEqual(newlyBreached, ['Technology', 'Utilities']);
    assert.match(file(files, 'README.md'), /Technology and Utilities now breach/);
    const sectors = Number((await conn.runAndReadAll(`SELECT COUNT(*) FROM risk_flags`)).getRows()[0][0]);
    assert.equal(sectors, 6, 'every sector has an exposure and a limit');
    const pnl = (await conn.runAndReadAll(`SELECT trader_ssn_hash FROM trader_pnl`)).getRows();
    for (const [hash] of pnl) assert.match(String(hash), /^[0-9a-f]{64}$/);
    const sourceKeysUnique: (readonly [string, number])[] = [];
    for (const s of sources) {
      const reader = await conn.runAndReadAll(`SELECT COUNT(*) FROM (SELECT ${s.key.join(', ')} FROM ${s.name} GROUP BY ALL HAVING COUNT(*) > 1)`);
      sourceKeysUnique.push([s.name, Number(reader.getRows()[0][0])]);
    }
    assert.deepEqual(sourceKeysUnique.filter(([, n]) => n > 0), []);
  } finally {
    conn.closeSync();
    instance.closeSync();
    await rm(dir, { recursive: true, force: true });
  }
});
