// The compile cache must never change a result: after every edit, an incremental compile (a new
// process's view: the cache reloaded from its file) gives the plan CID and the diagnostics of a
// cold compile, and reuses exactly the models whose text, inputs and upstream columns held.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compilePlan } from '../../src/plan/compile-plan.js';
import { CompileCache } from '../../src/plan/compile-cache.js';
import type { CompiledPlan } from '../../src/plan/types.js';
import { loadProject, workTreeFiles } from '../../src/project/index.js';
import { openDuckDb, type Warehouse } from '../../src/warehouse/index.js';

let wh: Warehouse;
before(async () => { wh = await openDuckDb(':memory:'); });
after(async () => { await wh.close(); });

const SOURCES = (traderTags: string) => `sources:
  - name: trades
    table: raw.trades
    columns:
      id: { type: BIGINT }
      qty: { type: BIGINT }
      trader: { type: VARCHAR, classification: [${traderTags}] }
`;

function project(): { dir: string; cacheFile: string; write: (path: string, text: string) => void; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'rocky-ccache-'));
  const write = (path: string, text: string) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  write('rocky.yaml', 'name: cc\n');
  write('sources.yaml', SOURCES('pii'));
  write('models/a.sql', 'SELECT id, qty, trader FROM trades\n');
  write('models/b.sql', 'SELECT id, qty * 2 AS q2, trader FROM a\n');
  write('models/c.sql', 'SELECT b.id, q2, trades.trader AS t FROM b JOIN trades USING (id)\n');
  write('models/d.sql', 'SELECT count(*) AS n, sum(q2) FROM c\n'); // an unnamed column: a warning
  write('models/e.sql', 'SELECT id FROM trades WHERE qty > 0\n');
  return { dir, cacheFile: join(dir, '.rocky', 'cache', 'compile-v3.bin'), write, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

async function compileDir(dir: string, cache: CompileCache | null): Promise<CompiledPlan> {
  const { project: p, diagnostics } = await loadProject(workTreeFiles(dir));
  return compilePlan(p, { parseSql: (s) => wh.parseSql(s), describeSource: (o) => wh.describeSource(o), root: dir }, diagnostics, cache);
}

const sortedDiagnostics = (plan: CompiledPlan) => plan.diagnostics.map((d) => JSON.stringify(d)).sort();

/** Compiles incrementally (cache reloaded from disk, then saved) and cold; both must agree. */
async function check(dir: string, cacheFile: string, engine = 'test-engine'): Promise<CompiledPlan> {
  const cache = CompileCache.load(cacheFile, engine);
  const warm = await compileDir(dir, cache);
  cache.save();
  // The objects' bytes are read lazily: ask for them now (the check below compares them).
  const bytes = new Map(warm.objects.map((o) => [o.cid, Buffer.from(o.bytes)]));
  const decoded = new Map([...warm.models].map(([name, m]) => [name, m.object]));
  cache.release();
  const cold = await compileDir(dir, null);
  assert.equal(warm.planCid, cold.planCid, 'incremental and cold compiles give the same plan');
  assert.deepEqual(sortedDiagnostics(warm), sortedDiagnostics(cold));
  assert.deepEqual(warm.plan, cold.plan);
  assert.deepEqual(new Set(warm.objects.map((o) => o.cid)), new Set(cold.objects.map((o) => o.cid)));
  for (const o of cold.objects) assert.deepEqual(bytes.get(o.cid), Buffer.from(o.bytes), `${o.cid}: the cached bytes are the cold ones`);
  for (const [name, m] of cold.models) {
    assert.deepEqual(decoded.get(name), m.object, `${name}: the reused object decodes to the cold one`);
    assert.deepEqual(warm.models.get(name)!.columns, m.columns);
  }
  return warm;
}

test('after each edit the incremental compile equals a cold one and reuses only what held', async (t) => {
  const p = project();
  t.after(p.cleanup);
  let r = await check(p.dir, p.cacheFile);
  assert.deepEqual(r.reuse, { reused: 0, compiled: 5 });
  assert.ok(r.diagnostics.some((d) => d.code === 'SQL_UNNAMED_COLUMN' && d.file === 'models/d.sql'));

  r = await check(p.dir, p.cacheFile);
  assert.deepEqual(r.reuse, { reused: 5, compiled: 0 }, 'nothing changed');
  assert.ok(r.diagnostics.some((d) => d.code === 'SQL_UNNAMED_COLUMN'), "a reused model's warnings are reported again");

  // Text changed, columns did not: only a is analyzed; b, c, d are relinked (new CIDs).
  p.write('models/a.sql', 'SELECT id, qty, trader FROM trades -- same columns\n');
  r = await check(p.dir, p.cacheFile);
  assert.deepEqual(r.reuse, { reused: 4, compiled: 1 });

  // A column type changes: everything downstream of a is analyzed again; e is untouched.
  p.write('models/a.sql', 'SELECT id, CAST(qty AS DOUBLE) AS qty, trader FROM trades\n');
  r = await check(p.dir, p.cacheFile);
  assert.deepEqual(r.reuse, { reused: 1, compiled: 4 });
  assert.equal(r.models.get('b')!.columns.find((c) => c.name === 'q2')!.type, 'DOUBLE');

  // A source's classification changes: its readers are analyzed again (classification flows).
  p.write('sources.yaml', SOURCES('pii, financial'));
  r = await check(p.dir, p.cacheFile);
  assert.deepEqual(r.models.get('c')!.columns.find((c) => c.name === 't')!.classification, ['financial', 'pii']);
  assert.deepEqual(r.models.get('b')!.columns.find((c) => c.name === 'trader')!.classification, ['financial', 'pii']);

  // An upstream error: its consumers are skipped exactly as in a cold compile.
  p.write('models/a.sql', 'SELECT id, qtty FROM trades\n');
  r = await check(p.dir, p.cacheFile);
  assert.ok(r.diagnostics.some((d) => d.code === 'SQL_UNKNOWN_COLUMN'));
  assert.deepEqual(['b', 'c', 'd'].map((n) => r.diagnostics.some((d) => d.code === 'SQL_UPSTREAM_FAILED' && d.file === `models/${n}.sql`)), [true, true, true]);
  assert.deepEqual([...r.models.keys()], ['e']);

  p.write('models/a.sql', 'SELECT id, qty, trader FROM trades\n');
  r = await check(p.dir, p.cacheFile);
  assert.equal(r.models.size, 5);

  // A new model takes a name a cached model read as a source: that reader must not be reused.
  p.write('models/trades.sql', 'SELECT 1 AS id\n');
  r = await check(p.dir, p.cacheFile);
  assert.ok(r.diagnostics.some((d) => d.code === 'SQL_NAME_CLASH'));
  rmSync(join(p.dir, 'models', 'trades.sql'));

  // A cycle through a cached model is found.
  p.write('models/e.sql', 'SELECT id FROM d CROSS JOIN (SELECT 1 AS id) x\n');
  p.write('models/a.sql', 'SELECT e.id, qty, trader FROM trades JOIN e USING (id)\n');
  r = await check(p.dir, p.cacheFile);
  assert.ok(r.diagnostics.some((d) => d.code === 'SQL_CYCLE'));
});

test('a truncated, corrupt or foreign cache file is an empty cache, never a wrong one', async (t) => {
  const p = project();
  t.after(p.cleanup);
  await check(p.dir, p.cacheFile);
  const whole = readFileSync(p.cacheFile);
  assert.equal(CompileCache.load(p.cacheFile, 'test-engine').size, 5);

  writeFileSync(p.cacheFile, whole.subarray(0, whole.length - 10)); // a crash mid-append
  assert.equal(CompileCache.load(p.cacheFile, 'test-engine').size, 0);
  let r = await check(p.dir, p.cacheFile);
  assert.deepEqual(r.reuse, { reused: 0, compiled: 5 });
  assert.equal(CompileCache.load(p.cacheFile, 'test-engine').size, 5, 'the torn file was rewritten whole');

  appendFileSync(p.cacheFile, 'garbage after the last segment');
  r = await check(p.dir, p.cacheFile);
  assert.deepEqual(r.reuse, { reused: 5, compiled: 0 }, 'complete segments before a bad tail still count');

  r = await check(p.dir, p.cacheFile, 'another-engine');
  assert.deepEqual(r.reuse, { reused: 0, compiled: 5 }, "another engine's results are not trusted");
});

test('repeated edits append small segments and the file is compacted when mostly superseded', async (t) => {
  const p = project();
  t.after(p.cleanup);
  await check(p.dir, p.cacheFile);
  const size0 = statSync(p.cacheFile).size;
  let largest = 0;
  let grew = 0;
  let shrank = 0;
  let previous = size0;
  // 6 live entries (5 models, 1 source): compaction is due once more than 2 * 6 + 64 were written.
  for (let i = 0; i < 90; i++) {
    p.write('models/e.sql', `SELECT id FROM trades WHERE qty > ${i + 1}\n`);
    const cache = CompileCache.load(p.cacheFile, 'test-engine');
    const r = await compileDir(p.dir, cache);
    assert.deepEqual(r.reuse, { reused: 4, compiled: 1 });
    cache.save();
    cache.release();
    const size = statSync(p.cacheFile).size;
    if (size > previous) grew++;
    if (size < previous) shrank++;
    previous = size;
    largest = Math.max(largest, size);
  }
  assert.ok(existsSync(p.cacheFile));
  assert.ok(grew >= 70, `most compiles append a segment (${grew} of 90 grew the file)`);
  assert.ok(shrank >= 1, 'the file was rewritten smaller once superseded entries outnumbered live ones');
  assert.ok(largest < size0 * 20, `the file stays bounded (${largest} bytes vs ${size0} for one whole compile)`);
  assert.equal(CompileCache.load(p.cacheFile, 'test-engine').size, 5);
});

test('one cache saved again and again (as watch mode does) keeps every entry through a compaction', async (t) => {
  const p = project();
  t.after(p.cleanup);
  await check(p.dir, p.cacheFile);
  const cache = CompileCache.load(p.cacheFile, 'test-engine');
  let previous = statSync(p.cacheFile).size;
  let compactions = 0;
  for (let i = 0; i < 90; i++) {
    // Two models edited in turn: each is saved by one save, and the compaction a later save of
    // the other one does must keep it.
    p.write(i % 2 === 0 ? 'models/e.sql' : 'models/d.sql', i % 2 === 0 ? `SELECT id FROM trades WHERE qty > ${i + 1}\n` : `SELECT count(*) AS n, sum(q2) + ${i} AS s FROM c\n`);
    const r = await compileDir(p.dir, cache);
    assert.equal(r.reuse.compiled, 1);
    cache.save();
    const size = statSync(p.cacheFile).size;
    if (size < previous) {
      compactions++;
      // What a new process sees right after the compaction: every model a hit.
      const reloaded = CompileCache.load(p.cacheFile, 'test-engine');
      assert.equal(reloaded.size, 5);
      const again = await compileDir(p.dir, reloaded);
      assert.deepEqual(again.reuse, { reused: 5, compiled: 0 });
      reloaded.release();
    }
    previous = size;
  }
  assert.ok(compactions >= 1, 'the file was compacted along the way');
  cache.release();
});

test("compiledBytes reads a model's compiled object without parsing its entry, from the file or from memory", async (t) => {
  const p = project();
  t.after(p.cleanup);
  await check(p.dir, p.cacheFile);
  const fromSpans = CompileCache.load(p.cacheFile, 'test-engine');
  const parsed = CompileCache.load(p.cacheFile, 'test-engine');
  t.after(() => { fromSpans.release(); parsed.release(); });
  for (const name of ['a', 'b', 'c', 'd', 'e']) {
    const entry = parsed.get(name)!;
    assert.deepEqual(Buffer.from(fromSpans.compiledBytes(name)!), Buffer.from(entry.compiledBytes), name);
    assert.deepEqual(Buffer.from(parsed.compiledBytes(name)!), Buffer.from(entry.compiledBytes), `${name}, parsed`);
  }
  assert.equal(fromSpans.compiledBytes('nope'), undefined);
  // An entry set in this process (not saved yet) is read from memory.
  const e = parsed.get('e')!;
  const other = Uint8Array.from([1, 2, 3]);
  parsed.set('e', { ...e, compiledBytes: other } as typeof e);
  assert.deepEqual(parsed.compiledBytes('e'), other);
});
