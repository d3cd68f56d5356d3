// The record of the last compile of a work tree that had no errors: the stamps of the files it
// read, and its result in the form `git rocky compile` reports it. A later compile whose files
// all still carry these stamps, or differ only in some models' SQL, starts from it
// (compile-delta.ts) instead of loading the whole project and cache.
//
// One JSON file (.rocky/cache/last-compile-v1.json), replaced whole (temp file + rename), so a
// reader sees one compile's record or another's, never a mix. It is only ever a starting point
// checked against the files, the engine and the compile cache: missing, unreadable, foreign or
// stale, it costs a full compile, never a wrong result.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import type { Diagnostic } from '../objects/diagnostic.js';
import type { Cid } from '../objects/ids.js';
import type { FileStamp } from '../project/file-stamp.js';

/** A model as the last compile left it: name, compiled CID, path, the names it reads (sorted),
 *  and its output columns as the JSON text of [[name, type], ...] (parsed only when reported:
 *  10,000 models' columns as JSON values cost more to load than everything else here). */
export type LastModel = readonly [name: string, cid: Cid, path: string, upstream: readonly string[], columns: string];
/** A source: name, schema CID, and where it is declared (file, line). */
export type LastSource = readonly [name: string, cid: Cid, file: string, line: number];

export interface LastCompile {
  /** The compile cache's engine key: DuckDB and our compiler's code. */
  readonly engine: string;
  /** When the files were stamped (ms since the epoch); stamps near it are not trusted. */
  readonly at: number;
  /** rocky.yaml's text (null: absent). */
  readonly rocky: string | null;
  /** sources.yaml and every SQL and YAML file of models/, by path relative to the root. */
  readonly files: Readonly<Record<string, FileStamp>>;
  /** Text hashes (project/file-stamp.ts) of sources.yaml and the sidecars, for when their
   *  stamps cannot vouch for them. */
  readonly hashes: Readonly<Record<string, string>>;
  readonly plan: Cid;
  /** The plan object's bytes, base64: the next compile rewrites the links that changed in them
   *  instead of encoding the plan again. */
  readonly planBytes: string;
  /** The plan's project name. */
  readonly project: string;
  /** In the plan's (topological) order. */
  readonly models: readonly LastModel[];
  /** Sorted by name, as in the plan. */
  readonly sources: readonly LastSource[];
  /** Warnings only (a compile with errors is not recorded), sorted. */
  readonly diagnostics: readonly Diagnostic[];
}

export function loadLastCompile(file: string, engine: string): LastCompile | null {
  try {
    const last = JSON.parse(readFileSync(file, 'utf8')) as LastCompile;
    return last.engine === engine && Array.isArray(last.models) && typeof last.files === 'object' && typeof last.hashes === 'object' && typeof last.planBytes === 'string' ? last : null;
  } catch {
    return null;
  }
}

/** Best effort, like every cache: a record that cannot be written costs a full compile later. */
export function saveLastCompile(file: string, last: LastCompile): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    writeFileSync(tmp, JSON.stringify(last));
    renameSync(tmp, file);
  } catch {
    // read-only checkout, full disk
  }
}

/** The columns of a recorded model, as reported. */
export function lastModelColumns(m: LastModel): { name: string; type: string }[] {
  return (JSON.parse(m[4]) as [string, string][]).map(([name, type]) => ({ name, type }));
}

/** A model's columns in the recorded form. */
export function lastColumnsText(columns: readonly { readonly name: string; readonly type: string }[]): string {
  return JSON.stringify(columns.map((c) => [c.name, c.type]));
}
