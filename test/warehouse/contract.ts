// The warehouse contract suite (CONVENTIONS §7): every adapter runs warehouseContract with a
// function that opens a fresh, empty warehouse. Tests use portable SQL (VALUES, CAST) only.
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Warehouse, TableRef } from '../../src/warehouse/warehouse.js';
import { RockyError } from '../../src/errors/index.js';

const S = 'rocky_ct';

async function withWarehouse(open: () => Promise<Warehouse>, fn: (w: Warehouse) => Promise<void>): Promise<void> {
  const w = await open();
  try {
    await w.ensureSchema(S);
    await fn(w);
  } finally {
    await w.close();
  }
}

function t(name: string): TableRef {
  return { schema: S, name };
}

async function hashOf(w: Warehouse, name: string, select: string): Promise<string> {
  return (await w.buildTable(t(name), select)).outputHash;
}

function assertWarehouseError(e: unknown, code = 'E_WAREHOUSE'): true {
  assert.ok(e instanceof RockyError, `expected a RockyError, got ${String(e)}`);
  assert.equal(e.code, code);
  return true;
}

export function warehouseContract(name: string, open: () => Promise<Warehouse>): void {
  const dir = mkdtempSync(join(tmpdir(), 'rocky-wh-contract-'));
  const file = (n: string, text: string): string => {
    const p = join(dir, n);
    writeFileSync(p, text);
    return p;
  };

  describe(`warehouse contract: ${name}`, { concurrency: false }, () => {
    test('identity: type, capabilities, hash scheme, version', async () => {
      await withWarehouse(open, async (w) => {
        assert.equal(typeof w.type, 'string');
        assert.equal(typeof w.capabilities.transactionalDdl, 'boolean');
        assert.equal(typeof w.capabilities.zeroCopyClone, 'boolean');
        assert.match(w.hashScheme, /^[a-z0-9-]+$/);
        assert.ok((await w.version()).length > 0);
      });
    });

    test('parseSql keeps input order across chunks and isolates texts that fail to parse', async () => {
      await withWarehouse(open, async (w) => {
        const texts = Array.from({ length: 4500 }, (_, i) => (i % 1000 === 7 ? `selec broken ${i}` : `SELECT ${i} AS x`));
        const delivered = new Map<number, string>();
        const handedOver = await w.parseSql(texts, (i, tree) => {
          assert.ok(!delivered.has(i), `tree ${i} delivered twice`);
          delivered.set(i, tree);
        });
        assert.deepEqual(handedOver, [], 'trees handed over are not returned as well');
        assert.equal(delivered.size, texts.length, 'onTree gets every tree before parseSql returns');
        // Without onTree, the same trees come back in order.
        const out = await w.parseSql(texts);
        assert.equal(out.length, texts.length);
        for (const [i, tree] of delivered) assert.equal(tree, out[i]);
        // Every slot, since chunks are parsed on two connections at once.
        for (let i = 0; i < texts.length; i++) {
          if (i % 1000 === 7) continue;
          const tree = JSON.parse(out[i]);
          assert.equal(tree.error, false, `text ${i}`);
          assert.equal(tree.statements[0].node.select_list[0].value.value, i);
        }
        for (const i of [7, 1007, 4007]) assert.equal(JSON.parse(out[i]).error, true, `text ${i} should carry a parse error`);
        assert.deepEqual(await w.parseSql([]), []);
      });
    });

    test('schemas and tables: ensure, exists, list, drop', async () => {
      await withWarehouse(open, async (w) => {
        await w.ensureSchema(S); // idempotent
        assert.equal(await w.tableExists(t('a')), false);
        await w.buildTable(t('a'), 'SELECT 1 AS x');
        await w.buildTable(t('b'), 'SELECT 2 AS x');
        assert.equal(await w.tableExists(t('a')), true);
        assert.deepEqual(await w.listTables(S), ['a', 'b']);
        await w.dropTable(t('a'));
        await w.dropTable(t('a')); // dropping a missing table is not an error
        assert.deepEqual(await w.listTables(S), ['b']);
        await w.replaceViews(S, [{ name: 'v', select: `SELECT * FROM ${S}.b` }], []);
        await w.dropSchema('other_empty_schema');
        await w.dropTable(t('b'));
        await w.dropSchema(S);
        assert.deepEqual(await w.listTables(S), []);
        assert.deepEqual(await w.listViews(S), []);
      });
    });

    test('identifiers with quotes, dots and upper case are quoted, not interpreted', async () => {
      await withWarehouse(open, async (w) => {
        const odd = { schema: 'we"ird.schema', name: 'ta"ble; DROP' };
        await w.ensureSchema(odd.schema);
        const r = await w.buildTable(odd, 'SELECT 1 AS "co""l"');
        assert.equal(r.rows, 1);
        assert.equal(await w.tableExists(odd), true);
        assert.deepEqual(await w.listTables(odd.schema), [odd.name]);
        assert.deepEqual((await w.hashTable(odd)).columns.map((c) => c.name), ['co"l']);
        await w.dropSchema(odd.schema);
      });
    });

    test('buildTable returns rows and the same hash as hashTable', async () => {
      await withWarehouse(open, async (w) => {
        const r = await w.buildTable(t('b1'), `SELECT * FROM (VALUES (1, 'a'), (2, 'b'), (3, NULL)) v(id, name);`);
        assert.equal(r.rows, 3);
        assert.match(r.outputHash, /^[0-9a-f]{64}$/);
        assert.ok(r.ms >= 0);
        const h = await w.hashTable(t('b1'));
        assert.equal(h.outputHash, r.outputHash);
        assert.equal(h.rows, 3);
        assert.deepEqual(h.columns.map((c) => c.name), ['id', 'name']);
        assert.ok(h.columns.every((c) => c.type === c.type.toUpperCase() && c.classification.length === 0));
        const empty = await w.buildTable(t('b2'), 'SELECT 1 AS id WHERE 1 = 0');
        assert.equal(empty.rows, 0);
        assert.match(empty.outputHash, /^[0-9a-f]{64}$/);
      });
    });

    test('buildTable is atomic: a failing SELECT leaves no table, an existing name is refused', async () => {
      await withWarehouse(open, async (w) => {
        await assert.rejects(w.buildTable(t('bad'), 'SELECT no_such_column FROM (VALUES (1)) v(x)'), (e) => {
          assertWarehouseError(e);
          assert.match((e as Error).message, /no_such_column/);
          return true;
        });
        // Fails at run time, after rows were produced: a division error half way.
        await assert.rejects(w.buildTable(t('bad'), `SELECT CAST(CASE WHEN x > 2 THEN 'oops' ELSE '1' END AS INTEGER) AS y FROM (VALUES (1), (2), (3)) v(x)`), assertWarehouseError);
        assert.equal(await w.tableExists(t('bad')), false);
        assert.deepEqual(await w.listTables(S), []);
        const first = await w.buildTable(t('once'), 'SELECT 1 AS x');
        await assert.rejects(w.buildTable(t('once'), 'SELECT 2 AS x, 3 AS y'), assertWarehouseError);
        assert.equal((await w.hashTable(t('once'))).outputHash, first.outputHash);
        // One statement only: a second one smuggled into a model is rejected, not run.
        await assert.rejects(w.buildTable(t('two'), `SELECT 1 AS x; DROP TABLE ${S}.once`), assertWarehouseError);
        assert.equal(await w.tableExists(t('once')), true);
        assert.equal(await w.tableExists(t('two')), false);
        // The warehouse stays usable after failures (no transaction left open).
        assert.equal((await w.buildTable(t('after'), 'SELECT 1 AS x')).rows, 1);
      });
    });

    test('hash: order-independent, duplicate-safe, value-, NULL-, name- and type-sensitive', async () => {
      await withWarehouse(open, async (w) => {
        const base = await hashOf(w, 'h0', `SELECT * FROM (VALUES (1, 'a'), (2, 'b'), (3, 'c')) v(id, name)`);
        assert.equal(await hashOf(w, 'h1', `SELECT * FROM (VALUES (3, 'c'), (1, 'a'), (2, 'b')) v(id, name)`), base, 'row order');
        assert.notEqual(await hashOf(w, 'h2', `SELECT * FROM (VALUES (1, 'a'), (2, 'b'), (3, 'c'), (3, 'c')) v(id, name)`), base, 'duplicated row');
        assert.notEqual(await hashOf(w, 'h3', `SELECT * FROM (VALUES (1, 'a'), (2, 'b'), (3, 'd')) v(id, name)`), base, 'changed value');
        assert.notEqual(await hashOf(w, 'h4', `SELECT * FROM (VALUES (1, 'a'), (2, 'b'), (3, 'c')) v(id, label)`), base, 'renamed column');
        assert.notEqual(await hashOf(w, 'h5', `SELECT CAST(id AS BIGINT) AS id, name FROM (VALUES (1, 'a'), (2, 'b'), (3, 'c')) v(id, name)`), base, 'changed type');
        assert.notEqual(await hashOf(w, 'h6', `SELECT * FROM (VALUES (1, 'a'), (2, 'b'), (3, NULL)) v(id, name)`), base, 'NULL value');
        // Values swapped between columns of one type: a positional row hash must tell them apart.
        const ab = await hashOf(w, 'h7', 'SELECT * FROM (VALUES (1, 2)) v(a, b)');
        assert.notEqual(await hashOf(w, 'h8', 'SELECT * FROM (VALUES (2, 1)) v(a, b)'), ab, 'values swapped');
        assert.notEqual(await hashOf(w, 'h9', 'SELECT * FROM (VALUES (NULL, 1)) v(a, b)'), await hashOf(w, 'h10', 'SELECT * FROM (VALUES (1, NULL)) v(a, b)'), 'NULL position');
        // Same row count, and pairs that would cancel under bit_xor: {1,1,2,3} vs {2,3,4,4}.
        assert.notEqual(await hashOf(w, 'h11', 'SELECT * FROM (VALUES (1), (1), (2), (3)) v(a)'), await hashOf(w, 'h12', 'SELECT * FROM (VALUES (2), (3), (4), (4)) v(a)'), 'pairs cancel');
      });
    });

    test('diffTables counts multiset differences on the common columns', async () => {
      await withWarehouse(open, async (w) => {
        await w.buildTable(t('l'), `SELECT * FROM (VALUES (1, 'a', 10), (2, 'b', 20), (2, 'b', 20), (3, NULL, 30)) v(id, name, only_left)`);
        await w.buildTable(t('r'), `SELECT * FROM (VALUES ('a', 1), ('b', 2), (NULL, 3), ('z', 9), ('z', 9)) v(name, id)`);
        assert.deepEqual(await w.diffTables(t('l'), t('r')), { onlyInLeft: 1, onlyInRight: 2 });
        assert.deepEqual(await w.diffTables(t('l'), t('l')), { onlyInLeft: 0, onlyInRight: 0 });
        await assert.rejects(w.diffTables(t('l'), t('missing')), assertWarehouseError);
      });
    });

    test('replaceViews creates, replaces and drops views', async () => {
      await withWarehouse(open, async (w) => {
        await w.buildTable(t('p1'), 'SELECT 1 AS x');
        await w.buildTable(t('p2'), 'SELECT 2 AS x');
        const env = 'rocky_env';
        await w.replaceViews(env, [{ name: 'm', select: `SELECT * FROM ${S}.p1` }, { name: 'gone', select: `SELECT * FROM ${S}.p1` }], []);
        assert.deepEqual(await w.listViews(env), ['gone', 'm']);
        assert.deepEqual(await w.query(`SELECT x FROM ${env}.m`), [{ x: 1 }]);
        await w.replaceViews(env, [{ name: 'm', select: `SELECT * FROM ${S}.p2` }], ['gone', 'never_existed']);
        assert.deepEqual(await w.listViews(env), ['m']);
        assert.deepEqual(await w.query(`SELECT x FROM ${env}.m`), [{ x: 2 }]);
        assert.deepEqual(await w.listTables(env), []);
        await w.dropSchema(env);
        assert.deepEqual(await w.listViews(env), []);
      });
    });

    test('replaceViews is all or nothing', async () => {
      await withWarehouse(open, async (w) => {
        await w.buildTable(t('p1'), 'SELECT 1 AS x');
        await w.buildTable(t('p2'), 'SELECT 2 AS x');
        const env = 'rocky_env2';
        await w.replaceViews(env, [{ name: 'a', select: `SELECT * FROM ${S}.p1` }, { name: 'b', select: `SELECT * FROM ${S}.p1` }, { name: 'd', select: `SELECT * FROM ${S}.p1` }], []);
        await assert.rejects(
          w.replaceViews(env, [
            { name: 'a', select: `SELECT * FROM ${S}.p2` },
            { name: 'new', select: `SELECT * FROM ${S}.p2` },
            { name: 'b', select: `SELECT * FROM ${S}.no_such_table` },
          ], ['d']),
          assertWarehouseError,
        );
        assert.deepEqual(await w.listViews(env), ['a', 'b', 'd']);
        assert.deepEqual(await w.query(`SELECT x FROM ${env}.a`), [{ x: 1 }]);
      });
    });

    test('replaceViewsThen commits after the callback, rolls back when it throws', async (ctx) => {
      await withWarehouse(open, async (w) => {
        if (!w.replaceViewsThen) return ctx.skip('adapter has no replaceViewsThen');
        await w.buildTable(t('p1'), 'SELECT 1 AS x');
        await w.buildTable(t('p2'), 'SELECT 2 AS x');
        const env = 'rocky_env3';
        await w.replaceViews(env, [{ name: 'a', select: `SELECT * FROM ${S}.p1` }], []);
        await assert.rejects(
          w.replaceViewsThen(env, [{ name: 'a', select: `SELECT * FROM ${S}.p2` }, { name: 'b', select: `SELECT * FROM ${S}.p2` }], [], async () => {
            throw new Error('lost the ref race');
          }),
          /lost the ref race/,
        );
        assert.deepEqual(await w.listViews(env), ['a']);
        assert.deepEqual(await w.query(`SELECT x FROM ${env}.a`), [{ x: 1 }]);
        // Calling back into the warehouse from the callback fails instead of deadlocking.
        await assert.rejects(w.replaceViewsThen(env, [], ['a'], async () => { await w.listViews(env); }), assertWarehouseError);
        assert.deepEqual(await w.listViews(env), ['a']);
        let called = 0;
        await w.replaceViewsThen(env, [{ name: 'a', select: `SELECT * FROM ${S}.p2` }], [], async () => { called++; });
        assert.equal(called, 1);
        assert.deepEqual(await w.query(`SELECT x FROM ${env}.a`), [{ x: 2 }]);
      });
    });

    test('describeSource reads a CSV file and an existing table', async () => {
      await withWarehouse(open, async (w) => {
        const csv = file('describe.csv', 'id,price,name\n1,1.50,a\n2,2.25,b\n');
        const cols = await w.describeSource({ file: csv });
        assert.deepEqual(cols.map((c) => c.name), ['id', 'price', 'name']);
        assert.ok(cols.every((c) => c.type.length > 0 && c.type === c.type.toUpperCase() && c.classification.length === 0));
        await w.ensureSchema('raw');
        await w.buildTable({ schema: 'raw', name: 'prices' }, `SELECT * FROM (VALUES ('AAPL', 1.5)) v(symbol, px)`);
        assert.deepEqual((await w.describeSource({ table: 'raw.prices' })).map((c) => c.name), ['symbol', 'px']);
        await assert.rejects(w.describeSource({ file: join(dir, 'missing.csv') }), assertWarehouseError);
      });
    });

    test('snapshotSource loads a CSV into a content-addressed table and reuses it', async () => {
      await withWarehouse(open, async (w) => {
        const csv = file('snap.csv', 'id,name\n1,a\n2,b\n3,c\n');
        const s1 = await w.snapshotSource({ name: 'Prices-EU', origin: { file: csv }, columns: null, schema: '_rocky', fileDigest: null });
        assert.equal(s1.reused, false);
        assert.equal(s1.rows, 3);
        assert.equal(s1.table.schema, '_rocky');
        assert.equal(s1.table.name, `src_prices_eu__${s1.contentHash.slice(0, 12)}`);
        assert.deepEqual(s1.columns.map((c) => c.name), ['id', 'name']);
        assert.equal((await w.hashTable(s1.table)).outputHash, s1.contentHash);
        const s2 = await w.snapshotSource({ name: 'Prices-EU', origin: { file: csv }, columns: null, schema: '_rocky', fileDigest: null });
        assert.deepEqual(s2, { ...s1, reused: true });
        // Same rows in another order: same content, same table.
        const shuffled = file('snap2.csv', 'id,name\n3,c\n1,a\n2,b\n');
        assert.equal((await w.snapshotSource({ name: 'Prices-EU', origin: { file: shuffled }, columns: null, schema: '_rocky', fileDigest: null })).table.name, s1.table.name);
        const changed = file('snap3.csv', 'id,name\n1,a\n2,b\n3,C\n');
        const s3 = await w.snapshotSource({ name: 'Prices-EU', origin: { file: changed }, columns: null, schema: '_rocky', fileDigest: null });
        assert.equal(s3.reused, false);
        assert.notEqual(s3.table.name, s1.table.name);
        // No temporary table is left behind.
        assert.deepEqual((await w.listTables('_rocky')).sort(), [s1.table.name, s3.table.name].sort());
      });
    });

    test('snapshotSource forces declared column types and keeps declared classification', async () => {
      await withWarehouse(open, async (w) => {
        const csv = file('typed.csv', 'id,price,ssn\n007,1.10,111\n008,2.20,222\n');
        const columns = [
          { name: 'id', type: 'VARCHAR', classification: [] },
          { name: 'price', type: 'DECIMAL(18,2)', classification: ['financial'] },
          { name: 'ssn', type: 'VARCHAR', classification: ['pii'] },
        ];
        const s = await w.snapshotSource({ name: 'typed', origin: { file: csv }, columns, schema: '_rocky', fileDigest: null });
        assert.deepEqual(s.columns, columns);
        assert.deepEqual(await w.query(`SELECT id, CAST(price AS VARCHAR) AS price FROM _rocky.${s.table.name} ORDER BY id`), [{ id: '007', price: '1.10' }, { id: '008', price: '2.20' }]);
        const untyped = await w.snapshotSource({ name: 'typed', origin: { file: csv }, columns: null, schema: '_rocky', fileDigest: null });
        assert.notEqual(untyped.contentHash, s.contentHash, 'detected types differ from declared ones, and so does the hash');
        // A declared column that does not exist is an error, not a silently missing column.
        await assert.rejects(w.snapshotSource({ name: 'typed', origin: { file: csv }, columns: [...columns, { name: 'nope', type: 'INTEGER', classification: [] }], schema: '_rocky', fileDigest: null }), assertWarehouseError);
      });
    });

    test('snapshotSource with a file digest does not read an unchanged file again', async () => {
      await withWarehouse(open, async (w) => {
        const path = join(dir, 'digest.csv');
        writeFileSync(path, 'id\n1\n2\n');
        const first = await w.snapshotSource({ name: 'd', origin: { file: path }, columns: null, schema: '_rocky', fileDigest: 'digest-1' });
        assert.equal(first.reused, false);
        assert.equal(first.rows, 2);
        // Same digest, different bytes on disk: the registry answers without reading the file.
        writeFileSync(path, 'id\n1\n2\n3\n');
        const again = await w.snapshotSource({ name: 'd', origin: { file: path }, columns: null, schema: '_rocky', fileDigest: 'digest-1' });
        assert.deepEqual(again, { ...first, reused: true });
        // Declared types are part of the key: the same digest with other columns reads the file.
        const typed = await w.snapshotSource({ name: 'd', origin: { file: path }, columns: [{ name: 'id', type: 'VARCHAR', classification: [] }], schema: '_rocky', fileDigest: 'digest-1' });
        assert.equal(typed.rows, 3);
        const next = await w.snapshotSource({ name: 'd', origin: { file: path }, columns: null, schema: '_rocky', fileDigest: 'digest-2' });
        assert.equal(next.rows, 3);
        assert.equal(next.reused, false);
        // The registered table is gone: the digest no longer short-circuits.
        await w.dropTable(first.table);
        const reread = await w.snapshotSource({ name: 'd', origin: { file: path }, columns: null, schema: '_rocky', fileDigest: 'digest-1' });
        assert.equal(reread.rows, 3);
        assert.equal(reread.table.name, next.table.name);
        assert.equal(reread.reused, true);
      });
    });

    test('snapshotSource from an existing table, with a cast', async () => {
      await withWarehouse(open, async (w) => {
        await w.ensureSchema('raw');
        await w.buildTable({ schema: 'raw', name: 'prices' }, `SELECT * FROM (VALUES ('AAPL', 1), ('MSFT', 2)) v(symbol, px)`);
        const s = await w.snapshotSource({ name: 'prices', origin: { table: 'raw.prices' }, columns: null, schema: '_rocky', fileDigest: null });
        assert.equal(s.rows, 2);
        assert.equal(s.table.name, `src_prices__${s.contentHash.slice(0, 12)}`);
        const cast = await w.snapshotSource({
          name: 'prices', origin: { table: 'raw.prices' }, schema: '_rocky', fileDigest: 'ignored-for-tables',
          columns: [{ name: 'symbol', type: 'VARCHAR', classification: [] }, { name: 'px', type: 'DOUBLE', classification: [] }],
        });
        assert.equal(cast.columns[1].type, 'DOUBLE');
        assert.notEqual(cast.contentHash, s.contentHash);
        // Unchanged content is hashed in place and reused: the same hash the copy has.
        const again = await w.snapshotSource({ name: 'prices', origin: { table: 'raw.prices' }, columns: null, schema: '_rocky', fileDigest: null });
        assert.equal(again.reused, true);
        assert.equal(again.contentHash, s.contentHash);
        assert.equal((await w.hashTable(s.table)).outputHash, s.contentHash);
        // Changed content makes a new snapshot; the old one stays for replays.
        await w.dropTable({ schema: 'raw', name: 'prices' });
        await w.buildTable({ schema: 'raw', name: 'prices' }, `SELECT * FROM (VALUES ('AAPL', 1), ('MSFT', 3)) v(symbol, px)`);
        const changed = await w.snapshotSource({ name: 'prices', origin: { table: 'raw.prices' }, columns: null, schema: '_rocky', fileDigest: null });
        assert.equal(changed.reused, false);
        assert.notEqual(changed.contentHash, s.contentHash);
        assert.equal(await w.tableExists(s.table), true);
      });
    });

    test('query returns plain objects with safe integers as numbers and big ones as strings', async () => {
      await withWarehouse(open, async (w) => {
        const rows = await w.query(`SELECT CAST(42 AS BIGINT) AS n, CAST('12345678901234567890' AS HUGEINT) AS big, 'x' AS s, NULL AS z`);
        assert.deepEqual(rows, [{ n: 42, big: '12345678901234567890', s: 'x', z: null }]);
        await assert.rejects(w.query('SELECT * FROM no_such_table'), assertWarehouseError);
      });
    });

    test('concurrent calls on one warehouse are serialized, not interleaved', async () => {
      await withWarehouse(open, async (w) => {
        const builds = Array.from({ length: 8 }, (_, i) => w.buildTable(t(`c${i}`), `SELECT ${i} AS x`));
        const views = w.replaceViews('rocky_env4', [{ name: 'v', select: 'SELECT 1 AS x' }], []);
        const failing = w.buildTable(t('c_bad'), 'SELECT nope');
        const results = await Promise.allSettled([...builds, views, failing]);
        assert.equal(results.filter((r) => r.status === 'rejected').length, 1);
        assert.equal((await w.listTables(S)).length, 8);
      });
    });

    test('close releases the warehouse; later calls fail', async () => {
      const w = await open();
      await w.close();
      await w.close(); // idempotent
      await assert.rejects(w.query('SELECT 1'), assertWarehouseError);
    });

    after(() => rmSync(dir, { recursive: true, force: true }));
  });
}
