// The record of the last compile of a work tree that had no errors: the stamps of the files it
// read, and its result in the form `git rocky compile` reports it. A later compile whose files
// all still carry these stamps, or differ only in some models' SQL, starts from it
// (compile-delta.ts) instead of loading the whole project and cache.
//
// Stored by last-compile-store.ts. It is only ever a starting point checked against the files,
// the engine and the compile cache: missing, unreadable, foreign or stale, it costs a full
// compile, never a wrong result.
import type { Diagnostic } from '../objects/diagnostic.js';
import type { Cid } from '../objects/ids.js';
import type { StampTable } from '../project/stamp-project-files.js';

/** A model as the last compile left it: name, compiled CID, path, the names it reads (sorted,
 *  space-separated: names are identifiers), and its output columns as
 *  `name<TAB>type<TAB>classification<TAB>...`
 *  (see lastColumnsText). Flat strings load several times faster than nested JSON values, and
 *  most compiles never look inside them. */
export type LastModel = readonly [name: string, cid: Cid, path: string, upstream: string, columns: string];
/** A source: name, schema CID, and where it is declared (file, line). */
export type LastSource = readonly [name: string, cid: Cid, file: string, line: number];

export interface LastCompile {
  /** The compile cache's engine key: DuckDB and our compiler's code. */
  readonly engine: string;
  /** When the files were stamped (ms since the epoch); stamps near it are not trusted. */
  readonly at: number;
  /** rocky.yaml's text (null: absent). */
  readonly rocky: string | null;
  /** sources.yaml and every SQL and YAML file of models/: their paths relative to the root
   *  (newline-separated) and their stamps (a Float64Array, four numbers a path, base64). */
  readonly files: { readonly paths: string; readonly stamps: string };
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

/** The names a recorded model reads. */
export function lastUpstream(m: LastModel): string[] {
  return m[3] === '' ? [] : m[3].split(' ');
}

export function upstreamText(names: readonly string[]): string {
  return names.join(' ');
}

/** A column as `compile` reports it: name, type and effective classification. */
export interface ReportedColumn {
  readonly name: string;
  readonly type: string;
  readonly classification: readonly string[];
}

/** The columns of a recorded model, as reported. */
export function lastModelColumns(m: LastModel): ReportedColumn[] {
  if (m[4] === '') return [];
  const parts = m[4].split('\t');
  const out: ReportedColumn[] = [];
  // One look for an escape per model: 10,000 models' columns are read for every --json.
  const un = m[4].includes('\\') ? unescapeTab : (s: string): string => s;
  for (let i = 0; i < parts.length; i += 3) {
    const tags = un(parts[i + 2]);
    out.push({ name: un(parts[i]), type: un(parts[i + 1]), classification: tags === '' ? [] : (JSON.parse(tags) as string[]) });
  }
  return out;
}

/** A model's columns in the recorded form: name, type and classification (a JSON list, or empty
 *  when none), tab-separated, with backslashes and tabs inside them escaped (a quoted column name
 *  may hold anything). */
export function lastColumnsText(columns: readonly { readonly name: string; readonly type: string; readonly classification: readonly string[] }[]): string {
  return columns.map((c) => `${escapeTab(c.name)}\t${escapeTab(c.type)}\t${c.classification.length ? escapeTab(JSON.stringify(c.classification)) : ''}`).join('\t');
}

const escapeTab = (s: string): string => (/[\\\t]/.test(s) ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t') : s);
const unescapeTab = (s: string): string => (s.includes('\\') ? s.replace(/\\(\\|t)/g, (_, c: string) => (c === 't' ? '\t' : '\\')) : s);

/** The recorded stamps, or null when they do not fit their paths (a damaged record). */
export function lastFiles(last: LastCompile): StampTable | null {
  const paths = last.files.paths === '' ? [] : last.files.paths.split('\n');
  const stamps = stampsOfText(last.files.stamps);
  return stamps && stamps.length === 4 * paths.length ? { paths, stamps } : null;
}

export function filesOf(table: StampTable): LastCompile['files'] {
  return { paths: table.paths.join('\n'), stamps: stampsText(table.stamps) };
}

/** The other way; null when the bytes are not whole numbers (a damaged record). */
export function stampsOfText(text: string): Float64Array | null {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length % 8 !== 0) return null;
  const stamps = new Float64Array(bytes.length >> 3);
  new Uint8Array(stamps.buffer).set(bytes);
  return stamps;
}

/** Stamps as the record keeps them: the Float64Array's bytes, base64. */
export function stampsText(stamps: Float64Array): string {
  return Buffer.from(stamps.buffer, stamps.byteOffset, stamps.byteLength).toString('base64');
}
