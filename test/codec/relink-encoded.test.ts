// Rewriting links in encoded bytes must give exactly what encoding the edited object gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeObject } from '../../src/codec/index.js';
import { relinkEncoded } from '../../src/codec/relink-encoded.js';
import type { Cid, PlanObject } from '../../src/objects/types.js';

const cidOf = (i: number): Cid => encodeObject({ kind: 'model-source', version: 1, name: `m${i}`, path: `models/m${i}.sql`, sql: `SELECT ${i} AS x`, config: { materialization: 'table', key: [], description: '', columns: {} } }).cid;

function planWith(cids: readonly Cid[]): PlanObject {
  return {
    kind: 'plan', version: 1, project: 'p',
    models: cids.map((c, i) => ({ name: `m${String(i).padStart(3, '0')}`, compiled: { '/': c } })),
    sources: [{ name: 's', schema: { '/': cids[0] } }],
    order: cids.map((_, i) => `m${String(i).padStart(3, '0')}`),
  };
}

test('relinking encoded bytes equals encoding the relinked object', () => {
  const cids = Array.from({ length: 300 }, (_, i) => cidOf(i));
  const before = encodeObject(planWith(cids.slice(0, 200)));
  const after = cids.slice(0, 200).map((c, i) => (i % 37 === 5 ? cids[200 + i / 37 | 0] : c));
  const links = new Map<Cid, Cid>();
  cids.slice(0, 200).forEach((c, i) => { if (after[i] !== c) links.set(c, after[i]); });
  assert.ok(links.size >= 5);
  const relinked = relinkEncoded(before.bytes, links)!;
  const encoded = encodeObject(planWith(after));
  assert.equal(relinked.cid, encoded.cid);
  assert.deepEqual(Buffer.from(relinked.bytes), Buffer.from(encoded.bytes));
  assert.deepEqual(Buffer.from(before.bytes), Buffer.from(encodeObject(planWith(cids.slice(0, 200))).bytes), 'the input bytes are not modified');
});

test('a link that is absent or appears twice is not rewritten', () => {
  const cids = Array.from({ length: 4 }, (_, i) => cidOf(i));
  const plan = encodeObject(planWith(cids.slice(0, 3)));
  assert.equal(relinkEncoded(plan.bytes, new Map([[cids[3], cids[2]]])), null, 'absent');
  // cids[0] is linked twice (model m000 and source s): which one to rewrite is ambiguous.
  assert.equal(relinkEncoded(plan.bytes, new Map([[cids[0], cids[3]]])), null, 'twice');
  assert.equal(relinkEncoded(plan.bytes, new Map([['bafkqaaa' as Cid, cids[3]]])), null, 'not one of our CIDs');
});
