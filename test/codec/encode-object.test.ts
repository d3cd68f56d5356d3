import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeObject, decodeObject, cidOfBytes } from '../../src/codec/index.js';
import type { ModelSourceObject, Cid } from '../../src/objects/types.js';
import { CorruptObjectError } from '../../src/errors/index.js';

const source: ModelSourceObject = {
  kind: 'model-source', version: 1, name: 'latest_prices', path: 'models/latest_prices.sql',
  sql: 'SELECT 1 AS x', config: { materialization: 'table', key: [], description: '', columns: {} },
};

test('encoding ignores key order and round-trips', () => {
  const a = encodeObject(source);
  const shuffled = Object.fromEntries(Object.entries(source).reverse()) as unknown as ModelSourceObject;
  const b = encodeObject(shuffled);
  assert.equal(a.cid, b.cid);
  assert.deepEqual(decodeObject(a.bytes, a.cid), source);
});

test('links encode as CIDs and decode back to plain links', () => {
  const s = encodeObject(source);
  const plan = { kind: 'plan', version: 1, project: 'p', models: [{ name: 'x', compiled: { '/': s.cid } }], sources: [], order: ['x'] } as const;
  const p = encodeObject(plan);
  const back = decodeObject(p.bytes, p.cid) as typeof plan;
  assert.equal(back.models[0].compiled['/'], s.cid);
  assert.match(p.cid, /^bafyrei/);
});

test('a tampered object is rejected, naming it', () => {
  const a = encodeObject(source);
  const bad = new Uint8Array(a.bytes);
  bad[bad.length - 1] ^= 1;
  assert.throws(() => decodeObject(bad, a.cid), (e: unknown) => e instanceof CorruptObjectError && e.message.includes(a.cid));
});

test('unknown kinds and versions are rejected', () => {
  const odd = encodeObject({ ...source, version: 2 } as unknown as ModelSourceObject);
  assert.throws(() => decodeObject(odd.bytes), /version 2 is not supported/);
  assert.notEqual(cidOfBytes(odd.bytes), '' as Cid);
});

test('the direct encoder is byte-identical to @ipld/dag-cbor', async () => {
  const { encodeObjectReference } = await import('../../src/codec/encode-object.js');
  const { readFileSync } = await import('node:fs');
  const golden = JSON.parse(readFileSync('fixtures/golden/objects.json', 'utf8')) as { object: ModelSourceObject }[];
  const odd = {
    ...source,
    sql: 'ünïcødé ✓ and a long text '.repeat(40),
    config: { materialization: 'table', key: ['a', 'bb', 'ccc', 'é'], description: '', columns: { zz: {}, a: { description: 'x' }, aa: { classification: ['pii'] }, 'é': {} } },
  } as unknown as ModelSourceObject;
  const numbers = { ...source, config: { ...source.config, columns: {} }, extra: [0, 1, 23, 24, 255, 256, 65535, 65536, 2 ** 32 - 1, 2 ** 32, 2 ** 53 - 1, -1, -24, -25, -256, -257, -65537, 1.5, -0.25, 1e300, null, true, false, new Uint8Array([1, 2, 3])] } as unknown as ModelSourceObject;
  for (const obj of [source, odd, numbers, ...golden.map((g) => g.object)]) {
    const fast = encodeObject(obj);
    assert.deepEqual(Buffer.from(fast.bytes), Buffer.from(encodeObjectReference(obj)));
  }
});

test('links read from their base32 text encode exactly as @ipld/dag-cbor encodes them', async () => {
  const { encodeObjectReference } = await import('../../src/codec/encode-object.js');
  // 200 CIDs of distinct objects, each linked by an encoder that has never seen it (the fast
  // base32 path), plus a base58 CIDv0-looking text that must take the validating path.
  const cids = Array.from({ length: 200 }, (_, i) => encodeObject({ ...source, sql: `SELECT ${i}` }).cid);
  const plan = { kind: 'plan', version: 1, project: 'p', models: cids.map((c, i) => ({ name: `m${i}`, compiled: { '/': c } })), sources: [], order: [] } as const;
  assert.deepEqual(Buffer.from(encodeObject(plan).bytes), Buffer.from(encodeObjectReference(plan)));
  const bad = { ...plan, models: [{ name: 'x', compiled: { '/': 'bafyrei!!' } }] } as const;
  assert.throws(() => encodeObject(bad as never));
});

test('CID texts and bytes are the ones multiformats builds, for many contents', async () => {
  const { dagCborCid } = await import('../../src/codec/cid-text.js');
  const { CID } = await import('multiformats/cid');
  const { sha256 } = await import('multiformats/hashes/sha2');
  const dagCbor = await import('@ipld/dag-cbor');
  for (let i = 0; i < 500; i++) {
    const bytes = new TextEncoder().encode(`content ${i} ${'x'.repeat(i % 97)}`);
    const expected = CID.createV1(dagCbor.code, await sha256.digest(bytes));
    const got = dagCborCid(bytes);
    assert.equal(got.text, expected.toString());
    assert.deepEqual(Buffer.from(got.bytes), Buffer.from(expected.bytes));
  }
});

test('undefined values are left out exactly as @ipld/dag-cbor leaves them out, links included', async () => {
  const { encodeObjectReference } = await import('../../src/codec/encode-object.js');
  const linked = encodeObject(source).cid;
  const odd = {
    ...source,
    description: undefined,
    config: { ...source.config, key: undefined, columns: { a: { classification: undefined, description: 'x' }, b: {} } },
    extra: [{ '/': linked, note: undefined }, { z: 1, a: undefined, y: [undefined === undefined] }],
  } as unknown as ModelSourceObject;
  assert.deepEqual(Buffer.from(encodeObject(odd).bytes), Buffer.from(encodeObjectReference(odd)));
});
