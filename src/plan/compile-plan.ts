// Compiles a loaded project into a plan: parses the models with the warehouse's parser in one
// batch, runs the pure compiler (sql/), then builds the content-addressed objects bottom-up so
// each compiled model's CID links the CIDs of what it reads (a Merkle DAG).
//
// With a compile cache, a model whose text, path and config are unchanged and whose inputs still
// resolve to the same names is not parsed or analyzed: the compiler takes its cached inputs and
// columns as given. Whether the columns it was compiled against are still the ones its upstream
// produces is only known after the upstream compiled, so any cached model whose upstream changed
// columns (or failed) is dropped from reuse and the compile runs again with it parsed; this
// repeats until nothing more is dropped. The result is the one a cold compile gives, same CIDs.
import { encodeObject, type EncodedObject } from '../codec/encode-object.js';
import { DagCborEncoder } from '../codec/encode-dag-cbor.js';
import { decodeObject } from '../codec/decode-object.js';
import type { Diagnostic } from '../objects/diagnostic.js';
import { link, type Cid } from '../objects/ids.js';
import type { Column, CompiledModelObject, ModelSourceObject, PlanObject, SourceSchemaObject } from '../objects/types.js';
import type { ModelDecl, Project } from '../project/types.js';
import { compileModels, readParseTree, type ReadTree } from '../sql/index.js';
import type { BinderAnswer, CompileModelsResult, SqlModelInput, SqlSourceInput } from '../sql/types.js';
import type { CacheEntry, CompileCache } from './compile-cache.js';
import { columnsFingerprint } from './columns-fingerprint.js';
import { resolveSourceColumns } from './resolve-source-columns.js';
import { sortDiagnostics } from './sort-diagnostics.js';
import type { CompileDeps, CompiledEntry, CompiledPlan, SourceEntry } from './types.js';

export async function compilePlan(project: Project, deps: CompileDeps, loadDiagnostics: readonly Diagnostic[] = [], cache: CompileCache | null = null): Promise<CompiledPlan> {
  const diags: Diagnostic[] = [...loadDiagnostics];
  const objects: EncodedObject[] = [];
  const encoder = new DagCborEncoder();
  const put = (obj: Parameters<typeof encodeObject>[0]): Cid => {
    const enc = encodeObject(obj, encoder);
    objects.push(enc);
    return enc.cid;
  };

  let t0 = performance.now();
  const lap = (phase: 'sources' | 'parse' | 'compile' | 'objects'): void => {
    const now = performance.now();
    deps.onPhase?.(phase, now - t0);
    t0 = now;
  };
  // DuckDB parses on its own threads: start on the models no cache entry can spare (all of
  // them, cold) and describe and encode the sources meanwhile. Each tree is read into the AST as
  // soon as its batch arrives, while DuckDB parses the next ones; only the AST is kept.
  // Only the cache compares or records configs: a compile without one does not serialize them.
  const configs = new Map(cache ? project.models.map((m) => [m.name, JSON.stringify(m.config)]) : []);
  const textSame = project.models.filter((m) => {
    const e = cache?.get(m.name);
    return e !== undefined && e.text === m.text && e.path === m.path && e.config === configs.get(m.name);
  });
  const textSameNames = new Set(textSame.map((m) => m.name));
  const early = project.models.filter((m) => !textSameNames.has(m.name));
  const reads = new Map<string, ReadTree>();
  const parseInto = async (models: readonly ModelDecl[]): Promise<void> => {
    const trees = await deps.parseSql(models.map((m) => m.text), (i, tree) => reads.set(models[i].name, readParseTree(models[i].name, tree)));
    // A parser that does not call onTree: read them now.
    models.forEach((m, i) => { if (!reads.has(m.name)) reads.set(m.name, readParseTree(m.name, trees[i])); });
  };
  const earlyParse = early.length > 0 ? parseInto(early) : Promise.resolve();
  earlyParse.catch(() => undefined); // awaited below; a failure must not go unhandled meanwhile

  const sources = new Map<string, SourceEntry>();
  const sqlSources: SqlSourceInput[] = [];
  const described = await Promise.all(project.sources.map((s) => resolveSourceColumns(s, deps, diags, project.config.data_roots)));
  project.sources.forEach((decl, i) => {
    const columns = described[i];
    if (columns === null) return;
    const object: SourceSchemaObject = {
      kind: 'source-schema', version: 1, name: decl.name, origin: decl.origin, columns,
      key: decl.key, time_column: decl.time_column,
    };
    // Thousands of declared sources are common: reuse their encoding while their JSON is the same.
    const json = cache ? JSON.stringify(object) : '';
    const cached = cache?.getSource(decl.name);
    let cid: Cid;
    if (cached && cached.json === json) {
      objects.push(lazyObject(cached.cid, () => cached.bytes));
      cid = cached.cid;
    } else {
      const enc = encodeObject(object, encoder);
      objects.push(enc);
      cache?.setSource(decl.name, { json, cid: enc.cid, bytes: enc.bytes });
      cid = enc.cid;
    }
    sources.set(decl.name, { cid, object, decl });
    sqlSources.push({ name: decl.name, file: decl.file, line: decl.line, columns });
  });
  lap('sources');

  const reuse = cache && !loadDiagnostics.some((d) => d.severity === 'error') ? reusable(project, textSame, sources, cache) : new Map<string, CacheEntry>();
  await earlyParse;
  // The parse phase counts the time spent waiting for trees once the sources were done.
  let parseMs = performance.now() - t0;
  let result: CompileModelsResult;
  let fingerprints: Map<string, string>;
  // DuckDB binder's answers for the models whose types the compiler could not vouch for.
  const answers = new Map<string, BinderAnswer>();
  for (;;) {
    const need = project.models.filter((m) => !reuse.has(m.name) && !reads.has(m.name));
    if (need.length > 0) {
      const p0 = performance.now();
      await parseInto(need);
      parseMs += performance.now() - p0;
    }
    // With nothing cached there is exactly one pass, so each AST is handed over once and the
    // compiler can drop it as soon as the model is analyzed (10,000 ASTs alive at once cost RSS).
    const handOver = reuse.size === 0;
    result = compileModels(project.models.map((m): SqlModelInput => {
      const cached = reuse.get(m.name);
      const base = {
        name: m.name, file: m.path, text: m.text, materialization: m.config.materialization,
        classification: Object.fromEntries(Object.entries(m.config.columns).map(([c, spec]) => [c, spec.classification ?? []])),
        tree: null, ...(answers.has(m.name) ? { binder: answers.get(m.name) } : {}),
      };
      if (cached) return { ...base, precompiled: { inputs: cached.inputs, columns: cached.columns } };
      return Object.defineProperty(base, 'read', {
        enumerable: true,
        get: () => {
          const read = reads.get(m.name)!;
          if (handOver) reads.delete(m.name);
          return read;
        },
      }) as SqlModelInput;
    }), sqlSources);
    fingerprints = new Map<string, string>();
    // Only the cache reads them (a compile without one has nothing to check or record).
    if (cache) for (const name of result.order) fingerprints.set(name, reuse.get(name)?.fingerprint ?? columnsFingerprint(result.columns.get(name)!));
    const stale = [...reuse].filter(([name, e]) =>
      !fingerprints.has(name) || e.inputs.some((i) => i.kind === 'model' && fingerprints.get(i.name) !== i.fingerprint));
    if (stale.length === 0) {
      if (result.unsure.length === 0 || !deps.describeModel) break;
      const b0 = performance.now();
      await askBinder(result, project, sources, reuse, answers, deps.describeModel);
      parseMs += performance.now() - b0; // counted with parsing: both are DuckDB's time
      continue;
    }
    for (const [name] of stale) reuse.delete(name);
  }
  reads.clear(); // the ASTs: let them go before the objects are built
  await deps.doneParsing?.();
  deps.onPhase?.('parse', parseMs);
  t0 += parseMs;
  for (const name of reuse.keys()) if (fingerprints.has(name)) diags.push(...reuse.get(name)!.warnings);
  diags.push(...result.diagnostics);
  lap('compile');

  const declByName = new Map(project.models.map((m) => [m.name, m]));
  const models = new Map<string, CompiledEntry>();
  const cidOfInput = (inp: { name: string; kind: 'model' | 'source' }, of: string): Cid => {
    const cid = inp.kind === 'model' ? models.get(inp.name)?.cid : sources.get(inp.name)?.cid;
    if (!cid) throw new Error(`invariant: input ${inp.name} of ${of} compiled after it`);
    return cid;
  };
  for (const name of result.order) {
    const decl = declByName.get(name)!;
    const cached = reuse.get(name);
    if (cached) {
      const cids = cached.inputs.map((i) => cidOfInput(i, name));
      if (cids.every((c, k) => c === cached.inputs[k].cid)) {
        objects.push(lazyObject(cached.sourceCid, () => cached.sourceBytes), lazyObject(cached.compiledCid, () => cached.compiledBytes));
        models.set(name, lazyEntry(cached));
        continue;
      }
      // Same analysis, but an upstream object changed (its SQL, say): relink and re-encode.
      const old = decodeObject(cached.compiledBytes, cached.compiledCid) as CompiledModelObject;
      const object: CompiledModelObject = { ...old, inputs: old.inputs.map((inp, k) => ({ ...inp, ref: link(cids[k]) })) };
      objects.push(lazyObject(cached.sourceCid, () => cached.sourceBytes));
      const enc = encodeObject(object, encoder);
      objects.push(enc);
      models.set(name, { cid: enc.cid, object, columns: object.columns, upstream: object.inputs.map((i) => i.name) });
      cache?.set(name, { ...cached, inputs: cached.inputs.map((i, k) => ({ ...i, cid: cids[k] })), compiledCid: enc.cid, compiledBytes: enc.bytes });
      continue;
    }
    const draft = result.models.get(name)!;
    const sourceObject: ModelSourceObject = { kind: 'model-source', version: 1, name, path: decl.path, sql: decl.text, config: decl.config };
    const source = encodeObject(sourceObject, encoder);
    objects.push(source);
    const inputs = draft.inputs.map((inp) => ({ name: inp.name, kind: inp.kind, ref: link(cidOfInput(inp, name)) }));
    const object: CompiledModelObject = {
      kind: 'compiled-model', version: 1, name, source: link(source.cid),
      materialization: decl.config.materialization, sql: draft.sql, rendered: draft.rendered,
      columns: draft.columns, lineage: draft.lineage, inputs,
      ...(draft.volatile.length > 0 ? { volatile: draft.volatile } : {}),
    };
    const enc = encodeObject(object, encoder);
    objects.push(enc);
    models.set(name, { cid: enc.cid, object, columns: object.columns, upstream: inputs.map((i) => i.name) });
    cache?.set(name, entryFor(decl, configs.get(name)!, object, source, enc, fingerprints,
      result.diagnostics.filter((d) => d.file === decl.path && d.severity !== 'error')));
  }

  const plan: PlanObject = {
    kind: 'plan', version: 1, project: project.config.name,
    models: [...models].map(([name, m]) => ({ name, compiled: link(m.cid) })).sort((a, b) => (a.name < b.name ? -1 : 1)),
    sources: [...sources.values()].map((s) => ({ name: s.object.name, schema: link(s.cid) })).sort((a, b) => (a.name < b.name ? -1 : 1)),
    order: result.order.filter((n) => models.has(n)),
  };
  const planCid = put(plan);
  lap('objects');
  const reused = [...reuse.keys()].filter((n) => models.has(n)).length;
  return { planCid, plan, objects: dedupe(objects), models, sources, diagnostics: sortDiagnostics(diags), reuse: { reused, compiled: models.size - reused } };
}

/** Asks DuckDB's binder about the unsure models none of whose upstream is unsure (their inputs'
 *  columns are final), and records the answers; the caller compiles again with them, which may
 *  leave downstream models unsure in turn. Each round answers at least the first unsure model. */
async function askBinder(result: CompileModelsResult, project: Project, sources: ReadonlyMap<string, SourceEntry>,
  reuse: ReadonlyMap<string, CacheEntry>, answers: Map<string, BinderAnswer>, describe: NonNullable<CompileDeps['describeModel']>): Promise<void> {
  const unsure = new Set(result.unsure);
  const inputsOf = (name: string) => result.models.get(name)?.inputs ?? reuse.get(name)?.inputs ?? [];
  const tainted = new Set<string>();
  for (const name of result.order) {
    if (inputsOf(name).some((i) => i.kind === 'model' && (unsure.has(i.name) || tainted.has(i.name)))) tainted.add(name);
  }
  const textOf = new Map(project.models.map((m) => [m.name, m.text]));
  for (const name of result.order) {
    if (!unsure.has(name) || tainted.has(name)) continue;
    const inputs = inputsOf(name).map((i) => ({
      name: i.name,
      columns: (i.kind === 'model' ? result.columns.get(i.name) : sources.get(i.name)?.object.columns) ?? [],
    }));
    answers.set(name, await describe(textOf.get(name)!, inputs));
  }
}

/** Of the cached models whose text, path and config are unchanged (`textSame`), those whose
 *  inputs still resolve to the same model, or to the same source with the same schema object. */
function reusable(project: Project, textSame: readonly ModelDecl[], sources: ReadonlyMap<string, SourceEntry>, cache: CompileCache): Map<string, CacheEntry> {
  const modelByKey = new Map<string, string>();
  for (const m of project.models) if (!modelByKey.has(m.name.toLowerCase())) modelByKey.set(m.name.toLowerCase(), m.name);
  const sourceByKey = new Map<string, SourceEntry>();
  for (const s of sources.values()) sourceByKey.set(s.object.name.toLowerCase(), s);
  const out = new Map<string, CacheEntry>();
  for (const m of textSame) {
    const e = cache.get(m.name)!;
    const same = e.inputs.every((i) => {
      const key = i.name.toLowerCase();
      const model = modelByKey.get(key);
      if (model !== undefined) return i.kind === 'model' && model === i.name; // models shadow sources
      const source = sourceByKey.get(key);
      return i.kind === 'source' && source !== undefined && source.object.name === i.name && source.cid === i.fingerprint;
    });
    if (same) out.set(m.name, e);
  }
  return out;
}

function entryFor(decl: ModelDecl, config: string, object: CompiledModelObject, source: EncodedObject, compiled: EncodedObject,
  fingerprints: ReadonlyMap<string, string>, warnings: readonly Diagnostic[]): CacheEntry {
  return {
    path: decl.path, text: decl.text, config,
    inputs: object.inputs.map((i) => ({
      name: i.name, kind: i.kind, cid: i.ref['/'],
      fingerprint: i.kind === 'model' ? fingerprints.get(i.name)! : i.ref['/'],
    })),
    columns: object.columns, fingerprint: fingerprints.get(decl.name)!, warnings,
    sourceCid: source.cid, compiledCid: compiled.cid, sourceBytes: source.bytes, compiledBytes: compiled.bytes,
  };
}

/** A cached object whose bytes are read from the cache file only if someone needs them (a plan
 *  being recorded, a run): a compile of a dirty work tree needs only the CIDs. */
function lazyObject(cid: Cid, bytes: () => Uint8Array): EncodedObject {
  return { cid, get bytes() { return bytes(); } };
}

function lazyEntry(e: CacheEntry): CompiledEntry {
  let object: CompiledModelObject | null = null;
  return {
    cid: e.compiledCid,
    columns: e.columns as readonly Column[],
    upstream: e.inputs.map((i) => i.name),
    get object(): CompiledModelObject {
      return (object ??= decodeObject(e.compiledBytes, e.compiledCid) as CompiledModelObject);
    },
  };
}

function dedupe(objects: EncodedObject[]): EncodedObject[] {
  const seen = new Set<string>();
  return objects.filter((o) => (seen.has(o.cid) ? false : (seen.add(o.cid), true)));
}
