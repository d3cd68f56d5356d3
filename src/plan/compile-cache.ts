// The incremental-compile cache: for each model, the result of its last successful compile (its
// text, path and config; what its inputs resolved to and the columns / CIDs they had; its output
// columns and warnings; its two encoded objects). compile-plan reuses an entry only when all of
// that still holds, so an incremental compile gives the same plan CID as a cold one.
//
// One file per project (.rocky/cache/compile-v3.bin), a sequence of segments, each written with
// one append: `RCC3`, u32 blob length, u32 header length, the blob, the header. The blob holds
// each entry as its JSON record followed by its two objects' bytes; the header (JSON) holds the
// engine key and where each entry lies in the blob. Loading reads only the headers; an entry is
// read and parsed when first asked for. Later segments win. A torn tail (a crash mid-append) is
// ignored; another engine key (DuckDB or compiler code changed) drops the whole file; when
// superseded entries outnumber live ones the file is rewritten (temp file + rename). A missing or
// unreadable cache is an empty one: it can cost a full compile, never a wrong one.
import { closeSync, fstatSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { replaceFile } from '../util/replace-file.js';
import type { Diagnostic } from '../objects/diagnostic.js';
import type { Cid } from '../objects/ids.js';
import type { Column } from '../objects/types.js';

const MAGIC = 0x33434352; // 'RCC3' little-endian

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

// On disk each entry is a compact JSON record (short keys, tuples), parsed only when the entry is
// asked for: a compile that changed one model reads a handful of the 10,000.
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
}

interface SegmentHeader {
  readonly engine: string;
  /** The entries' names (model names: identifiers), newline-separated, and where each lies in the
   *  segment's blob: offset, then the lengths of its JSON record, its source object and its
   *  compiled object (stored in that order), four numbers an entry. Flat: a JSON object keyed by
   *  10,000 names took ~13 ms to parse, these ~2 ms (measured). */
  readonly names: string;
  readonly spans: readonly number[];
  /** The same for sources: offset, length of the JSON `[json, cid]`, length of the object's bytes. */
  readonly sourceNames: string;
  readonly sourceSpans: readonly number[];
}

/** Where a stored record lies in the file: absolute offset and the lengths of its parts. */
type Span = readonly [number, number, number, number];

function toColumn(k: StoredColumn): Column {
  if (k.length === 2) return { name: k[0], type: k[1], classification: [] };
  return k[3] ? { name: k[0], type: k[1], classification: k[2], classification_path: k[3] } : { name: k[0], type: k[1], classification: k[2] };
}

function fromColumn(c: Column): StoredColumn {
  if (c.classification.length === 0 && !c.classification_path) return [c.name, c.type];
  return [c.name, c.type, c.classification, c.classification_path ?? null];
}

/** Positional reads of the loaded file: a few records through single reads; once many are asked
 *  for (a cold or wide compile), the whole file at once. */
class FileBytes {
  private whole: Buffer | null = null;
  private reads = 0;
  constructor(private fd: number | null, private readonly size: number, private readonly file: string) {}

  at(offset: number, length: number): Buffer {
    if (this.whole) return this.whole.subarray(offset, offset + length);
    if (this.fd === null) throw new Error(`compile cache ${this.file}: bytes asked for after release()`);
    if (++this.reads > 256) {
      this.whole = this.read(0, this.size);
      this.close();
      return this.whole.subarray(offset, offset + length);
    }
    return this.read(offset, length);
  }

  private read(offset: number, length: number): Buffer {
    const out = Buffer.allocUnsafe(length);
    let got = 0;
    while (got < length) {
      const n = readSync(this.fd!, out, got, length - got, offset + got);
      if (n === 0) throw new Error(`compile cache ${this.file} shrank while in use`);
      got += n;
    }
    return out;
  }

  close(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
  }
}

export class CompileCache {
  /** Entries parsed so far, by name; the others are read from `spans` when asked for. */
  private readonly parsed = new Map<string, CacheEntry>();
  private readonly spans = new Map<string, Span>();
  private readonly pending = new Map<string, CacheEntry>();
  private readonly sources = new Map<string, CachedSource>();
  private readonly sourceSpans = new Map<string, readonly [number, number, number]>();
  private readonly pendingSources = new Map<string, CachedSource>();
  /** Entries this object saved (watch mode saves after every compile): the file holds them, but
   *  not at a span of the bytes loaded, so a rewrite takes them from here. */
  private readonly saved = new Map<string, CacheEntry>();
  private readonly savedSources = new Map<string, CachedSource>();
  /** Records read, superseded ones included (decides when to rewrite). */
  private stored = 0;
  private rewrite = false;
  /** The loaded file, open until its bytes are read whole (or release()): another process's
   *  compaction renames a new file over the name, and this descriptor keeps reading the old one. */
  private bytes: FileBytes | null = null;

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
    cache.bytes = new FileBytes(fd, size, file);
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
        header = JSON.parse(text.toString('latin1')) as SegmentHeader;
        if (typeof header.names !== 'string' || typeof header.sourceNames !== 'string') break;
      } catch {
        break;
      }
      if (header.engine !== engine) {
        // Another DuckDB or compiler wrote it: nothing in it can be trusted.
        cache.release();
        cache.spans.clear();
        cache.sourceSpans.clear();
        cache.rewrite = true;
        return cache;
      }
      const names = header.names === '' ? [] : header.names.split('\n');
      const spans = header.spans;
      for (let k = 0; k < names.length; k++) {
        cache.spans.set(names[k], [blobStart + spans[4 * k], spans[4 * k + 1], spans[4 * k + 2], spans[4 * k + 3]]);
        cache.stored++;
      }
      const sourceNames = header.sourceNames === '' ? [] : header.sourceNames.split('\n');
      const sourceSpans = header.sourceSpans;
      for (let k = 0; k < sourceNames.length; k++) {
        cache.sourceSpans.set(sourceNames[k], [blobStart + sourceSpans[3 * k], sourceSpans[3 * k + 1], sourceSpans[3 * k + 2]]);
        cache.stored++;
      }
      at = end;
    }
    if (at !== size) cache.rewrite = true; // a torn or foreign tail: start the file over
    if (cache.spans.size === 0 && cache.sourceSpans.size === 0) cache.release();
    return cache;
  }

  /** Closes the loaded file if its bytes were never read whole; stored entries not yet read are
   *  unavailable after (get() returns undefined for them), and so are their objects' bytes. */
  release(): void {
    this.bytes?.close();
  }

  get(name: string): CacheEntry | undefined {
    const pending = this.pending.get(name);
    if (pending) return pending;
    let entry = this.parsed.get(name);
    if (entry) return entry;
    const span = this.spans.get(name);
    if (!span) return undefined;
    entry = this.readEntry(span);
    if (entry) this.parsed.set(name, entry);
    return entry;
  }

  get size(): number {
    let n = this.spans.size + this.saved.size;
    for (const name of this.pending.keys()) if (!this.spans.has(name) && !this.saved.has(name)) n++;
    return n;
  }

  set(name: string, entry: CacheEntry): void {
    this.pending.set(name, entry);
  }

  /** The bytes of a model's compiled object, read without parsing its entry (a lineage trace
   *  reads 10,000 of them: parsing their entries cost ~0.25 s, measured); undefined when there is
   *  none. The caller checks them against the CID it expects. */
  compiledBytes(name: string): Uint8Array | undefined {
    const entry = this.pending.get(name) ?? this.parsed.get(name);
    if (entry) return entry.compiledBytes;
    const span = this.spans.get(name);
    if (!span) return undefined;
    const [offset, jsonLen, sourceLen, compiledLen] = span;
    try {
      return this.bytes!.at(offset + jsonLen + sourceLen, compiledLen);
    } catch {
      return undefined; // released
    }
  }

  getSource(name: string): CachedSource | undefined {
    const pending = this.pendingSources.get(name);
    if (pending) return pending;
    let source = this.sources.get(name);
    if (source) return source;
    const span = this.sourceSpans.get(name);
    if (!span) return undefined;
    source = this.readSource(span);
    if (source) this.sources.set(name, source);
    return source;
  }

  setSource(name: string, source: CachedSource): void {
    this.pendingSources.set(name, source);
  }

  private readEntry([offset, jsonLen, sourceLen, compiledLen]: Span): CacheEntry | undefined {
    const bytes = this.bytes;
    let e: StoredEntry;
    try {
      e = JSON.parse(bytes!.at(offset, jsonLen).toString('utf8')) as StoredEntry;
    } catch {
      return undefined; // released, or unreadable: a miss
    }
    const at = offset + jsonLen;
    return {
      path: e.p, text: e.t, config: e.c,
      inputs: e.i.map(([n, kind, fingerprint, cid]) => ({ name: n, kind, fingerprint, cid })),
      columns: e.k.map(toColumn), fingerprint: e.f, warnings: e.w, sourceCid: e.s, compiledCid: e.o,
      get sourceBytes() { return bytes!.at(at, sourceLen); },
      get compiledBytes() { return bytes!.at(at + sourceLen, compiledLen); },
    };
  }

  private readSource([offset, jsonLen, length]: readonly [number, number, number]): CachedSource | undefined {
    const bytes = this.bytes;
    let stored: readonly [string, Cid];
    try {
      stored = JSON.parse(bytes!.at(offset, jsonLen).toString('utf8')) as readonly [string, Cid];
    } catch {
      return undefined;
    }
    return { json: stored[0], cid: stored[1], get bytes() { return bytes!.at(offset + jsonLen, length); } };
  }

  /** Appends what this compile added (or rewrites the file when that is smaller). Best effort:
   *  a cache that cannot be written costs only a full compile next time. */
  save(): void {
    if (this.pending.size === 0 && this.pendingSources.size === 0 && !this.rewrite) return;
    // Counted, not collected: sets of 10,000 names cost ~10 ms, a sizeable part of a one-model
    // recompile that appends one entry.
    let live = this.size + this.sourceSpans.size + this.savedSources.size;
    for (const name of this.pendingSources.keys()) if (!this.sourceSpans.has(name) && !this.savedSources.has(name)) live++;
    const total = this.stored + this.pending.size + this.pendingSources.size;
    const whole = this.rewrite || total > 2 * live + 64;
    let segment: Buffer;
    try {
      if (whole) {
        const names = new Set([...this.spans.keys(), ...this.saved.keys(), ...this.pending.keys()]);
        const sourceNames = new Set([...this.sourceSpans.keys(), ...this.savedSources.keys(), ...this.pendingSources.keys()]);
        // Every live record: the new ones encoded, the others copied as stored (never parsed).
        const entries = [...names].map((n): [string, CacheEntry | Span] => [n, this.pending.get(n) ?? this.saved.get(n) ?? this.spans.get(n)!]);
        const sources = [...sourceNames].map((n): [string, CachedSource | readonly [number, number, number]] => [n, this.pendingSources.get(n) ?? this.savedSources.get(n) ?? this.sourceSpans.get(n)!]);
        segment = encodeSegment(this.engine, entries, sources, (offset, length) => this.bytes!.at(offset, length));
      } else {
        segment = encodeSegment(this.engine, [...this.pending], [...this.pendingSources], () => { throw new Error('unreachable'); });
      }
    } catch {
      return; // the loaded file went away (released): nothing to save from
    }
    try {
      if (whole) {
        replaceFile(this.file, segment);
        this.stored = live;
      } else {
        mkdirSync(dirname(this.file), { recursive: true });
        // One write in append mode: concurrent compiles append whole segments, never interleave.
        const fd = openSync(this.file, 'a');
        try {
          writeSync(fd, segment);
        } finally {
          closeSync(fd);
        }
        this.stored = total;
      }
      // What was saved stays readable from memory; the spans of the file loaded stay valid (its
      // descriptor still reads the file as it was loaded).
      for (const [name, e] of this.pending) {
        this.parsed.set(name, e);
        this.saved.set(name, e);
        this.spans.delete(name);
      }
      for (const [name, s] of this.pendingSources) {
        this.sources.set(name, s);
        this.savedSources.set(name, s);
        this.sourceSpans.delete(name);
      }
      this.pending.clear();
      this.pendingSources.clear();
      this.rewrite = false;
    } catch {
      // read-only checkout, full disk
    }
  }
}

function storedEntry(e: CacheEntry): StoredEntry {
  return {
    p: e.path, t: e.text, c: e.config, i: e.inputs.map((i) => [i.name, i.kind, i.fingerprint, i.cid]),
    k: e.columns.map(fromColumn), f: e.fingerprint, w: e.warnings, s: e.sourceCid, o: e.compiledCid,
  };
}

function encodeSegment(engine: string, entries: readonly (readonly [string, CacheEntry | Span])[],
  sources: readonly (readonly [string, CachedSource | readonly [number, number, number]])[],
  copy: (offset: number, length: number) => Buffer): Buffer {
  const parts: Uint8Array[] = [];
  let offset = 0;
  const names: string[] = [];
  const spans: number[] = [];
  for (const [name, e] of entries) {
    if (Array.isArray(e)) {
      const [from, json, source, compiled] = e as Span;
      parts.push(copy(from, json + source + compiled));
      names.push(name);
      spans.push(offset, json, source, compiled);
      offset += json + source + compiled;
      continue;
    }
    const entry = e as CacheEntry;
    const json = Buffer.from(JSON.stringify(storedEntry(entry)), 'utf8');
    parts.push(json, entry.sourceBytes, entry.compiledBytes);
    names.push(name);
    spans.push(offset, json.length, entry.sourceBytes.length, entry.compiledBytes.length);
    offset += json.length + entry.sourceBytes.length + entry.compiledBytes.length;
  }
  const sourceNames: string[] = [];
  const sourceSpans: number[] = [];
  for (const [name, s] of sources) {
    if (Array.isArray(s)) {
      const [from, json, length] = s as readonly [number, number, number];
      parts.push(copy(from, json + length));
      sourceNames.push(name);
      sourceSpans.push(offset, json, length);
      offset += json + length;
      continue;
    }
    const source = s as CachedSource;
    const json = Buffer.from(JSON.stringify([source.json, source.cid]), 'utf8');
    parts.push(json, source.bytes);
    sourceNames.push(name);
    sourceSpans.push(offset, json.length, source.bytes.length);
    offset += json.length + source.bytes.length;
  }
  const header = Buffer.from(JSON.stringify({ engine, names: names.join('\n'), spans, sourceNames: sourceNames.join('\n'), sourceSpans } satisfies SegmentHeader), 'latin1');
  const head = Buffer.alloc(12);
  head.writeUInt32LE(MAGIC, 0);
  head.writeUInt32LE(offset, 4);
  head.writeUInt32LE(header.length, 8);
  return Buffer.concat([head, ...parts, header]);
}
