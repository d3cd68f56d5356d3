// Compiles a loaded project into a plan: parses every model with the warehouse's parser in one
// batch, runs the pure compiler (sql/), then builds the content-addressed objects bottom-up so
// each compiled model's CID links the CIDs of what it reads (a Merkle DAG).
import { encodeObject, type EncodedObject } from '../codec/encode-object.js';
import { DagCborEncoder } from '../codec/encode-dag-cbor.js';
import type { Diagnostic } from '../objects/diagnostic.js';
import { link, type Cid } from '../objects/ids.js';
import type { CompiledModelObject, ModelSourceObject, PlanObject, SourceSchemaObject } from '../objects/types.js';
import type { Project } from '../project/types.js';
import { compileModels } from '../sql/index.js';
import type { SqlSourceInput } from '../sql/types.js';
import { resolveSourceColumns } from './resolve-source-columns.js';
import type { CompileDeps, CompiledEntry, CompiledPlan, SourceEntry } from './types.js';

export async function compilePlan(project: Project, deps: CompileDeps, loadDiagnostics: readonly Diagnostic[] = []): Promise<CompiledPlan> {
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
  const sources = new Map<string, SourceEntry>();
  const sqlSources: SqlSourceInput[] = [];
  const described = await Promise.all(project.sources.map((s) => resolveSourceColumns(s, deps, diags)));
  project.sources.forEach((decl, i) => {
    const columns = described[i];
    if (columns === null) return;
    const object: SourceSchemaObject = {
      kind: 'source-schema', version: 1, name: decl.name, origin: decl.origin, columns,
      key: decl.key, time_column: decl.time_column,
    };
    sources.set(decl.name, { cid: put(object), object, decl });
    sqlSources.push({ name: decl.name, file: decl.file, line: decl.line, columns });
  });

  lap('sources');
  let trees: string[] | null = project.models.length ? await deps.parseSql(project.models.map((m) => m.text)) : [];
  lap('parse');
  const result = compileModels(
    project.models.map((m, i) => ({
      name: m.name, file: m.path, text: m.text, tree: (trees as string[])[i], materialization: m.config.materialization,
      classification: Object.fromEntries(Object.entries(m.config.columns).map(([c, spec]) => [c, spec.classification ?? []])),
    })),
    sqlSources,
  );
  trees = null; // ~3 KB per model of parse-tree text: let it go before the objects are built
  diags.push(...result.diagnostics);
  lap('compile');

  const declByName = new Map(project.models.map((m) => [m.name, m]));
  const models = new Map<string, CompiledEntry>();
  for (const name of result.order) {
    const draft = result.models.get(name);
    const decl = declByName.get(name);
    if (!draft || !decl) continue;
    const sourceObject: ModelSourceObject = { kind: 'model-source', version: 1, name, path: decl.path, sql: decl.text, config: decl.config };
    const inputs = draft.inputs.map((inp) => {
      const cid = inp.kind === 'model' ? models.get(inp.name)?.cid : sources.get(inp.name)?.cid;
      if (!cid) throw new Error(`invariant: input ${inp.name} of ${name} compiled after it`);
      return { name: inp.name, kind: inp.kind, ref: link(cid) };
    });
    const object: CompiledModelObject = {
      kind: 'compiled-model', version: 1, name, source: link(put(sourceObject)),
      materialization: decl.config.materialization, sql: draft.sql, rendered: draft.rendered,
      columns: draft.columns, lineage: draft.lineage, inputs,
    };
    models.set(name, { cid: put(object), object });
  }

  const plan: PlanObject = {
    kind: 'plan', version: 1, project: project.config.name,
    models: [...models.values()].map((m) => ({ name: m.object.name, compiled: link(m.cid) })).sort((a, b) => (a.name < b.name ? -1 : 1)),
    sources: [...sources.values()].map((s) => ({ name: s.object.name, schema: link(s.cid) })).sort((a, b) => (a.name < b.name ? -1 : 1)),
    order: result.order.filter((n) => models.has(n)),
  };
  const planCid = put(plan);
  lap('objects');
  return { planCid, plan, objects: dedupe(objects), models, sources, diagnostics: diags };
}

function dedupe(objects: EncodedObject[]): EncodedObject[] {
  const seen = new Set<string>();
  return objects.filter((o) => (seen.has(o.cid) ? false : (seen.add(o.cid), true)));
}
