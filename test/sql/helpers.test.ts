// Unit tests of the small public helpers: bindInputs, offsetToLineColumn, didYouMean, and the
// diagnostic-code table staying in step with docs/diagnostics.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { bindInputs, offsetToLineColumn, SQL_DIAGNOSTICS, PASSES, compileModels } from '../../src/sql/index.js';
import { didYouMean } from '../../src/util/did-you-mean.js';
import { buildInputs } from './duckdb-helper.js';

test('bindInputs replaces the placeholder at each recorded position and throws on a missing binding', () => {
  const duckdb = "SELECT * FROM {{ref('a')}} AS a JOIN {{ref('b')}} b USING (id) JOIN {{ref('a')}} a2 USING (id)";
  const refs = [{ at: 14, name: 'a' }, { at: 37, name: 'b' }, { at: 68, name: 'a' }];
  assert.equal(bindInputs({ duckdb, refs }, { a: '"_rocky"."a__1"', b: '"_rocky"."b__2"' }),
    'SELECT * FROM "_rocky"."a__1" AS a JOIN "_rocky"."b__2" b USING (id) JOIN "_rocky"."a__1" a2 USING (id)');
  assert.throws(() => bindInputs({ duckdb, refs }, { a: 'x' }), /no table bound for \{\{ref\('b'\)\}\}/);
  assert.throws(() => bindInputs({ duckdb, refs: [{ at: 13, name: 'a' }] }, { a: 'x' }), /no \{\{ref\('a'\)\}\} at offset 13/);
  // Compiled models recorded without positions are bound by their text, as they always were.
  assert.equal(bindInputs({ duckdb }, { a: 'A', b: 'B' }), 'SELECT * FROM A AS a JOIN B b USING (id) JOIN A a2 USING (id)');
});

test('rendering records where each input is read and leaves placeholder-like text in comments and literals alone', async () => {
  const { models, sources } = await buildInputs({ sources: { orders: { id: 'INTEGER' } }, models: {
    m: "\n  -- reads {{ref('x')}} here\n  SELECT id, $${{ref('orders')}}$$ AS note, '{{ref(''orders'')}}' AS q FROM orders /* {{ref('orders')}} */;\n",
  } });
  const r = compileModels(models, sources);
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
  const rendered = r.models.get('m')!.rendered;
  assert.equal(rendered.refs?.length, 1);
  const bound = bindInputs(rendered, { orders: 'T' });
  assert.equal(bound, "-- reads {{ref('x')}} here\n  SELECT id, $${{ref('orders')}}$$ AS note, '{{ref(''orders'')}}' AS q FROM T AS orders /* {{ref('orders')}} */");
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

test('every project-file code (R…) the loader and the source resolver report is documented in docs/diagnostics.md', () => {
  const doc = readFileSync('docs/diagnostics.md', 'utf8');
  const codes = new Set<string>();
  for (const dir of ['src/project', 'src/plan']) {
    for (const f of readdirSync(dir, { recursive: true }) as string[]) {
      if (f.endsWith('.ts')) for (const m of readFileSync(`${dir}/${f}`, 'utf8').matchAll(/'(R\d{3})'/g)) codes.add(m[1]);
    }
  }
  assert.ok(codes.size >= 12, `only ${codes.size} R codes found in src/project and src/plan`);
  for (const code of codes) assert.match(doc, new RegExp(`\\| \`${code}\` \\| error \\|`), code);
});

test('passes run in the declared order', () => {
  assert.deepEqual(PASSES.map((p) => p.name.split(' ')[0]), ['parse', 'resolve-names', 'build-dag', 'find-volatile', 'analyze', 'classify', 'mark-volatile', 'render', 'assemble']);
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
