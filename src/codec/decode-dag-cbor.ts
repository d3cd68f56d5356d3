// A direct DAG-CBOR decoder for what encode-dag-cbor.ts writes, straight into the plain data
// decodeObject returns (links as `{ "/": cid }`): @ipld/dag-cbor builds tokens, then CID objects,
// then decodeObject copied the whole value again to turn them into text; for the 10,000 compiled
// models a lineage trace reads, that was ~0.9 s of ~2.3 s (measured), this is a fraction.
//
// It is as strict as DAG-CBOR on what it accepts: shortest-form lengths and integers, map keys
// unique and in DAG-CBOR order, 64-bit floats only (finite), valid UTF-8, tag 42 only. Anything
// outside the subset it reads (another kind of CID, half or single floats, big integers...)
// throws NotInSubset, and the caller decodes with @ipld/dag-cbor, which accepts or rejects it by
// the full rules.
import { isAscii } from 'node:buffer';
import { cidTextOfBytes } from './cid-text.js';

export class NotInSubset extends Error {}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const EMPTY = new Uint8Array(0);
const EMPTY_BUFFER = Buffer.alloc(0);
const EMPTY_VIEW = new DataView(new ArrayBuffer(0));
const MAX_SHORT = 50_000;

export function decodeDagCbor(bytes: Uint8Array): unknown {
  return reader.read(bytes);
}

/** One reader for every call (state in fields, methods on a class): closures made per call were
 *  ~2x slower, measured over 10,000 objects. */
class DagCborReader {
  private bytes: Uint8Array = EMPTY;
  private buf: Buffer = EMPTY_BUFFER;
  private view: DataView = EMPTY_VIEW;
  private at = 0;
  private n = 0;
  /** Short ASCII strings seen (map keys, edge kinds, types), by their bytes: one string each
   *  instead of a new one per occurrence. */
  private readonly short = new Map<number, string[]>();

  read(bytes: Uint8Array): unknown {
    this.bytes = bytes;
    this.buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.at = 0;
    this.n = bytes.length;
    try {
      const value = this.item();
      if (this.at !== this.n) throw new NotInSubset('bytes after the value');
      return value;
    } finally {
      // Not holding on to the caller's bytes (a compile cache's are tens of MB).
      this.bytes = EMPTY;
      this.buf = EMPTY_BUFFER;
      this.view = EMPTY_VIEW;
    }
  }

  private need(k: number): void {
    if (this.at + k > this.n) throw new NotInSubset('truncated');
  }

  /** The argument of a head whose first byte was read: shortest form enforced. */
  private argument(info: number): number {
    if (info < 24) return info;
    const view = this.view;
    if (info === 24) {
      this.need(1);
      const v = this.bytes[this.at++];
      if (v < 24) throw new NotInSubset('not the shortest form');
      return v;
    }
    if (info === 25) {
      this.need(2);
      const v = view.getUint16(this.at);
      this.at += 2;
      if (v < 0x100) throw new NotInSubset('not the shortest form');
      return v;
    }
    if (info === 26) {
      this.need(4);
      const v = view.getUint32(this.at);
      this.at += 4;
      if (v < 0x10000) throw new NotInSubset('not the shortest form');
      return v;
    }
    if (info === 27) {
      this.need(8);
      const v = view.getBigUint64(this.at);
      this.at += 8;
      if (v < 0x100000000n) throw new NotInSubset('not the shortest form');
      if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new NotInSubset('an integer beyond 2^53');
      return Number(v);
    }
    throw new NotInSubset('an indefinite length or a reserved head');
  }

  private text(len: number): string {
    this.need(len);
    const bytes = this.bytes;
    const start = this.at;
    const end = start + len;
    this.at = end;
    if (len > 24) {
      // Long ones (SQL texts) checked natively.
      return isAscii(bytes.subarray(start, end)) ? this.buf.toString('latin1', start, end) : this.utf8(start, end);
    }
    let hash = len;
    for (let i = start; i < end; i++) {
      const c = bytes[i];
      if (c > 0x7f) return this.utf8(start, end);
      hash = (hash * 31 + c) | 0;
    }
    let seen = this.short.get(hash);
    if (seen) {
      for (const s of seen) if (sameAscii(s, bytes, start, len)) return s;
    } else {
      if (this.short.size >= MAX_SHORT) this.short.clear(); // bounded, for long-lived processes
      this.short.set(hash, (seen = []));
    }
    const s = this.buf.toString('latin1', start, end);
    if (seen.length < 4) seen.push(s);
    return s;
  }

  private utf8(start: number, end: number): string {
    try {
      return utf8.decode(this.bytes.subarray(start, end));
    } catch {
      throw new NotInSubset('invalid UTF-8');
    }
  }

  private item(): unknown {
    this.need(1);
    const head = this.bytes[this.at++];
    const info = head & 31;
    switch (head >> 5) {
      case 0:
        return this.argument(info);
      case 1:
        return -1 - this.argument(info);
      case 2: {
        const len = this.argument(info);
        this.need(len);
        // A copy, as a plain Uint8Array (Buffer#slice would share the input's memory).
        const out = new Uint8Array(this.bytes.subarray(this.at, this.at + len));
        this.at += len;
        return out;
      }
      case 3:
        return this.text(this.argument(info));
      case 4: {
        const len = this.argument(info);
        const out = new Array<unknown>(len);
        for (let i = 0; i < len; i++) out[i] = this.item();
        return out;
      }
      case 5:
        return this.map(this.argument(info));
      case 6: {
        if (this.argument(info) !== 42) throw new NotInSubset('a tag other than 42');
        this.need(1);
        const bh = this.bytes[this.at++];
        if (bh >> 5 !== 2) throw new NotInSubset('a link that is not bytes');
        const len = this.argument(bh & 31);
        this.need(len);
        const cid = cidTextOfBytes(this.bytes.subarray(this.at, this.at + len));
        if (cid === null) throw new NotInSubset('a CID other than CIDv1 dag-cbor sha2-256');
        this.at += len;
        return { '/': cid };
      }
      default: {
        if (info === 20) return false;
        if (info === 21) return true;
        if (info === 22) return null;
        if (info === 27) {
          this.need(8);
          const v = this.view.getFloat64(this.at);
          this.at += 8;
          if (!Number.isFinite(v)) throw new NotInSubset('NaN or an infinity');
          return v;
        }
        throw new NotInSubset('a simple value or float width DAG-CBOR does not use here');
      }
    }
  }

  private map(len: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    let prevStart = -1;
    let prevLen = 0;
    for (let i = 0; i < len; i++) {
      this.need(1);
      const kh = this.bytes[this.at++];
      if (kh >> 5 !== 3) throw new NotInSubset('a map key that is not a string');
      const klen = this.argument(kh & 31);
      const kstart = this.at;
      // DAG-CBOR order: shorter keys first, then bytewise; strictly increasing (no duplicates).
      if (prevStart >= 0 && !(prevLen < klen || (prevLen === klen && compareBytes(this.bytes, prevStart, kstart, klen) < 0))) {
        throw new NotInSubset('map keys out of order or repeated');
      }
      const key = this.text(klen);
      if (key === '__proto__') throw new NotInSubset('a __proto__ key');
      prevStart = kstart;
      prevLen = klen;
      out[key] = this.item();
    }
    return out;
  }
}

const reader = new DagCborReader();

function sameAscii(s: string, bytes: Uint8Array, start: number, len: number): boolean {
  if (s.length !== len) return false;
  for (let i = 0; i < len; i++) if (s.charCodeAt(i) !== bytes[start + i]) return false;
  return true;
}

function compareBytes(bytes: Uint8Array, a: number, b: number, len: number): number {
  for (let i = 0; i < len; i++) {
    const d = bytes[a + i] - bytes[b + i];
    if (d !== 0) return d;
  }
  return 0;
}
