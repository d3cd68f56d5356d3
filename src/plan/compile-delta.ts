// The incremental compile of the common edit: some models' SQL changed, nothing else did (same
// model files, same sidecars, same sources.yaml and rocky.yaml, as the caller checked against the
// last compile's file stamps). It starts from the last compile's result and touches only what the
// change reaches, so its cost follows the change, not the project's size:
//
// - each changed model is compiled against just the models and sources its text can name (their
//   columns from the compile cache), which gives the result a whole-project compile gives it;
// - a model whose columns changed has its consumers compiled again the same way, in plan order;
// - every model downstream of a changed object is relinked (re-encoded with its inputs' new
//   CIDs), then the plan is encoded again.
//
// Whenever that is not enough to be sure of the cold compile's result, it returns null and the
// caller compiles the whole project: a changed model with an error (its diagnostics may need the
// whole namespace, did-you-mean hints say), one that now reads different models or sources (the
// plan's order and cycles change), a cache entry that is not the last compile's, or more models
// to compile again than a whole compile would cost.
import { DagCborEncoder } from '../codec/encode-dag-cbor.js';
import { decodeObject } from '../codec/decode-object.js';
import { cidOfBytes, encodeObject, type EncodedObject } from '../codec/encode-object.js';
import { relinkEncoded } from '../codec/relink-encoded.js';
import type { Diagnostic } from '../objects/diagnostic.js';
import { link, type Cid } from '../objects/ids.js';
import type { Column, CompiledModelObject, ModelConfig, ModelSourceObject, PlanObject } from '../objects/types.js';
import { compileModels, identifierTokens, readParseTree } from '../sql/index.js';
import type { CompiledModelDraft, SqlModelInput, SqlSourceInput } from '../sql/types.js';
import type { CacheEntry, CompileCache } from './compile-cache.js';
import { columnsFingerprint } from './columns-fingerprint.js';
import { lastColumnsText, lastUpstream, type LastCompile, type LastModel } from './last-compile.js';
import { sortDiagnostics } from './sort-diagnostics.js';
import type { CompileDeps } from './types.js';

/** Past this many models to compile again, a whole compile is as cheap. */
const MAX_RECOMPILED = 256;

export interface DeltaResult {
  readonly planCid: Cid;
  readonly planBytes: Uint8Array;
  /** Every model, in plan order, as last-compile.ts records them. */
  readonly models: readonly LastModel[];
  readonly diagnostics: readonly Diagnostic[];
  readonly reuse: { readonly reused: number; readonly compiled: number };
  /** Every object the plan reaches, from the compile cache; null if the cache no longer holds
   *  them all (another compile replaced entries meanwhile). */
  objects(): EncodedObject[] | null;
}

interface Recompiled {
  readonly draft: CompiledModelDraft;
  readonly text: string;
  readonly warnings: readonly Diagnostic[];
  readonly fingerprint: string;
}

/** Thrown inside to give up; compileDelta returns null. */
class NotIncremental extends Error {}

export async function compileDelta(last: LastCompile, changed: ReadonlyMap<string, string>, cache: CompileCache,
  parseSql: CompileDeps['parseSql']): Promise<DeltaResult | null> {
  try {
    return await delta(last, changed, cache, parseSql);
  } catch (e) {
    if (e instanceof NotIncremental) return null;
    throw e;
  }
}

async function delta(last: LastCompile, changed: ReadonlyMap<string, string>, cache: CompileCache,
  parseSql: CompileDeps['parseSql']): Promise<DeltaResult> {
  const index = new Map<string, number>();
  last.models.forEach((m, i) => index.set(m[0], i));
  const modelByKey = new Map<string, string>();
  for (const [name] of last.models) modelByKey.set(name.toLowerCase(), name);
  const sourceByKey = new Map(last.sources.map((s) => [s[0].toLowerCase(), s]));
  const sourceCid = new Map(last.sources.map((s) => [s[0], s[1]]));
  for (const name of changed.keys()) if (!index.has(name)) throw new NotIncremental();

  /** The cache entry of a model as the last compile produced it, or give up. Remembered: this
   *  compile replaces entries in the cache as it goes. */
  const original = new Map<string, CacheEntry>();
  const entryOf = (name: string): CacheEntry => {
    let e = original.get(name);
    if (e) return e;
    e = cache.get(name);
    const m = last.models[index.get(name)!];
    if (!e || e.compiledCid !== m[1] || e.path !== m[2]) throw new NotIncremental();
    original.set(name, e);
    return e;
  };
  // Who reads whom, built only if some model's columns changed (most edits change none).
  let consumers: Map<string, string[]> | null = null;
  const consumersOf = (name: string): readonly string[] => {
    if (!consumers) {
      consumers = new Map();
      for (const m of last.models) {
        for (const u of lastUpstream(m)) {
          let list = consumers.get(u);
          if (!list) consumers.set(u, (list = []));
          list.push(m[0]);
        }
      }
    }
    return consumers.get(name) ?? [];
  };

  // Compile in plan order, so a model's upstream is done (with its new columns) before it.
  const recompiled = new Map<string, Recompiled>();
  const queued = new Set(changed.keys());
  const firstParse = [...changed];
  const trees = new Map<string, string>();
  await parseSql(firstParse.map(([, text]) => text), (i, tree) => trees.set(firstParse[i][0], tree));
  while (queued.size > 0) {
    const name = [...queued].reduce((a, b) => (index.get(a)! < index.get(b)! ? a : b));
    queued.delete(name);
    if (recompiled.size >= MAX_RECOMPILED) throw new NotIncremental();
    const entry = entryOf(name);
    const text = changed.get(name) ?? entry.text;
    if (!trees.has(name)) {
      // A consumer to compile again: parse every queued one at once (one round trip to DuckDB).
      const batch = [...queued, name].filter((n) => !trees.has(n));
      const texts = batch.map((n) => changed.get(n) ?? entryOf(n).text);
      (await parseSql(texts)).forEach((tree, k) => trees.set(batch[k], tree));
    }
    const tree = trees.get(name)!;
    const r = compileOne(name, text, tree, entry, lastUpstream(last.models[index.get(name)!]), modelByKey, sourceByKey, recompiled, cache, entryOf);
    recompiled.set(name, r);
    if (r.fingerprint !== entry.fingerprint) for (const c of consumersOf(name)) if (!recompiled.has(c)) queued.add(c);
  }

  // Encode what changed and relink what reads it, in plan order.
  const encoder = new DagCborEncoder();
  const cids = new Map<string, Cid>();
  const cidNow = (name: string, kind: 'model' | 'source'): Cid => (kind === 'source' ? sourceCid.get(name)! : cids.get(name) ?? last.models[index.get(name)!][1]);
  const fingerprintNow = (name: string): string => recompiled.get(name)?.fingerprint ?? entryOf(name).fingerprint;
  const models = [...last.models];
  const from = Math.min(...[...recompiled.keys()].map((n) => index.get(n)!));
  for (let i = from; i < models.length; i++) {
    const [name, , path, upstream] = models[i];
    const r = recompiled.get(name);
    if (r) {
      const entry = entryOf(name);
      const config = JSON.parse(entry.config) as ModelConfig;
      const source = encodeObject({ kind: 'model-source', version: 1, name, path, sql: r.text, config } satisfies ModelSourceObject, encoder);
      const inputs = r.draft.inputs.map((inp) => ({ name: inp.name, kind: inp.kind, ref: link(cidNow(inp.name, inp.kind)) }));
      const object: CompiledModelObject = {
        kind: 'compiled-model', version: 1, name, source: link(source.cid),
        materialization: config.materialization, sql: r.draft.sql, rendered: r.draft.rendered,
        columns: r.draft.columns, lineage: r.draft.lineage, inputs,
      };
      const enc = encodeObject(object, encoder);
      cids.set(name, enc.cid);
      models[i] = [name, enc.cid, path, upstream, lastColumnsText(r.draft.columns)];
      cache.set(name, {
        path, text: r.text, config: entry.config,
        inputs: inputs.map((inp) => ({ name: inp.name, kind: inp.kind, cid: inp.ref['/'], fingerprint: inp.kind === 'model' ? fingerprintNow(inp.name) : inp.ref['/'] })),
        columns: r.draft.columns, fingerprint: r.fingerprint, warnings: r.warnings,
        sourceCid: source.cid, compiledCid: enc.cid, sourceBytes: source.bytes, compiledBytes: enc.bytes,
      });
      continue;
    }
    if (upstream === '' || !lastUpstream(models[i]).some((u) => cids.has(u))) continue;
    // Same analysis, but something it reads is a new object: relink (rewrite its links).
    const entry = entryOf(name);
    const links = new Map<Cid, Cid>();
    for (const inp of entry.inputs) if (inp.cid !== cidNow(inp.name, inp.kind)) links.set(inp.cid, cidNow(inp.name, inp.kind));
    const enc = relinkEncoded(entry.compiledBytes, links) ?? relinkByDecoding(entry, cidNow);
    cids.set(name, enc.cid);
    models[i] = [name, enc.cid, path, upstream, models[i][4]];
    cache.set(name, {
      ...entry, inputs: entry.inputs.map((inp) => ({ ...inp, cid: cidNow(inp.name, inp.kind) })),
      compiledCid: enc.cid, compiledBytes: enc.bytes,
    });
  }

  const planObject = relinkedPlan(last, models) ?? encodeObject(planOf(last.project, models, last.sources), encoder);
  const paths = new Set([...recompiled.keys()].map((n) => last.models[index.get(n)!][2]));
  const diagnostics = sortDiagnostics([
    ...last.diagnostics.filter((d) => !paths.has(d.file)),
    ...[...recompiled.values()].flatMap((r) => r.warnings),
  ]);
  return {
    planCid: planObject.cid, planBytes: planObject.bytes, models, diagnostics,
    reuse: { reused: models.length - recompiled.size, compiled: recompiled.size },
    objects: () => objectsOf(models, last, cache, planObject),
  };
}

/** Rewrites the links of the models whose object changed in the last plan's bytes: encoding a
 *  10,000-model plan afresh costs ~50 ms in a new process, this a few. */
function relinkedPlan(last: LastCompile, models: readonly LastModel[]): EncodedObject | null {
  const links = new Map<Cid, Cid>();
  models.forEach(([, cid], i) => { if (cid !== last.models[i][1]) links.set(last.models[i][1], cid); });
  // Each link is found by a scan of the whole plan: past a few dozen, encoding is cheaper.
  if (links.size > 32) return null;
  const bytes = Buffer.from(last.planBytes, 'base64');
  if (cidOfBytes(bytes) !== last.plan) return null;
  return relinkEncoded(bytes, links);
}

function relinkByDecoding(entry: CacheEntry, cidNow: (name: string, kind: 'model' | 'source') => Cid): EncodedObject {
  const old = decodeObject(entry.compiledBytes, entry.compiledCid) as CompiledModelObject;
  return encodeObject({ ...old, inputs: old.inputs.map((inp) => ({ ...inp, ref: link(cidNow(inp.name, inp.kind)) })) });
}

function planOf(project: string, models: readonly LastModel[], sources: LastCompile['sources']): PlanObject {
  return {
    kind: 'plan', version: 1, project,
    models: models.map(([name, cid]) => ({ name, compiled: link(cid) })).sort((a, b) => (a.name < b.name ? -1 : 1)),
    sources: sources.map(([name, cid]) => ({ name, schema: link(cid) })),
    order: models.map(([name]) => name),
  };
}

/** The objects of the last compile's plan, from the compile cache (null if it no longer holds
 *  them, or they no longer make that plan). */
export function objectsOfLast(last: LastCompile, cache: CompileCache): EncodedObject[] | null {
  const bytes = Buffer.from(last.planBytes, 'base64');
  if (cidOfBytes(bytes) !== last.plan) return null;
  return objectsOf(last.models, last, cache, { cid: last.plan, bytes });
}

/** Compiles one model against the models and sources its text names, taken as compiled. */
function compileOne(name: string, text: string, tree: string, entry: CacheEntry, upstream: readonly string[],
  modelByKey: ReadonlyMap<string, string>, sourceByKey: ReadonlyMap<string, LastCompile['sources'][number]>,
  recompiled: ReadonlyMap<string, Recompiled>, cache: CompileCache, entryOf: (name: string) => CacheEntry): Recompiled {
  const config = JSON.parse(entry.config) as ModelConfig;
  const words = identifierTokens(text);
  words.add(name.toLowerCase()); // a source of its own name is a clash the compiler reports
  const inputs: SqlModelInput[] = [{
    name, file: entry.path, text, tree: null, read: readParseTree(name, tree),
    materialization: config.materialization,
    classification: Object.fromEntries(Object.entries(config.columns).map(([c, spec]) => [c, spec.classification ?? []])),
  }];
  const sources: SqlSourceInput[] = [];
  for (const word of words) {
    const model = modelByKey.get(word);
    if (model !== undefined && model !== name) {
      const columns: readonly Column[] = recompiled.get(model)?.draft.columns ?? entryOf(model).columns;
      inputs.push({
        name: model, file: '', text: '', tree: null, materialization: 'table', classification: {},
        // Its own inputs do not matter here: it is taken as compiled.
        precompiled: { inputs: [], columns },
      });
    }
    const s = sourceByKey.get(word);
    if (s !== undefined) {
      const cached = cache.getSource(s[0]);
      if (!cached || cached.cid !== s[1]) throw new NotIncremental();
      const columns = (JSON.parse(cached.json) as { columns: Column[] }).columns;
      sources.push({ name: s[0], file: s[2], line: s[3], columns });
    }
  }
  const result = compileModels(inputs, sources);
  const draft = result.models.get(name);
  if (!draft || result.diagnostics.some((d) => d.severity === 'error')) throw new NotIncremental();
  const reads = draft.inputs.map((i) => i.name);
  if (reads.length !== upstream.length || reads.some((r, k) => r !== upstream[k])) throw new NotIncremental();
  return {
    draft, text,
    warnings: result.diagnostics.filter((d) => d.file === entry.path),
    fingerprint: columnsFingerprint(draft.columns),
  };
}

function objectsOf(models: readonly LastModel[], last: LastCompile, cache: CompileCache, plan: EncodedObject): EncodedObject[] | null {
  const out: EncodedObject[] = [];
  const seen = new Set<string>();
  const add = (cid: Cid, bytes: () => Uint8Array): void => {
    if (seen.has(cid)) return;
    seen.add(cid);
    out.push({ cid, get bytes() { return bytes(); } });
  };
  for (const [name, cid] of models) {
    const e = cache.get(name);
    if (!e || e.compiledCid !== cid) return null;
    add(e.sourceCid, () => e.sourceBytes);
    add(e.compiledCid, () => e.compiledBytes);
  }
  for (const [name, cid] of last.sources) {
    const s = cache.getSource(name);
    if (!s || s.cid !== cid) return null;
    add(cid, () => s.bytes);
  }
  add(plan.cid, () => plan.bytes);
  return out;
}
