// Deterministic dag-cbor encoding of rocky objects and their CIDv1 (sha2-256). Plain-data links
// `{ "/": cid }` become CBOR tag-42 links, so IPLD tools see a real Merkle DAG.
import * as dagCbor from '@ipld/dag-cbor';
import { CID } from 'multiformats/cid';
import type { Cid, RockyObject } from '../objects/types.js';
import { DagCborEncoder } from './encode-dag-cbor.js';
import { dagCborCid } from './cid-text.js';

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

/** The CIDv1 (dag-cbor, sha2-256) of the bytes, as text: the same as multiformats gives. */
export function cidOfBytes(bytes: Uint8Array): Cid {
  return dagCborCid(bytes).text as Cid;
}

/** Pass one encoder when encoding many objects (a whole plan): it reuses its buffer and caches. */
export function encodeObject(obj: RockyObject, encoder: DagCborEncoder = new DagCborEncoder()): EncodedObject {
  const bytes = encoder.encode(obj);
  const cid = dagCborCid(bytes);
  // Objects of a batch link the ones encoded before them: spare the encoder parsing the text.
  encoder.rememberCid(cid.text, cid.linkBytes);
  return { cid: cid.text as Cid, bytes };
}

/** The reference encoding through @ipld/dag-cbor; encodeObject must match it byte for byte. */
export function encodeObjectReference(obj: RockyObject): Uint8Array {
  return dagCbor.encode(toIpld(obj));
}
