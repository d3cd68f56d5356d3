// Golden encodings: one object of every kind with its CID pinned. A change of encoding (field
// order, types, link form, dag-cbor version) changes these CIDs and fails here, never at replay.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { encodeObject, decodeObject } from '../../src/codec/index.js';
import { OBJECT_KINDS } from '../../src/objects/validate-object.js';
import type { RockyObject } from '../../src/objects/types.js';

const golden = JSON.parse(readFileSync('fixtures/golden/objects.json', 'utf8')) as { cid: string; object: RockyObject }[];

test('every object kind has a golden encoding', () => {
  assert.deepEqual([...new Set(golden.map((g) => g.object.kind))].sort(), [...OBJECT_KINDS].sort());
});

for (const g of golden) {
  test(`${g.object.kind} encodes to its pinned CID`, () => {
    const enc = encodeObject(g.object);
    assert.equal(enc.cid, g.cid);
    assert.deepEqual(decodeObject(enc.bytes, g.cid), g.object);
  });
}
