// The DuckDB adapter: the shared contract in memory and on a file, plus what only DuckDB has
// (Parquet, the process-level file lock, crash atomicity of buildTable, in-process sharing).
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { warehouseContract } from './contract.js';
import { openDuckDb, HASH_SCHEME, WarehouseLockedError } from '../../src/warehouse/index.js';
import { WarehouseError } from '../../src/errors/index.js';

const root = mkdtempSync(join(tmpdir(), 'rocky-wh-duckdb-'));
let n = 0;
const freshFile = (): string => join(root, `db${n++}`, 'warehouse.duckdb');
after(() => rmSync(root, { recursive: true, force: true }));

warehouseContract('duckdb :memory:', () => openDuckDb(':memory:'));
warehouseContract('duckdb file', () => openDuckDb(freshFile()));

const holder = join(import.meta.dirname, 'fixtures', 'hold-warehouse.ts');

/** Starts the helper process and resolves once it holds the file. */
function hold(path: string, ms: number, mode = ''): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', holder, path, String(ms), mode], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += String(d);
      if (out.includes('held')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`holder exited early (${code}): ${out}`)));
  });
}

const exited = (c: ChildProcess): Promise<void> => new Promise((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.on('exit', () => r())));

describe('duckdb specifics', { concurrency: false }, () => {
  test('capabilities, scheme and version', async () => {
    const w = await openDuckDb(':memory:');
    assert.deepEqual(w.capabilities, { transactionalDdl: true, zeroCopyClone: false });
    assert.equal(w.type, 'duckdb');
    assert.equal(w.hashScheme, HASH_SCHEME);
    assert.match(await w.version(), /^v\d+\.\d+/);
    await w.close();
  });

  test('json_serialize_sql error JSON for non-SELECT statements, inside a batch', async () => {
    const w = await openDuckDb(':memory:');
    const out = await w.parseSql(['CREATE TABLE x (a INT)', 'SELECT 1', "SELECT 'it''s'"]);
    assert.equal(JSON.parse(out[0]).error, true);
    assert.equal(JSON.parse(out[1]).error, false);
    assert.equal(JSON.parse(out[2]).statements[0].node.select_list[0].value.value, "it's");
    await w.close();
  });

  test('creates the parent directory of the file', async () => {
    const path = join(root, 'deep', 'er', 'w.duckdb');
    const w = await openDuckDb(path);
    await w.close();
    assert.ok(existsSync(path));
  });

  test('Parquet: describe and snapshot, same content hash as the CSV it came from', async () => {
    const w = await openDuckDb(':memory:');
    const dir = mkdtempSync(join(root, 'pq-'));
    const csv = join(dir, 'p.csv');
    writeFileSync(csv, 'symbol,px\nAAPL,1.5\nMSFT,2.5\n');
    const parquet = join(dir, 'p.parquet');
    await w.query(`COPY (SELECT * FROM read_csv('${csv}')) TO '${parquet}' (FORMAT parquet)`);
    assert.deepEqual(await w.describeSource({ file: parquet }), [
      { name: 'symbol', type: 'VARCHAR', classification: [] },
      { name: 'px', type: 'DOUBLE', classification: [] },
    ]);
    const fromParquet = await w.snapshotSource({ name: 'p', origin: { file: parquet }, columns: null, schema: '_rocky', fileDigest: null });
    const fromCsv = await w.snapshotSource({ name: 'p', origin: { file: csv }, columns: null, schema: '_rocky', fileDigest: null });
    assert.equal(fromParquet.rows, 2);
    assert.equal(fromCsv.contentHash, fromParquet.contentHash);
    assert.equal(fromCsv.reused, true);
    const typed = await w.snapshotSource({ name: 'p', origin: { file: parquet }, columns: [{ name: 'symbol', type: 'VARCHAR', classification: [] }, { name: 'px', type: 'DECIMAL(10,1)', classification: [] }], schema: '_rocky', fileDigest: null });
    assert.equal(typed.columns[1].type, 'DECIMAL(10,1)');
    await w.close();
  });

  test('two warehouses on one file in one process share it', async () => {
    const path = freshFile();
    const a = await openDuckDb(path);
    const b = await openDuckDb(path);
    await a.ensureSchema('s');
    await a.buildTable({ schema: 's', name: 't' }, 'SELECT 1 AS x');
    assert.equal(await b.tableExists({ schema: 's', name: 't' }), true);
    await a.close();
    assert.deepEqual(await b.query('SELECT x FROM s.t'), [{ x: 1 }]);
    await b.close();
    // Both closed: another process can take the file at once.
    const child = await hold(path, 10);
    await exited(child);
    assert.equal(child.exitCode, 0);
  });

  test('waits for another process holding the file, then opens it', async () => {
    const path = freshFile();
    const child = await hold(path, 1500);
    const messages: string[] = [];
    const started = Date.now();
    const w = await openDuckDb(path, { lockTimeoutMs: 20_000, onWait: (m) => messages.push(m) });
    assert.ok(Date.now() - started >= 500, 'the open waited for the holder');
    assert.equal(messages.length, 1);
    assert.ok(messages[0].includes(path), messages[0]);
    assert.match(messages[0], /waiting for the warehouse lock/);
    assert.equal(await w.tableExists({ schema: '_rocky', name: 'nothing' }), false);
    assert.deepEqual(await w.listTables('_rocky'), []);
    await w.close();
    await exited(child);
  });

  test('a plain DuckDB client holding the file blocks too, and the wait and timeout messages say so, naming the file', async () => {
    const path = freshFile();
    mkdirSync(dirname(path), { recursive: true });
    // Not git rocky: the DuckDB client library alone, as a user's script or notebook would.
    const script = `const { DuckDBInstance } = require('@duckdb/node-api');
      DuckDBInstance.create(process.argv[1]).then(async (db) => { await db.connect(); process.stdout.write('held\\n'); setTimeout(() => {}, 60000); });`;
    const child = spawn(process.execPath, ['-e', script, path], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (d) => { if (String(d).includes('held')) resolve(); });
      child.on('exit', (code) => reject(new Error(`client exited early (${code})`)));
    });
    const messages: string[] = [];
    await assert.rejects(openDuckDb(path, { lockTimeoutMs: 300, onWait: (m) => messages.push(m) }), (e) => {
      assert.equal((e as WarehouseError).code, 'E_WAREHOUSE_LOCKED');
      assert.ok((e as Error).message.includes(path), (e as Error).message);
      assert.match((e as Error).message, /Any process holding the file blocks git rocky: another git rocky command, or a DuckDB client/);
      return true;
    });
    assert.equal(messages.length, 1);
    assert.ok(messages[0].includes(path), messages[0]);
    assert.match(messages[0], /Any process holding it blocks git rocky: another git rocky command, or a DuckDB client \(the duckdb shell/);
    child.kill();
    await exited(child);
  });

  test('fails with E_WAREHOUSE_LOCKED when the lock is not released in time', async () => {
    const path = freshFile();
    const child = await hold(path, 3000);
    const started = Date.now();
    let waited = 0;
    await assert.rejects(openDuckDb(path, { lockTimeoutMs: 300, onWait: () => waited++ }), (e) => {
      assert.ok(e instanceof WarehouseLockedError);
      assert.ok(e instanceof WarehouseError);
      assert.equal((e as WarehouseError).code, 'E_WAREHOUSE_LOCKED');
      return true;
    });
    assert.ok(Date.now() - started < 2500, 'gave up near the timeout');
    assert.equal(waited, 1);
    child.kill();
    await exited(child);
  });

  test('a process killed during buildTable leaves no table under the final name', async () => {
    const path = freshFile();
    const child = await hold(path, 0, 'crash-building');
    await new Promise((r) => setTimeout(r, 400));
    child.kill('SIGKILL');
    await exited(child);
    const w = await openDuckDb(path, { lockTimeoutMs: 10_000 });
    assert.equal(await w.tableExists({ schema: '_rocky', name: 'half_built' }), false);
    assert.deepEqual(await w.listTables('_rocky'), []);
    await w.close();
  });
});

test('close() during a parse on two connections waits for it, then releases both', async () => {
  const w = await openDuckDb(':memory:');
  const texts = Array.from({ length: 3000 }, (_, i) => `SELECT ${i} AS x`);
  const parsing = w.parseSql(texts);
  const closing = w.close();
  const out = await parsing;
  await closing;
  assert.equal(out.length, 3000);
  assert.equal(JSON.parse(out[2999]).statements[0].node.select_list[0].value.value, 2999);
  await assert.rejects(w.parseSql(['SELECT 1']), /closed/);
});
