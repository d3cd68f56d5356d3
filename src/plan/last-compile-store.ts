// Where the last compile's record lives: a base file (.rocky/cache/last-compile-v1.json) and a
// journal beside it (last-compile-v1.journal) holding what changed since that base. After a
// one-model edit, writing the 4 MB base again costs 25-45 ms (serialize, check for non-ASCII,
// write, rename: a tenth of the recompile); the journal of that edit is a few KB: its stamp, its
// model's tuple, the bytes of the plan's links that moved, the plan CID.
//
// The journal names the base it applies to by the base's random id, so a base written by another
// process makes an older journal stale (ignored), never misapplied. Both files are replaced whole
// (temp file + rename): a reader sees one compile's record or another's, never a mix. Anything
// unreadable or stale is ignored, which costs a whole compile, never a wrong result: the record
// is only a starting point checked against the files, the engine and the compile cache.
import { readFileSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { Diagnostic } from '../objects/diagnostic.js';
import type { Cid } from '../objects/ids.js';
import { replaceFile } from '../util/replace-file.js';
import { stampsOfText, stampsText, type LastCompile, type LastModel } from './last-compile.js';

/** What a journal may hold before the next save writes a base instead: past this, reading and
 *  applying it would cost about what it saves. */
const MAX_MODELS = 1000;
const MAX_STAMPS = 2000;
const MAX_PLAN_BYTES = 64 * 1024;

/** A file of the record as stored: the record and the id a journal names it by. */
type StoredBase = LastCompile & { readonly id: string };

interface Journal {
  readonly base: string;
  readonly at: number;
  /** [index of the path, size, mtimeMs, ctimeMs, ino] */
  readonly stamps: readonly (readonly [number, number, number, number, number])[];
  readonly plan: Cid;
  /** [byte offset in the plan's bytes, the bytes there now (base64)] */
  readonly planPatch: readonly (readonly [number, string])[];
  /** [index in the plan order, the model's tuple] */
  readonly models: readonly (readonly [number, LastModel])[];
  readonly diagnostics: readonly Diagnostic[];
}

/** The base as this process last saw it in the file, decoded for diffing against. */
interface Base {
  readonly id: string;
  readonly record: LastCompile;
  readonly stamps: Float64Array;
  readonly planBytes: Buffer;
}

export class LastCompileStore {
  private base: Base | null = null;
  private readonly journalFile: string;

  constructor(private readonly file: string, private readonly engine: string) {
    this.journalFile = file.replace(/\.json$/, '') + '.journal';
  }

  /** When the record was last written (ms since the epoch), without reading it; null when there
   *  is none. */
  writtenAt(): number | null {
    const base = statSync(this.file, { throwIfNoEntry: false });
    if (!base) return null;
    const journal = statSync(this.journalFile, { throwIfNoEntry: false });
    return Math.max(base.mtimeMs, journal?.mtimeMs ?? 0);
  }

  /** The record (base and journal), or null when there is none this engine can use. */
  load(): LastCompile | null {
    this.base = null;
    let stored: StoredBase;
    try {
      // Written as ASCII (below): decoding it as latin1 is ~20x faster than as UTF-8 (measured,
      // 4 MB: 0.3 ms against 11-14 ms), a sizeable part of a one-model recompile.
      stored = JSON.parse(readFileSync(this.file).toString('latin1')) as StoredBase;
    } catch {
      return null;
    }
    if (!(stored.engine === this.engine && typeof stored.id === 'string' && Array.isArray(stored.models) && typeof stored.files?.paths === 'string'
      && typeof stored.files.stamps === 'string' && typeof stored.hashes === 'object' && typeof stored.planBytes === 'string')) return null;
    const { id, ...record } = stored;
    const stamps = stampsOfText(record.files.stamps);
    if (!stamps) return null;
    const base: Base = { id, record, stamps, planBytes: Buffer.from(record.planBytes, 'base64') };
    this.base = base;
    return this.applyJournal(base) ?? record;
  }

  /** Best effort, like every cache: a record that cannot be written costs a whole compile later. */
  save(next: LastCompile): void {
    try {
      const journal = this.base ? journalOf(this.base, next) : null;
      if (journal) {
        writeAscii(this.journalFile, JSON.stringify(journal));
        return;
      }
      const id = randomBytes(8).toString('hex');
      writeAscii(this.file, JSON.stringify({ ...next, id }));
      // The journal named the base just replaced. Stale now, it would be ignored anyway; it goes
      // so that loads do not read it. (A journal another process wrote for the new base in the
      // meantime goes too: that costs its compile's work again, nothing else.)
      rmSync(this.journalFile, { force: true });
      const stamps = stampsOfText(next.files.stamps);
      this.base = stamps && { id, record: next, stamps, planBytes: Buffer.from(next.planBytes, 'base64') };
    } catch {
      // read-only checkout, full disk
    }
  }

  private applyJournal(base: Base): LastCompile | null {
    let j: Journal;
    try {
      j = JSON.parse(readFileSync(this.journalFile).toString('latin1')) as Journal;
    } catch {
      return null;
    }
    try {
      if (j.base !== base.id) return null;
      const stamps = Float64Array.from(base.stamps);
      for (const [i, ...stamp] of j.stamps) {
        if (!(Number.isInteger(i) && i >= 0 && 4 * i < stamps.length)) return null;
        stamps.set(stamp, 4 * i);
      }
      const plan = Buffer.from(base.planBytes);
      for (const [offset, b64] of j.planPatch) {
        const bytes = Buffer.from(b64, 'base64');
        if (!(Number.isInteger(offset) && offset >= 0 && offset + bytes.length <= plan.length)) return null;
        bytes.copy(plan, offset);
      }
      const models = base.record.models.slice();
      for (const [i, m] of j.models) {
        if (!(Number.isInteger(i) && i >= 0 && i < models.length && Array.isArray(m) && m.length === 5 && m.every((x) => typeof x === 'string'))) return null;
        models[i] = m;
      }
      if (typeof j.plan !== 'string' || typeof j.at !== 'number' || !Array.isArray(j.diagnostics)) return null;
      return {
        ...base.record, at: j.at, files: { paths: base.record.files.paths, stamps: stampsText(stamps) },
        plan: j.plan, planBytes: plan.toString('base64'), models, diagnostics: j.diagnostics,
      };
    } catch {
      return null;
    }
  }
}

/** What `next` changed from the base, or null when a base should be written instead: it differs
 *  in what a journal does not carry (the files, the order, the sources...), or in too much. */
function journalOf(base: Base, next: LastCompile): Journal | null {
  const was = base.record;
  if (next.engine !== was.engine || next.rocky !== was.rocky || next.project !== was.project || next.files.paths !== was.files.paths
    || next.models.length !== was.models.length || next.planBytes.length !== was.planBytes.length) return null;
  if (next.sources !== was.sources && JSON.stringify(next.sources) !== JSON.stringify(was.sources)) return null;
  if (next.hashes !== was.hashes && JSON.stringify(next.hashes) !== JSON.stringify(was.hashes)) return null;
  const models: [number, LastModel][] = [];
  for (let i = 0; i < next.models.length; i++) {
    const a = next.models[i];
    const b = was.models[i];
    if (a === b) continue;
    if (a[0] !== b[0]) return null; // another order: a base
    if (a[1] !== b[1] || a[2] !== b[2] || a[3] !== b[3] || a[4] !== b[4]) {
      models.push([i, a]);
      if (models.length > MAX_MODELS) return null;
    }
  }
  const stamps: [number, number, number, number, number][] = [];
  const now = next.files.stamps === was.files.stamps ? base.stamps : stampsOfText(next.files.stamps);
  if (!now || now.length !== base.stamps.length) return null;
  for (let i = 0; i < now.length; i += 4) {
    if (now[i] === base.stamps[i] && now[i + 1] === base.stamps[i + 1] && now[i + 2] === base.stamps[i + 2] && now[i + 3] === base.stamps[i + 3]) continue;
    stamps.push([i / 4, now[i], now[i + 1], now[i + 2], now[i + 3]]);
    if (stamps.length > MAX_STAMPS) return null;
  }
  const planPatch: [number, string][] = [];
  if (next.planBytes !== was.planBytes) {
    const plan = Buffer.from(next.planBytes, 'base64');
    if (plan.length !== base.planBytes.length) return null;
    const runs: [number, number][] = [];
    changedRuns(plan, base.planBytes, 0, plan.length, runs);
    let patched = 0;
    for (const [from, to] of runs) {
      planPatch.push([from, plan.subarray(from, to).toString('base64')]);
      patched += to - from;
      if (patched > MAX_PLAN_BYTES) return null;
    }
  }
  return { base: base.id, at: next.at, stamps, plan: next.plan, planPatch, models, diagnostics: next.diagnostics };
}

/** The runs of bytes where `a` and `b` differ in [from, to), in order, runs less than 8 bytes
 *  apart joined (a CID's digest differs almost everywhere; its prefix does not). Halves are
 *  compared natively and only differing ones looked into: a plan of 10,000 models is ~1 MB. */
function changedRuns(a: Buffer, b: Buffer, from: number, to: number, runs: [number, number][]): void {
  if (a.compare(b, from, to, from, to) === 0) return;
  if (to - from > 64) {
    const mid = (from + to) >> 1;
    changedRuns(a, b, from, mid, runs);
    changedRuns(a, b, mid, to, runs);
    return;
  }
  for (let k = from; k < to; k++) {
    if (a[k] === b[k]) continue;
    const last = runs[runs.length - 1];
    if (last && k - last[1] < 8) last[1] = k + 1;
    else runs.push([k, k + 1]);
  }
}

/** Replaces the file whole (util/replace-file.ts), as ASCII: non-ASCII characters (a quoted
 *  column name, a diagnostic quoting one) as \u escapes, so that loads can decode it as latin1. */
function writeAscii(file: string, json: string): void {
  const ascii = Buffer.byteLength(json, 'utf8') === json.length;
  replaceFile(file, ascii ? json : json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`), 'latin1');
}
