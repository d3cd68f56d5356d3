// Lineage diff classification: added / removed / type / lineage / classification changes, the
// downstream consumers of each, and the breaking verdict (narrowing, removal, lost masking).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffLineage } from '../../src/lineage/diff-lineage.js';
import { isNarrowing } from '../../src/lineage/is-narrowing.js';
import { chain, planOf } from './plan-fixture.js';

const labels = { base: 'a', head: 'b' };

function withModel(name: string, model: Parameters<typeof planOf>[0]['models'][string]) {
  const base = chain();
  const head = planOf({
    sources: { trades: { id: 'BIGINT', qty: 'BIGINT', ssn: { type: 'VARCHAR', classification: ['pii'] }, day: 'DATE' } },
    models: Object.fromEntries([...base.models].map(([n, m]) => [n, n === name ? model : {
      columns: Object.fromEntries(m.object.columns.map((c) => [c.name, { type: c.type, classification: [...c.classification] }])),
      lineage: m.object.lineage.map((e) => [e.to, e.from, e.subtype, e.masking] as [string, string, typeof e.subtype, boolean]),
    }])),
  });
  return diffLineage(base, head, labels);
}

test('identical plans have no changes', () => {
  const d = diffLineage(chain(), chain(), labels);
  assert.deepEqual(d.models, []);
  assert.equal(d.breaking, false);
});

test('a narrowed type consumed downstream is breaking, with its consumers', () => {
  const d = withModel('enriched', {
    columns: { id: 'BIGINT', qty: 'INTEGER', ssn_hash: 'VARCHAR', day: 'DATE' },
    lineage: [['id', 'trades.id', 'IDENTITY'], ['qty', 'trades.qty', 'TRANSFORMATION'], ['ssn_hash', 'trades.ssn', 'TRANSFORMATION', true], ['day', 'trades.day', 'IDENTITY']],
  });
  assert.equal(d.models.length, 1);
  const [qty] = d.models[0].columns;
  assert.deepEqual(qty.changes, ['type_changed', 'lineage_changed']);
  assert.deepEqual(qty.downstream, ['daily.total', 'report.total']);
  assert.equal(qty.breaking, true);
  assert.match(qty.reason!, /narrowed from BIGINT to INTEGER/);
  assert.equal(d.breaking, true);
});

test('a widened type, or a narrowed one nobody reads, is not breaking', () => {
  const widened = withModel('enriched', {
    columns: { id: 'BIGINT', qty: 'HUGEINT', ssn_hash: 'VARCHAR', day: 'DATE' },
    lineage: [['id', 'trades.id', 'IDENTITY'], ['qty', 'trades.qty', 'IDENTITY'], ['ssn_hash', 'trades.ssn', 'TRANSFORMATION', true], ['day', 'trades.day', 'IDENTITY']],
  });
  assert.equal(widened.breaking, false);
  assert.deepEqual(widened.models[0].columns[0].changes, ['type_changed']);
  const leaf = withModel('report', { columns: { total: 'INTEGER' }, lineage: [['total', 'daily.total', 'TRANSFORMATION']] });
  assert.equal(leaf.breaking, false);
  assert.deepEqual(leaf.models[0].columns[0].downstream, []);
});

test('a removed column is breaking when base consumers read it; added columns and models are not', () => {
  const d = withModel('enriched', {
    columns: { id: 'BIGINT', ssn_hash: 'VARCHAR', day: 'DATE', note: 'VARCHAR' },
    lineage: [['id', 'trades.id', 'IDENTITY'], ['ssn_hash', 'trades.ssn', 'TRANSFORMATION', true], ['day', 'trades.day', 'IDENTITY']],
  });
  const byName = Object.fromEntries(d.models[0].columns.map((c) => [c.column, c]));
  assert.deepEqual(byName.note.changes, ['added']);
  assert.equal(byName.note.breaking, false);
  assert.deepEqual(byName.qty.changes, ['removed']);
  assert.deepEqual(byName.qty.downstream, ['daily.total', 'report.total']);
  assert.equal(byName.qty.breaking, true);
  const added = diffLineage(chain(), planOf({ sources: {}, models: { fresh: { columns: { x: 'INTEGER' }, lineage: [] } } }), labels);
  const fresh = added.models.find((m) => m.model === 'fresh')!;
  assert.equal(fresh.status, 'added');
  assert.equal(fresh.breaking, false);
  assert.equal(added.models.find((m) => m.model === 'enriched')!.status, 'removed');
});

test('a masking edge that no longer masks is breaking, whoever reads it', () => {
  const d = withModel('enriched', {
    columns: { id: 'BIGINT', qty: 'BIGINT', ssn_hash: 'VARCHAR', day: 'DATE' },
    lineage: [['id', 'trades.id', 'IDENTITY'], ['qty', 'trades.qty', 'IDENTITY'], ['ssn_hash', 'trades.ssn', 'IDENTITY'], ['day', 'trades.day', 'IDENTITY']],
  });
  const [c] = d.models[0].columns;
  assert.equal(c.column, 'ssn_hash');
  assert.deepEqual(c.changes, ['lineage_changed']);
  assert.deepEqual(c.downstream, []);
  assert.equal(c.breaking, true);
  assert.match(c.reason!, /masking lost/);
});

test('gaining pii or financial is a lost masking; other classification changes are not breaking', () => {
  const d = withModel('report', { columns: { total: { type: 'BIGINT', classification: ['financial'] } }, lineage: [['total', 'daily.total', 'IDENTITY']] });
  const [c] = d.models[0].columns;
  assert.deepEqual(c.changes, ['classification_changed']);
  assert.equal(c.breaking, true);
  assert.match(c.reason!, /financial/);
  const other = withModel('report', { columns: { total: { type: 'BIGINT', classification: ['internal'] } }, lineage: [['total', 'daily.total', 'IDENTITY']] });
  assert.equal(other.breaking, false);
});

test('narrowing rules', () => {
  const narrow: [string, string][] = [['BIGINT', 'INTEGER'], ['DOUBLE', 'INTEGER'], ['VARCHAR', 'DATE'], ['VARCHAR', 'BIGINT'],
    ['DECIMAL(18,2)', 'DECIMAL(10,2)'], ['DECIMAL(18,2)', 'DECIMAL(18,1)'], ['DOUBLE', 'FLOAT'], ['INTEGER', 'UINTEGER'],
    ['DECIMAL(18,2)', 'BIGINT'], ['DOUBLE', 'DECIMAL(38,10)'], ['TIMESTAMP', 'DATE'], ['BIGINT', 'DOUBLE']];
  const wide: [string, string][] = [['INTEGER', 'BIGINT'], ['INT', 'INTEGER'], ['FLOAT', 'DOUBLE'], ['INTEGER', 'DOUBLE'], ['DATE', 'VARCHAR'],
    ['DECIMAL(10,2)', 'DECIMAL(18,2)'], ['DECIMAL(10,2)', 'DECIMAL(12,4)'], ['INTEGER', 'DECIMAL(18,2)'], ['UINTEGER', 'BIGINT'], ['DATE', 'TIMESTAMP']];
  for (const [a, b] of narrow) assert.equal(isNarrowing(a, b), true, `${a} -> ${b} should narrow`);
  for (const [a, b] of wide) assert.equal(isNarrowing(a, b), false, `${a} -> ${b} should not narrow`);
});
