// The incremental-compile cache: for each model, the result of its last successful compile (its
// text, path and config; what its inputs resolved to and the columns / CIDs they had; its output
// columns and warnings; its two encoded objects). compile-plan reuses an entry only when all of
// that still holds, so an incremental compile gives the same plan CID as a cold one.
//
// One file per project (.rocky/cache/compile-v1.bin), a sequence of segments, each written with
// one append: `RCC1`, u32 blob length, u32 header length, the blob (object bytes), the header
// (JSON: the engine key and the entries it adds or replaces, byte ranges relative to its blob).
// Later segments win. A torn tail (a crash mid-append) is ignored; another engine key (DuckDB or
// compiler code changed) drops the whole file; when superseded entries outnumber live ones the
// file is rewritten (temp file + rename). A missing or unreadable cache is an empty one: it can
// cost a full compile, never a wrong one.
import { closeSync, fstatSync, mkdirSync, openSync, readSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import type { Diagnostic } from '../objects/diagnostic.js';
import type { Cid } from '../objects/ids.js';
import type { Column } from '../objects/types.js';

const MAGIC = 0x31434352; // 'RCC1' little-endian

export interface CachedInput {
  readonly name: string;
  readonly kind: 'model' | 'source';
  /** Model: the fingerprint of its columns then. Source: its source-schema CID then. */
  readonly fingerprint: string;
  /** The CID the compiled object links for it. */
  readonly cid: Cid;
}

export interface CacheEntry {
  readonly path: string;
  readonly text: string;
  /** JSON of the model's config (sidecar). */
  readonly config: string;
  /** In the order of the compiled object's `inputs`. */
  readonly inputs: readonly CachedInput[];
  readonly columns: readonly Column[];
  /** Fingerprint of `columns`. */
  readonly fingerprint: string;
  readonly warnings: readonly Diagnostic[];
  readonly sourceCid: Cid;
  readonly compiledCid: Cid;
  readonly sourceBytes: Uint8Array;
  readonly compiledBytes: Uint8Array;
}

/** A source's schema object, encoded, with the JSON it was encoded from (sources.yaml can
 *  declare thousands: re-encoding them all would cost more than comparing their JSON). */
export interface CachedSource {
  readonly json: string;
  readonly cid: Cid;
  readonly bytes: Uint8Array;
}

// On disk the header is compact (it is parsed on every compile): short keys, tuples.
type StoredColumn = readonly [string, string] | readonly [string, string, readonly string[], Readonly<Record<string, readonly string[]>> | null];
interface StoredEntry {
  readonly p: string;
  readonly t: string;
  readonly c: string;
  readonly i: readonly (readonly [string, 'model' | 'source', string, Cid])[];
  readonly k: readonly StoredColumn[];
  readonly f: string;
  readonly w: readonly Diagnostic[];
  readonly s: Cid;
  readonly o: Cid;
  /** Offset in the segment's blob, then the lengths of the source and compiled objects. */
  readonly r: readonly [number, number, number];
}

interface SegmentHeader {
  readonly engine: string;
  readonly entries: Readonly<Record<string, StoredEntry>>;
  /** json, cid, offset, length. */
  readonly sources: Readonly<Record<string, readonly [string, Cid, number, number]>>;
}

function toColumn(k: StoredColumn): Column {
  if (k.length === 2) return { name: k[0], type: k[1], classification: [] };
  return k[3] ? { name: k[0], type: k[1], classification: k[2], classification_path: k[3] } : { name: k[0], type: k[1], classification: k[2] };
}

function fromColumn(c: Column): StoredColumn {
  if (c.classification.length === 0 && !c.classification_path) return [c.name, c.type];
  return [c.name, c.type, c.classification, c.classification_path ?? null];
}

export class CompileCache {
  private readonly entries = new Map<string, CacheEntry>();
  private readonly pending = new Map<string, CacheEntry>();
  private readonly sources = new Map<string, CachedSource>();
  private readonly pendingSources = new Map<string, CachedSource>();
  /** Entries read, superseded ones included (decides when to rewrite). */
  private stored = 0;
  private rewrite = false;
  /** Open on the loaded file until its bytes are read whole (or release()). */
  private fd: number | null = null;

  private constructor(private readonly file: string, readonly engine: string) {}

  static load(file: string, engine: string): CompileCache {
    const cache = new CompileCache(file, engine);
    let fd: number;
    let size: number;
    try {
      fd = openSync(file, 'r');
      size = fstatSync(fd).size;
    } catch {
      return cache;
    }
    // Only the headers are read now; the objects' bytes (~3 KB a model) when first asked for,
    // through this descriptor, which keeps the file loaded here readable even if another
    // process compacts it meanwhile (rename replaces the name, not this file).
    cache.fd = fd;
    let blob: Buffer | null = null;
    const bytesAt = (offset: number, length: number): Uint8Array => {
      if (!blob) {
        if (cache.fd === null) throw new Error(`compile cache ${file}: bytes asked for after release()`);
        const whole = Buffer.allocUnsafe(size);
        let got = 0;
        while (got < size) {
          const n = readSync(cache.fd, whole, got, size - got, got);
          if (n === 0) throw new Error(`compile cache ${file} shrank while in use`);
          got += n;
        }
        blob = whole;
        cache.release();
      }
      return blob.subarray(offset, offset + length);
    };
    const head = Buffer.alloc(12);
    let at = 0;
    while (at + 12 <= size) {
      if (readSync(fd, head, 0, 12, at) !== 12 || head.readUInt32LE(0) !== MAGIC) break;
      const blobLen = head.readUInt32LE(4);
      const headerLen = head.readUInt32LE(8);
      const blobStart = at + 12;
      const end = blobStart + blobLen + headerLen;
      if (end > size) break; // torn tail
      let header: SegmentHeader;
      try {
        const text = Buffer.allocUnsafe(headerLen);
        if (readSync(fd, text, 0, headerLen, blobStart + blobLen) !== headerLen) break;
        header = JSON.parse(text.toString('utf8')) as SegmentHeader;
      } catch {
        break;
      }
      if (header.engine !== engine) {
        // Another DuckDB or compiler wrote it: nothing in it can be trusted.
        cache.release();
        cache.entries.clear();
        cache.rewrite = true;
        return cache;
      }
      for (const [name, e] of Object.entries(header.entries)) {
        const where = blobStart + e.r[0];
        cache.entries.set(name, {
          path: e.p, text: e.t, config: e.c,
          inputs: e.i.map(([n, kind, fingerprint, cid]) => ({ name: n, kind, fingerprint, cid })),
          columns: e.k.map(toColumn), fingerprint: e.f, warnings: e.w, sourceCid: e.s, compiledCid: e.o,
          get sourceBytes() { return bytesAt(where, e.r[1]); },
          get compiledBytes() { return bytesAt(where + e.r[1], e.r[2]); },
        });
        cache.stored++;
      }
      for (const [name, [json, cid, offset, length]] of Object.entries(header.sources ?? {})) {
        cache.sources.set(name, { json, cid, get bytes() { return bytesAt(blobStart + offset, length); } });
        cache.stored++;
      }
      at = end;
    }
    if (at !== size) cache.rewrite = true; // a torn or foreign tail: start the file over
    if (cache.entries.size === 0 && cache.sources.size === 0) cache.release();
    return cache;
  }

  /** Closes the loaded file if its bytes were never read; entries' bytes are unavailable after. */
  release(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
  }

  get(name: string): CacheEntry | undefined {
    return this.pending.get(name) ?? this.entries.get(name);
  }

  get size(): number {
    return this.entries.size;
  }

  set(name: string, entry: CacheEntry): void {
    this.pending.set(name, entry);
  }

  getSource(name: string): CachedSource | undefined {
    return this.pendingSources.get(name) ?? this.sources.get(name);
  }

  setSource(name: string, source: CachedSource): void {
    this.pendingSources.set(name, source);
  }

  /** Appends what this compile added (or rewrites the file when that is smaller). Best effort:
   *  a cache that cannot be written costs only a full compile next time. */
  save(): void {
    if (this.pending.size === 0 && this.pendingSources.size === 0 && !this.rewrite) return;
    for (const [name, e] of this.pending) this.entries.set(name, e);
    for (const [name, e] of this.pendingSources) this.sources.set(name, e);
    const live = this.entries.size + this.sources.size;
    const total = this.stored + this.pending.size + this.pendingSources.size;
    const whole = this.rewrite || total > 2 * live + 64;
    const segment = whole ? encodeSegment(this.engine, this.entries, this.sources) : encodeSegment(this.engine, this.pending, this.pendingSources);
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      if (whole) {
        const tmp = `${this.file}.${randomBytes(6).toString('hex')}.tmp`;
        writeFileSync(tmp, segment);
        renameSync(tmp, this.file);
        this.stored = live;
      } else {
        // One write in append mode: concurrent compiles append whole segments, never interleave.
        const fd = openSync(this.file, 'a');
        try {
          writeSync(fd, segment);
        } finally {
          closeSync(fd);
        }
        this.stored = total;
      }
      this.pending.clear();
      this.pendingSources.clear();
      this.rewrite = false;
    } catch {
      // read-only checkout, full disk
    }
  }
}

function encodeSegment(engine: string, entries: ReadonlyMap<string, CacheEntry>, sources: ReadonlyMap<string, CachedSource>): Buffer {
  const parts: Uint8Array[] = [];
  let offset = 0;
  const stored: Record<string, StoredEntry> = {};
  for (const [name, e] of entries) {
    stored[name] = {
      p: e.path, t: e.text, c: e.config, i: e.inputs.map((i) => [i.name, i.kind, i.fingerprint, i.cid]),
      k: e.columns.map(fromColumn), f: e.fingerprint, w: e.warnings, s: e.sourceCid, o: e.compiledCid,
      r: [offset, e.sourceBytes.length, e.compiledBytes.length],
    };
    parts.push(e.sourceBytes, e.compiledBytes);
    offset += e.sourceBytes.length + e.compiledBytes.length;
  }
  const storedSources: Record<string, readonly [string, Cid, number, number]> = {};
  for (const [name, s] of sources) {
    storedSources[name] = [s.json, s.cid, offset, s.bytes.length];
    parts.push(s.bytes);
    offset += s.bytes.length;
  }
  const header = Buffer.from(JSON.stringify({ engine, entries: stored, sources: storedSources } satisfies SegmentHeader), 'utf8');
  const head = Buffer.alloc(12);
  head.writeUInt32LE(MAGIC, 0);
  head.writeUInt32LE(offset, 4);
  head.writeUInt32LE(header.length, 8);
  return Buffer.concat([head, ...parts, header]);
}
