// The SQL form lineage-diff compares: comments and insignificant whitespace dropped, literals kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeModelSql } from '../../src/lineage/normalize-model-sql.js';

test('layout and comments are not a change; literals, quoted names and operators are', () => {
  const base = normalizeModelSql('SELECT a, b FROM t WHERE x > 1');
  assert.equal(normalizeModelSql('SELECT a,\n  b -- note\nFROM t /* outer /* nested */ still */ WHERE   x > 1;'), base);
  assert.equal(normalizeModelSql('SELECT a , b FROM t WHERE x > 1'), base);
  assert.notEqual(normalizeModelSql('SELECT a, b FROM t WHERE x > 2'), base);
  assert.notEqual(normalizeModelSql("SELECT 'a  b' AS s"), normalizeModelSql("SELECT 'a b' AS s"));
  assert.notEqual(normalizeModelSql('SELECT "x  y" FROM t'), normalizeModelSql('SELECT "x y" FROM t'));
  assert.equal(normalizeModelSql("SELECT '-- not a comment', 'it''s' FROM t"), "SELECT '-- not a comment','it''s' FROM t");
  assert.notEqual(normalizeModelSql('SELECT a - -b'), normalizeModelSql('SELECT a - b'));
});
