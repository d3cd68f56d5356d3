// Deterministic dag-cbor encoding of rocky objects and their CIDv1 (sha2-256). Plain-data links
// `{ "/": cid }` become CBOR tag-42 links, so IPLD tools see a real Merkle DAG.
import * as dagCbor from '@ipld/dag-cbor';
import { CID } from 'multiformats/cid';
import { sha256 } from 'multiformats/hashes/sha2';
import { createHash } from 'node:crypto';
import * as Digest from 'multiformats/hashes/digest';
import type { Cid, RockyObject } from '../objects/types.js';
import { DagCborEncoder } from './encode-dag-cbor.js';

export interface EncodedObject {
  readonly cid: Cid;
  readonly bytes: Uint8Array;
}

function toIpld(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toIpld);
  if (value instanceof Uint8Array) return value;
  if (value !== null && typeof value === 'object') {
    const rec = value as Record<string, unknown>;
    const keys = Object.keys(rec);
    if (keys.length === 1 && keys[0] === '/' && typeof rec['/'] === 'string') return CID.parse(rec['/'] as string);
    const out: Record<string, unknown> = {};
    for (const k of keys) if (rec[k] !== undefined) out[k] = toIpld(rec[k]);
    return out;
  }
  return value;
}

/** sha2-256 via node:crypto (synchronous), wrapped as a multihash: same bytes as multiformats' sha256. */
export function cidOfBytes(bytes: Uint8Array): Cid {
  return cidOf(bytes).toString() as Cid;
}

function cidOf(bytes: Uint8Array): CID {
  const digest = createHash('sha256').update(bytes).digest();
  const mh = Digest.create(sha256.code, new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength));
  return CID.createV1(dagCbor.code, mh);
}

/** Pass one encoder when encoding many objects (a whole plan): it reuses its buffer and caches. */
export function encodeObject(obj: RockyObject, encoder: DagCborEncoder = new DagCborEncoder()): EncodedObject {
  const bytes = encoder.encode(obj);
  const cid = cidOf(bytes);
  const text = cid.toString() as Cid;
  // Objects of a batch link the ones encoded before them: spare the encoder parsing the text.
  encoder.rememberCid(text, cid.bytes);
  return { cid: text, bytes };
}

/** The reference encoding through @ipld/dag-cbor; encodeObject must match it byte for byte. */
export function encodeObjectReference(obj: RockyObject): Uint8Array {
  return dagCbor.encode(toIpld(obj));
}
