// The direct DAG-CBOR reader must give exactly what @ipld/dag-cbor gives (links as plain
// `{ "/": cid }`), and must not accept what DAG-CBOR forbids: whatever it leaves to the full
// decoder, decodeObject then accepts or rejects as before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as dagCbor from '@ipld/dag-cbor';
import { CID } from 'multiformats/cid';
import { decodeDagCbor, NotInSubset } from '../../src/codec/decode-dag-cbor.js';
import { DagCborEncoder } from '../../src/codec/encode-dag-cbor.js';

/** What decodeObject made of the library's output before: CIDs as `{ "/": text }`. */
function reference(bytes: Uint8Array): unknown {
  const plain = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(plain);
    if (v !== null && typeof v === 'object') {
      const cid = CID.asCID(v);
      if (cid) return { '/': cid.toString() };
      if (v instanceof Uint8Array) return v;
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
    }
    return v;
  };
  return plain(dagCbor.decode(bytes));
}

/** The same value as the library encodes it (links as CID objects). */
function toIpld(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(toIpld);
  if (v !== null && typeof v === 'object' && !(v instanceof Uint8Array)) {
    const rec = v as Record<string, unknown>;
    if (Object.keys(rec).length === 1 && typeof rec['/'] === 'string') return CID.parse(rec['/'] as string);
    return Object.fromEntries(Object.entries(rec).map(([k, x]) => [k, toIpld(x)]));
  }
  return v;
}

const LINK = { '/': 'bafyreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy' };
const INTS = [0, 1, 23, 24, 255, 256, 65535, 65536, 2 ** 32 - 1, 2 ** 32, Number.MAX_SAFE_INTEGER, -1, -24, -25, -256, -257, -(2 ** 32), -Number.MAX_SAFE_INTEGER];
const STRINGS = ['', 'a', 'x'.repeat(23), 'x'.repeat(24), 'y'.repeat(300), 'größe €', 'note 😀', 'SELECT 1\n\t"quoted"'];

test('reads what the encoders write, exactly as @ipld/dag-cbor does', () => {
  let seed = 11;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
  const value = (depth: number): unknown => {
    switch (rand(depth > 3 ? 6 : 9)) {
      case 0: return INTS[rand(INTS.length)];
      case 1: return STRINGS[rand(STRINGS.length)];
      case 2: return [true, false, null][rand(3)];
      case 3: return [0.5, -1.25, 1e300, 123456.789][rand(4)];
      case 4: return LINK;
      case 5: return new Uint8Array([1, 2, 3, rand(256)]);
      case 6: return Array.from({ length: rand(5) }, () => value(depth + 1));
      default: {
        const out: Record<string, unknown> = {};
        for (let i = rand(6); i > 0; i--) out[['a', 'bb', 'kind', 'to', 'from', 'é', 'columns', 'x'.repeat(30)][rand(8)] + (rand(3) === 0 ? String(i) : '')] = value(depth + 1);
        return out;
      }
    }
  };
  const ours = new DagCborEncoder();
  for (let round = 0; round < 3000; round++) {
    const v = value(0);
    for (const bytes of [dagCbor.encode(toIpld(v)), ours.encode(v)]) {
      assert.deepEqual(decodeDagCbor(bytes), reference(bytes), `round ${round}`);
    }
  }
});

test('what DAG-CBOR forbids, or what lies outside what rocky writes, is left to the full decoder', () => {
  const hex = (h: string) => Uint8Array.from(Buffer.from(h.replace(/ /g, ''), 'hex'));
  const cases: [string, string][] = [
    ['18 05', 'an integer not in its shortest form'],
    ['19 00 ff', 'a length not in its shortest form'],
    ['a2 61 62 01 61 61 02', 'map keys out of order'],
    ['a2 61 61 01 61 61 02', 'a repeated map key'],
    ['a1 01 02', 'a map key that is not a string'],
    ['f9 3c 00', 'a half-precision float'],
    ['fa 3f 80 00 00', 'a single-precision float'],
    ['fb 7f f8 00 00 00 00 00 00', 'NaN'],
    ['9f 01 ff', 'an indefinite-length array'],
    ['01 02', 'bytes after the value'],
    ['62 61', 'a truncated string'],
    ['62 c3 28', 'invalid UTF-8'],
    ['d8 2b 01', 'a tag other than 42'],
    ['f7', 'undefined'],
    ['1b 00 20 00 00 00 00 00 00', 'an integer beyond 2^53'],
    ['a1 69 5f 5f 70 72 6f 74 6f 5f 5f 01', 'a __proto__ key'],
  ];
  for (const [h, what] of cases) assert.throws(() => decodeDagCbor(hex(h)), NotInSubset, what);
  // A CID other than CIDv1 dag-cbor sha2-256 (here raw, 0x55): left to the full decoder.
  const raw = CID.parse('bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy');
  assert.throws(() => decodeDagCbor(dagCbor.encode({ l: raw })), NotInSubset);
});
