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

test('a new column carrying pii or financial unmasked is breaking; a masked one is not', () => {
  const exposed = withModel('enriched', {
    columns: { id: 'BIGINT', qty: 'BIGINT', ssn_hash: 'VARCHAR', day: 'DATE', ssn: { type: 'VARCHAR', classification: ['pii'] } },
    lineage: [['id', 'trades.id', 'IDENTITY'], ['qty', 'trades.qty', 'IDENTITY'], ['ssn_hash', 'trades.ssn', 'TRANSFORMATION', true], ['day', 'trades.day', 'IDENTITY'], ['ssn', 'trades.ssn', 'IDENTITY']],
  });
  const [c] = exposed.models[0].columns;
  assert.equal(c.column, 'ssn');
  assert.deepEqual(c.changes, ['added']);
  assert.deepEqual(c.downstream, []);
  assert.equal(c.breaking, true, 'breaking even though nothing reads it yet');
  assert.equal(c.reason, 'new column exposes pii unmasked');
  assert.equal(exposed.breaking, true);
  // A sidecar may tag a hashed column: every DIRECT edge masks, so nothing is exposed.
  const masked = withModel('enriched', {
    columns: { id: 'BIGINT', qty: 'BIGINT', ssn_hash: 'VARCHAR', day: 'DATE', ssn_md5: { type: 'VARCHAR', classification: ['pii'] } },
    lineage: [['id', 'trades.id', 'IDENTITY'], ['qty', 'trades.qty', 'IDENTITY'], ['ssn_hash', 'trades.ssn', 'TRANSFORMATION', true], ['day', 'trades.day', 'IDENTITY'], ['ssn_md5', 'trades.ssn', 'TRANSFORMATION', true]],
  });
  assert.equal(masked.models[0].columns[0].breaking, false);
  const internal = withModel('enriched', {
    columns: { id: 'BIGINT', qty: 'BIGINT', ssn_hash: 'VARCHAR', day: 'DATE', desk: { type: 'VARCHAR', classification: ['internal'] } },
    lineage: [['id', 'trades.id', 'IDENTITY'], ['qty', 'trades.qty', 'IDENTITY'], ['ssn_hash', 'trades.ssn', 'TRANSFORMATION', true], ['day', 'trades.day', 'IDENTITY'], ['desk', 'trades.id', 'TRANSFORMATION']],
  });
  assert.equal(internal.breaking, false);
});

test('a new model exposing a sensitive column unmasked is breaking', () => {
  const head = planOf({
    sources: { trades: { id: 'BIGINT', qty: 'BIGINT', ssn: { type: 'VARCHAR', classification: ['pii'] }, day: 'DATE' } },
    models: { ...Object.fromEntries([...chain().models].map(([n, m]) => [n, {
      columns: Object.fromEntries(m.object.columns.map((c) => [c.name, { type: c.type, classification: [...c.classification] }])),
      lineage: m.object.lineage.map((e) => [e.to, e.from, e.subtype, e.masking] as [string, string, typeof e.subtype, boolean]),
    }])),
    leak: { columns: { id: 'BIGINT', ssn: { type: 'VARCHAR', classification: ['financial', 'pii'] } }, lineage: [['id', 'trades.id', 'IDENTITY'], ['ssn', 'trades.ssn', 'IDENTITY']] } },
  });
  const d = diffLineage(chain(), head, labels);
  const leak = d.models.find((m) => m.model === 'leak')!;
  assert.equal(leak.status, 'added');
  assert.equal(leak.breaking, true);
  assert.deepEqual(leak.columns.map((c) => [c.column, c.breaking, c.reason]), [['id', false, null], ['ssn', true, 'new column exposes financial, pii unmasked']]);
});

test('a model whose SQL changed without a column change is modified, sql_changed, not breaking', () => {
  const base = chain();
  const sqlOf = (sql: string) => planOf({
    sources: { trades: { id: 'BIGINT', qty: 'BIGINT', ssn: { type: 'VARCHAR', classification: ['pii'] }, day: 'DATE' } },
    models: Object.fromEntries([...base.models].map(([n, m]) => [n, {
      columns: Object.fromEntries(m.object.columns.map((c) => [c.name, { type: c.type, classification: [...c.classification] }])),
      lineage: m.object.lineage.map((e) => [e.to, e.from, e.subtype, e.masking] as [string, string, typeof e.subtype, boolean]),
      sql: n === 'daily' ? sql : m.object.sql,
    }])),
  });
  const before = sqlOf('SELECT day, sum(qty) AS total FROM enriched WHERE qty > 100 GROUP BY day');
  const d = diffLineage(before, sqlOf('SELECT day, sum(qty) AS total FROM enriched WHERE qty > 200 GROUP BY day'), labels);
  assert.deepEqual(d.models.map((m) => [m.model, m.status, m.sql_changed, m.columns.length, m.breaking]), [['daily', 'modified', true, 0, false]]);
  assert.equal(d.breaking, false);
  // Comments and layout are not a change.
  const relaid = diffLineage(before, sqlOf('SELECT day,\n  sum(qty) AS total -- per day\nFROM enriched WHERE qty > 100 GROUP BY day'), labels);
  assert.deepEqual(relaid.models, []);
  // With a column change too, the flag rides along.
  const both = withModel('daily', { columns: { day: 'DATE', total: 'HUGEINT' }, lineage: [['day', 'enriched.day', 'IDENTITY'], ['total', 'enriched.qty', 'AGGREGATION'], ['total', 'enriched.day', 'GROUP_BY']], sql: 'SELECT 2' });
  assert.equal(both.models[0].sql_changed, true);
  assert.equal(both.models[0].columns.length, 1);
  const unchanged = withModel('daily', { columns: { day: 'DATE', total: 'HUGEINT' }, lineage: [['day', 'enriched.day', 'IDENTITY'], ['total', 'enriched.qty', 'AGGREGATION'], ['total', 'enriched.day', 'GROUP_BY']] });
  assert.equal(unchanged.models[0].sql_changed, false);
});

test('a model with the same CID on both sides is skipped without being decoded', () => {
  const base = chain();
  const head = chain();
  // Lazy objects (as the compile cache gives them) that must not be touched.
  const untouchable = (plan: ReturnType<typeof chain>) => new Map([...plan.models].map(([name, m]) => [name, {
    ...m, get object(): never { throw new Error(`${name} was decoded`); },
  }]));
  const diff = diffLineage({ ...base, models: untouchable(base) } as never, { ...head, models: untouchable(head) } as never, { base: 'a', head: 'b' });
  assert.deepEqual(diff.models, []);
  assert.equal(diff.breaking, false);
});
