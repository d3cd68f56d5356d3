// The fast way to compile a work tree: start from the last compile's record and recompile only
// the models whose SQL changed (plan/compile-delta.ts). The files are told apart by their stamps,
// without reading them; a file whose stamp moved is read and compared. Anything the record cannot
// vouch for (another rocky.yaml, sources.yaml or sidecar changed, a model added or removed, the
// engine or the cache moved on) returns null: the caller compiles the whole project.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EncodedObject } from '../codec/encode-object.js';
import type { Diagnostic } from '../objects/diagnostic.js';
import type { Cid } from '../objects/ids.js';
import { RACY_MS, textHash, trustworthy } from '../project/index.js';
import { compileDelta, objectsOfLast } from '../plan/compile-delta.js';
import { lastFiles, stampsText, type LastCompile, type LastModel, type LastSource } from '../plan/last-compile.js';
import type { Workspace } from './workspace.js';

export interface ChangedCompile {
  /** Null when a model has errors (the diagnostics say which). */
  readonly planCid: Cid | null;
  /** In plan order. */
  readonly models: readonly LastModel[];
  /** Sorted by name (an incremental compile never changes them). */
  readonly sources: readonly LastSource[];
  readonly diagnostics: readonly Diagnostic[];
  readonly reuse: { readonly reused: number; readonly compiled: number };
  /** Every object the plan reaches, or null when the compile cache no longer holds them. */
  objects(): EncodedObject[] | null;
}

export async function compileChanged(ws: Workspace): Promise<ChangedCompile | null> {
  const { at, table: now } = await ws.scanFiles();
  // A file changed since the record was written will likely need DuckDB to parse (a model) or
  // a whole compile (the rest): it starts now, its instance made on another thread while this
  // one loads the record (~30 ms of a one-model recompile otherwise spent waiting). A hint only:
  // the record, below, decides.
  const written = ws.lastCompileWrittenAt();
  if (written === null || changedSince(now.stamps, written - RACY_MS)) {
    ws.scratch().catch(() => undefined);
    // One turn of the event loop, so that the start runs up to the native call that hands the
    // instance to another thread (a dynamic import and a few awaits) before the record loads.
    await new Promise((resolve) => setImmediate(resolve));
  }
  const last = ws.lastCompile();
  if (!last) return null;
  let rocky: string | null;
  try {
    rocky = readFileSync(join(ws.root, 'rocky.yaml'), 'utf8');
  } catch {
    rocky = null;
  }
  if (rocky !== last.rocky) return null;
  const recorded = lastFiles(last);
  if (!recorded || now.paths.length !== recorded.paths.length) return null;
  const where = new Map<string, number>();
  recorded.paths.forEach((p, i) => where.set(p, i));
  // Whether the record should be written again even if nothing compiles: a stamp moved, or one
  // the record could not trust would be trusted now.
  let restamp = false;
  // The new stamps in the record's order, under its very paths text: the record's journal then
  // holds only the stamps that moved (last-compile-store.ts). (The scan lists files in directory
  // order; a whole compile records them in project order.)
  const stamps = new Float64Array(recorded.stamps.length);
  const models: { path: string; text: string }[] = [];
  for (let i = 0; i < now.paths.length; i++) {
    const path = now.paths[i];
    const j = where.get(path);
    if (j === undefined) return null;
    const a = now.stamps;
    const b = recorded.stamps;
    for (let k = 0; k < 4; k++) stamps[4 * j + k] = a[4 * i + k];
    const same = a[4 * i] === b[4 * j] && a[4 * i + 1] === b[4 * j + 1] && a[4 * i + 2] === b[4 * j + 2] && a[4 * i + 3] === b[4 * j + 3];
    if (same && trustworthy(b[4 * j + 1], b[4 * j + 2], last.at)) continue;
    // Its stamp moved or cannot vouch for it: read it (the scan's stamp was taken before).
    let text: string;
    try {
      text = readFileSync(join(ws.root, path), 'utf8');
    } catch {
      return null;
    }
    restamp ||= !same || trustworthy(a[4 * i + 1], a[4 * i + 2], at);
    // Only a model's SQL is compiled incrementally; sources.yaml and sidecars feed every model
    // that reads them, so an edit to one of them means a whole compile.
    if (path.endsWith('.sql')) models.push({ path, text });
    else if (textHash(text) !== last.hashes[path]) return null;
  }
  // A model's SQL will likely need parsing: DuckDB starts now if the hint above did not start it
  // (a change within the racy window of the record's writing), while the compile cache loads.
  if (models.length > 0) ws.scratch().catch(() => undefined);
  const cache = ws.compileCache();
  const cidOf = new Map<string, Cid>();
  if (models.length > 0) for (const m of last.models) cidOf.set(m[0], m[1]);
  const changed = new Map<string, string>();
  for (const { path, text } of models) {
    const name = path.slice(path.lastIndexOf('/') + 1, -'.sql'.length); // models/**/<name>.sql
    const entry = cache.get(name);
    if (!entry || entry.compiledCid !== cidOf.get(name) || entry.path !== path) return null;
    if (entry.text !== text) changed.set(name, text);
  }
  const files = { paths: last.files.paths, stamps: stampsText(stamps) };
  if (changed.size === 0) {
    // Nothing to compile: the last result stands (with the stamps of files touched since).
    if (restamp) ws.saveLastCompile({ ...last, at, files });
    return {
      planCid: last.plan, models: last.models, sources: last.sources, diagnostics: last.diagnostics,
      reuse: { reused: last.models.length, compiled: 0 },
      objects: () => objectsOfLast(last, cache),
    };
  }
  const delta = await compileDelta(last, changed, cache, (sqls, onTree) => ws.parseSql(sqls, onTree));
  await ws.releaseParser();
  if (!delta) return null;
  // A compile with errors is reported, not recorded: the next one starts from this record again.
  if (delta.planCid !== null && delta.planBytes !== null) {
    const next: LastCompile = {
      ...last, at, files, plan: delta.planCid, planBytes: Buffer.from(delta.planBytes).toString('base64'), models: delta.models, diagnostics: delta.diagnostics,
    };
    ws.saveLastCompile(next);
  }
  return { planCid: delta.planCid, models: delta.models, sources: last.sources, diagnostics: delta.diagnostics, reuse: delta.reuse, objects: () => delta.objects() };
}

/** Whether a stamp's modification or change time is at or after `since`. */
function changedSince(stamps: Float64Array, since: number): boolean {
  for (let i = 0; i < stamps.length; i += 4) if (stamps[i + 1] >= since || stamps[i + 2] >= since) return true;
  return false;
}
