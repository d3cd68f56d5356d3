// Decoding of stored bytes back to plain rocky objects; CID links become `{ "/": cid }` again.
import * as dagCbor from '@ipld/dag-cbor';
import { CID } from 'multiformats/cid';
import type { RockyObject } from '../objects/types.js';
import { CorruptObjectError } from '../errors/corrupt-object-error.js';
import { validateObject } from '../objects/validate-object.js';
import { cidOfBytes } from './encode-object.js';
import { decodeDagCbor } from './decode-dag-cbor.js';

function fromIpld(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromIpld);
  if (value !== null && typeof value === 'object') {
    const asCid = CID.asCID(value);
    if (asCid) return { '/': asCid.toString() };
    if (value instanceof Uint8Array) return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = fromIpld(v);
    return out;
  }
  return value;
}

/** Decodes and validates; when `expectedCid` is given the bytes must hash to it. */
export function decodeObject(bytes: Uint8Array, expectedCid?: string): RockyObject {
  const label = expectedCid ?? '(unnamed)';
  if (expectedCid !== undefined) {
    const actual = cidOfBytes(bytes);
    if (actual !== expectedCid) throw new CorruptObjectError(expectedCid, `content hashes to ${actual}`);
  }
  let raw: unknown;
  try {
    // The subset rocky writes, read directly; anything else goes through the full decoder.
    raw = decodeDagCbor(bytes);
  } catch {
    // Outside the subset (NotInSubset), or anything the direct reader trips on: the full decoder
    // accepts or rejects it by DAG-CBOR's rules.
    try {
      raw = fromIpld(dagCbor.decode(bytes));
    } catch (e2) {
      throw new CorruptObjectError(label, `not dag-cbor: ${(e2 as Error).message}`);
    }
  }
  const problem = validateObject(raw);
  if (problem) throw new CorruptObjectError(label, problem);
  return raw as RockyObject;
}

/** True when the text is a well-formed CIDv1 string. */
export function isCid(text: string): boolean {
  try {
    return CID.parse(text).version === 1;
  } catch {
    return false;
  }
}
