// The incremental compile of the common edit: some models' SQL changed, nothing else did (same
// model files, same sidecars, same sources.yaml and rocky.yaml, as the caller checked against the
// last compile's file stamps). It starts from the last compile's result and touches only what the
// change reaches, so its cost follows the change, not the project's size:
//
// - each changed model is compiled against just the models and sources its text can name (their
//   columns from the compile cache), which gives the result a whole-project compile gives it;
// - a model whose columns changed has its consumers compiled again the same way, in plan order;
// - every model downstream of a changed object is relinked (its links rewritten in its bytes),
//   and so is the plan;
// - a changed model with errors fails with everything downstream of it: those are compiled
//   together against the rest, with the whole project's names for did-you-mean hints, which gives
//   a whole compile's diagnostics (no plan then).
//
// - a changed model that reads other models now has the graph ordered again as a whole compile
//   orders it (sql/resolve/kahn-order.ts), and the plan encoded again.
//
// Whenever that is not enough to be sure of the cold compile's result, it returns null and the
// caller compiles the whole project: a new edge closing a cycle, a changed model that now reads a
// model compiled after it whose columns changed too, errors together with new edges, a cache
// entry that is not the last compile's, or more models to compile again than a whole compile
// would cost.
import { DagCborEncoder } from '../codec/encode-dag-cbor.js';
import { decodeObject } from '../codec/decode-object.js';
import { cidOfBytes, encodeObject, type EncodedObject } from '../codec/encode-object.js';
import { relinkEncoded } from '../codec/relink-encoded.js';
import type { Diagnostic } from '../objects/diagnostic.js';
import { link, type Cid } from '../objects/ids.js';
import type { Column, CompiledModelObject, ModelConfig, ModelSourceObject, PlanObject } from '../objects/types.js';
import { compileModels, identifierTokens, kahnOrder, readParseTree } from '../sql/index.js';
import type { CompiledModelDraft, CompileModelsResult, SqlModelInput, SqlSourceInput } from '../sql/types.js';
import type { CacheEntry, CompileCache } from './compile-cache.js';
import { columnsFingerprint } from './columns-fingerprint.js';
import { lastColumnsText, lastUpstream, upstreamText, type LastCompile, type LastModel } from './last-compile.js';
import { sortDiagnostics } from './sort-diagnostics.js';
import type { CompileDeps } from './types.js';

/** Past this many models to compile again, a whole compile is as cheap. */
const MAX_RECOMPILED = 256;

export interface DeltaResult {
  /** Null when a changed model has an error (nothing is encoded then; the diagnostics are the
   *  ones a whole compile reports, and the models those that compiled). */
  readonly planCid: Cid | null;
  readonly planBytes: Uint8Array | null;
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
  /** It reads other models or sources than it did (the plan's order may change). */
  readonly inputsChanged: boolean;
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

  const subset: Subset = { modelByKey, sourceByKey, recompiled: new Map(), cache, entryOf };
  const failed = new Set<string>();
  /** A changed model has errors: it and everything downstream of it fail, as in a whole compile.
   *  They are compiled together (closed under "reads", so any cycle through them is among them)
   *  against the rest taken as compiled, with the whole namespace for did-you-mean hints: their
   *  diagnostics are the whole compile's. */
  const compileFailed = async (): Promise<{ readonly models: ReadonlySet<string>; readonly diagnostics: readonly Diagnostic[] }> => {
    const closure = new Set<string>();
    const stack = [...failed];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (closure.has(n)) continue;
      closure.add(n);
      if (closure.size > MAX_RECOMPILED) throw new NotIncremental();
      stack.push(...consumersOf(n));
    }
    const members = [...closure].sort((a, b) => index.get(a)! - index.get(b)!);
    const unparsed = members.filter((n) => !trees.has(n));
    if (unparsed.length > 0) (await parseSql(unparsed.map((n) => changed.get(n) ?? entryOf(n).text))).forEach((tree, k) => trees.set(unparsed[k], tree));
    const namespace = [
      ...last.models.map((m) => m[0]).sort((a, b) => (`${a}.sql` < `${b}.sql` ? -1 : 1)),
      ...[...last.sources].sort((a, b) => a[3] - b[3]).map((src) => src[0]),
    ];
    const result = compileSubset(members.map((n) => ({ name: n, text: changed.get(n) ?? entryOf(n).text, tree: trees.get(n)!, entry: entryOf(n) })), subset, namespace);
    if (members.some((n) => result.models.has(n))) throw new NotIncremental(); // not what a whole compile gives: give up
    const paths = new Set(members.map((n) => entryOf(n).path));
    return { models: closure, diagnostics: result.diagnostics.filter((d) => paths.has(d.file)) };
  };

  // Compile in plan order, so a model's upstream is done (with its new columns) before it.
  const recompiled = subset.recompiled;
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
    const r = compileOne(name, text, tree, entry, lastUpstream(last.models[index.get(name)!]), subset);
    if (r === null) {
      failed.add(name); // its consumers are skipped, as a whole compile skips them
      continue;
    }
    recompiled.set(name, r);
    if (r.fingerprint !== entry.fingerprint) for (const c of consumersOf(name)) if (!recompiled.has(c)) queued.add(c);
  }
  // Models were compiled in the old plan order. One that now reads a model compiled after it
  // with other columns than before read the old ones: give up (a whole compile orders them).
  const done = new Map([...recompiled.keys()].map((n, k) => [n, k]));
  for (const [name, r] of recompiled) {
    if (!r.inputsChanged) continue;
    for (const inp of r.draft.inputs) {
      const later = recompiled.get(inp.name);
      if (inp.kind === 'model' && later && done.get(inp.name)! > done.get(name)! && later.fingerprint !== entryOf(inp.name).fingerprint) throw new NotIncremental();
    }
  }
  const rewired = [...recompiled.values()].some((r) => r.inputsChanged);
  // With errors as well, the order of what compiled would need the new graph too: not worth it.
  if (rewired && failed.size > 0) throw new NotIncremental();
  const skipped = failed.size > 0 ? await compileFailed() : null;

  // Encode what changed and relink what reads it, in plan order.
  const encoder = new DagCborEncoder();
  const cids = new Map<string, Cid>();
  const cidNow = (name: string, kind: 'model' | 'source'): Cid => (kind === 'source' ? sourceCid.get(name)! : cids.get(name) ?? last.models[index.get(name)!][1]);
  const fingerprintNow = (name: string): string => recompiled.get(name)?.fingerprint ?? entryOf(name).fingerprint;
  // A model that reads other models now: the graph is ordered again, as a whole compile orders it
  // (a cycle means a whole compile, which reports it).
  const models = rewired ? reordered(last, recompiled, index) : [...last.models];
  const from = rewired ? 0 : Math.min(...[...recompiled.keys()].map((n) => index.get(n)!));
  for (let i = from; i < models.length; i++) {
    const [name, , path, upstream] = models[i];
    if (skipped?.models.has(name)) continue;
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
        ...(r.draft.volatile.length > 0 ? { volatile: r.draft.volatile } : {}),
      };
      const enc = encodeObject(object, encoder);
      cids.set(name, enc.cid);
      models[i] = [name, enc.cid, path, r.inputsChanged ? upstreamText(r.draft.inputs.map((inp) => inp.name)) : upstream, lastColumnsText(r.draft.columns)];
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

  const paths = new Set([...recompiled.keys(), ...(skipped?.models ?? [])].map((n) => last.models[index.get(n)!][2]));
  // A model compiled again but downstream of a failed one is skipped: its warnings are not
  // reported (a whole compile never gets to analyze it).
  const kept = [...recompiled].filter(([name]) => !skipped?.models.has(name));
  const diagnostics = sortDiagnostics([
    ...last.diagnostics.filter((d) => !paths.has(d.file)),
    ...kept.flatMap(([, r]) => r.warnings),
    ...(skipped?.diagnostics ?? []),
  ]);
  if (skipped) {
    const compiledModels = models.filter(([name]) => !skipped.models.has(name));
    return {
      planCid: null, planBytes: null, models: compiledModels, diagnostics,
      reuse: { reused: compiledModels.length - kept.length, compiled: kept.length },
      objects: () => null,
    };
  }
  const planObject = (rewired ? null : relinkedPlan(last, models)) ?? encodeObject(planOf(last.project, models, last.sources), encoder);
  return {
    planCid: planObject.cid, planBytes: planObject.bytes, models, diagnostics,
    reuse: { reused: models.length - recompiled.size, compiled: recompiled.size },
    objects: () => objectsOf(models, last, cache, planObject),
  };
}

/** The models in the order a whole compile gives the graph with the recompiled models' new
 *  inputs (their upstream updated); a cycle gives up. */
function reordered(last: LastCompile, recompiled: ReadonlyMap<string, Recompiled>, index: ReadonlyMap<string, number>): LastModel[] {
  const deps = new Map<string, string[]>();
  for (const m of last.models) {
    const r = recompiled.get(m[0]);
    deps.set(m[0], r ? r.draft.inputs.filter((inp) => inp.kind === 'model').map((inp) => inp.name) : lastUpstream(m).filter((u) => index.has(u)));
  }
  const order = kahnOrder(deps);
  if (order.length !== last.models.length) throw new NotIncremental();
  return order.map((name) => last.models[index.get(name)!]);
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

/** What compiling a part of the project against the rest needs. */
interface Subset {
  readonly modelByKey: ReadonlyMap<string, string>;
  readonly sourceByKey: ReadonlyMap<string, LastCompile['sources'][number]>;
  /** Compiled again in this compile (their new columns are what consumers read). */
  readonly recompiled: Map<string, Recompiled>;
  readonly cache: CompileCache;
  readonly entryOf: (name: string) => CacheEntry;
}

/** Compiles the given models (parsed) against the models and sources their texts name, taken as
 *  compiled. */
function compileSubset(targets: readonly { name: string; text: string; tree: string; entry: CacheEntry }[], s: Subset,
  namespace: readonly string[] | null = null): CompileModelsResult {
  const names = new Set(targets.map((t) => t.name));
  const words = new Set<string>();
  const inputs: SqlModelInput[] = [];
  for (const { name, text, tree, entry } of targets) {
    for (const w of identifierTokens(text)) words.add(w);
    words.add(name.toLowerCase()); // a source of its own name is a clash the compiler reports
    const config = JSON.parse(entry.config) as ModelConfig;
    inputs.push({
      name, file: entry.path, text, tree: null, read: readParseTree(name, tree),
      materialization: config.materialization,
      classification: Object.fromEntries(Object.entries(config.columns).map(([c, spec]) => [c, spec.classification ?? []])),
    });
  }
  const sources: SqlSourceInput[] = [];
  for (const word of words) {
    const model = s.modelByKey.get(word);
    if (model !== undefined && !names.has(model)) {
      const columns: readonly Column[] = s.recompiled.get(model)?.draft.columns ?? s.entryOf(model).columns;
      inputs.push({
        name: model, file: '', text: '', tree: null, materialization: 'table', classification: {},
        // Its own inputs do not matter here: it is taken as compiled.
        precompiled: { inputs: [], columns },
      });
    }
    const src = s.sourceByKey.get(word);
    if (src !== undefined) {
      const cached = s.cache.getSource(src[0]);
      if (!cached || cached.cid !== src[1]) throw new NotIncremental();
      const columns = (JSON.parse(cached.json) as { columns: Column[] }).columns;
      sources.push({ name: src[0], file: src[2], line: src[3], columns });
    }
  }
  const result = compileModels(inputs, sources, namespace);
  // Types only DuckDB's binder can settle: the whole compile asks it (compile-plan.ts).
  if (result.unsure.length > 0) throw new NotIncremental();
  return result;
}

/** One changed model compiled against what its text names; null when it has errors. */
function compileOne(name: string, text: string, tree: string, entry: CacheEntry, upstream: readonly string[], s: Subset): Recompiled | null {
  const result = compileSubset([{ name, text, tree, entry }], s);
  const draft = result.models.get(name);
  if (!draft || result.diagnostics.some((d) => d.severity === 'error')) return null;
  // Reading other models or sources may change the plan's order and make a cycle (the caller
  // orders the graph again).
  const reads = draft.inputs.map((i) => i.name);
  return {
    draft, text, inputsChanged: reads.length !== upstream.length || reads.some((r, k) => r !== upstream[k]),
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
