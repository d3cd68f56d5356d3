// DuckDB's error excerpt ("LINE n: ..." and a caret, the line cut to a window with "..." when
// long) read back into a line and column of the SQL that ran, checked on DuckDB's own messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DuckDBInstance } from '@duckdb/node-api';
import { errorPosition } from '../../src/warehouse/duckdb/error-position.js';

async function messageOf(sql: string): Promise<string> {
  const con = await (await DuckDBInstance.create(':memory:')).connect();
  await con.run('CREATE TABLE t (a DECIMAL(10,2), s VARCHAR)');
  try {
    await con.run(sql);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`expected ${sql} to fail`);
}

test('a short line: the caret column', async () => {
  const sql = 'SELECT a,\n  a + s AS x\nFROM t';
  assert.deepEqual(errorPosition(await messageOf(sql), sql), { line: 2, column: 5 });
});

test('a long line cut to a window: the column in the whole line', async () => {
  const pad = Array.from({ length: 30 }, (_, i) => `a AS c${i}`).join(', ');
  const sql = `SELECT ${pad}, a + s AS x, ${pad.replace(/c(\d+)/g, 'd$1')} FROM t`;
  const message = await messageOf(sql);
  assert.match(message, /LINE 1: \.\.\./, 'DuckDB cut the line');
  assert.deepEqual(errorPosition(message, sql), { line: 1, column: sql.indexOf('+ s') + 1 });
});

test('no excerpt: no position', () => {
  assert.equal(errorPosition('Conversion Error: Could not convert string', 'SELECT 1'), null);
});
