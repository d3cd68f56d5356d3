// A direct DAG-CBOR encoder for rocky objects' plain data: maps with string keys (sorted
// length-first, then bytewise, as DAG-CBOR requires), arrays, strings, integers (shortest
// form), floats (always 64-bit), booleans, null, Uint8Array, and links written `{ "/": cid }`
// (tag 42). It writes bytes in one pass instead of building a token list, ~5x faster than the
// general encoder on a 10,000-model plan; test/codec proves it byte-identical to @ipld/dag-cbor.
import { CID } from 'multiformats/cid';

const utf8 = new TextEncoder();

class Out {
  buf = new Uint8Array(1024);
  view = new DataView(this.buf.buffer);
  len = 0;
  ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
  head(major: number, n: number): void {
    this.ensure(9);
    const m = major << 5;
    if (n < 24) this.buf[this.len++] = m | n;
    else if (n < 0x100) { this.buf[this.len++] = m | 24; this.buf[this.len++] = n; }
    else if (n < 0x10000) { this.buf[this.len++] = m | 25; this.view.setUint16(this.len, n); this.len += 2; }
    else if (n < 0x100000000) { this.buf[this.len++] = m | 26; this.view.setUint32(this.len, n); this.len += 4; }
    else { this.buf[this.len++] = m | 27; this.view.setBigUint64(this.len, BigInt(n)); this.len += 8; }
  }
  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }
}

function compareKeys(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

export function encodeDagCbor(value: unknown): Uint8Array {
  const out = new Out();
  const cids = new Map<string, Uint8Array>();
  const keyCache = new Map<string, Uint8Array>();
  const keyBytes = (k: string): Uint8Array => {
    let b = keyCache.get(k);
    if (!b) keyCache.set(k, (b = utf8.encode(k)));
    return b;
  };
  const write = (v: unknown): void => {
    switch (typeof v) {
      case 'string': {
        const b = utf8.encode(v);
        out.head(3, b.length);
        out.bytes(b);
        return;
      }
      case 'number':
        if (Number.isInteger(v) && Number.isSafeInteger(v)) {
          if (v >= 0) out.head(0, v);
          else out.head(1, -1 - v);
        } else {
          if (!Number.isFinite(v)) throw new Error(`${v} is not supported by the IPLD data model`);
          out.ensure(9);
          out.buf[out.len++] = 0xfb;
          out.view.setFloat64(out.len, v);
          out.len += 8;
        }
        return;
      case 'boolean':
        out.ensure(1);
        out.buf[out.len++] = v ? 0xf5 : 0xf4;
        return;
      case 'object': {
        if (v === null) { out.ensure(1); out.buf[out.len++] = 0xf6; return; }
        if (v instanceof Uint8Array) { out.head(2, v.length); out.bytes(v); return; }
        if (Array.isArray(v)) {
          out.head(4, v.length);
          for (const item of v) write(item);
          return;
        }
        const rec = v as Record<string, unknown>;
        const keys = Object.keys(rec).filter((k) => rec[k] !== undefined);
        if (keys.length === 1 && keys[0] === '/' && typeof rec['/'] === 'string') {
          const text = rec['/'] as string;
          let b = cids.get(text);
          if (!b) {
            const raw = CID.parse(text).bytes;
            b = new Uint8Array(raw.length + 1); // multibase identity prefix 0x00, as DAG-CBOR wants
            b.set(raw, 1);
            cids.set(text, b);
          }
          out.head(6, 42);
          out.head(2, b.length);
          out.bytes(b);
          return;
        }
        const sorted = keys.map((k) => [k, keyBytes(k)] as const).sort((a, b) => compareKeys(a[1], b[1]));
        out.head(5, sorted.length);
        for (const [k, kb] of sorted) {
          out.head(3, kb.length);
          out.bytes(kb);
          write(rec[k]);
        }
        return;
      }
      default:
        throw new Error(`${typeof v} is not supported by the IPLD data model`);
    }
  };
  write(value);
  return out.buf.slice(0, out.len);
}
