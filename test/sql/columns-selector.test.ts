// COLUMNS(...) selection on its own: the RE2 subset the compiler accepts, the name predicates a
// lambda may use (LIKE has no escape character; only TRUE keeps a column), and list matching.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileRe2 } from '../../src/sql/bind/re2-regex.js';
import { readSelector, selectColumns, type ColumnsSelector } from '../../src/sql/bind/columns-selector.js';
import { mapQuery } from '../../src/sql/parse/map-duckdb-tree.js';
import { parseTrees } from './duckdb-helper.js';

const NAMES = ['id', 'amount_eur', 'Amount_usd', 'a_b', 'axb', 'note'];

async function selectorOf(columnsCall: string): Promise<ColumnsSelector | { code: string; message: string }> {
  const [tree] = await parseTrees([`SELECT ${columnsCall} FROM t`]);
  const q = mapQuery(JSON.parse(tree).statements[0].node);
  const item = q.kind === 'select' ? q.select[0] : null;
  assert.ok(item?.kind === 'star' && item.columns, columnsCall);
  return readSelector(item.selector);
}

async function picked(columnsCall: string): Promise<string[] | string> {
  const sel = await selectorOf(columnsCall);
  if ('code' in sel) return sel.message;
  const kept = selectColumns(sel, NAMES);
  return 'code' in kept ? kept.message : kept.map((i) => NAMES[i]);
}

test('regexes: the common RE2/JavaScript subset, a leading (?i); the rest is refused with a reason', () => {
  for (const ok of ['amount', '^a.*_(eur|usd)$', '(?i)AMOUNT', '(?:a|b)\\d+', '[a-z_]+\\.', '\\-x']) assert.ok(compileRe2(ok) instanceof RegExp, ok);
  for (const [bad, why] of [['a(?=m)', '(?='], ['(a)\\1', '\\1'], ['\\pL', '\\p'], ['[[:alpha:]]', 'POSIX'], ['[]a]', ']'], ['\\Qa.b\\E', '\\Q'], ['(', 'invalid']] as const) {
    const r = compileRe2(bad);
    assert.ok(!(r instanceof RegExp) && r.reason.includes(why), `${bad}: ${JSON.stringify(r)}`);
  }
});

test('COLUMNS selects by partial case-sensitive regex, by list (any case, FROM order), by lambda', async () => {
  assert.deepEqual(await picked("COLUMNS('amount')"), ['amount_eur']);
  assert.deepEqual(await picked("COLUMNS('(?i)amount')"), ['amount_eur', 'Amount_usd']);
  assert.deepEqual(await picked("COLUMNS(['NOTE', 'id'])"), ['id', 'note']);
  assert.match(String(await picked("COLUMNS(['id', 'gone'])")), /"gone" is not in the FROM clause/);
  assert.match(String(await picked("COLUMNS('zz')")), /matches no column/);
  // LIKE: `_` is any one character and backslash is no escape, as in DuckDB.
  assert.deepEqual(await picked("COLUMNS(c -> c LIKE 'a_b')"), ['a_b', 'axb']);
  assert.match(String(await picked("COLUMNS(c -> c LIKE 'a\\_b')")), /keeps no column/);
  assert.deepEqual(await picked("COLUMNS(c -> c ILIKE 'amount%' OR c = 'id')"), ['id', 'amount_eur', 'Amount_usd']);
  assert.deepEqual(await picked("COLUMNS(c -> NOT (c IN ('id', 'note')) AND NOT contains(c, '_'))"), ['axb']);
  assert.deepEqual(await picked("COLUMNS(c -> regexp_matches(lower(c), '^amount_'))"), ['amount_eur', 'Amount_usd']);
  // NULL is not TRUE: list_filter drops the column.
  assert.deepEqual(await picked("COLUMNS(c -> c = 'id' OR NULL)"), ['id']);
  assert.match(String(await picked('COLUMNS(c -> length(c) > 2)')), /cannot be evaluated: length\(\)/);
  assert.match(String(await picked("COLUMNS('a' || 'b')")), /cannot be analyzed/);
});
