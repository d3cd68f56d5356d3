// Unit tests of the small public helpers: bindInputs, offsetToLineColumn, didYouMean, and the
// diagnostic-code table staying in step with docs/diagnostics.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { bindInputs, offsetToLineColumn, SQL_DIAGNOSTICS, PASSES, compileModels } from '../../src/sql/index.js';
import { didYouMean } from '../../src/util/did-you-mean.js';
import { buildInputs } from './duckdb-helper.js';

test('bindInputs replaces every placeholder and throws on a missing binding', () => {
  const sql = "SELECT * FROM {{ref('a')}} AS a JOIN {{ref('b')}} b USING (id) JOIN {{ref('a')}} a2 USING (id)";
  assert.equal(bindInputs(sql, { a: '"_rocky"."a__1"', b: '"_rocky"."b__2"' }),
    'SELECT * FROM "_rocky"."a__1" AS a JOIN "_rocky"."b__2" b USING (id) JOIN "_rocky"."a__1" a2 USING (id)');
  assert.throws(() => bindInputs(sql, { a: 'x' }), /no table bound for \{\{ref\('b'\)\}\}/);
});

test('offsetToLineColumn counts UTF-8 bytes in, characters out', () => {
  const text = "SELECT 'é日😀' AS x,\n  y FROM t";
  // 'é' is 2 bytes, '日' 3, '😀' 4 (two UTF-16 units): y sits at byte 8+2+3+4+1+7+1+3 = 29... computed below.
  const bytes = Buffer.byteLength(text.slice(0, text.indexOf('y')));
  assert.deepEqual(offsetToLineColumn(text, bytes), { line: 2, column: 3 });
  assert.deepEqual(offsetToLineColumn(text, Buffer.byteLength("SELECT 'é日😀")), { line: 1, column: 12 });
  assert.deepEqual(offsetToLineColumn(text, 'SELECT \'é日😀\''.length - 1, 'codepoint'), { line: 1, column: 13 });
  assert.deepEqual(offsetToLineColumn(text, -1), { line: 1, column: 1 });
});

test('didYouMean picks the closest name within reach, or none', () => {
  assert.equal(didYouMean('pricse', ['prices', 'trades', 'price_history']), 'prices');
  assert.equal(didYouMean('Trade', ['prices', 'trades']), 'trades');
  assert.equal(didYouMean('zzzzzz', ['prices', 'trades']), null);
});

test('every diagnostic code is documented in docs/diagnostics.md', () => {
  const doc = readFileSync('docs/diagnostics.md', 'utf8');
  for (const [code, { severity }] of Object.entries(SQL_DIAGNOSTICS)) {
    assert.match(doc, new RegExp(`\\| \`${code}\` \\| ${severity} \\|`), code);
  }
});

test('passes run in the declared order', () => {
  assert.deepEqual(PASSES.map((p) => p.name.split(' ')[0]), ['parse', 'resolve-names', 'build-dag', 'analyze', 'classify', 'render', 'assemble']);
});

test('compiling is deterministic and independent of input order', async () => {
  const spec = {
    sources: { s: { id: 'BIGINT', v: 'DOUBLE' } },
    models: { c: 'SELECT id, v FROM b', a: 'SELECT id, v * 2 AS v FROM s', b: 'SELECT a.id, a.v FROM a JOIN s ON a.id = s.id' },
  };
  const { models, sources } = await buildInputs(spec);
  const r1 = compileModels(models, sources);
  const r2 = compileModels([...models].reverse(), sources);
  assert.deepEqual(r1.order, ['a', 'b', 'c']);
  assert.deepEqual(r2.order, r1.order);
  assert.deepEqual(JSON.stringify([...r2.models.entries()].sort()), JSON.stringify([...r1.models.entries()].sort()));
  assert.deepEqual(r1.models.get('b')!.inputs, [{ name: 'a', kind: 'model' }, { name: 's', kind: 'source' }]);
});
