// A direct DAG-CBOR encoder for rocky objects' plain data: maps with string keys (sorted
// length-first, then bytewise, as DAG-CBOR requires), arrays, strings, integers (shortest
// form), floats (always 64-bit), booleans, null, Uint8Array, and links written `{ "/": cid }`
// (tag 42). It writes into one reusable buffer instead of building a token list; test/codec
// proves it byte-identical to @ipld/dag-cbor. Reuse one encoder for a batch of objects: its
// buffer and its caches of key bytes and parsed CIDs carry over.
import { CID } from 'multiformats/cid';
import { cidLinkBytesOfText } from './cid-text.js';

function compareKeys(a: Buffer, b: Buffer): number {
  return a.length !== b.length ? a.length - b.length : Buffer.compare(a, b);
}

export class DagCborEncoder {
  private buf = Buffer.allocUnsafe(1 << 16);
  private len = 0;
  private readonly cids = new Map<string, Uint8Array>();
  private readonly keys = new Map<string, Buffer>();
  /** Key sets seen, by their first key: each with its sorted order (see keyOrder). */
  private readonly shapes = new Map<string, { readonly keys: readonly string[]; readonly order: readonly (readonly [string, Buffer])[] }[]>();

  encode(value: unknown): Uint8Array {
    this.len = 0;
    this.write(value);
    // A copy without zero-filling first (small ones come from Node's buffer pool).
    const out = Buffer.allocUnsafe(this.len);
    this.buf.copy(out, 0, 0, this.len);
    return out;
  }

  /** Registers a CID this batch created, with its link bytes (0x00 + the CID's binary form), so
   *  links to it need no parsing. */
  rememberCid(text: string, linkBytes: Uint8Array): void {
    if (!this.cids.has(text)) this.cids.set(text, linkBytes);
  }

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }

  private head(major: number, n: number): void {
    this.ensure(9);
    const m = major << 5;
    const b = this.buf;
    if (n < 24) b[this.len++] = m | n;
    else if (n < 0x100) { b[this.len++] = m | 24; b[this.len++] = n; }
    else if (n < 0x10000) { b[this.len++] = m | 25; b.writeUInt16BE(n, this.len); this.len += 2; }
    else if (n < 0x100000000) { b[this.len++] = m | 26; b.writeUInt32BE(n, this.len); this.len += 4; }
    else { b[this.len++] = m | 27; b.writeBigUInt64BE(BigInt(n), this.len); this.len += 8; }
  }

  private raw(bytes: Uint8Array): void {
    const n = bytes.length;
    this.ensure(n);
    if (n <= 48) {
      // Keys and links: a loop beats TypedArray#set's per-call cost at these sizes.
      const b = this.buf;
      let p = this.len;
      for (let i = 0; i < n; i++) b[p++] = bytes[i];
      this.len = p;
      return;
    }
    this.buf.set(bytes, this.len);
    this.len += n;
  }

  private string(s: string): void {
    // Most strings are short ASCII (names, types, edge kinds): write them here rather than pay
    // two calls into Buffer's native code per string.
    const short = s.length;
    if (short < 256) {
      this.ensure(short + 2);
      const b = this.buf;
      const start = this.len;
      let p = start + (short < 24 ? 1 : 2);
      let i = 0;
      for (; i < short; i++) {
        const c = s.charCodeAt(i);
        if (c > 0x7f) break;
        b[p++] = c;
      }
      if (i === short) {
        if (short < 24) b[start] = 0x60 | short;
        else { b[start] = 0x78; b[start + 1] = short; }
        this.len = p;
        return;
      }
    }
    const n = Buffer.byteLength(s, 'utf8');
    this.head(3, n);
    this.ensure(n);
    this.len += this.buf.write(s, this.len, n, 'utf8');
  }

  private keyOrder(keys: string[]): readonly (readonly [string, Buffer])[] {
    // Objects of one kind share their key set (and, built by the same code, its order): sort each
    // distinct set once, and find it again by its first key and an element-wise comparison.
    let candidates = this.shapes.get(keys[0]);
    if (candidates) {
      for (const c of candidates) {
        if (c.keys.length !== keys.length) continue;
        let same = true;
        for (let i = 1; i < keys.length; i++) if (c.keys[i] !== keys[i]) { same = false; break; }
        if (same) return c.order;
      }
    } else this.shapes.set(keys[0], (candidates = []));
    const order = keys.map((k) => {
      let b = this.keys.get(k);
      if (!b) this.keys.set(k, (b = Buffer.from(k, 'utf8')));
      return [k, b] as const;
    }).sort((a, b) => compareKeys(a[1], b[1]));
    candidates.push({ keys: [...keys], order });
    return order;
  }

  private write(v: unknown): void {
    switch (typeof v) {
      case 'string':
        this.string(v);
        return;
      case 'number':
        if (Number.isSafeInteger(v)) {
          if (v >= 0) this.head(0, v);
          else this.head(1, -1 - v);
        } else {
          if (!Number.isFinite(v)) throw new Error(`${v} is not supported by the IPLD data model`);
          this.ensure(9);
          this.buf[this.len++] = 0xfb;
          this.buf.writeDoubleBE(v, this.len);
          this.len += 8;
        }
        return;
      case 'boolean':
        this.ensure(1);
        this.buf[this.len++] = v ? 0xf5 : 0xf4;
        return;
      case 'object': {
        if (v === null) { this.ensure(1); this.buf[this.len++] = 0xf6; return; }
        if (v instanceof Uint8Array) { this.head(2, v.length); this.raw(v); return; }
        if (Array.isArray(v)) {
          this.head(4, v.length);
          for (const item of v) this.write(item);
          return;
        }
        const rec = v as Record<string, unknown>;
        const keys = Object.keys(rec);
        if (keys.length === 1 && keys[0] === '/' && typeof rec['/'] === 'string') {
          this.link(rec['/'] as string);
          return;
        }
        if (keys.length === 0) { this.head(5, 0); return; }
        // Each value is read once. An undefined one (absent in IPLD) is rare: undo what this map
        // wrote and write it again without those keys.
        const order = this.keyOrder(keys);
        const mark = this.len;
        this.head(5, order.length);
        for (const [k, kb] of order) {
          const value = rec[k];
          if (value === undefined) {
            this.len = mark;
            this.writeDefined(rec, keys);
            return;
          }
          this.head(3, kb.length);
          this.raw(kb);
          this.write(value);
        }
        return;
      }
      default:
        throw new Error(`${typeof v} is not supported by the IPLD data model`);
    }
  }

  private writeDefined(rec: Record<string, unknown>, all: readonly string[]): void {
    // Not a link even if only '/' is left: like the reference (toIpld), a link is an object whose
    // only key, undefined or not, is '/'.
    const keys = all.filter((k) => rec[k] !== undefined);
    if (keys.length === 0) return this.head(5, 0);
    const order = this.keyOrder(keys);
    this.head(5, order.length);
    for (const [k, kb] of order) {
      this.head(3, kb.length);
      this.raw(kb);
      this.write(rec[k]);
    }
  }

  private link(text: string): void {
    let b = this.cids.get(text);
    if (!b) {
      b = cidLinkBytesOfText(text) ?? undefined;
      if (!b) {
        const cidBytes = CID.parse(text).bytes;
        b = new Uint8Array(cidBytes.length + 1); // multibase identity prefix 0x00, as DAG-CBOR wants
        b.set(cidBytes, 1);
      }
      this.cids.set(text, b);
    }
    this.head(6, 42);
    this.head(2, b.length);
    this.raw(b);
  }
}
